package reload

import (
	"context"
	"log/slog"
	"os"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

// BenchmarkReload measures a whole reload while questions could be served: from disk (read,
// validate, index, diff, swap) and by upload (validate, index, back up, write with fsync, rename,
// diff, swap), for the seed and for a generated 100,000-event file. Each iteration switches between
// two versions differing in one event, so every reload really swaps.
func BenchmarkReload(b *testing.B) {
	type input struct {
		name     string
		path     string
		variants [][]byte
	}
	var inputs []input
	{
		path, orig := seedDir(b)
		inputs = append(inputs, input{"seed", path, [][]byte{orig, summaryEdit(b, orig)}})
	}
	{
		path, y0 := writeSynth(b, 100_000, 0)
		y1, _ := synthKnowledge(100_000, 1)
		inputs = append(inputs, input{"100k-events", path, [][]byte{y0, y1}})
	}
	for _, in := range inputs {
		tl, err := knowledge.LoadFile(in.path)
		if err != nil {
			b.Fatal(err)
		}
		store := knowledge.NewStore(tl)
		m := New(store, in.path, slog.New(slog.DiscardHandler), nil)
		ctx := context.Background()
		served := 0 // index of the variant served
		b.Run(in.name+"/disk", func(b *testing.B) {
			b.SetBytes(int64(len(in.variants[0])))
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				served ^= 1
				if err := os.WriteFile(in.path, in.variants[served], 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				rep, err := m.Reload(ctx, "bench", nil)
				if err != nil || rep.OldVersion == rep.NewVersion {
					b.Fatalf("reload: %v %+v", err, rep)
				}
			}
		})
		b.Run(in.name+"/upload", func(b *testing.B) {
			b.SetBytes(int64(len(in.variants[0])))
			for i := 0; i < b.N; i++ {
				served ^= 1
				rep, err := m.Reload(ctx, "bench", in.variants[served])
				if err != nil || rep.OldVersion == rep.NewVersion {
					b.Fatalf("reload: %v %+v", err, rep)
				}
			}
		})
	}
}

// BenchmarkDiff measures the diff of two 100,000-event timelines differing in one event.
func BenchmarkDiff(b *testing.B) {
	load := func(variant int) *knowledge.Timeline {
		y, src := synthKnowledge(100_000, variant)
		t, err := knowledge.Parse("synth.yaml", y, func(string) ([]byte, error) { return src, nil })
		if err != nil {
			b.Fatal(err)
		}
		return t
	}
	t0, t1 := load(0), load(1)
	b.ResetTimer()
	for b.Loop() {
		_, _, changed := knowledge.Diff(t0, t1)
		if len(changed) != 1 {
			b.Fatalf("changed %q", changed)
		}
	}
}
