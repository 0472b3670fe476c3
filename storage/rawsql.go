package storage

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// Raw SQL on the transaction's connection, in both dialects: the hot paths
// (hot.go) run it instead of gorm's.

// query is one statement in both placeholder styles: "?" for SQLite, "$n"
// for PostgreSQL (pgx takes only $n).
type query struct{ lite, pg string }

func newQuery(q string) query {
	q = strings.Join(strings.Fields(q), " ")
	return query{lite: q, pg: dollars(q)}
}

// dollars numbers the "?" placeholders of q as $1, $2, ... The statements
// here have no "?" inside string literals.
func dollars(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// placeholders writes n rows of cols "?" each, as a VALUES list: "(?, ?), (?, ?)".
func placeholders(q *strings.Builder, n, cols int) {
	row := "(" + strings.Repeat("?, ", cols-1) + "?)"
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(row)
	}
}

func (t *tx) postgres() bool { return t.db.Dialector.Name() == "postgres" }

func (t *tx) text(q query) string {
	if t.postgres() {
		return q.pg
	}
	return q.lite
}

// conn is the transaction's connection (a *sql.Tx inside Store.Do) and its context.
func (t *tx) conn() (gorm.ConnPool, context.Context) {
	ctx := t.db.Statement.Context
	if ctx == nil {
		ctx = context.Background()
	}
	return t.db.Statement.ConnPool, ctx
}

// queryRows and exec run a statement on the transaction's connection; a
// failure of the database itself comes back marked (see fault), as it does
// through gorm, and so does one while reading the rows (rows.Err).
func (t *tx) queryRows(q query, args ...any) (*sql.Rows, error) {
	c, ctx := t.conn()
	rows, err := c.QueryContext(ctx, t.text(q), args...)
	return rows, fault(err)
}

func (t *tx) exec(q query, args ...any) (sql.Result, error) {
	c, ctx := t.conn()
	res, err := c.ExecContext(ctx, t.text(q), args...)
	return res, fault(err)
}
