package bot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// built is one Button the bot's source builds: where, and the fixed start
// of its Data (what precedes the first value only known at run time).
type built struct {
	pos   string
	fixed string
}

// TestEveryButtonIsRouted walks the bot's source (this package and the
// packages under it) for every Button literal and checks that its data is
// one of the taps in routes.go, and that every tap listed is built somewhere.
func TestEveryButtonIsRouted(t *testing.T) {
	buttons := mustButtons(t)
	if len(buttons) < 15 {
		t.Fatalf("found %d buttons in the source, want the 15 or more the bot builds", len(buttons))
	}
	used := map[string]bool{}
	for _, bt := range buttons {
		var match *tap
		for _, tp := range taps() {
			if f := tapFixed(tp.data); f != "" && strings.HasPrefix(bt.fixed, f) && (match == nil || len(f) > len(tapFixed(match.data))) {
				match = &tp
			}
		}
		if match == nil {
			t.Errorf("%s: a button with data %q is not among the taps in routes.go", bt.pos, bt.fixed)
			continue
		}
		used[match.data] = true
	}
	for _, tp := range taps() {
		if !used[tp.data] {
			t.Errorf("tap %q is in routes.go but no button builds it", tp.data)
		}
	}
}

// Each tap is answered by the command routes.go names for it.
func TestTapsNameTheirCommand(t *testing.T) {
	b := &Bot{}
	names := map[string]bool{}
	for _, c := range b.commands() {
		names[c.name] = true
	}
	for _, tp := range taps() {
		name, _ := splitCommand(tp.data)
		if name != tp.command || !names[name] {
			t.Errorf("tap %q: command %q, routes.go says %q; in the table: %v", tp.data, name, tp.command, names[name])
		}
		if tp.from == "" {
			t.Errorf("tap %q: say which reply shows it", tp.data)
		}
	}
}

// Every question the bot leaves pending is answered through pendingAnswers.
func TestEveryPendingIsRouted(t *testing.T) {
	fset := token.NewFileSet()
	pkgs := mustParse(t, fset)
	n := 0
	for _, files := range pkgs {
		consts := stringConsts(files)
		for _, f := range files {
			ast.Inspect(f, func(x ast.Node) bool {
				as, ok := x.(*ast.AssignStmt)
				if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
					return true
				}
				sel, ok := as.Lhs[0].(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Pending" {
					return true
				}
				if _, restore := as.Rhs[0].(*ast.StarExpr); restore {
					return true // puts back the question asked before (scheduled.go)
				}
				v, ok := fixedPart(as.Rhs[0], consts, nil)
				if !ok {
					t.Errorf("%s: cannot read what Pending is set to", fset.Position(as.Pos()))
					return true
				}
				if v == "" {
					return true // no question
				}
				n++
				routed := false
				for _, p := range pendingAnswers() {
					routed = routed || strings.HasPrefix(v, p.prefix)
				}
				if !routed {
					t.Errorf("%s: Pending %q has no entry in pendingAnswers", fset.Position(as.Pos()), v)
				}
				return true
			})
		}
	}
	if n < 2 {
		t.Errorf("found %d questions set pending, want the check-in's and /forget's", n)
	}
}

// tapFixed is a tap's data up to its first variable part (a word in capitals).
func tapFixed(data string) string {
	w := strings.Fields(data)
	for i, x := range w {
		if isPlaceholder(x) {
			return strings.Join(w[:i], " ") + " "
		}
	}
	return data
}

func isPlaceholder(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters > 0
}

// mustParse parses the non-test Go files of this package and those under it.
func mustParse(t *testing.T, fset *token.FileSet) map[string][]*ast.File {
	t.Helper()
	pkgs := map[string][]*ast.File{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		pkgs[filepath.Dir(path)] = append(pkgs[filepath.Dir(path)], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// mustButtons finds every composite literal with Label and Data fields.
func mustButtons(t *testing.T) []built {
	t.Helper()
	fset := token.NewFileSet()
	var out []built
	for _, files := range mustParse(t, fset) {
		consts := stringConsts(files)
		for _, f := range files {
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				locals := localAssigns(fn)
				ast.Inspect(fn.Body, func(x ast.Node) bool {
					cl, ok := x.(*ast.CompositeLit)
					if !ok {
						return true
					}
					var data ast.Expr
					label := false
					for _, e := range cl.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							if k, ok := kv.Key.(*ast.Ident); ok {
								label = label || k.Name == "Label"
								if k.Name == "Data" {
									data = kv.Value
								}
							}
						}
					}
					if !label || data == nil {
						return true
					}
					pos := fset.Position(cl.Pos()).String()
					v, ok := fixedPart(data, consts, locals)
					if !ok || v == "" {
						t.Errorf("%s: cannot read the fixed start of a button's data", pos)
						return true
					}
					out = append(out, built{pos: pos, fixed: v})
					return true
				})
			}
		}
	}
	return out
}

// stringConsts are a package's string constants.
func stringConsts(files []*ast.File) map[string]ast.Expr {
	out := map[string]ast.Expr{}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, sp := range g.Specs {
				vs := sp.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						out[n.Name] = vs.Values[i]
					}
				}
			}
		}
	}
	return out
}

// localAssigns are a function's variables by name, as first assigned.
func localAssigns(fn *ast.FuncDecl) map[string]ast.Expr {
	out := map[string]ast.Expr{}
	ast.Inspect(fn.Body, func(x ast.Node) bool {
		as, ok := x.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				if _, seen := out[id.Name]; !seen {
					out[id.Name] = as.Rhs[i]
				}
			}
		}
		return true
	})
	return out
}

// fixedPart is the constant start of a string expression: a literal, a
// constant, a concatenation's first operand, fmt.Sprintf's format up to
// its first verb, or a local variable assigned one of these.
func fixedPart(e ast.Expr, consts, locals map[string]ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.Ident:
		if v, ok := consts[x.Name]; ok {
			return fixedPart(v, consts, nil)
		}
		if v, ok := locals[x.Name]; ok {
			return fixedPart(v, consts, nil)
		}
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		l, ok := fixedPart(x.X, consts, locals)
		if !ok {
			return "", false
		}
		if r, ok := fixedPart(x.Y, consts, locals); ok && isWholeLiteral(x.X) {
			return l + r, true
		}
		return l, true
	case *ast.CallExpr:
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" && len(x.Args) > 0 {
			f, ok := fixedPart(x.Args[0], consts, locals)
			if !ok {
				return "", false
			}
			head, _, _ := strings.Cut(f, "%")
			return head, true
		}
	case *ast.ParenExpr:
		return fixedPart(x.X, consts, locals)
	}
	return "", false
}

// isWholeLiteral says e's value is known in full, so what follows it is fixed too.
func isWholeLiteral(e ast.Expr) bool {
	_, ok := e.(*ast.BasicLit)
	return ok
}
