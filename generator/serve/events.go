package serve

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// The events a page's reload client gets, as Server-Sent Events:
//
//	hello   on connecting: {version}; a page from another build reloads
//	reload  HTML changed: {version, pages}; a page among pages (output
//	        paths such as "id/a/index.html"; all pages when absent) reloads,
//	        keeping its scroll position
//	css     only stylesheets changed: {version, swap: [{old, new}]}; the page
//	        points its <link rel=stylesheet> at the new URLs, no reload
//	error   the build failed: {html}, the overlay to show over the page
//
// Data is one line of JSON.
type event struct {
	Name string
	Data any
}

type versionData struct {
	Version string `json:"version"`
}

type reloadData struct {
	Version string   `json:"version"`
	Pages   []string `json:"pages,omitempty"`
}

type cssData struct {
	Version string    `json:"version"`
	Swap    []cssSwap `json:"swap"`
}

type cssSwap struct {
	Old string `json:"old"`
	New string `json:"new"`
}

type errorData struct {
	HTML string `json:"html"`
}

// heartbeat keeps idle streams open through proxies and lets the server
// notice a client that went away.
const heartbeat = 15 * time.Second

// A broker hands each event to every connected stream.
type broker struct {
	mu     sync.Mutex
	subs   map[chan event]struct{}
	closed bool
	done   chan struct{} // closed on shutdown: every stream ends
}

func newBroker() *broker {
	return &broker{subs: map[chan event]struct{}{}, done: make(chan struct{})}
}

// subscribe returns a stream's channel and the function that ends it.
func (b *broker) subscribe() (chan event, func()) {
	ch := make(chan event, 16)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		close(ch)
		return ch, func() {}
	}
	b.subs[ch] = struct{}{}
	return ch, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if _, ok := b.subs[ch]; ok {
			delete(b.subs, ch)
			close(ch)
		}
	}
}

// publish never waits for a client. A stream too slow to take an event is
// closed instead; its page reconnects and the hello event tells it whether
// it missed a build.
func (b *broker) publish(e event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- e:
		default:
			delete(b.subs, ch)
			close(ch)
		}
	}
}

// streams counts the open streams.
func (b *broker) streams() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// close ends every stream, so that http.Server.Shutdown does not wait on
// connections that never go idle.
func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	close(b.done)
	for ch := range b.subs {
		delete(b.subs, ch)
		close(ch)
	}
}

// serveEvents streams events to one page until the page goes away or the
// server stops. It subscribes before reading the snapshot for hello, so no
// build can fall between the two unseen.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	ch, cancel := s.events.subscribe()
	defer cancel()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	rc := http.NewResponseController(w)
	snap := s.current.Load()
	first := []event{{"hello", versionData{snap.version}}}
	if snap.overlay != nil {
		first = append(first, event{"error", errorData{string(snap.overlay)}})
	}
	if _, err := io.WriteString(w, "retry: 1000\n\n"); err != nil {
		return
	}
	for _, e := range first {
		if writeEvent(w, e) != nil {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.events.done:
			return
		case <-tick.C:
			_, err = io.WriteString(w, ": ping\n\n")
		case e, ok := <-ch:
			if !ok {
				return
			}
			err = writeEvent(w, e)
		}
		if err != nil || rc.Flush() != nil {
			return
		}
	}
}

func writeEvent(w io.Writer, e event) error {
	data, err := json.Marshal(e.Data)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Name, data)
	return err
}
