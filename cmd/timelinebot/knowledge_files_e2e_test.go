package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/fakediscord"
	"github.com/timelinebot/timelinebot/internal/testdb"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Attacks and faults of issue 10 on the file side, against the whole program: KNOWLEDGE_FILE naming
// a device or a FIFO made `check`, `ask` and `serve` grow memory without bound (/dev/zero) or hang
// for good (a FIFO). Each now fails at once, naming the file and what it is.
func TestCommandsRefuseAKnowledgeFileThatIsNotARegularFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "knowledge.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	fake := fakediscord.New(t, fakediscord.Options{})
	serveEnv := []string{"DISCORD_TOKEN=" + fake.Token(), "DISCORD_API_URL=" + fake.APIURL(), "LOG_FORMAT=json",
		"DATABASE_URL=" + testdb.SQLiteURL(t)}
	for _, file := range []struct{ path, what string }{{"/dev/zero", "a device"}, {fifo, "a named pipe"}} {
		for _, args := range [][]string{{"check"}, {"ask", "what happened?"}, {"serve"}} {
			t.Run(args[0]+" "+file.path, func(t *testing.T) {
				env := []string{"KNOWLEDGE_FILE=" + file.path}
				if args[0] == "serve" {
					env = append(env, serveEnv...)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer cancel()
				logs := &syncBuffer{}
				err := run(ctx, args, env, logs, logs)
				if ctx.Err() != nil {
					t.Fatalf("still running after 20 s:\n%s", logs.String())
				}
				if !errors.Is(err, knowledge.ErrNotRegular) || !strings.Contains(err.Error(), file.path+" is "+file.what) {
					t.Fatalf("error %v, want one saying %s is %s", err, file.path, file.what)
				}
			})
		}
	}
}
