package bot

import (
	"strings"
	"testing"
)

// A custom id reaches the first route whose prefix starts it, so a prefix
// equal to another, or starting it, would silently take the other's
// clicks; the command table and the answer's buttons are declared in
// separate files, so nothing else would notice.
func TestCustomIDPrefixesClaimedOnce(t *testing.T) {
	for what, routes := range map[string][]route{"button": componentRoutes(), "form": modalRoutes()} {
		if len(routes) == 0 {
			t.Fatalf("no %s routes", what)
		}
		for x, a := range routes {
			if a.prefix == "" || a.run == nil {
				t.Errorf("%s route %d: prefix %q, handler set %v", what, x, a.prefix, a.run != nil)
			}
			for y, b := range routes {
				if x != y && strings.HasPrefix(b.prefix, a.prefix) {
					t.Errorf("%s prefix %q also claims %q", what, a.prefix, b.prefix)
				}
			}
		}
	}
}

func TestCommandNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range commandTable {
		name := c.def().Name
		if seen[name] {
			t.Errorf("command %q is in the table twice", name)
		}
		seen[name] = true
		if findCommand(name).def().Name != name {
			t.Errorf("findCommand(%q) finds another", name)
		}
	}
}
