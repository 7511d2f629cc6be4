package inflight

import (
	"context"
	"runtime"
	"testing"
	"time"
)

func TestShutdownWaitsForWorkInFlightThenTurnsWorkAway(t *testing.T) {
	g := New()
	started, release, finished := make(chan struct{}), make(chan struct{}), make(chan bool, 1)
	go g.Run(func(ctx context.Context) {
		close(started)
		<-release
		finished <- ctx.Err() == nil
	})
	<-started
	shut := make(chan struct{})
	go func() { g.Shutdown(time.Minute, nil); close(shut) }()
	// Shutdown may not return while the work runs; once the group is closing, new work is refused.
	for g.Run(func(context.Context) {}) {
		runtime.Gosched() // Shutdown has not started closing yet
	}
	select {
	case <-shut:
		t.Fatal("Shutdown returned with work in flight")
	default:
	}
	close(release)
	<-shut
	if !<-finished {
		t.Error("the work's context was cancelled before the bound")
	}
}

func TestTheBoundCancelsWorkThatRunsTooLong(t *testing.T) {
	g := New()
	started := make(chan struct{})
	go g.Run(func(ctx context.Context) {
		close(started)
		<-ctx.Done()
	})
	<-started
	bound := false
	begin := time.Now()
	g.Shutdown(20*time.Millisecond, func() { bound = true })
	if !bound {
		t.Error("onBound was not called")
	}
	if d := time.Since(begin); d < 20*time.Millisecond {
		t.Errorf("Shutdown returned after %v, before the bound", d)
	}
}
