// Package browsertest starts headless Chromium and a static server for
// tests. A test on a machine without Chromium is skipped with a message
// saying so; under CI (CI=true), where .ci/run installs Chromium, it fails
// instead, so a broken install cannot pass as green.
package browsertest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"lentera/generator/internal/browser"
)

// Start starts headless Chromium for the test and stops it when the test
// ends.
func Start(t testing.TB, opts browser.Options) *browser.Browser {
	t.Helper()
	b, err := browser.Start(context.Background(), opts)
	if errors.Is(err, browser.ErrNotFound) {
		Missing(t, err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Log(err)
		}
	})
	return b
}

// Serve serves dir for the test and stops serving when the test ends.
func Serve(t testing.TB, dir string, opts ...browser.ServeOption) *browser.Server {
	t.Helper()
	s, err := browser.Serve(dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Missing skips the test because a tool it needs is not installed, or
// fails it under CI.
func Missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s (CI must install it: see .ci/run)", why)
	}
	t.Skipf("skipped: %s", why)
}

// AxeScript is axe-core's axe.min.js, for accessibility checks inside a
// page: $AXE_CORE_JS, else the copy `npm install -g axe-core` puts in npm's
// global folder. axe-core is not part of this repository.
func AxeScript(t testing.TB) string {
	t.Helper()
	file := os.Getenv("AXE_CORE_JS")
	if file == "" {
		if root, err := exec.Command("npm", "root", "-g").Output(); err == nil {
			file = filepath.Join(strings.TrimSpace(string(root)), "axe-core", "axe.min.js")
		}
	}
	src, err := os.ReadFile(file)
	if err != nil {
		Missing(t, "axe-core not found: npm install -g axe-core, or set AXE_CORE_JS to its axe.min.js")
	}
	return string(src)
}
