package knowledge

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const budgetHeader = "format: 1\ntitle: t\nsource:\n  text: the bridge opened\n  title: s\n  language: en\n  attribution: a\n"

// blockEvents returns n block-style events, enough to be decoded in pieces when n >= splitMinItems.
func blockEvents(n int) string {
	return strings.Repeat("  - id: e\n    date: '2016'\n    title: x\n    summary: y\n    passages: [the bridge opened]\n", n)
}

// Documents whose values are so short that yaml.v3 would take 60 to 130 times their size (10 MB of
// flow-style events took 1 GB) are refused before they are decoded, on every path: the whole-file
// decode, the rest of a split file, and a piece of one, through the fast decoder or yaml.v3. Memory
// stays a small multiple of the file's size.
func TestNodeBudgetRefusesExplosiveFiles(t *testing.T) {
	const size = 4 << 20
	dense := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	tests := []struct{ name, data string }{
		{"flow keys without values", budgetHeader + "events: [{" + dense("a, ") + "b}]\n"},
		{"a JSON event with a huge list", `{"format": 1, "title": "t", "events": [{"id": "e", "actors": [` + dense(`"a",`) + `"a"]}]}`},
		{"a dense anchors list beside split events", budgetHeader + "anchors: [" + dense("a, ") + "a]\nevents:\n" + blockEvents(2*splitMinItems)},
		{"an event with a huge one-line list (fast decoder)", budgetHeader + "events:\n" + blockEvents(2*splitMinItems) +
			"  - id: big\n    date: '2016'\n    title: x\n    summary: y\n    actors: [" + dense("a, ") + "a]\n    passages: [the bridge opened]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			runtime.GC()
			base, stop := heapObjects(), watchHeap()
			_, err := Parse("big.yaml", data, nil)
			grew := stop() - base
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("error %v, want one problem", err)
			}
			if msg := ve.Lines()[0]; !strings.HasPrefix(msg, "big.yaml:1:1: the file may hold up to ") || !strings.Contains(msg, "one item per event") {
				t.Errorf("message %q should give the budget and the fix", msg)
			}
			// Refused before decoding: the file's bytes and a copy of its rest, no nodes.
			if !raceEnabled && grew > 4*uint64(len(data)) {
				t.Errorf("the heap grew by %d MB for a %d MB file", grew>>20, len(data)>>20)
			}
		})
	}
}

