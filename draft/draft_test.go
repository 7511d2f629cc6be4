package draft

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/draft/extract"
	"github.com/timelinebot/timelinebot/knowledge"
)

// inputs are the documents every draft test runs on: the seed article (French plain text), a saved
// Wikipedia page (English HTML) and a Markdown post.
var inputs = []struct {
	name, path string
	// reference is a hand-written knowledge file for the same document, to measure the draft by.
	reference string
}{
	{"seed article", "../knowledge/seed/source.fr.txt", "../knowledge/seed/knowledge.yaml"},
	{"wikipedia page", "testdata/wikipedia-mozilla.html", "testdata/mozilla/knowledge.yaml"},
	{"markdown post", "testdata/post.md", ""},
	// The New Zealand chronology of the eval set: two sections of a Wikipedia article, year-heavy prose.
	{"new zealand text", "../eval/testdata/newzealand/source.txt", "../eval/testdata/newzealand/knowledge.yaml"},
}

func draftFile(t testing.TB, path string, opts Options) *Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	opts.Name = path
	res, err := Draft(context.Background(), data, opts)
	if err != nil {
		t.Fatalf("Draft(%s): %v", path, err)
	}
	return res
}

// writeAndLoad writes a draft as `timelinebot draft` does and loads it as the bot does: the loader
// is the judge of a draft.
func writeAndLoad(t testing.TB, res *Result) *knowledge.Timeline {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, SourceFile), []byte(res.Source), 0o644); err != nil {
		t.Fatal(err)
	}
	k := filepath.Join(dir, knowledge.DefaultFile)
	if err := os.WriteFile(k, res.Knowledge, 0o644); err != nil {
		t.Fatal(err)
	}
	tl, err := knowledge.LoadFile(k)
	if err != nil {
		t.Fatalf("the draft does not load: %v\n%s", err, res.Knowledge)
	}
	return tl
}

func TestDraftsPassCheck(t *testing.T) {
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			res := draftFile(t, in.path, Options{})
			tl := writeAndLoad(t, res)
			if len(tl.Entries()) == 0 {
				t.Errorf("no entries drafted:\n%s", res.Knowledge)
			}
			for _, e := range tl.Events {
				if len(e.Passages) == 0 || e.Title == "" || e.Summary == "" {
					t.Errorf("event %s is incomplete", e.ID)
				}
			}
		})
	}
}

// TestDraftWithTheSourceInline checks that a draft with its source inline loads on its own, with
// the same paragraphs as the draft beside its source.txt.
func TestDraftWithTheSourceInline(t *testing.T) {
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			res := draftFile(t, in.path, Options{InlineSource: true})
			tl, err := knowledge.Parse("uploaded file", res.Knowledge, nil)
			if err != nil {
				t.Fatalf("inline draft does not load alone: %v", err)
			}
			beside := writeAndLoad(t, draftFile(t, in.path, Options{}))
			if len(tl.Events) != len(beside.Events) {
				t.Fatalf("%d events inline, %d beside", len(tl.Events), len(beside.Events))
			}
			for i, e := range tl.Events {
				if e.ID != beside.Events[i].ID || e.Passages[0].Paragraph != beside.Events[i].Passages[0].Paragraph {
					t.Errorf("event %d: %s ¶%d inline, %s ¶%d beside", i, e.ID, e.Passages[0].Paragraph, beside.Events[i].ID, beside.Events[i].Passages[0].Paragraph)
				}
			}
		})
	}
}

// TestDraftOfSharedPages drafts the pages of the shared evaluation set that are too large to copy
// into testdata (the New Zealand article, 1 MB).
func TestDraftOfSharedPages(t *testing.T) {
	pages, _ := filepath.Glob("../../shared/eval/pages/*.html")
	if len(pages) == 0 {
		t.Fatal("../../shared/eval/pages/*.html not found: the shared folder must sit beside the repository")
	}
	for _, p := range pages {
		t.Run(filepath.Base(p), func(t *testing.T) {
			res := draftFile(t, p, Options{})
			tl := writeAndLoad(t, res)
			t.Logf("%s: %d events (%d entries), %d anchors, %d words", filepath.Base(p), len(tl.Events), len(tl.Entries()), len(tl.Anchors), res.Report.Words)
		})
	}
}

// referenceDates returns the dates of a hand-written knowledge file's events.
func referenceDates(t testing.TB, path string) []*knowledge.Event {
	t.Helper()
	tl, err := knowledge.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return tl.Events
}

// Coverage is the share of a reference's events whose date the draft has an event for.
func coverage(draft *knowledge.Timeline, ref []*knowledge.Event) (found int, missing []string) {
	dates := map[string]bool{}
	for _, e := range draft.Events {
		dates[e.Date.String()] = true
	}
	for _, e := range ref {
		if dates[e.Date.String()] {
			found++
		} else {
			missing = append(missing, e.ID)
		}
	}
	return found, missing
}

