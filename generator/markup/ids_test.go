package markup

import (
	"strconv"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// Copies of a heading's id count on from the last copy, past ids written
// by hand, and each id is given once.
func TestHeadingIDsCountOn(t *testing.T) {
	ids := newHeadingIDs(nil)
	ids.Put([]byte("harga-2"))
	var got []string
	for _, h := range []string{"Harga", "Harga", "Harga", "Harga", "harga 1", "Harga"} {
		got = append(got, string(ids.Generate([]byte(h), ast.KindHeading)))
	}
	want := []string{"harga", "harga-1", "harga-3", "harga-4", "harga-1-1", "harga-5"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ids %q, want %q", got, want)
		}
	}
	seen := map[string]bool{"harga-2": true}
	for _, id := range got {
		seen[id] = true
	}
	for i := 6; i < 20000; i++ {
		id := string(ids.Generate([]byte("Harga"), ast.KindHeading))
		if seen[id] || id != "harga-"+strconv.Itoa(i) {
			t.Fatalf("copy %d is %q", i, id)
		}
		seen[id] = true
	}
}
