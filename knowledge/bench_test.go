package knowledge_test

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/answer"
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

// questionsFor returns the questions the benchmarks ask of a timeline, by kind. For a generated
// timeline they are built from an event in its middle, so every size asks the same kinds.
func questionsFor(s *knowledge.Synth) [][2]string {
	if s == nil {
		return [][2]string{
			{"exact-date", "What did WikiLeaks ask for on 21 October 2016?"},
			{"french", "Qu'a écrit WikiLeaks le 9 novembre 2016 ?"},
			{"month", "What happened in November 2016?"},
			{"range", "What happened between September and October 2016?"},
			{"anchor", "What did WikiLeaks write the day after the election?"},
			{"topic", "What did Roger Stone tweet?"},
			{"first", "What was the first message WikiLeaks sent?"},
			{"off-topic", "How many followers does Trump Jr. have on Twitter?"},
			{"typo", "wat did wikileaks say on dec 16"},
		}
	}
	var e knowledge.SynthEvent
	for _, c := range s.Events[len(s.Events)/2:] {
		if c.Prec == "day" && !c.Context {
			e = c
			break
		}
	}
	day := e.Day.Format("2 January 2006")
	first := strings.Fields(e.Actor)[0]
	return [][2]string{
		{"exact-date", "What did " + e.Actor + " do on " + day + "?"},
		{"french", "Qu'a fait " + e.Actor + " le " + strconv.Itoa(e.Day.Day()) + " " + frMonth[e.Day.Month()] + " " + strconv.Itoa(e.Day.Year()) + " ?"},
		{"month", "What happened in " + e.Day.Format("January 2006") + "?"},
		{"range", "What happened between " + e.Day.Format("January 2006") + " and " + e.Day.AddDate(0, 2, 0).Format("January 2006") + "?"},
		{"anchor", "What happened the day after the founding?"},
		{"topic", "Why did " + e.Actor + " say the " + e.Object + " " + "would be settled?"},
		{"first", "What was the first message " + first + " sent?"},
		{"off-topic", "How many followers does the mayor have on Twitter?"},
		{"typo", "what did " + strings.ToLower(e.Actor) + "x say about the " + e.Object + "s"},
		{"year-less", "What happened on " + e.Day.Format("January 2") + "?"},
		{"decades", "What happened between 1960 and 1990?"},
	}
}

var frMonth = [...]string{"", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// BenchmarkQuestion answers one question (parse, retrieve, compose) on the seed timeline and on
// generated timelines of 1,000 and 100,000 events, for each kind of question.
func BenchmarkQuestion(b *testing.B) {
	for _, size := range []int{0, 1000, 100000} {
		var tl *knowledge.Timeline
		var s *knowledge.Synth
		name := "seed"
		if size == 0 {
			var err error
			if tl, err = knowledge.Default(); err != nil {
				b.Fatal(err)
			}
		} else {
			s = synth(size)
			tl = loadSynth(b, s)
			name = sizeName(size)
		}
		for _, q := range questionsFor(s) {
			b.Run(name+"/"+q[0], func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					answer.Compose(answer.Retrieve(tl, answer.Question{Text: q[1]}))
				}
			})
		}
	}
}
