package reload

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/knowledge"
)

// Edits of the seed knowledge file used across the tests.
const (
	taxID       = "2016-10-21-tax-returns"
	taxOld      = "WikiLeaks writes to Trump Jr. and asks whether the campaign would let it leak"
	taxNew      = "WikiLeaks messages Trump Jr. privately and asks whether the campaign would let it leak"
	taxDateLine = 123 // line of "date: 2016-10-21" in the seed
	taxQuestion = "21 October 2016"
)

// seedDir writes the embedded knowledge into a fresh folder and returns the knowledge file's path
// and content.
func seedDir(t testing.TB) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	if _, err := knowledge.WriteDefault(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, knowledge.DefaultFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

// edit returns data with old replaced by new, failing when old is not there exactly once.
func edit(t testing.TB, data []byte, old, new string) []byte {
	t.Helper()
	if n := bytes.Count(data, []byte(old)); n != 1 {
		t.Fatalf("edit: %q occurs %d times, want 1", old, n)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

// summaryEdit changes the summary of the 21 October 2016 event.
func summaryEdit(t testing.TB, data []byte) []byte { return edit(t, data, taxOld, taxNew) }

// invalidEdit gives the 21 October 2016 event an impossible date, at line taxDateLine.
func invalidEdit(t testing.TB, data []byte) []byte {
	return edit(t, data, "date: 2016-10-21\n", "date: 2016-10-32\n")
}

// addedEvent is a valid event appended to the seed by tests that add one.
const addedEvent = `
  - id: 2016-10-21-second-message
    date: 2016-10-21
    title: A second message the same day
    summary: A test event quoting the same passage as the tax-returns entry.
    passages:
      - "21 octobre 2016: WikiLeaks écrit à Trump Jr. et demande les déclarations d'impôts de Trump."
`

// newManager loads the knowledge file at path into a store and returns a manager for it, with its
// audit log captured.
func newManager(t testing.TB, path string) (*Manager, *knowledge.Store, *logCapture) {
	t.Helper()
	tl, err := knowledge.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	store := knowledge.NewStore(tl)
	logs := &logCapture{}
	m := New(store, path, slog.New(logs), nil)
	return m, store, logs
}

// logCapture is a slog.Handler keeping every record, for assertions on audit lines.
type logCapture struct {
	mu      sync.Mutex
	records []logRecord
	notify  chan struct{}
}

type logRecord struct {
	Level   slog.Level
	Message string
	Attrs   map[string]any
}

func (l *logCapture) Enabled(context.Context, slog.Level) bool { return true }

func (l *logCapture) Handle(_ context.Context, r slog.Record) error {
	rec := logRecord{Level: r.Level, Message: r.Message, Attrs: map[string]any{}}
	r.Attrs(func(a slog.Attr) bool {
		rec.Attrs[a.Key] = a.Value.Resolve().Any()
		return true
	})
	l.mu.Lock()
	l.records = append(l.records, rec)
	if l.notify == nil {
		l.notify = make(chan struct{})
	}
	close(l.notify)
	l.notify = make(chan struct{})
	l.mu.Unlock()
	return nil
}

func (l *logCapture) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logCapture) WithGroup(string) slog.Handler      { return l }

// messages returns the records with the given message.
func (l *logCapture) messages(msg string) []logRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []logRecord
	for _, r := range l.records {
		if r.Message == msg {
			out = append(out, r)
		}
	}
	return out
}

// audits returns the "knowledge reload" audit lines.
func (l *logCapture) audits() []logRecord { return l.messages("knowledge reload") }

// wait waits until pred holds over the records, failing the test after timeout.
func (l *logCapture) wait(t testing.TB, timeout time.Duration, what string, pred func(l *logCapture) bool) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		l.mu.Lock()
		if l.notify == nil {
			l.notify = make(chan struct{})
		}
		ch := l.notify
		l.mu.Unlock()
		if pred(l) {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("timed out after %v waiting for %s; log:\n%s", timeout, what, l.dump())
		}
	}
}

func (l *logCapture) dump() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	for _, r := range l.records {
		keys := make([]string, 0, len(r.Attrs))
		for k := range r.Attrs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		fmt.Fprintf(&b, "  %s %q", r.Level, r.Message)
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%v", k, r.Attrs[k])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// checkAudit checks that the last audit line has the given trigger and result.
func checkAudit(t testing.TB, l *logCapture, n int, trigger, result string) logRecord {
	t.Helper()
	a := l.audits()
	if len(a) != n {
		t.Fatalf("%d audit lines, want %d:\n%s", len(a), n, l.dump())
	}
	last := a[len(a)-1]
	if last.Attrs["trigger"] != trigger || last.Attrs["result"] != result {
		t.Fatalf("audit line trigger=%v result=%v, want %s %s:\n%s", last.Attrs["trigger"], last.Attrs["result"], trigger, result, l.dump())
	}
	return last
}

// dirEntries lists a folder's file names, sorted.
func dirEntries(t testing.TB, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// synthKnowledge generates a valid knowledge file of n events and its source text: one source
// paragraph per event, each event quoting its paragraph. variant changes the summary of the middle
// event, so two variants differ in exactly one event.
func synthKnowledge(n, variant int) (yaml, source []byte) {
	names := []string{"Alice", "Bruno", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas"}
	verbs := []string{"wrote to", "called", "met", "warned", "thanked", "visited", "briefed", "advised"}
	things := []string{"bridge", "harbour", "railway", "budget", "treaty", "museum", "archive", "canal"}
	var src, y bytes.Buffer
	y.Grow(n * 260)
	src.Grow(n * 90)
	y.WriteString("format: 1\ntitle: Synthetic chronology\nsource:\n  path: source.txt\n  title: Synthetic source\n  language: en\n  attribution: Generated for tests\nevents:\n")
	start := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		day := start.AddDate(0, 0, i*27000/max(n, 1))
		a, b := names[i%len(names)], names[(i*7+3)%len(names)]
		sentence := fmt.Sprintf("On %s, %s %s %s about the %s number %d.", day.Format("2 January 2006"), a, verbs[i%len(verbs)], b, things[(i/3)%len(things)], i)
		fmt.Fprintf(&src, "%s\n\n", sentence)
		summary := fmt.Sprintf("%s %s %s about the %s.", a, verbs[i%len(verbs)], b, things[(i/3)%len(things)])
		if i == n/2 {
			summary += fmt.Sprintf(" Variant %d.", variant)
		}
		fmt.Fprintf(&y, "  - id: ev-%07d\n    date: %s\n    title: %q\n    actors: [%s, %s]\n    summary: %q\n    passages:\n      - %q\n",
			i, day.Format("2006-01-02"), fmt.Sprintf("%s and %s, %s %d", a, b, things[(i/3)%len(things)], i), a, b, summary, sentence)
	}
	return y.Bytes(), src.Bytes()
}

// writeSynth writes a generated knowledge file and its source into a fresh folder.
func writeSynth(t testing.TB, n, variant int) (path string, yaml []byte) {
	t.Helper()
	dir := t.TempDir()
	y, src := synthKnowledge(n, variant)
	if err := os.WriteFile(filepath.Join(dir, "source.txt"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "knowledge.yaml")
	if err := os.WriteFile(path, y, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, y
}
