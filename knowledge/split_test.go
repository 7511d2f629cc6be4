package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The split and fast decoders (split.go, fastyaml.go) are optimisations: they must give exactly
// what the whole-document yaml.v3 decode gives. These tests compare them on every file of testdata,
// the seed, generated timelines and hand-written snippets; FuzzLoad and FuzzFastYAML compare them on
// arbitrary input.

// nodeDiff describes the first difference between two node trees as far as the loader reads them
// (kind, value, null or not, line, column, children), or returns "".
func nodeDiff(path string, a, b *yaml.Node) string {
	switch {
	case a == nil || b == nil:
		if a != b {
			return path + ": one node is missing"
		}
		return ""
	case a.Kind != b.Kind:
		return fmt.Sprintf("%s: kind %v vs %v", path, a.Kind, b.Kind)
	case a.Value != b.Value:
		return fmt.Sprintf("%s: value %q vs %q", path, a.Value, b.Value)
	case (a.Tag == "!!null") != (b.Tag == "!!null"):
		return fmt.Sprintf("%s: tag %s vs %s", path, a.Tag, b.Tag)
	case a.Line != b.Line || a.Column != b.Column:
		return fmt.Sprintf("%s (%q): at %d:%d vs %d:%d", path, a.Value, a.Line, a.Column, b.Line, b.Column)
	case len(a.Content) != len(b.Content):
		return fmt.Sprintf("%s: %d children vs %d", path, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := nodeDiff(fmt.Sprintf("%s[%d]", path, i), a.Content[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// compareFast decodes a chunk of event items both ways. It reports whether the fast decoder took
// it, and fails the test when it took it and disagrees with yaml.v3.
func compareFast(t testing.TB, name string, src []byte, line, indent int) bool {
	t.Helper()
	fast, _, err := decodeItemsFast(src, line, indent, nil)
	if err != nil {
		if !errors.Is(err, errUnsupported) {
			t.Fatalf("%s: fast decoder error %v, want errUnsupported", name, err)
		}
		return false
	}
	if len(fast) == 0 {
		return false // blank lines only: never a chunk
	}
	slow, err := decodeChunk(src, chunk{start: 0, end: len(src), line: line, items: len(fast)})
	if err != nil {
		t.Fatalf("%s: the fast decoder read %d items where yaml.v3 fails (%v):\n%s", name, len(fast), err, src)
	}
	for i := range fast {
		if d := nodeDiff(fmt.Sprintf("item[%d]", i), fast[i], slow[i]); d != "" {
			t.Fatalf("%s: fast decoder vs yaml.v3: %s\n%s", name, d, src)
		}
	}
	return true
}

// eventsBlock returns the lines of data's top-level events list, the line number of its first line
// and the indentation of its dashes, using the splitter with no minimum size.
func eventsBlock(data []byte) (block []byte, line, indent int, ok bool) {
	sp, ok := splitEvents(data, 1)
	if !ok {
		return nil, 0, 0, false
	}
	first, last := sp.chunks[0], sp.chunks[len(sp.chunks)-1]
	return data[first.start:last.end], first.line, sp.indent, true
}

func testFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	paths, _ := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	paths = append(paths, filepath.Join("seed", "knowledge.yaml"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[p] = data
	}
	return files
}

func TestFastYAMLMatchesYAMLv3(t *testing.T) {
	for name, data := range testFiles(t) {
		if block, line, indent, ok := eventsBlock(data); ok {
			compareFast(t, name, block, line, indent)
		}
	}
	// The seed and generated timelines are written the usual way: the fast decoder must take them.
	seed, _ := os.ReadFile(filepath.Join("seed", "knowledge.yaml"))
	block, line, indent, _ := eventsBlock(seed)
	if !compareFast(t, "seed", block, line, indent) {
		t.Errorf("the fast decoder does not read the seed's events")
	}
	s := GenerateSynth(2000, 7)
	sp, ok := splitEvents(s.YAML, 1)
	if !ok {
		t.Fatal("generated file not split")
	}
	for i, c := range sp.chunks {
		if !compareFast(t, fmt.Sprintf("synth chunk %d", i), s.YAML[c.start:c.end], c.line, sp.indent) {
			t.Errorf("the fast decoder does not read chunk %d of the generated file", i)
		}
	}

	snippets := []struct {
		yaml string
		fast bool // whether the fast decoder should take it
	}{
		{"- id: a\n  title: plain text, with commas: fine\n", false},
		{"- id: a\n  title: plain text, with commas\n", true},
		{"- id: a\n  date: 2016-10-21 # a comment\n  time: \"18:35\"\n", true},
		{"- id: a\n  summary:\n  passages:\n    - x\n", true},
		{"- id: a\n  summary: ~\n  title: null\n  kind: NULL\n  x: Null\n", true},
		{"- id: a\n  passages:\n  - \"indentless\"\n  - 'single ''quoted'''\n  title: t\n", true},
		{"- id: a\n  actors: [A, \"B, Jr.\", 'C', ~]\n  related: []\n", true},
		{"- id: a\n  actors: [A, B,]\n", false},
		{"- id: a\n  actors: [A,\n    B]\n", false},
		{"- id: a\n  summaries:\n    fr: >-\n      Une ligne\n      et une autre.\n    en: |\n      Line one\n      line two\n", true},
		{"- id: a\n  summary: >\n    folded\n    clip\n\n  title: t\n", true},
		{"- id: a\n  summary: >-\n    para one\n\n    para two\n", false},
		{"- id: a\n  summary: >-\n    base\n      more indented\n", false},
		{"- id: a\n  summary: |+\n    keep\n\n", false},
		{"- id: a\n  summary: |2\n     indicator\n", false},
		{"- id: a\n  summary: \"escapes \\\" \\\\ \\n \\t \\x41 \\u00e9 \\U0001F600 \\_ \\\t tab end\"\n", true},
		{"- id: a\n  summary: \"unknown \\q escape\"\n", false},
		{"- id: a\n  summary: \"YAML 1.2 only \\/ escape\"\n", false},
		{"- id: a\n  summary: \"two\n    lines\"\n", false},
		{"- id: a\n  summary: plain\n    continued\n", false},
		{"- id: a\n  summary: &anchor text\n", false},
		{"- id: a\n  summary: *alias\n", false},
		{"- id: a\n  summary: !!str tagged\n", false},
		{"- id: a\n  title: \"Élection : « guillemets » — tiret\"\n  actors: [Zoë, \"Ça va\"]\n", true},
		{"- id: a\n  x: y\n- id: b\n\n  # a comment between keys\n  x: z\n# a comment at column 1\n- id: c\n", true},
		{"- id: a\n   x: misaligned\n", false},
		{"- just a scalar\n", false},
		{"-\n  id: a\n", false},
		{"- id: a\n  nested:\n    deeper:\n      deepest: x\n", true},
		{"- id: a\n  list:\n    - [nested]\n", false},
		{"- id: a\n  list:\n    - k: v\n", false},
		{"- id: a\n  title: '# not a comment'\n  x: a#b\n", true},
		{"- id: a\n  title: -5\n  y: ?x\n  z: :x\n", true},
		{"- id: a\n  title: - x\n", false},
		{"- id: a\r\n  title: crlf\r\n", true},
		{"- id: a\n  title: trailing spaces   \n", true},
		{"- id: a\n  title: tab\there\n", false},
		{"- id: a\n  title:\tx\n", false},
		{"- id: \"quoted key ok\"\n  \"quoted\": key\n", false},
		{"- id: a\n  t: \"\\x\"\n", false},
		{"- id: a\n  t: \"\\uD800\"\n", false},
		{"- id: a\n  t: \"ok\" trailing\n", false},
		{"- id: a\n  t: \"ok\"#no space\n", false},
		{"- id: a\n  t: \"ok\"   # comment\n", true},
		{"- id: a\n  t: x\u00a0y\n", true},
		{"- id: a\n  t: x\u0085y\n", false},
		{"- id: a\n  t: \ufeffx\n", false},
		{"- id: a\n  t: |\n    no newline at the end", false},
		{"- id: a\n  t: [a: b]\n", false},
		{"- id: a\n  t: {a: b}\n", false},
		{"- id: a\n  empty: ''\n  e2: \"\"\n", true},
		{"- id: a\n  k-with-dash_and_underscore1: v\n", true},
	}
	for i, c := range snippets {
		got := compareFast(t, fmt.Sprintf("snippet %d", i), []byte(c.yaml), 10, 0)
		if got != c.fast {
			t.Errorf("snippet %d: fast decoder took it = %v, want %v:\n%s", i, got, c.fast, c.yaml)
		}
		// The same, indented as under `events:`.
		indented := "  " + strings.ReplaceAll(strings.TrimSuffix(c.yaml, "\n"), "\n", "\n  ") + "\n"
		indented = strings.ReplaceAll(indented, "\n  \n", "\n\n")
		compareFast(t, fmt.Sprintf("indented snippet %d", i), []byte(indented), 3, 2)
	}
}

// timelineDiff compares what two loads produced, as far as anyone can observe.
func timelineDiff(a, b *Timeline, errA, errB error) string {
	if (errA == nil) != (errB == nil) {
		return fmt.Sprintf("error %v vs %v", errA, errB)
	}
	if errA != nil {
		var va, vb *ValidationError
		if !errors.As(errA, &va) || !errors.As(errB, &vb) {
			return fmt.Sprintf("errors %v vs %v", errA, errB)
		}
		if !reflect.DeepEqual(va.Problems, vb.Problems) {
			return fmt.Sprintf("problems\n%s\nvs\n%s", strings.Join(va.Lines(), "\n"), strings.Join(vb.Lines(), "\n"))
		}
		return ""
	}
	if a.Version != b.Version || a.Title != b.Title || !reflect.DeepEqual(a.Anchors, b.Anchors) {
		return "title, version or anchors differ"
	}
	sa, sb := a.Source, b.Source
	sa.norm, sb.norm = nil, nil
	if !reflect.DeepEqual(sa, sb) {
		return fmt.Sprintf("source %+v vs %+v", sa, sb)
	}
	if len(a.Events) != len(b.Events) {
		return fmt.Sprintf("%d events vs %d", len(a.Events), len(b.Events))
	}
	for i := range a.Events {
		if !reflect.DeepEqual(*a.Events[i], *b.Events[i]) {
			return fmt.Sprintf("event %d: %+v vs %+v", i, *a.Events[i], *b.Events[i])
		}
	}
	return ""
}

func parseBoth(name string, data []byte, read SourceReader) string {
	a, errA := parse(name, data, read, 1, false)
	b, errB := parse(name, data, read, 0, false)
	return timelineDiff(a, b, errA, errB)
}

func TestSplitDecodingMatchesWholeDecoding(t *testing.T) {
	for name, data := range testFiles(t) {
		dir := filepath.Dir(name)
		read := func(rel string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, rel)) }
		if d := parseBoth(name, data, read); d != "" {
			t.Errorf("%s: split vs whole: %s", name, d)
		}
	}
	s := GenerateSynth(1500, 3)
	read := func(string) ([]byte, error) { return s.Source, nil }
	if d := parseBoth("synth", s.YAML, read); d != "" {
		t.Errorf("synth: split vs whole: %s", d)
	}
	// A broken item far into a large file: the split decode gives up and the whole decode reports it.
	broken := bytes.Replace(s.YAML, []byte("    title: \""), []byte("    title: [\""), 1)
	if d := parseBoth("broken", broken, read); d != "" {
		t.Errorf("broken synth: split vs whole: %s", d)
	}
	_, err := Parse("broken", broken, read)
	var verr *ValidationError
	if !errors.As(err, &verr) || !strings.Contains(verr.Problems[0].Message, "not valid YAML") {
		t.Errorf("broken file: err = %v", err)
	}
}

func TestSplitterKeepsTheUsualPathForUnusualFiles(t *testing.T) {
	item := "  - id: a\n    date: 2016-10-21\n"
	cases := map[string]string{
		"second document":      "format: 1\nevents:\n" + item + "---\nformat: 1\n",
		"document end":         "format: 1\nevents:\n" + item + "...\n",
		"directive":            "%YAML 1.1\n---\nformat: 1\nevents:\n" + item,
		"flow list":            "format: 1\nevents: [a]\n",
		"events twice":         "events:\n" + item + "events:\n" + item,
		"mapping under events": "events:\n  a: b\n",
		"odd indentation":      "events:\n  - id: a\n - id: b\n",
		"lone carriage return": "events:\n  - id: a\r  - id: b\n",
		"next line":            "events:\n  - id: a\u0085\n",
		"tab":                  "events:\n\t- id: a\n",
		"no events":            "format: 1\n",
	}
	for name, doc := range cases {
		if _, ok := splitEvents([]byte(doc), 1); ok {
			t.Errorf("%s: split, want the whole-document decode", name)
		}
	}
	if _, ok := splitEvents([]byte("---\n# comment\nformat: 1\nevents:\n"+item+"title: t\n"), 1); !ok {
		t.Errorf("a leading --- and a key after the events: not split")
	}
	if _, ok := splitEvents([]byte("events:\n"+item), 2); ok {
		t.Errorf("fewer items than the minimum: split")
	}
}
