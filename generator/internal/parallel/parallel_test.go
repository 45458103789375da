package parallel

import (
	"errors"
	"strings"
	"testing"
)

func TestParallelKeepsOrderAndSurvivesPanics(t *testing.T) {
	err := Do(5, func(i int) error {
		switch i {
		case 1:
			return errors.New("one")
		case 3:
			panic("three")
		}
		return nil
	})
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "one\n") || !strings.Contains(msg, "internal error (please report it): three") {
		t.Errorf("errors out of order or panic lost:\n%s", msg)
	}
}
