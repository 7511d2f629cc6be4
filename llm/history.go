package llm

import (
	"container/list"
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/question"
)

// turn is one question and the answer text shown for it. It never holds passages or citations: a
// follow-up's passages come from its own retrieval, so the model can only cite what was retrieved
// for the question being answered.
type turn struct {
	question string
	// retrieval is the text the question was retrieved with: the question itself, or the previous
	// turn's retrieval text and the question when it was read as a follow-up.
	retrieval string
	answer    string
}

// history keeps short per-conversation histories in memory: at most maxTurns turns each, dropped
// ttl after the conversation's last turn, and at most maxConvs conversations, the least recently
// active evicted first. It is safe for concurrent use.
type history struct {
	ttl      time.Duration
	maxTurns int
	maxConvs int
	now      func() time.Time
	// shared, when set, is where turns are read first and written too; the memory below is then
	// the fallback while it fails.
	shared SharedHistory
	log    *slog.Logger
	warned atomic.Int64  // when the shared history's failure was last logged (unix nanos)
	budget time.Duration // for reads of shared

	mu    sync.Mutex
	convs map[string]*list.Element // of *conversation
	lru   list.List                // front: most recently active
}

type conversation struct {
	key   string
	turns []turn
	last  time.Time
}

func newHistory(ttl time.Duration, maxTurns, maxConvs int, now func() time.Time) *history {
	return &history{ttl: ttl, maxTurns: maxTurns, maxConvs: maxConvs, now: now, convs: map[string]*list.Element{}}
}

func (h *history) enabled(key string) bool {
	return h != nil && key != "" && h.ttl > 0 && h.maxTurns > 0 && h.maxConvs > 0
}

// SharedHistory keeps conversation turns outside the process (a database shared by replicas).
type SharedHistory interface {
	Turns(ctx context.Context, key string, max int, ttl time.Duration) ([]SharedTurn, error)
	AddTurn(ctx context.Context, key string, t SharedTurn, max int) error
	ForgetTurns(ctx context.Context, key string) error
}

// SharedTurn is a turn as a SharedHistory keeps it.
type SharedTurn struct{ Question, Retrieval, Answer string }

// DefaultSharedHistoryBudget bounds a read of the shared history on the answer path when
// Options.SharedHistoryBudget is 0; past it, or on an error, this process's own memory of the
// conversation is used.
const DefaultSharedHistoryBudget = 250 * time.Millisecond

