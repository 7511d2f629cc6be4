package knowledge_test

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/knowledge"
)

var synthCache sync.Map // n -> *knowledge.Synth

// synth returns the generated timeline of n events, generating it once per test binary.
func synth(n int) *knowledge.Synth {
	if s, ok := synthCache.Load(n); ok {
		return s.(*knowledge.Synth)
	}
	s := knowledge.GenerateSynth(n, 42)
	synthCache.Store(n, s)
	return s
}

// loadSynth parses a generated file with its source.
func loadSynth(tb testing.TB, s *knowledge.Synth) *knowledge.Timeline {
	tb.Helper()
	t, err := knowledge.Parse("synth.yaml", s.YAML, func(string) ([]byte, error) { return s.Source, nil })
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func sizeName(n int) string {
	if n%1000 == 0 {
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// BenchmarkLoad reads, parses, validates and indexes generated knowledge files from disk, as
// LoadFile does for KNOWLEDGE_FILE. Besides time it reports the bytes allocated per load (alloc-MB)
// and the largest growth of the live heap during a load over what was live before it
// (peak-heap-MB), which includes the file's bytes and the timeline built, and the size of the
// timeline itself once loaded (timeline-MB).
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(sizeName(n)+"-events", func(b *testing.B) {
			path, size := writeSynth(b, n)
			b.SetBytes(size)
			var peak, alloc, retained uint64
			var keep *knowledge.Timeline
			for b.Loop() {
				b.StopTimer()
				keep = nil
				runtime.GC()
				b.StartTimer()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				base := liveHeap()
				stop := watchPeak()
				t, err := knowledge.LoadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				keep = t
				peak = max(peak, stop()-base)
				runtime.ReadMemStats(&after)
				alloc += after.TotalAlloc - before.TotalAlloc
				b.StopTimer()
				runtime.GC()
				retained = max(retained, liveHeap()-base)
				b.StartTimer()
			}
			runtime.KeepAlive(keep)
			b.ReportMetric(float64(retained)/(1<<20), "timeline-MB")
			b.ReportMetric(float64(alloc)/float64(b.N)/(1<<20), "alloc-MB/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// writeSynth writes the generated timeline of n events and its source into a temporary folder and
// returns the knowledge file's path and the two files' size. The generated text is not kept in
// memory, so it does not count in the load's heap.
func writeSynth(b *testing.B, n int) (string, int64) {
	b.Helper()
	s := knowledge.GenerateSynth(n, 42)
	dir := b.TempDir()
	path := filepath.Join(dir, "knowledge.yaml")
	if err := os.WriteFile(path, s.YAML, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "source.txt"), s.Source, 0o644); err != nil {
		b.Fatal(err)
	}
	return path, int64(len(s.YAML) + len(s.Source))
}

// liveHeap returns the bytes of live and not yet swept heap objects.
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// watchPeak samples the heap every millisecond until the returned function is called, which
// returns the largest value seen.
func watchPeak() func() uint64 {
	done := make(chan struct{})
	res := make(chan uint64)
	go func() {
		peak := liveHeap()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				res <- max(peak, liveHeap())
				return
			case <-t.C:
				peak = max(peak, liveHeap())
			}
		}
	}()
	return func() uint64 { close(done); return <-res }
}
