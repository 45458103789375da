package serve

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// allowedHost says whether a request's Host header names this server in a
// way no other site can: localhost (and names under .localhost, which
// browsers resolve to the machine itself), an IP address, or the name the
// server was told to listen on. A page from another site that has pointed
// its own name at this machine (DNS rebinding) sends that name, and gets
// 403, on the pages and the reload stream alike.
func allowedHost(hostHeader, listenHost string) bool {
	host := hostHeader
	if h, _, err := net.SplitHostPort(hostHeader); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	switch {
	case host == "":
		return false
	case host == "localhost" || strings.HasSuffix(host, ".localhost"):
		return true
	case listenHost != "" && strings.EqualFold(host, strings.Trim(listenHost, "[]")):
		return true
	}
	// An address cannot be rebound to another machine, so a page that
	// reaches the server by address is on the server's own origin: this
	// keeps --host 0.0.0.0 usable from the phones on the network.
	_, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil
}

// refuseForeignHost answers 403 and reports whether it did.
func (s *Server) refuseForeignHost(w http.ResponseWriter, r *http.Request) bool {
	if allowedHost(r.Host, s.opts.Host) {
		return false
	}
	http.Error(w, "403 forbidden: the preview answers only to localhost, 127.0.0.1 or [::1], and to the address it listens on", http.StatusForbidden)
	return true
}
