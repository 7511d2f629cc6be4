package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// writer owns the queue of records and the one goroutine that writes them. Recording never waits:
// a full queue drops the record, counts it, and logs (at most every few seconds). While the
// database is down the writer holds its batch and retries with backoff, so an outage shorter
// than what the queue holds loses nothing.
type writer struct {
	s     *Store
	queue chan *record
	// prefix and seq make record ids (see nextID).
	prefix string
	seq    atomic.Uint64
	quit   chan struct{}
	done   chan struct{}
	// deadline, set by close, bounds the final flush.
	deadline atomic.Pointer[time.Time]

	closed    atomic.Bool
	dropped   atomic.Int64
	written   atomic.Int64
	failures  atomic.Int64
	lastDrop  atomic.Int64 // unix nanos of the last drop log line
	closeOnce sync.Once
}

func newWriter(s *Store) *writer {
	buf := make([]byte, 8)
	_, _ = rand.Read(buf)
	return &writer{s: s, queue: make(chan *record, s.opts.QueueSize), quit: make(chan struct{}), done: make(chan struct{}),
		prefix: hex.EncodeToString(buf) + "-"}
}

// RecordQuestion queues a question for writing and returns at once.
func (s *Store) RecordQuestion(q Question) { s.w.enqueue(&record{id: s.w.nextID(), q: &q}) }

// RecordFeedback queues a feedback click for writing and returns at once.
func (s *Store) RecordFeedback(f Feedback) { s.w.enqueue(&record{id: s.w.nextID(), f: &f}) }

// record is a queued question or feedback click with the id that makes its insert idempotent.
type record struct {
	id string
	q  *Question
	f  *Feedback
}

// nextID returns a record id unique across processes: this writer's random prefix and a count.
func (w *writer) nextID() string {
	return w.prefix + strconv.FormatUint(w.seq.Add(1), 36)
}

// Stats are the writer's counters since the store opened.
type Stats struct {
	Written, Dropped, WriteFailures int64
	Queued                          int
}

// WriterStats returns the writer's counters.
func (s *Store) WriterStats() Stats {
	return Stats{Written: s.w.written.Load(), Dropped: s.w.dropped.Load(), WriteFailures: s.w.failures.Load(), Queued: len(s.w.queue)}
}

func (w *writer) enqueue(r *record) {
	if w.closed.Load() {
		w.drop(1, "the store is closed")
		return
	}
	select {
	case w.queue <- r:
	default:
		w.drop(1, "the write queue is full (is the database down or slow?)")
	}
}

// dropLogEvery bounds the drop log lines during an outage.
const dropLogEvery = 5 * time.Second

func (w *writer) drop(n int, why string) {
	total := w.dropped.Add(int64(n))
	if f := w.s.opts.OnDropped; f != nil {
		f(n)
	}
	now := time.Now().UnixNano()
	last := w.lastDrop.Load()
	if now-last >= int64(dropLogEvery) && w.lastDrop.CompareAndSwap(last, now) {
		w.s.log.Error("database records dropped", "why", why, "dropped_total", total, "queue", cap(w.queue), "database", w.s.where())
	}
}

// close stops new records and waits for the queue to be written, until ctx is done; what is left
// then is dropped and counted.
func (w *writer) close(ctx context.Context) {
	w.closeOnce.Do(func() {
		w.closed.Store(true)
		if dl, ok := ctx.Deadline(); ok {
			w.deadline.Store(&dl)
		}
		close(w.quit)
	})
	select {
	case <-w.done:
	case <-ctx.Done():
		<-w.done // the writer gives up at the deadline too
	}
}

func (w *writer) stopping() bool {
	select {
	case <-w.quit:
		return true
	default:
		return false
	}
}

// pastDeadline reports whether the final flush ran out of time.
func (w *writer) pastDeadline() bool {
	dl := w.deadline.Load()
	return dl != nil && time.Now().After(*dl)
}

func (w *writer) run() {
	defer close(w.done)
	batch := make([]*record, 0, w.s.opts.BatchSize)
	for {
		batch = batch[:0]
		select {
		case r := <-w.queue:
			batch = append(batch, r)
		case <-w.quit:
			w.flushRest(batch)
			return
		}
		// Take what else is already waiting: batches grow with the load, and a lone record is
		// written at once.
	fill:
		for len(batch) < cap(batch) {
			select {
			case r := <-w.queue:
				batch = append(batch, r)
			default:
				break fill
			}
		}
		if !w.writeWithRetry(batch) {
			w.flushRest(nil)
			return
		}
	}
}

// flushRest writes everything still queued, within the close deadline.
func (w *writer) flushRest(batch []*record) {
	for {
	fill:
		for len(batch) < w.s.opts.BatchSize {
			select {
			case r := <-w.queue:
				batch = append(batch, r)
			default:
				break fill
			}
		}
		if len(batch) == 0 {
			return
		}
		if !w.writeWithRetry(batch) {
			// Out of time: count what is left.
			n := len(w.queue)
			for range n {
				<-w.queue
			}
			if n > 0 {
				w.drop(n, "the shutdown bound (SHUTDOWN_TIMEOUT) was reached before the queue was written")
			}
			return
		}
		batch = batch[:0]
	}
}

