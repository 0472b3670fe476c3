package storage

import "fmt"

// Savepoint and RollbackTo let several messages share one transaction
// (bot.BatchTx). They run as plain statements rather than through gorm's
// SavePoint, which records its error on the transaction's *gorm.DB (failing
// every later statement) and, for SQLite, drops the error altogether.
// Both databases spell them the same way.

func (t *tx) Savepoint(name string) error {
	if err := t.db.Exec("SAVEPOINT " + name).Error; err != nil {
		return fmt.Errorf("savepoint %s: %w", name, err)
	}
	return nil
}

func (t *tx) RollbackTo(name string) error {
	if err := t.db.Exec("ROLLBACK TO SAVEPOINT " + name).Error; err != nil {
		return fmt.Errorf("roll back to savepoint %s: %w", name, err)
	}
	return nil
}
