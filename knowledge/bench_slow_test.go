package knowledge

import (
	"encoding/json"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// BenchmarkLoadSlowPath loads files the fast decoder cannot take, read whole by yaml.v3: a
// generated timeline written in JSON (flow style), and files of short flow-style values, which
// yaml.v3 reads at 60 to 130 times their size and which are now refused before decoding. It
// reports the bytes allocated per load (alloc-MB/op), the largest growth of the heap during a load
// (peak-heap-MB) and that growth over the file's size (peak-x-size).
func BenchmarkLoadSlowPath(b *testing.B) {
	s := GenerateSynth(20000, 7)
	var doc yaml.Node
	if err := yaml.Unmarshal(s.YAML, &doc); err != nil {
		b.Fatal(err)
	}
	src := s.Source
	files := []struct {
		name string
		data []byte
	}{
		{"json-20k-events", toJSON(nil, doc.Content[0])},
		{"flow-short-values-10MB", []byte("format: 1\ntitle: t\nevents: [" + strings.Repeat("{id: e, date: '2016'}, ", 10<<20/23) + "{id: e}]\n")},
	}
	doc, s = yaml.Node{}, nil
	read := func(string) ([]byte, error) { return src, nil }
	for _, f := range files {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(len(f.data)))
			var peak, alloc uint64
			for b.Loop() {
				b.StopTimer()
				runtime.GC()
				b.StartTimer()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				base, stop := heapObjects(), watchHeap()
				_, _ = Parse(f.name, f.data, read)
				peak = max(peak, stop()-base)
				runtime.ReadMemStats(&after)
				alloc += after.TotalAlloc - before.TotalAlloc
			}
			b.ReportMetric(float64(alloc)/float64(b.N)/(1<<20), "alloc-MB/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak)/float64(len(f.data)), "peak-x-size")
		})
	}
}

// toJSON appends the YAML node n written as JSON to b: integers as numbers, other scalars as
// strings (so dates stay as they are written).
func toJSON(b []byte, n *yaml.Node) []byte {
	switch n.Kind {
	case yaml.MappingNode:
		b = append(b, '{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b = append(b, ',')
			}
			b = toJSON(b, n.Content[i])
			b = append(b, ':')
			b = toJSON(b, n.Content[i+1])
		}
		return append(b, '}')
	case yaml.SequenceNode:
		b = append(b, '[')
		for i, c := range n.Content {
			if i > 0 {
				b = append(b, ',')
			}
			b = toJSON(b, c)
		}
		return append(b, ']')
	}
	if n.Tag == "!!int" {
		return append(b, n.Value...)
	}
	v, _ := json.Marshal(n.Value)
	return append(b, v...)
}

// heapObjects returns the bytes of live and not yet swept heap objects.
func heapObjects() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// watchHeap samples the heap every millisecond until the returned function is called, which
// returns the largest value seen.
func watchHeap() func() uint64 {
	done := make(chan struct{})
	res := make(chan uint64)
	go func() {
		peak := heapObjects()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				res <- max(peak, heapObjects())
				return
			case <-t.C:
				peak = max(peak, heapObjects())
			}
		}
	}()
	return func() uint64 { close(done); return <-res }
}
