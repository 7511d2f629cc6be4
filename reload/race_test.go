package reload

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/knowledge"
)

// TestQuestionsDuringReloads answers thousands of questions while reloads alternate between two
// valid timelines that differ in one event's summary, by upload and from disk. Every answer must
// come whole from one of the two versions: its Version one of theirs, and the answer (text,
// citations, alternatives) exactly what that version alone gives. Run it with -race.
func TestQuestionsDuringReloads(t *testing.T) {
	path, orig := seedDir(t)
	variants := [][]byte{orig, summaryEdit(t, orig)}
	questions := []string{
		taxQuestion,
		"21 octobre 2016",
		"2016-10-21",
		"October 2016",
		"novembre 2016",
		"Assange ambassador",
		"Trump Tower",
		"what happened in 2017?",
	}

	// What each version answers, computed on its own.
	expected := map[string]map[string]answer.Answer{}
	for _, v := range variants {
		tl, err := knowledge.Parse(UploadName, v, func(rel string) ([]byte, error) {
			return os.ReadFile(filepath.Join(filepath.Dir(path), rel))
		})
		if err != nil {
			t.Fatal(err)
		}
		store := knowledge.NewStore(tl)
		answers := map[string]answer.Answer{}
		for _, q := range questions {
			answers[q] = ask(t, store, q)
		}
		expected[tl.Version] = answers
	}
	if len(expected) != 2 {
		t.Fatal("the two variants should have different versions")
	}
	versions := make([]string, 0, 2)
	for v := range expected {
		versions = append(versions, v)
	}
	if reflect.DeepEqual(expected[versions[0]][taxQuestion].Text, expected[versions[1]][taxQuestion].Text) {
		t.Fatal("the variants should answer the tax question differently")
	}

	m, store, logs := newManager(t, path)
	engine := answer.NewEngine(store)

	const askers, perAsker, minReloads = 4, 750, 12
	var reloads, failed, mixed atomic.Int64
	seen := map[string]*atomic.Int64{versions[0]: {}, versions[1]: {}}
	stop := make(chan struct{})
	var reloader sync.WaitGroup
	reloader.Go(func() {
		ctx := context.Background()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			next := variants[(i+1)%2]
			var err error
			if i%2 == 0 {
				_, err = m.Reload(ctx, "upload", next)
			} else {
				if err = os.WriteFile(path, next, 0o644); err == nil {
					_, err = m.Reload(ctx, "sighup", nil)
				}
			}
			if err != nil {
				t.Errorf("reload %d: %v", i, err)
				return
			}
			reloads.Add(1)
		}
	})

	var wg sync.WaitGroup
	for g := range askers {
		wg.Go(func() {
			for i := 0; i < perAsker || reloads.Load() < minReloads; i++ {
				if i > 50*perAsker {
					return // the reloader is stuck; reported below
				}
				q := questions[(g+i)%len(questions)]
				a, err := engine.Answer(context.Background(), answer.Question{Text: q, Lang: "en"})
				if err != nil {
					failed.Add(1)
					continue
				}
				want, ok := expected[a.Version]
				if !ok || !reflect.DeepEqual(a, want[q]) {
					if mixed.Add(1) == 1 {
						t.Errorf("answer to %q from version %q matches neither version whole:\n%+v", q, a.Version, a)
					}
					continue
				}
				seen[a.Version].Add(1)
			}
		})
	}
	wg.Wait()
	close(stop)
	reloader.Wait()

	total := seen[versions[0]].Load() + seen[versions[1]].Load() + failed.Load() + mixed.Load()
	t.Logf("%d questions answered during %d reloads: %d from %s, %d from %s", total, reloads.Load(),
		seen[versions[0]].Load(), versions[0], seen[versions[1]].Load(), versions[1])
	if failed.Load() != 0 || mixed.Load() != 0 {
		t.Errorf("%d failed and %d mixed answers, want none", failed.Load(), mixed.Load())
	}
	if total < askers*perAsker || reloads.Load() < minReloads {
		t.Errorf("only %d questions during %d reloads", total, reloads.Load())
	}
	if seen[versions[0]].Load() == 0 || seen[versions[1]].Load() == 0 {
		t.Error("questions should have been answered from both versions")
	}
	if n := int64(len(logs.audits())); n != reloads.Load() {
		t.Errorf("%d audit lines for %d reloads", n, reloads.Load())
	}
}
