package knowledge

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Flow-style and JSON files are decoded in pieces (flowsplit.go); the result must be the whole
// decode's, problems and their places included, whatever the items hold.
func TestFlowSplitMatchesWholeDecoding(t *testing.T) {
	src := "On 2 March 1999 the bridge opened, at last.\n\nLe lendemain, il a été fermé « pour travaux ».\n"
	read := func(string) ([]byte, error) { return []byte(src), nil }
	head := "format: 1\ntitle: t\nsource: {path: s.txt, title: s, language: en, attribution: a}\n"
	jsonHead := `{"format": 1, "title": "t", "source": {"path": "s.txt", "title": "s", "language": "en", "attribution": "a"}, `
	ev := func(id, date string) string {
		return "{id: " + id + ", date: '" + date + "', title: x, summary: y, passages: [On 2 March 1999 the bridge opened]}"
	}
	jev := func(id, date string) string {
		return `{"id": "` + id + `", "date": "` + date + `", "title": "x", "summary": "y", "passages": ["On 2 March 1999 the bridge opened, at last."]}`
	}
	cases := []struct {
		name  string
		doc   string
		split bool // whether the flow splitter must take it
	}{
		{"one line", head + "events: [" + ev("a", "1999") + ", " + ev("b", "2000") + "]\n", true},
		{"one per line", head + "events: [\n  " + ev("a", "1999") + ",\n  " + ev("b", "2000") + "\n]\n", true},
		{"at column 1", head + "events: [\n" + ev("a", "1999") + ",\n" + ev("b", "2000") + "]\n", true},
		{"trailing comma", head + "events: [" + ev("a", "1999") + ", " + ev("b", "2000") + ",]\n", true},
		{"comments", head + "events: [ # the list\n  " + ev("a", "1999") + ", # first, [not] {this}\n  " + ev("b", "2000") + " # last\n]\n", true},
		{"a bad date on a later item", head + "events: [" + ev("a", "1999") + ", " + ev("b", "2000-13") + ", " + ev("c", "2001") + "]\n", true},
		{"problems after multi-byte text", head + "events: [{id: é, title: «x»}, {id: b, date: nope, title: ü}]\n", true},
		{"quotes with indicators", head + `events: [{id: a, date: '1999', title: "a, b] {c} # d \"e\"", summary: 'it''s, ok', passages: [x]}, ` + ev("b", "2000") + "]\n", true},
		{"plain scalars with quotes inside", head + "events: [{id: a, date: '1999', title: don't, summary: a\"b, passages: [x]}, " + ev("b", "2000") + "]\n", true},
		{"multi-line quoted", head + "events: [{id: a, date: '1999', title: \"two\n  lines, here\", summary: y, passages: [x]},\n  " + ev("b", "2000") + "]\n", true},
		{"keys after the events", head[:len(head)-1] + "\nevents: [" + ev("a", "1999") + "]\nanchors: []\n", true},
		{"CRLF", strings.ReplaceAll(head+"events: [\n  "+ev("a", "1999")+",\n  "+ev("b", "20x0")+"\n]\n", "\n", "\r\n"), true},
		{"JSON", jsonHead + `"events": [` + jev("a", "1999") + `, ` + jev("b", "2000") + `]}`, true},
		{"JSON, events first", `{"events": [` + jev("a", "1999") + `,` + jev("b", "1999-02-30") + `], "format": 1, "title": "t", "source": {"path": "s.txt", "title": "s", "language": "en", "attribution": "a"}}`, true},
		{"JSON on many lines", strings.ReplaceAll(jsonHead+`"events": [`+jev("a", "1999")+`, `+jev("b", "2000")+`]}`, ", ", ",\n    "), true},
		{"JSON with an events key inside an item", jsonHead + `"events": [{"id": "a", "events": [1, 2]}, ` + jev("b", "2000") + `]}`, true},
		{"JSON with events as a value first", `{"title": "events", "x": ["events"], ` + jsonHead[1:] + `"events": [` + jev("a", "1999") + `]}`, true},
		{"an alias across items", head + "events: [&e " + ev("a", "1999") + ", *e]\n", true},
		{"an anchor and a tag", head + "events: [{id: a, date: !!str 1999, title: &t \"x, y\", summary: *t, passages: [x]}]\n", true},
		{"unterminated", head + "events: [" + ev("a", "1999") + ", {id: b\n", false},
		{"an empty entry", head + "events: [" + ev("a", "1999") + ",, " + ev("b", "2000") + "]\n", false},
		{"nested events key in block", head + "other:\n  events: [a]\n", false},
		{"events twice", head + "events: [a]\nevents: [b]\n", false},
		{"flow events on the next line", head + "events:\n  [" + ev("a", "1999") + "]\n", false},
		{"a directive", "%YAML 1.1\n---\n" + head + "events: [" + ev("a", "1999") + "]\n", false},
		{"empty", head + "events: []\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, ok := splitFlowEvents([]byte(c.doc), 1); ok != c.split {
				t.Errorf("split %v, want %v", ok, c.split)
			}
			if d := parseBoth(c.name, []byte(c.doc), read); d != "" {
				t.Errorf("split vs whole: %s\n%s", d, c.doc)
			}
		})
	}
}

// A generated timeline written as JSON loads the same in pieces as whole.
func TestFlowSplitGeneratedJSON(t *testing.T) {
	s := GenerateSynth(1500, 3)
	var doc yaml.Node
	if err := yaml.Unmarshal(s.YAML, &doc); err != nil {
		t.Fatal(err)
	}
	js := toJSON(nil, doc.Content[0])
	sp, ok := splitFlowEvents(js, splitMinItems)
	if !ok || sp.items != len(s.Events) {
		t.Fatalf("split %v, %d items; want %d", ok, sp.items, len(s.Events))
	}
	read := func(string) ([]byte, error) { return s.Source, nil }
	if d := parseBoth("synth.json", js, read); d != "" {
		t.Fatalf("split vs whole: %s", d)
	}
	// A broken item far into the file: the pieces give up, and the whole decode reports it.
	broken := []byte(strings.Replace(string(js), `"title":"`, `"title":["`, 1400))
	if d := parseBoth("broken.json", broken, read); d != "" {
		t.Errorf("broken: split vs whole: %s", d)
	}
}
