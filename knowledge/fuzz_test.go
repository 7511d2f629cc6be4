package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzSource is the source text every fuzzed file gets for `source.path`.
const fuzzSource = "On 2 March 1999 the bridge opened.\n\nLe lendemain, il a été fermé « pour travaux ».\n"

// FuzzLoad feeds arbitrary bytes to the loader: it must never panic, and it returns either a valid
// timeline or a *ValidationError whose problems have lines and columns, never both nor neither. The
// split decode must agree with the whole-document decode.
func FuzzLoad(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	paths = append(paths, filepath.Join("seed", "knowledge.yaml"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(""))
	f.Add([]byte("format: 1\ntitle: t\nsource: {text: x, title: s, language: en, attribution: a}\nevents:\n- {id: a, date: '1999', title: t, summary: s, passages: [x]}\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Add([]byte(`{"format": 1, "title": "t", "source": {"text": "x", "title": "s", "language": "en", "attribution": "a"}, "events": [{"id": "a", "date": "1999", "title": "t", "summary": "s", "passages": ["x"]}, {"id": "b", "date": "2000-13", "title": "t, \"u\"", "summary": "s", "passages": ["x"]}]}`))
	f.Add([]byte("format: 1\nevents: [ # c\n  {id: a, title: 'it''s'}, {id: b, title: \"x\n  y\"},\n]\n"))
	f.Add([]byte("events:\n  - id: a\n    summary: >-\n      x\n  - id: b\n"))
	read := func(string) ([]byte, error) { return []byte(fuzzSource), nil }
	f.Fuzz(func(t *testing.T, data []byte) {
		tl, err := Parse("fuzz.yaml", data, read)
		switch {
		case tl == nil && err == nil:
			t.Fatal("no timeline and no error")
		case tl != nil && err != nil:
			t.Fatalf("a timeline and an error: %v", err)
		case err != nil:
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("error %v (%T) is not a *ValidationError", err, err)
			}
			if len(verr.Problems) == 0 {
				t.Fatal("a ValidationError without problems")
			}
			for _, p := range verr.Problems {
				if p.Line < 0 || p.Column < 0 || strings.TrimSpace(p.Message) == "" {
					t.Fatalf("bad problem %+v", p)
				}
			}
		default:
			if len(tl.Events) == 0 {
				t.Fatal("a timeline without events")
			}
			for i, e := range tl.Events {
				if i > 0 && tl.Events[i-1].Span().From > e.Span().From {
					t.Fatal("events not sorted")
				}
				for _, p := range e.Passages {
					if !tl.Source.Contains(p.Text) {
						t.Fatalf("passage %q not in the source", p.Text)
					}
				}
			}
			tl.Search(Query{Text: "bridge pont"})
		}
		if d := parseBoth("fuzz.yaml", data, read); d != "" {
			t.Fatalf("split vs whole: %s", d)
		}
	})
}

// FuzzFastYAML compares the fast decoder with yaml.v3 on arbitrary chunks of event items.
func FuzzFastYAML(f *testing.F) {
	f.Add([]byte("- id: a\n  date: 2016-10-21\n  title: \"x\"\n  actors: [a, b]\n  passages:\n    - 'p'\n"))
	f.Add([]byte("  - id: a\n    summary: >-\n      folded\n      text\n    summaries:\n      fr: |\n        littéral\n"))
	f.Add([]byte("- id: a\n  summary:\n  x: ~\n# c\n- id: b\n"))
	seed, err := os.ReadFile(filepath.Join("seed", "knowledge.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	if block, _, _, ok := eventsBlock(seed); ok {
		f.Add(block)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		indent := 0
		for indent < len(src) && src[indent] == ' ' {
			indent++
		}
		compareFast(t, "fuzz", src, 1, indent)
	})
}