// TestDraftFindsTheHandWrittenDates is the measure: of the events a person wrote by hand,
// the share whose date the draft finds. Target: at least 90%.
func TestDraftFindsTheHandWrittenDates(t *testing.T) {
	for _, in := range inputs {
		if in.reference == "" {
			continue
		}
		t.Run(in.name, func(t *testing.T) {
			res := draftFile(t, in.path, Options{})
			ref := referenceDates(t, in.reference)
			found, missing := coverage(res.Timeline, ref)
			t.Logf("%s: the draft finds the date of %d of %d hand-written events (%.0f%%); missing: %v",
				in.name, found, len(ref), 100*float64(found)/float64(len(ref)), missing)
			if found*10 < len(ref)*9 {
				t.Errorf("found %d of %d dates, below 90%%", found, len(ref))
			}
		})
	}
}

func TestDraftRefusesBadInput(t *testing.T) {
	cases := []struct {
		name string
		data string
		opts Options
		want error
		msg  string
	}{
		{"no dates", "A text about nothing in particular.\n\nIt has two paragraphs and no date at all.", Options{}, ErrNoDates, ""},
		{"empty", "", Options{}, extract.ErrEmpty, ""},
		{"binary", "\x00\x01\x02ELF", Options{}, extract.ErrBinary, ""},
		{"bad published", "On 3 March 2014, it happened.", Options{Published: "March 2014"}, nil, "--published"},
		{"bad language", "On 3 March 2014, it happened.", Options{Lang: "french"}, nil, "--lang"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Draft(context.Background(), []byte(c.data), c.opts)
			if err == nil {
				t.Fatal("no error")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q does not mention %q", err, c.msg)
			}
		})
	}
}

func TestDraftIsDeterministic(t *testing.T) {
	a := draftFile(t, inputs[1].path, Options{})
	b := draftFile(t, inputs[1].path, Options{})
	if !bytes.Equal(a.Knowledge, b.Knowledge) {
		t.Error("two drafts of the same page differ")
	}
}

func TestDraftOfTheSeedArticle(t *testing.T) {
	res := draftFile(t, inputs[0].path, Options{})
	tl := res.Timeline
	if tl.Source.Language != "fr" || !res.Report.LanguageGuessed {
		t.Errorf("language %q (guessed %v), want fr, guessed", tl.Source.Language, res.Report.LanguageGuessed)
	}
	// The source text is the file itself: paragraph numbers are the author's.
	data, _ := os.ReadFile(inputs[0].path)
	if res.Source != string(data) {
		t.Error("the source text of a plain-text draft differs from the file")
	}
	e := tl.Event(idOn(tl, "2016-11-08"))
	if e == nil || e.Time != "18:35" {
		t.Errorf("the election-day entry should carry the time 18:35 the text gives: %+v", e)
	}
	ctx := map[string]string{}
	for _, e := range tl.Events {
		if e.Kind == knowledge.KindContext && len(e.Related) > 0 {
			ctx[e.Date.String()] = e.Related[0]
		}
	}
	for date, entry := range map[string]string{"2016-10-07": "2016-10-12", "2016-10-10": "2016-10-12", "2017-07-08": "2017-07-11"} {
		if !strings.HasPrefix(ctx[date], entry) {
			t.Errorf("context event of %s should be related to the entry of %s, got %q", date, entry, ctx[date])
		}
	}
	if len(tl.Anchors) == 0 || tl.Anchors[0].Date.String() != "2016-11-08" {
		t.Errorf("anchors %+v, want the election day proposed", tl.Anchors)
	}
	// Offline, summaries are the source's words, in its language.
	if s, lang := e.SummaryIn("fr"); lang != "fr" || !strings.Contains(tl.Source.Text, strings.Fields(s)[2]) {
		t.Errorf("summary %q (%s) is not the source's words", s, lang)
	}
}

func idOn(tl *knowledge.Timeline, date string) string {
	for _, e := range tl.Events {
		if e.Date.String() == date && e.Kind == knowledge.KindEntry {
			return e.ID
		}
	}
	return ""
}

// fiveThousandWords is an article of about 5,000 words: the Wikipedia page's text and the seed
// article, repeated.
func fiveThousandWords(t testing.TB) []byte {
	a, err := os.ReadFile("testdata/mozilla/source.txt")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for b.Len() == 0 || len(strings.Fields(b.String())) < 5000 {
		b.Write(a)
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

func BenchmarkDraft5000Words(b *testing.B) {
	data := fiveThousandWords(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Draft(context.Background(), data, Options{Name: "article.txt"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDraftWikipediaPage(b *testing.B) {
	data, err := os.ReadFile("testdata/wikipedia-mozilla.html")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Draft(context.Background(), data, Options{Name: "page.html"}); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDraft: whatever the text, a draft either is refused with a message for the author or passes
// its own check; it never fails the check (a drafter bug) nor panics.
func FuzzDraft(f *testing.F) {
	for _, s := range []string{
		"On 3 March 2014, it happened. One day later, it ended.",
		"20 septembre 2016: WikiLeaks écrit.\n\nLe lendemain, « rien ». La veille \"oui.",
		"# Title\n\n- In 2011, x.\n- Between 1250 and 1300, y.",
		"<html><body><p>Le 1er mai 2020, un texte de vingt mots pour que la page ait un article à extraire, enfin.</p></body></html>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := Draft(context.Background(), []byte(s), Options{})
		if err != nil && strings.Contains(err.Error(), "did not pass its own check") {
			t.Fatalf("%q: %v", s, err)
		}
	})
}
