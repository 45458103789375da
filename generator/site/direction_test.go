package site

import "testing"

func TestRightToLeft(t *testing.T) {
	for code, want := range map[string]bool{
		"ar": true, "fa": true, "ur": true, "he": true, "ckb": true, "dv": true, "ms-Arab": true, "az-Arab": true,
		"id": false, "en": false, "ms": false, "az": false, "ja": false, "sr-Cyrl": false, "x-nonsense": false, "": false,
	} {
		if got := RightToLeft(code); got != want {
			t.Errorf("RightToLeft(%q) = %v, want %v", code, got, want)
		}
	}
}
