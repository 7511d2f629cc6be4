package knowledge_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

// diffSource is the inline source the diff tests' events quote.
const diffSource = `First paragraph: Alice met Bob at the harbour.

Second paragraph: Bob wrote to Carol about the bridge.

Third paragraph: Carol visited the museum with Dan.`

type diffEvent struct {
	id, date, time, kind, title, summary, fr string
	actors, passages, related                []string
}

func defaultDiffEvents() []diffEvent {
	return []diffEvent{
		{id: "a", date: "2020-01-01", title: "Alice meets Bob", summary: "Alice met Bob.", actors: []string{"Alice", "Bob"},
			passages: []string{"Alice met Bob at the harbour."}},
		{id: "b", date: "2020-02-01", title: "Bob writes", summary: "Bob wrote to Carol.", fr: "Bob a écrit à Carol.",
			passages: []string{"Bob wrote to Carol about the bridge."}},
		{id: "c", date: "2020-03", kind: "context", title: "Museum visit", summary: "Carol visited a museum.",
			passages: []string{"Carol visited the museum with Dan."}, related: []string{"b"}},
	}
}

func diffTimeline(t *testing.T, events []diffEvent) *knowledge.Timeline {
	t.Helper()
	var b strings.Builder
	b.WriteString("format: 1\ntitle: Diff test\nsource:\n  title: Test source\n  language: en\n  attribution: Test\n  text: |\n")
	for _, line := range strings.Split(diffSource, "\n") {
		b.WriteString("    " + line + "\n")
	}
	b.WriteString("events:\n")
	q := func(s string) string { return fmt.Sprintf("%q", s) }
	list := func(xs []string) string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = q(x)
		}
		return "[" + strings.Join(out, ", ") + "]"
	}
	for _, e := range events {
		fmt.Fprintf(&b, "  - id: %s\n    date: %q\n    title: %s\n    summary: %s\n    passages: %s\n", e.id, e.date, q(e.title), q(e.summary), list(e.passages))
		if e.time != "" {
			fmt.Fprintf(&b, "    time: %q\n", e.time)
		}
		if e.kind != "" {
			fmt.Fprintf(&b, "    kind: %s\n", e.kind)
		}
		if e.fr != "" {
			fmt.Fprintf(&b, "    summaries: {fr: %s}\n", q(e.fr))
		}
		if len(e.actors) > 0 {
			fmt.Fprintf(&b, "    actors: %s\n", list(e.actors))
		}
		if len(e.related) > 0 {
			fmt.Fprintf(&b, "    related: %s\n", list(e.related))
		}
	}
	tl, err := knowledge.Parse("diff.yaml", []byte(b.String()), nil)
	if err != nil {
		t.Fatalf("parse:\n%v\n%s", err, b.String())
	}
	return tl
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name                    string
		edit                    func(es []diffEvent) []diffEvent
		added, removed, changed []string
	}{
		{name: "identical", edit: func(es []diffEvent) []diffEvent { return es }},
		{name: "reordered in the file only", edit: func(es []diffEvent) []diffEvent {
			return []diffEvent{es[2], es[0], es[1]}
		}},
		{name: "added", edit: func(es []diffEvent) []diffEvent {
			return append(es, diffEvent{id: "d", date: "2021-01-01", title: "New", summary: "New.", passages: []string{"Carol visited the museum"}})
		}, added: []string{"d"}},
		{name: "removed", edit: func(es []diffEvent) []diffEvent { return es[:2] }, removed: []string{"c"}},
		{name: "renamed id is removed and added", edit: func(es []diffEvent) []diffEvent {
			es[0].id = "a2"
			return es
		}, added: []string{"a2"}, removed: []string{"a"}},
		{name: "date", edit: func(es []diffEvent) []diffEvent { es[0].date = "2020-01-02"; return es }, changed: []string{"a"}},
		{name: "time", edit: func(es []diffEvent) []diffEvent { es[0].time = "10:30"; return es }, changed: []string{"a"}},
		{name: "kind", edit: func(es []diffEvent) []diffEvent { es[2].kind = ""; return es }, changed: []string{"c"}},
		{name: "title", edit: func(es []diffEvent) []diffEvent { es[1].title = "Bob writes a letter"; return es }, changed: []string{"b"}},
		{name: "summary", edit: func(es []diffEvent) []diffEvent { es[1].summary = "Bob wrote."; return es }, changed: []string{"b"}},
		{name: "summary whitespace only", edit: func(es []diffEvent) []diffEvent { es[1].summary = "Bob  wrote to\nCarol."; return es }},
		{name: "summaries", edit: func(es []diffEvent) []diffEvent { es[1].fr = "Bob écrit."; return es }, changed: []string{"b"}},
		{name: "summaries removed", edit: func(es []diffEvent) []diffEvent { es[1].fr = ""; return es }, changed: []string{"b"}},
		{name: "actors", edit: func(es []diffEvent) []diffEvent { es[0].actors = []string{"Alice"}; return es }, changed: []string{"a"}},
		{name: "passages", edit: func(es []diffEvent) []diffEvent {
			es[0].passages = []string{"Alice met Bob"}
			return es
		}, changed: []string{"a"}},
		{name: "related", edit: func(es []diffEvent) []diffEvent { es[2].related = []string{"a", "b"}; return es }, changed: []string{"c"}},
		{name: "several at once, in timeline order", edit: func(es []diffEvent) []diffEvent {
			es[2].title = "Museum"
			es[2].related = nil
			es[0].summary = "Alice and Bob met."
			return append(es[:1], es[2], diffEvent{id: "0", date: "2019-12-31", title: "Zero", summary: "Zero.", passages: []string{"Alice met Bob"}})
		}, added: []string{"0"}, removed: []string{"b"}, changed: []string{"a", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := diffTimeline(t, defaultDiffEvents())
			new := diffTimeline(t, tt.edit(defaultDiffEvents()))
			added, removed, changed := knowledge.Diff(old, new)
			check := func(what string, got, want []string) {
				if !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("added", added, tt.added)
			check("removed", removed, tt.removed)
			check("changed", changed, tt.changed)
		})
	}
}

func TestDiffNil(t *testing.T) {
	tl := diffTimeline(t, defaultDiffEvents())
	if a, r, c := knowledge.Diff(nil, tl); !slices.Equal(a, []string{"a", "b", "c"}) || r != nil || c != nil {
		t.Errorf("Diff(nil, t) = %q %q %q, want every event added", a, r, c)
	}
	if a, r, c := knowledge.Diff(tl, nil); a != nil || !slices.Equal(r, []string{"a", "b", "c"}) || c != nil {
		t.Errorf("Diff(t, nil) = %q %q %q, want every event removed", a, r, c)
	}
	if a, r, c := knowledge.Diff(tl, tl); a != nil || r != nil || c != nil {
		t.Errorf("Diff(t, t) = %q %q %q, want no difference", a, r, c)
	}
}

func TestDiffSeedAgainstItself(t *testing.T) {
	a, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	if added, removed, changed := knowledge.Diff(a, b); len(added)+len(removed)+len(changed) != 0 {
		t.Errorf("two loads of the seed differ: %q %q %q", added, removed, changed)
	}
}
