package lexicon

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

//go:embed opposites.txt
var oppositesText string

// Opposites returns the entries, in English and French, of the concepts opposites.txt pairs
// with a concept the folded word (or phrase) belongs to in lang: "accepted" gives refuse,
// refused, declined, refuser…; "refusé" gives accept, accepter…. It returns nil for a word of no
// paired concept. The slice is shared and must not be modified.
func Opposites(folded, lang string) []Entry {
	opp := loadOpposites()
	if o := opp[lang+" "+folded]; len(o) > 0 {
		return o
	}
	// Most words begin like no word of a paired concept: they are spared the stemmer, which costs
	// microseconds a word, and every question's topic words come here.
	if !oppositePrefixes()[lang+" "+prefix(folded)] {
		return nil
	}
	// The word's own listing (its entry, by stem), not every word of the concepts it is in: "deal"
	// shares a concept with words that "accept" shares another with.
	stem := ""
	for _, e := range Related(folded, lang) {
		if e.Translation || e.Lang != lang {
			continue
		}
		if stem == "" {
			stem = entryStem(folded, lang)
		}
		if e.Stem != stem {
			continue
		}
		if o := opp[e.Lang+" "+e.Word]; len(o) > 0 {
			return o
		}
	}
	return nil
}

// entryStem is Entry.Stem for a word or phrase.
func entryStem(folded, lang string) string {
	words := textproc.Words(folded)
	for i, w := range words {
		words[i] = textproc.Stem(w, lang)
	}
	return strings.Join(words, " ")
}

// prefixLen is how many bytes of a word oppositePrefixes keeps: a stem keeps at least as many
// of its word's (textproc.Stem leaves four letters or more of a word of four or more).
const prefixLen = 3

func prefix(w string) string { return w[:min(len(w), prefixLen)] }

// oppositePrefixes are the first letters of the words of paired concepts, by language.
// Besides the entries, every word written on a line that holds one ("won" beside "win"),
// folded as questions are.
var oppositePrefixes = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	opp := loadOpposites()
	for k := range opp {
		lang, w, _ := strings.Cut(k, " ")
		m[lang+" "+prefix(w)] = true
	}
	for _, line := range strings.Split(data, "\n") {
		en, fr, ok := strings.Cut(line, "|")
		if !ok {
			continue
		}
		sides := [2][2]string{{"en", en}, {"fr", fr}}
		paired := false
		for _, sd := range sides {
			for _, w := range strings.Split(sd[1], ",") {
				paired = paired || len(opp[sd[0]+" "+textproc.Fold(strings.TrimSpace(w))]) > 0
			}
		}
		if !paired {
			continue
		}
		for _, sd := range sides {
			for _, w := range strings.Split(sd[1], ",") {
				if f := textproc.Fold(strings.TrimSpace(w)); f != "" {
					m[sd[0]+" "+prefix(f)] = true
				}
			}
		}
	}
	return m
})

var loadOpposites = sync.OnceValue(func() map[string][]Entry {
	m, err := parseOpposites(oppositesText)
	if err != nil {
		panic(err) // the embedded file is checked by TestOppositesNameConcepts
	}
	return m
})

// parseOpposites reads opposites.txt: each word of one side's concept maps to the entries of the
// other side's.
func parseOpposites(text string) (map[string][]Entry, error) {
	m := map[string][]Entry{}
	for n, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		a, b, ok := strings.Cut(line, "<>")
		if !ok {
			return nil, fmt.Errorf("opposites.txt line %d: want \"word <> word\", got %q", n+1, line)
		}
		ea, eb := Related(textproc.Fold(strings.TrimSpace(a)), "en"), Related(textproc.Fold(strings.TrimSpace(b)), "en")
		if len(ea) == 0 || len(eb) == 0 {
			return nil, fmt.Errorf("opposites.txt line %d: %q names no concept of en-fr.txt on its English side", n+1, line)
		}
		// A preposition of a concept ("against", "contre" of oppose) is no deed to contradict.
		for _, x := range ea {
			if !textproc.IsStopWord(x.Word) && !prepositions[x.Word] {
				m[x.Lang+" "+x.Word] = appendNew(m[x.Lang+" "+x.Word], eb)
			}
		}
		for _, y := range eb {
			if !textproc.IsStopWord(y.Word) && !prepositions[y.Word] {
				m[y.Lang+" "+y.Word] = appendNew(m[y.Lang+" "+y.Word], ea)
			}
		}
	}
	return m, nil
}

// prepositions and particles are words of a concept line that are no deed in a question: "against"
// of oppose, "back" of support ("text back").
var prepositions = map[string]bool{"against": true, "contre": true, "for": true, "pour": true, "back": true}

// appendNew appends to dst the entries of src it does not hold yet.
func appendNew(dst, src []Entry) []Entry {
	for _, e := range src {
		found := false
		for _, d := range dst {
			found = found || d.Word == e.Word && d.Lang == e.Lang
		}
		if !found {
			dst = append(dst, e)
		}
	}
	return dst
}
