// Package inflight runs work that a graceful shutdown waits for: once the shutdown starts new work
// is turned away, and work still running when its bound expires has its context cancelled. It
// knows nothing of what the work is.
package inflight

import (
	"context"
	"sync"
	"time"
)

// Group is work in flight. Its zero value is not usable; see New.
type Group struct {
	// mu orders wg.Add before Shutdown's Wait: work either registers before the group starts
	// closing, or is turned away.
	mu      sync.Mutex
	wg      sync.WaitGroup
	closing bool
	// ctx is the context work runs in: it outlives the signal that stops the program, so work in
	// flight can finish, and is cancelled when the shutdown bound expires.
	ctx    context.Context
	cancel context.CancelFunc
}

// New returns an empty group.
func New() *Group {
	g := &Group{}
	g.ctx, g.cancel = context.WithCancel(context.Background())
	return g
}

// Run runs f, counted as in flight, and reports true; once the group is closing it reports false
// without running f.
func (g *Group) Run(f func(ctx context.Context)) bool {
	g.mu.Lock()
	if g.closing {
		g.mu.Unlock()
		return false
	}
	g.wg.Add(1)
	g.mu.Unlock()
	defer g.wg.Done()
	f(g.ctx)
	return true
}

// Shutdown turns new work away and waits for the work in flight, at most bound; past it, it calls
// onBound (when not nil), cancels the work's context and waits for the work to return.
func (g *Group) Shutdown(bound time.Duration, onBound func()) {
	g.mu.Lock()
	g.closing = true
	g.mu.Unlock()
	done := make(chan struct{})
	go func() { g.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(bound):
		if onBound != nil {
			onBound()
		}
		g.cancel()
		<-done
	}
	g.cancel()
}
