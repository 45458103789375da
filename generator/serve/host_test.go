package serve

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAllowedHost(t *testing.T) {
	for _, c := range []struct {
		host, listen string
		want         bool
	}{
		{"localhost", "", true},
		{"localhost:1414", "", true},
		{"LOCALHOST:1414", "", true},
		{"localhost.:1414", "", true},
		{"app.localhost:1414", "", true},
		{"127.0.0.1", "", true},
		{"127.0.0.1:1414", "", true},
		{"[::1]", "", true},
		{"[::1]:1414", "", true},
		{"192.168.1.20:1414", "0.0.0.0", true},
		{"mybox.lan:1414", "mybox.lan", true},
		{"MyBox.lan", "mybox.lan", true},
		{"", "", false},
		{"evil.example", "", false},
		{"evil.example:1414", "", false},
		{"localhost.evil.example", "", false},
		{"evillocalhost", "", false},
		{"127.0.0.1.nip.io:1414", "", false},
		{"mybox.lan:1414", "", false},
		{"mybox.lan:1414", "127.0.0.1", false},
		{"[evil.example]:1414", "", false},
	} {
		if got := allowedHost(c.host, c.listen); got != c.want {
			t.Errorf("Host %q (listening on %q): allowed %v, want %v", c.host, c.listen, got, c.want)
		}
	}
}

// A page of another site whose name was made to point at this machine
// (DNS rebinding) reads nothing: not the pages, the client or the stream.
func TestForeignHostIsRefused(t *testing.T) {
	s := start(t, tinySite, Options{})
	port := s.root[strings.LastIndex(s.root, ":")+1:]
	for _, path := range []string{"/kursus/id/a/", "/kursus/", clientPath, eventsPath, "/nope"} {
		for _, host := range []string{"evil.example", "evil.example:" + port, "localhost.evil.example:" + port} {
			status, body := s.getAs(host, path)
			if status != http.StatusForbidden || strings.Contains(body, "Teks pertama") {
				t.Errorf("GET %s with Host %s: %d %q, want 403", path, host, status, body)
			}
		}
	}
	for _, host := range []string{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "localhost"} {
		if status, body := s.getAs(host, "/kursus/id/a/"); status != http.StatusOK || !strings.Contains(body, "Teks pertama") {
			t.Errorf("GET with Host %s: %d", host, status)
		}
	}
}

// getAs requests path with the given Host header and returns the status and
// at most the first bytes of the body (the event stream never ends).
func (s *testServer) getAs(host, path string) (int, string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", s.root+path, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK && path == eventsPath {
		return resp.StatusCode, ""
	}
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}