// Flow-style and JSON files of many short items are read in pieces, like block lists, rather than
// whole (where 10 MB of them took 1 GB): the heap grows by a few times the file's size, and the
// problems of a million wrong items are listed up to maxProblems.
func TestFlowStyleFilesAreReadInPieces(t *testing.T) {
	size := 4 << 20
	if raceEnabled {
		size = 256 << 10 // the heap is not checked under the race detector
	}
	dense := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	tests := []struct{ name, data string }{
		{"flow-style events", budgetHeader + "events: [" + dense("{id: e, date: '2016'}, ") + "{id: e}]\n"},
		{"JSON", `{"format": 1, "title": "t", "events": [` + dense(`{"id":"e","date":"2016"},`) + `{"id":"e"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			if _, ok := splitFlowEvents(data, splitMinItems); !ok {
				t.Fatal("not split")
			}
			runtime.GC()
			base, stop := heapObjects(), watchHeap()
			_, err := Parse("big.yaml", data, nil)
			grew := stop() - base
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != maxProblems+1 {
				t.Fatalf("error %v, want %d problems listed", err, maxProblems+1)
			}
			// The file, the rest of it (as long), a few pieces' nodes and the garbage of the others
			// not collected yet: about 10 times the file measured, against 100 read whole.
			if !raceEnabled && grew > 16*uint64(len(data)) {
				t.Errorf("the heap grew by %d MB for a %d MB file", grew>>20, len(data)>>20)
			}
		})
	}
}

// A file of a million wrong items is decoded in pieces (each within its budget) but would make a
// million messages: problems are listed up to maxProblems, and the rest counted.
func TestProblemsAreCapped(t *testing.T) {
	items := 1 << 20
	if raceEnabled {
		items = 1 << 15 // the heap is not checked under the race detector; the cap still is
	}
	data := []byte(budgetHeader + "events:\n" + strings.Repeat("- a\n", items))
	runtime.GC()
	base := heapObjects()
	_, err := Parse("big.yaml", data, nil)
	runtime.GC()
	kept := int64(heapObjects()) - int64(base) // the error, and what else the load left
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v, want a validation error", err)
	}
	if len(ve.Problems) != maxProblems+1 {
		t.Fatalf("%d problems listed, want %d", len(ve.Problems), maxProblems+1)
	}
	last := ve.Lines()[maxProblems]
	if want := fmt.Sprintf("and %d more problems not listed; fix these first", items-maxProblems); !strings.HasSuffix(last, want) {
		t.Errorf("last line %q, want …%q", last, want)
	}
	if !raceEnabled && kept > 1<<20 {
		t.Errorf("the load left %d KB on the heap", kept>>10)
	}
	runtime.KeepAlive(err)
}

// A file the fast decoder cannot take, in flow or JSON style, still loads when its values are of an
// ordinary size, and the memory its decode takes stays within the budget (budgetFactor times its
// size). This also checks the cost model (nodeCost, bytesCost) against yaml.v3 on short values and
// long ones: a model below what yaml.v3 really takes would let files through that exceed the bound.
func TestNodeBudgetBoundsMemory(t *testing.T) {
	// 10,000 events make 4.7 MB of JSON, past the size from which the factor, not the floor, applies.
	events := 10000
	if raceEnabled {
		events = 1000
	}
	s := GenerateSynth(events, 7)
	var doc yaml.Node
	if err := yaml.Unmarshal(s.YAML, &doc); err != nil {
		t.Fatal(err)
	}
	js := toJSON(nil, doc.Content[0])
	src := s.Source
	s = nil
	cases := []struct {
		name string
		data []byte
	}{
		{"JSON knowledge file", js},
		{"short values, under the floor", []byte("[" + strings.Repeat("a, ", 200000) + "a]")},
		{"short values", []byte("[" + strings.Repeat("{id: a, d: b}, ", 40000) + "{}]")},
		{"long values", []byte("- \"" + strings.Repeat("word, and other words: yes. ", 100000) + "\"\n")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !raceEnabled {
				// The model must bound what yaml.v3 takes, measured.
				runtime.GC()
				base, stop := heapObjects(), watchHeap()
				var n yaml.Node
				if err := yaml.Unmarshal(c.data, &n); err != nil {
					t.Fatal(err)
				}
				peak := stop() - base
				runtime.GC()
				kept := int64(heapObjects()) - int64(base)
				runtime.KeepAlive(&n)
				// What yaml.v3 keeps is within the model; its peak, which also holds garbage the
				// collector has not reached yet, within twice the model.
				model := uint64(memoryFor(maxNodes(c.data), len(c.data)))
				if kept > int64(model) || peak > 2*model {
					t.Errorf("yaml.v3 kept %d KB and peaked at %d KB; the cost model allows %d KB", kept>>10, peak>>10, model>>10)
				}
			}
			if c.name != "JSON knowledge file" {
				return
			}
			runtime.GC()
			base, stop := heapObjects(), watchHeap()
			tl, err := Parse("synth.json", c.data, func(string) ([]byte, error) { return src, nil })
			grew := stop() - base
			if err != nil {
				t.Fatal(err)
			}
			if len(tl.Events) != events {
				t.Fatalf("%d events, want %d", len(tl.Events), events)
			}
			t.Logf("%d MB of JSON: the heap grew by %d MB (%.1f times)", len(c.data)>>20, grew>>20, float64(grew)/float64(len(c.data)))
			if !raceEnabled && grew > budgetFactor*uint64(len(c.data)) {
				t.Errorf("the heap grew by %d MB for %d MB of JSON, more than %d times", grew>>20, len(c.data)>>20, budgetFactor)
			}
		})
	}
}

// The bound is never fooled by text that looks quoted, commented or literal to a simple scanner
// and is not to yaml.v3: indicators count wherever they are.
func TestMaxNodesIsAnUpperBound(t *testing.T) {
	docs := []string{
		"a", "[a]", "[[[[a]]]]", "[a, b, c]", "{a, b, c}", "{a: b, c: d}", "{? a, ? b}", "[a: b, c: d]",
		`{"a":1,"b":[2,3]}`, "a:\nb:\nc:\n", "- - - a\n", "- a: b\n  c: d\n", "? a\n: b\n",
		"x: 'don't\n  [a, b, c]'\n", "x: \"#\" [a, b]\n", "t: |\n  - a\n  b: c\ne: [a, a]\n", "a: &x [a, a]\nb: *x\n",
		"[" + strings.Repeat("a,", 100) + "a]", "k: v # [a, b, c]\n",
	}
	for _, d := range docs {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(d), &n); err != nil {
			continue
		}
		count := 0
		walk(&n, func(*yaml.Node) { count++ })
		if bound := maxNodes([]byte(d)); count > bound {
			t.Errorf("%q: %d nodes, bound %d", d, count, bound)
		}
	}
}
