package fileerr

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestPosition(t *testing.T) {
	cause := errors.New("bad")
	tests := []struct {
		err  *Error
		want string
	}{
		{New("a.md", 0, 0, cause), "a.md: bad"},
		{New("a.md", 3, 0, cause), "a.md:3: bad"},
		{New("a.md", 3, 7, cause), "a.md:3:7: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, cause) {
			t.Errorf("%v does not unwrap to its cause", tt.err)
		}
	}
}

// Flatten finds every problem in the tree a build returns: joined, wrapped
// by phase, and plain errors alike, in order.
func TestFlatten(t *testing.T) {
	a, b, c := Errorf("a.md", 1, 0, "one"), Errorf("b.md", 2, 0, "two"), errors.New("three")
	tree := fmt.Errorf("load: %w", errors.Join(a, fmt.Errorf("data: %w", errors.Join(b, c))))
	got := Flatten(tree)
	if len(got) != 3 || got[0] != a || got[1] != b || got[2].Error() != "three" {
		t.Fatalf("Flatten = %v", got)
	}
	if all := All(tree); len(all) != 2 || all[0] != a || all[1] != b {
		t.Errorf("All = %v", all)
	}
	if Flatten(nil) != nil {
		t.Error("Flatten(nil) is not empty")
	}
}

func TestSorted(t *testing.T) {
	err := errors.Join(
		Errorf("b.md", 2, 1, "late"),
		fmt.Errorf("load: %w", Errorf("a.md", 9, 0, "nine")),
		errors.New("no file"),
		Errorf("a.md", 3, 5, "three five"),
		Errorf("a.md", 3, 2, "three two"),
		Errorf("b.md", 2, 1, "late"),
	)
	var got []string
	for _, e := range Flatten(Sorted(err)) {
		got = append(got, e.Error())
	}
	want := []string{"no file", "a.md:3:2: three two", "a.md:3:5: three five", "a.md:9: nine", "b.md:2:1: late"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Sorted:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if Sorted(nil) != nil {
		t.Error("Sorted(nil) is not nil")
	}
}