// writeWithRetry writes the batch, retrying with backoff while the database fails. It returns
// false, having counted the batch as dropped, only when the store is closing and its deadline
// passed.
func (w *writer) writeWithRetry(batch []*record) bool {
	backoff := 50 * time.Millisecond
	for attempt := 0; ; attempt++ {
		err := w.writeBatch(batch)
		if err == nil {
			w.written.Add(int64(len(batch)))
			if f := w.s.opts.OnWritten; f != nil {
				f(len(batch))
			}
			if attempt > 0 {
				w.s.log.Info("database writes resumed", "database", w.s.where(), "attempts", attempt+1)
			}
			return true
		}
		w.failures.Add(1)
		if attempt == 0 || attempt%20 == 0 {
			w.s.log.Warn("database write failed; retrying (answers are not affected)", "database", w.s.where(), "records", len(batch), "attempt", attempt+1, "err", err)
		}
		// The database answers but refuses this batch several times over (more than the pooled
		// connections an outage may have broken): write the records one by one, so one bad record
		// cannot block the others forever. Inserts are idempotent (record ids), so a batch that
		// did commit before its connection broke is not kept twice.
		if attempt >= 6 && w.s.ping() == nil {
			w.writeOneByOne(batch)
			return true
		}
		if w.stopping() && w.pastDeadline() {
			w.drop(len(batch), "the shutdown bound (SHUTDOWN_TIMEOUT) was reached while the database was failing")
			return false
		}
		wait := backoff
		if dl := w.deadline.Load(); dl != nil {
			wait = min(wait, max(time.Until(*dl), time.Millisecond))
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-w.quit:
			t.Stop()
			// Closing: keep retrying until the deadline, without waiting out the backoff.
			if w.pastDeadline() {
				w.drop(len(batch), "the shutdown bound (SHUTDOWN_TIMEOUT) was reached while the database was failing")
				return false
			}
			time.Sleep(min(backoff, 50*time.Millisecond))
		}
		backoff = min(backoff*2, 2*time.Second)
	}
}

func (w *writer) writeOneByOne(batch []*record) {
	for _, r := range batch {
		var err error
		// A record is given up only when the database, answering, refuses it three times: pooled
		// connections broken by an outage fail once each before they are replaced.
		for range 3 {
			if err = w.writeBatch([]*record{r}); err == nil {
				break
			}
		}
		if err != nil {
			w.s.log.Error("database refused a record; it is dropped", "database", w.s.where(), "err", err)
			w.drop(1, "the database refused the record")
			continue
		}
		w.written.Add(1)
		if f := w.s.opts.OnWritten; f != nil {
			f(1)
		}
	}
}

func (s *Store) ping() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return s.db.PingContext(ctx)
}

// writeTimeout bounds one batch, so a hung connection is given up and retried.
const writeTimeout = 10 * time.Second

func (w *writer) writeBatch(batch []*record) error {
	s := w.s
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	var qst, fst *sql.Stmt
	for _, r := range batch {
		switch {
		case r.q != nil:
			if qst == nil {
				if qst, err = tx.PrepareContext(ctx, s.q(insertQuestion)); err != nil {
					return err
				}
			}
			if _, err := qst.ExecContext(ctx, append(s.questionArgs(r.q), r.id)...); err != nil {
				return fmt.Errorf("insert question: %w", err)
			}
		case r.f != nil:
			if fst == nil {
				if fst, err = tx.PrepareContext(ctx, s.q(insertFeedback)); err != nil {
					return err
				}
			}
			if _, err := fst.ExecContext(ctx, append(s.feedbackArgs(r.f), r.id)...); err != nil {
				return fmt.Errorf("insert feedback: %w", err)
			}
		default:
			return errors.New("store: empty record")
		}
	}
	return tx.Commit()
}

const insertQuestion = `INSERT INTO questions (ref, at_ms, entry, guild_id, channel_id, user_key, text, normalized, lang,
	outcome, answer, event_ids, citations, knowledge_version, model_phrased, fallback, prompt_tokens, completion_tokens,
	latency_us, error, rec_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (rec_id) DO NOTHING`

const insertFeedback = `INSERT INTO feedback (at_ms, question_ref, message_id, guild_id, channel_id, user_key, helpful,
	event_id, cited, question_text, rec_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (rec_id) DO NOTHING`

func (s *Store) questionArgs(q *Question) []any {
	at := q.At
	if at.IsZero() {
		at = s.now()
	}
	norm := q.Normalized
	if norm == "" {
		norm = Normalize(q.Text)
	}
	return []any{q.Ref, s.ms(at), q.Entry, q.GuildID, q.ChannelID, s.userKey(q.User), q.Text, norm, q.Lang,
		q.Outcome, q.Answer, jsonList(q.EventIDs), jsonList(q.Citations), q.KnowledgeVersion, q.ModelPhrased, q.Fallback,
		q.PromptTokens, q.CompletionTokens, q.Latency.Microseconds(), q.Error}
}

func (s *Store) feedbackArgs(f *Feedback) []any {
	at := f.At
	if at.IsZero() {
		at = s.now()
	}
	return []any{s.ms(at), f.QuestionRef, f.MessageID, f.GuildID, f.ChannelID, s.userKey(f.User), f.Helpful,
		f.EventID, jsonList(f.Cited), f.QuestionText}
}

// jsonList encodes a list as JSON, nil as [].
func jsonList[T any](v []T) string {
	if len(v) == 0 {
		return "[]"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "[]"
	}
	return string(b)
}
