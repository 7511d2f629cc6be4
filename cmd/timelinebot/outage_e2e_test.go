package main

import (
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/internal/testdb"
)

// tcpProxy stands between the bot and PostgreSQL, so a test can take the database away and give
// it back: down closes the listener and every connection (what the bot sees when the server is
// killed: refused connections, broken ones), up listens again on the same address. Stopping the
// shared test server itself would break the other packages' tests running at the same time.
type tcpProxy struct {
	target, addr string
	mu           sync.Mutex
	ln           net.Listener
	conns        map[net.Conn]struct{}
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	t.Helper()
	p := &tcpProxy{target: target, conns: map[net.Conn]struct{}{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = ln.Addr().String()
	p.serve(ln)
	t.Cleanup(p.down)
	return p
}

func (p *tcpProxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.pipe(c)
		}
	}()
}

func (p *tcpProxy) pipe(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	if p.ln == nil {
		p.mu.Unlock()
		c.Close()
		s.Close()
		return
	}
	p.conns[c], p.conns[s] = struct{}{}, struct{}{}
	p.mu.Unlock()
	go func() { _, _ = io.Copy(s, c); s.Close() }()
	_, _ = io.Copy(c, s)
	c.Close()
}

func (p *tcpProxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
	}
	p.conns = map[net.Conn]struct{}{}
}

func (p *tcpProxy) up(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatalf("listen again on %s: %v", p.addr, err)
	}
	p.serve(ln)
}

// metric scrapes one series from the bot's /metrics.
func metricOf(t *testing.T, s *served, series string) float64 {
	t.Helper()
	m := listeningRe.FindStringSubmatch(s.logs.String())
	if m == nil {
		t.Fatal("serve has no HTTP listener")
	}
	_, body := httpGet(t, "http://"+m[1]+"/metrics")
	v, err := strconv.ParseFloat(metricValue(body, series), 64)
	if err != nil {
		t.Fatalf("%s: %v", series, err)
	}
	return v
}

// Killing PostgreSQL while questions flow: every question is still answered at once; the bot
// recovers when the database returns; what it could not keep is counted, and nothing is lost
// when the outage is shorter than the queue.
func TestADatabaseOutageNeverStopsAnswersAndIsCaughtUp(t *testing.T) {
	for _, tc := range []struct {
		name  string
		queue int
		lossy bool
	}{
		{"outage shorter than the queue", 10000, false},
		{"outage longer than the queue", 5, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			direct := testdb.PostgresURL(t)
			u, _ := url.Parse(direct)
			proxy := newTCPProxy(t, u.Host)
			u.Host = proxy.addr
			s := serve(t, fakediscord.Options{}, "DATABASE_URL="+u.String(), "HTTP_ADDR=127.0.0.1:0",
				"DATABASE_QUEUE="+strconv.Itoa(tc.queue), "SHUTDOWN_TIMEOUT=5s")
			asked := 0
			ask := func() {
				t.Helper()
				asked++
				user := fakediscord.User{ID: fmt.Sprintf("99999999999%07d", asked), Username: "u"}
				start := time.Now()
				cb := s.ask(t, "What happened on 2016-10-14?", func(sp *fakediscord.InteractionSpec) { *sp = sp.By(user) })
				if cb.Type != 4 || cb.Message == nil || len(cb.Message.Embeds) == 0 {
					t.Fatalf("question %d not answered: %+v", asked, cb)
				}
				// The database costs a question at most the shared rate limit's 250 ms; the rest of
				// this bound is for a loaded test machine.
				if d := time.Since(start); d > 2*time.Second {
					t.Errorf("question %d took %v", asked, d)
				}
			}
			for range 5 {
				ask()
			}
			proxy.down()
			for range 30 {
				ask()
			}
			time.Sleep(300 * time.Millisecond) // the outage's length past the last question, not a wait for a condition
			proxy.up(t)

			db, err := sql.Open("pgx", direct)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var rows int
			for deadline := time.Now().Add(20 * time.Second); ; {
				_ = db.QueryRow(`SELECT COUNT(*) FROM questions`).Scan(&rows)
				dropped := metricOf(t, s, "timelinebot_store_dropped_total")
				queued := metricOf(t, s, "timelinebot_store_queued")
				if queued == 0 && rows+int(dropped) == asked {
					t.Logf("%d questions: %d kept, %d dropped (queue of %d)", asked, rows, int(dropped), tc.queue)
					if tc.lossy != (dropped > 0) {
						t.Errorf("dropped %v with a queue of %d", dropped, tc.queue)
					}
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("not caught up: %d rows, %v dropped, %v queued, %d asked", rows, dropped, queued, asked)
				}
				time.Sleep(50 * time.Millisecond)
			}
			// Recovered: a question after the outage is kept too.
			ask()
			for deadline := time.Now().Add(10 * time.Second); ; {
				var n int
				_ = db.QueryRow(`SELECT COUNT(*) FROM questions`).Scan(&n)
				if n == rows+1 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("a question after the outage was not kept (%d rows, want %d)", n, rows+1)
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
}

// SIGTERM flushes the queue within SHUTDOWN_TIMEOUT: questions queued while the database was down
// are written when it is back by the time serve stops; when it is still down, serve still stops
// within the bound and says how many records it dropped.
func TestShutdownFlushesTheQueueWithinTheBound(t *testing.T) {
	for _, tc := range []struct {
		name      string
		backFirst bool
	}{
		{"database back before the stop", true},
		{"database still down at the stop", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			direct := testdb.PostgresURL(t)
			u, _ := url.Parse(direct)
			proxy := newTCPProxy(t, u.Host)
			u.Host = proxy.addr
			s := serve(t, fakediscord.Options{}, "DATABASE_URL="+u.String(), "SHUTDOWN_TIMEOUT=2s")
			proxy.down()
			for i := range 10 {
				user := fakediscord.User{ID: fmt.Sprintf("98989898989%07d", i), Username: "u"}
				cb := s.ask(t, "What happened on 2016-10-14?", func(sp *fakediscord.InteractionSpec) { *sp = sp.By(user) })
				if cb.Message == nil || len(cb.Message.Embeds) == 0 {
					t.Fatalf("question %d not answered while the database is down", i)
				}
			}
			if tc.backFirst {
				proxy.up(t)
			}
			start := time.Now()
			stopServed(t, s)
			took := time.Since(start)
			db, err := sql.Open("pgx", direct)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var rows int
			if err := db.QueryRow(`SELECT COUNT(*) FROM questions`).Scan(&rows); err != nil {
				t.Fatal(err)
			}
			closed := databaseClosedRe.FindStringSubmatch(s.logs.String())
			if closed == nil {
				t.Fatalf("no database closed line:\n%s", s.logs.String())
			}
			dropped, _ := strconv.Atoi(closed[1])
			t.Logf("stopped in %v: %d rows, %d dropped", took.Round(time.Millisecond), rows, dropped)
			if tc.backFirst && (rows != 10 || dropped != 0) {
				t.Errorf("%d of 10 questions kept, %d dropped; want all kept", rows, dropped)
			}
			if !tc.backFirst && (rows != 0 || dropped != 10) {
				t.Errorf("%d kept, %d dropped; want the 10 counted as dropped", rows, dropped)
			}
			// In-flight answers (none here) and the flush each have SHUTDOWN_TIMEOUT, plus the
			// gateway's own second to close.
			if took > 6*time.Second {
				t.Errorf("serve took %v to stop with SHUTDOWN_TIMEOUT=2s", took)
			}
		})
	}
}

var databaseClosedRe = regexp.MustCompile(`"msg":"database closed".*"dropped_total":(\d+)`)
