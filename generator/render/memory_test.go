package render

import (
	"errors"
	"testing"
)

// The server gives the stopped layouts' memory back when a page failed
// over limits.memory, which it finds in the error's chain.
func TestMemoryErrorIsErrMemory(t *testing.T) {
	r := &Renderer{}
	if err := r.overLimitError(&overLimit{what: "over", key: "limits.memory"}, Job{URL: "/id/"}, 0); !errors.Is(err, ErrMemory) {
		t.Errorf("%v is not ErrMemory", err)
	}
	if err := r.overLimitError(&overLimit{what: "over", key: "limits.pageTime"}, Job{URL: "/id/"}, 0); errors.Is(err, ErrMemory) {
		t.Errorf("%v is ErrMemory", err)
	}
}
