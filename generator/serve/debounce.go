package serve

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fsnotify/fsnotify"
)

// A batch is what changed during one burst of saves.
type batch struct {
	paths map[string]bool // site paths
	all   bool            // events were lost: rebuild everything
	upTo  uint64          // the watcher's count of changes, its last one included
}

func (b *batch) empty() bool { return len(b.paths) == 0 && !b.all }

func (b *batch) add(paths ...string) {
	if b.paths == nil {
		b.paths = map[string]bool{}
	}
	for _, p := range paths {
		b.paths[p] = true
	}
}

// timing of a burst: it ends after quiet without events, or maxWait after
// its first event, so that a tool that writes without pause (a sync
// client, a log file in content/) still gets its rebuilds.
type timing struct {
	quiet   time.Duration
	maxWait time.Duration
}

// run turns the watcher's events into batches on out, one per burst. While
// the receiver is busy (a build runs) events gather into the next batch, so
// a save during a build costs one more build, not one per event.
func (w *watcher) run(ctx context.Context, t timing, out chan<- batch) {
	var (
		pending batch
		first   time.Time // when the pending burst began
		timer   = time.NewTimer(time.Hour)
		ready   bool // the burst is over; hand it on
	)
	timer.Stop()
	defer timer.Stop()
	wait := func() {
		now := time.Now()
		if pending.empty() {
			first = now
		}
		ready = false
		timer.Reset(max(0, min(t.quiet, first.Add(t.maxWait).Sub(now))))
	}
	for {
		var send chan<- batch
		if ready {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if paths := w.changed(ev); len(paths) > 0 {
				wait()
				pending.add(paths...)
				pending.upTo = w.saves.Add(1)
			}
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(w.log, "watch: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				wait()
				pending.all = true
				pending.upTo = w.saves.Add(1)
			}
		case <-timer.C:
			ready = !pending.empty()
		case send <- pending:
			pending, ready = batch{}, false
		}
	}
}