// get returns a copy of the conversation's unexpired turns, oldest first.
func (h *history) get(key string) []turn {
	if !h.enabled(key) {
		return nil
	}
	if h.shared != nil {
		ctx, cancel := context.WithTimeout(context.Background(), h.budget)
		ts, err := h.shared.Turns(ctx, key, h.maxTurns, h.ttl)
		cancel()
		if err == nil {
			out := make([]turn, 0, len(ts))
			for _, t := range ts {
				out = append(out, turn{question: t.Question, retrieval: t.Retrieval, answer: t.Answer})
			}
			return out
		}
		if now := time.Now().UnixNano(); now-h.warned.Load() > int64(10*time.Second) {
			h.warned.Store(now)
			h.log.Warn("shared conversation history unavailable; using this process's memory (logged at most every 10 s)", "err", err)
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.expire()
	el, ok := h.convs[key]
	if !ok {
		return nil
	}
	return append([]turn(nil), el.Value.(*conversation).turns...)
}

// add records a turn, keeping the last maxTurns.
func (h *history) add(key string, t turn) {
	if !h.enabled(key) {
		return
	}
	if h.shared != nil {
		// Written off the answer path: the follow-up it serves comes seconds later.
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := h.shared.AddTurn(ctx, key, SharedTurn{Question: t.question, Retrieval: t.retrieval, Answer: t.answer}, h.maxTurns); err != nil {
				h.log.Warn("conversation turn not kept in the shared history", "err", err)
			}
		}()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.expire()
	now := h.now()
	el, ok := h.convs[key]
	if !ok {
		el = h.lru.PushFront(&conversation{key: key})
		h.convs[key] = el
	}
	c := el.Value.(*conversation)
	c.turns = append(c.turns, t)
	if len(c.turns) > h.maxTurns {
		c.turns = append([]turn(nil), c.turns[len(c.turns)-h.maxTurns:]...)
	}
	c.last = now
	h.lru.MoveToFront(el)
	for len(h.convs) > h.maxConvs {
		h.remove(h.lru.Back())
	}
}

// forget drops a conversation's history.
func (h *history) forget(key string) {
	if h == nil {
		return
	}
	if h.shared != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if err := h.shared.ForgetTurns(ctx, key); err != nil {
			h.log.Warn("conversation not forgotten in the shared history", "err", err)
		}
		cancel()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if el, ok := h.convs[key]; ok {
		h.remove(el)
	}
}

// len is the number of conversations held.
func (h *history) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.expire()
	return len(h.convs)
}

// expire drops conversations idle for ttl or more; the least recently active are at the back.
func (h *history) expire() {
	cutoff := h.now().Add(-h.ttl)
	for el := h.lru.Back(); el != nil; el = h.lru.Back() {
		if el.Value.(*conversation).last.After(cutoff) {
			return
		}
		h.remove(el)
	}
}

func (h *history) remove(el *list.Element) {
	delete(h.convs, el.Value.(*conversation).key)
	h.lru.Remove(el)
}

// Follow-ups. In a conversation with history, a question is retrieved together with the previous
// turn's retrieval text (the previous question, itself possibly combined) when either
//   - on its own it retrieves nothing, or
//   - it names no date and no first/last, and reads as a continuation: it opens with a linking word
//     ("and", "then", "what about", "et", "puis", …) or refers back with a personal pronoun
//     ("he", "she", "they", "il", "elle", …).
//
// The combination is kept only when it retrieves something. The model still receives the question
// as asked, after the previous turns; only retrieval reads the combined text.

var continuations = map[string]bool{
	"and": true, "but": true, "so": true, "then": true, "also": true, "what about": true, "how about": true,
	"et": true, "mais": true, "alors": true, "puis": true, "aussi": true, "ensuite": true, "et alors": true,
}

var pronouns = map[string]bool{
	"he": true, "she": true, "him": true, "her": true, "his": true, "they": true, "them": true, "their": true,
	"il": true, "elle": true, "lui": true, "ils": true, "elles": true, "leur": true, "eux": true,
}

func isContinuation(p question.Parsed) bool {
	if p.Kind != question.NoDate || p.Order != question.AnyOrder {
		return false
	}
	words := textproc.Words(textproc.Fold(p.Text))
	if len(words) == 0 {
		return false
	}
	if continuations[words[0]] || len(words) > 1 && continuations[words[0]+" "+words[1]] {
		return true
	}
	for _, w := range words {
		if pronouns[w] {
			return true
		}
	}
	return false
}

// maxCombined bounds how many questions a chain of follow-ups retrieves with: the first (which
// usually carries the date or subject) and the latest ones.
const maxCombined = 3

func combine(prev, q string) string {
	lines := strings.Split(prev, "\n")
	if len(lines) >= maxCombined {
		lines = append(lines[:1], lines[len(lines)-(maxCombined-2):]...)
	}
	return strings.Join(append(lines, strings.ReplaceAll(q, "\n", " ")), "\n")
}

// retrieve finds the passages for q, reading it as a follow-up of turns when the rule above says so.
// It returns the retrieval and the text retrieval used.
func retrieve(k answer.Knowledge, q answer.Question, turns []turn) (answer.Retrieval, string) {
	t := k.Current()
	r := answer.Retrieve(t, q)
	text := strings.ReplaceAll(q.Text, "\n", " ")
	if len(turns) == 0 || (r.Reason == answer.Found && !isContinuation(r.Parsed)) {
		return r, text
	}
	combined := combine(turns[len(turns)-1].retrieval, q.Text)
	rc := answer.Retrieve(t, answer.Question{Text: combined, Lang: r.Lang, Conversation: q.Conversation})
	if rc.Reason != answer.Found {
		return r, text
	}
	rc.Lang = r.Lang
	return rc, combined
}
