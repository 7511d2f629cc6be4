package llm

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/eval"
	"github.com/timelinebot/timelinebot/internal/fakeopenai"
	"github.com/timelinebot/timelinebot/knowledge"
)

const testKey = "sk-test-0123456789abcdefSECRET"

// logBuffer is a goroutine-safe log sink.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type fixture struct {
	a    *Answerer
	srv  *fakeopenai.Server
	logs *logBuffer
	tl   *knowledge.Timeline
	kb   *knowledge.Store
}

// newFixture returns an Answerer talking to a fresh fake server with the real go-openai client.
func newFixture(t testing.TB, mod func(*Options)) *fixture {
	t.Helper()
	srv := fakeopenai.NewTest(t)
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	kb := knowledge.NewStore(tl)
	opts := Options{
		BaseURL: srv.BaseURL(), APIKey: testKey, Model: "fake-model",
		Timeout: 5 * time.Second, MaxTokens: 400, Temperature: 0.2,
		HistoryTTL: 10 * time.Minute, HistoryTurns: 4,
		RetryBackoff: 5 * time.Millisecond, HTTPClient: srv.Client(),
	}
	if mod != nil {
		mod(&opts)
	}
	logs := &logBuffer{}
	a := New(opts, kb, nil, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	return &fixture{a: a, srv: srv, logs: logs, tl: tl, kb: kb}
}

// devQuestions reads ../shared/eval/questions.json beside the repository, or skips.
func devQuestions(t testing.TB) *eval.File {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("go.mod not found")
		}
		dir = parent
	}
	path := filepath.Join(dir, "..", "shared", "eval", "questions.json")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("dev questions absent (%s)", path)
	}
	f, err := eval.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
