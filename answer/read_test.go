package answer

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// A folded search answers as folding each text and looking for the word among its words, text
// after text through the same buffer (a long text, then a short one that must not see the long
// one's end); a word inside another ("clinton" in "@hillaryclinton") is not found.
func TestFoldedSearchFindsAWordOfTheFold(t *testing.T) {
	texts := []string{
		"Il faisait certainement référence au tweet du stratège Roger Stone.", "Stone", "STONE", "",
		"WikiLeaks n'a pas répondu au message, d'après The Atlantic.", "œuvre ŒUVRE", "x\u0301stone",
		"Mercredi @HillaryClinton est terminée.", "Rolling Stones",
	}
	for _, word := range []string{"stone", "repondu", "atlantic", "oeuvre", "xstone", "clinton", "hillaryclinton", "absent"} {
		s := newFoldedSearch(word)
		for _, text := range texts {
			if got, want := s.in(text), slices.Contains(textproc.Words(textproc.Fold(text)), word); got != want {
				t.Errorf("in(%q) for %q = %v, want %v", text, word, got, want)
			}
		}
	}
}

// The question's reading and its mentions are cached by text: a second read gives what the
// first did, and a different text is read on its own.
func TestRetrievalReadsEachTextOnce(t *testing.T) {
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := Retrieval{Timeline: tl}
	for _, text := range []string{"What did Roger Stone tweet?", "Qu'a écrit WikiLeaks ?", "What did Roger Stone tweet?", ""} {
		folded, words := r.read(text)
		if want := textproc.Fold(text); folded != want {
			t.Errorf("read(%q) folded = %q, want %q", text, folded, want)
		}
		if want := textproc.Words(textproc.Fold(text)); strings.Join(words, "|") != strings.Join(want, "|") {
			t.Errorf("read(%q) words = %q, want %q", text, words, want)
		}
		got, want := r.mentioned(folded), tl.MentionedActors(folded)
		if len(got) != len(want) {
			t.Fatalf("mentioned(%q) = %v, want %v", folded, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("mentioned(%q) = %v, want %v", folded, got, want)
			}
		}
	}
	if len(r.reads) != 3 || len(r.names) != 3 {
		t.Errorf("%d texts read and %d mentions looked up, want 3 of each", len(r.reads), len(r.names))
	}
}

// A question's phrases are looked up once per text and are what the timeline gives.
func TestRetrievalLooksPhrasesUpOnce(t *testing.T) {
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := Retrieval{Timeline: tl}
	for _, text := range []string{"when did wikileaks first reach out to don jr", "what went live", "when did wikileaks first reach out to don jr"} {
		gotP, gotC := r.phrases(text)
		wantP, wantC := tl.Phrases(text)
		if len(gotP) != len(wantP) || strings.Join(gotC, "|") != strings.Join(wantC, "|") {
			t.Fatalf("phrases(%q) = %v %q, want %v %q", text, gotP, gotC, wantP, wantC)
		}
		for i := range gotP {
			if gotP[i].Word != wantP[i].Word || gotP[i].IDF != wantP[i].IDF {
				t.Errorf("phrases(%q)[%d] = %+v, want %+v", text, i, gotP[i], wantP[i])
			}
		}
	}
	if len(r.phrs) != 2 {
		t.Errorf("%d texts looked up, want 2", len(r.phrs))
	}
}

// FormatDay, monthYear and capitalize write what fmt, time.Format and strings.ToUpper wrote, for every day of
// several years (short and long ones, a year before 1000 and after 9999) in both languages.
func TestFormatDayAndCapitalizeAsBefore(t *testing.T) {
	plain := func(d knowledge.Day, lang string) string {
		tm := d.Time()
		if lang == "fr" {
			day := fmt.Sprint(tm.Day())
			if tm.Day() == 1 {
				day = "1er"
			}
			return fmt.Sprintf("%s %s %d", day, frMonths[tm.Month()], tm.Year())
		}
		return tm.Format("2 January 2006")
	}
	for _, y := range []int{1, 999, 1000, 1987, 2016, 9999, 10000} {
		from := knowledge.DayOf(y, time.January, 1)
		for d := from; d.Time().Year() == y; d++ {
			for _, lang := range []string{"en", "fr"} {
				if got, want := FormatDay(d, lang), plain(d, lang); got != want {
					t.Fatalf("FormatDay(%v, %s) = %q, want %q", d.Time(), lang, got, want)
				}
			}
		}
	}
	for _, y := range []int{1, 999, 1000, 2016, 9999, 10000} {
		for m := time.January; m <= time.December; m++ {
			tm := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
			for lang, want := range map[string]string{"en": tm.Format("January 2006"), "fr": fmt.Sprintf("%s %d", frMonths[m], y)} {
				if got := monthYear(tm, lang); got != want {
					t.Errorf("monthYear(%v, %s) = %q, want %q", tm, lang, got, want)
				}
			}
		}
	}
	for _, s := range []string{"", "a", "on 3 October", "le 3 octobre", "élection", "Already", "1st", "ß", "\xff"} {
		want := s
		if s != "" {
			want = strings.ToUpper(s[:1]) + s[1:]
		}
		if got := capitalize(s); got != want {
			t.Errorf("capitalize(%q) = %q, want %q", s, got, want)
		}
	}
}
