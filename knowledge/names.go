package knowledge

import (
	"slices"
	"strings"
	"unicode"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// People type names short: "WL" for WikiLeaks, "NYT" for The New York Times, "Don Jr" for Donald
// Trump Jr. ExpandNames rewrites such forms into the actor names the timeline uses, so they match
// the events' words. The forms are derived from the actors of the file, never from a list.

// actorName is one actor of the timeline: its folded words and its initials.
type actorName struct {
	full     string   // folded
	fullWs   []string // textproc.Words(full)
	words    []string // folded words, without articles
	initials []string // "wl" for WikiLeaks (camel case), "nyt" for The New York Times, "dtj"…
	// core is full without its leading article ("atlantic" for "the atlantic"): names are looked
	// up by their first word that is no stop word, so a text names the actor from there.
	core string
	// events is how many events have the actor among theirs.
	events int
}

// nameIndex finds actor names without scanning them all: a large timeline has thousands.
type nameIndex struct {
	names      []actorName
	byInitials map[string]int
	byWord     map[string][]int // each word of a name -> names containing it
	// bySurname maps the last word of a multi-word name to it, when no other name ends so:
	// "Kushner" is Jared Kushner.
	bySurname map[string]int
}

func buildNameIndex(events []*Event) nameIndex {
	ix := nameIndex{names: buildNames(events), byInitials: map[string]int{}, byWord: map[string][]int{}, bySurname: map[string]int{}}
	ambiguous := map[string]bool{}
	for i, n := range ix.names {
		for _, in := range n.initials {
			if _, dup := ix.byInitials[in]; !dup {
				ix.byInitials[in] = i
			}
		}
		for _, w := range n.words {
			if l := ix.byWord[w]; len(l) == 0 || l[len(l)-1] != i {
				ix.byWord[w] = append(ix.byWord[w], i)
			}
		}
		if len(n.words) >= 2 {
			last := n.words[len(n.words)-1]
			if _, dup := ix.bySurname[last]; dup || len(last) < 4 {
				ambiguous[last] = true
			}
			ix.bySurname[last] = i
		}
	}
	for w := range ambiguous {
		delete(ix.bySurname, w)
	}
	return ix
}

func buildNames(events []*Event) []actorName {
	seen := map[string]bool{}
	count := map[string]int{}
	for _, e := range events {
		for _, a := range e.Actors {
			count[textproc.Fold(a)]++
		}
	}
	var out []actorName
	for _, e := range events {
		for _, a := range e.Actors {
			f := textproc.Fold(a)
			if seen[f] {
				continue
			}
			seen[f] = true
			n := actorName{full: f, fullWs: textproc.Words(f), events: count[f]}
			var camel, plain strings.Builder
			for _, w := range strings.FieldsFunc(a, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
				fw := textproc.Words(textproc.Fold(w))
				if len(fw) == 0 {
					continue
				}
				// A middle initial ("Franklin D. Roosevelt") is a letter of the initials ("fdr")
				// though, folded, it reads as a function word ("d").
				if textproc.IsStopWord(fw[0]) {
					if !textproc.IsInitial(w) {
						continue
					}
				} else {
					n.words = append(n.words, fw...)
				}
				first := true
				for _, r := range w {
					if first || unicode.IsUpper(r) {
						camel.WriteRune(unicode.ToLower(r))
					}
					if first {
						plain.WriteRune(unicode.ToLower(r))
					}
					first = !unicode.IsLetter(r) && !unicode.IsDigit(r) && first
				}
			}
			for _, in := range []string{textproc.Fold(camel.String()), textproc.Fold(plain.String())} {
				if len(in) >= 2 && !contains(n.initials, in) {
					n.initials = append(n.initials, in)
				}
			}
			if len(n.words) > 0 {
				n.core = f
				for i, w := range n.fullWs {
					if !textproc.IsStopWord(w) {
						if i > 0 {
							n.core = strings.Join(n.fullWs[i:], " ")
						}
						break
					}
				}
				out = append(out, n)
			}
		}
	}
	return out
}

// ExpandNames returns folded text with short forms of actor names replaced by the names: a word that
// is an actor's initials ("wl", "nyt") and is not itself a word of the timeline, or a run of words
// that are prefixes of an actor's words in order, ending with a whole word ("don jr"). Text that
// names no actor is returned unchanged.
func (t *Timeline) ExpandNames(folded string) string {
	if len(t.names.names) == 0 {
		return folded
	}
	words := textproc.Words(folded)
	// The text is rewritten from its first short form on; most questions have none, and are
	// returned as they are without being copied.
	var b strings.Builder
	changed := false
	for i := 0; i < len(words); i++ {
		w := words[i]
		if n, k := t.matchName(words[i:]); k > 0 {
			// A name written in full is no short form, though the run of prefixes stopped at a
			// function word ("united tribes" of "united tribes of new zealand").
			if full := n.fullWs; len(words)-i >= len(full) && slices.Equal(words[i:i+len(full)], full) {
				if changed {
					b.WriteString(strings.Join(full, " "))
					b.WriteByte(' ')
				}
				i += len(full) - 1
				continue
			}
			if !changed {
				b.Grow(len(folded) + len(n.full))
				for _, before := range words[:i] {
					b.WriteString(before)
					b.WriteByte(' ')
				}
				changed = true
			}
			b.WriteString(n.full)
			b.WriteByte(' ')
			i += k - 1
			continue
		}
		if changed {
			b.WriteString(w)
			b.WriteByte(' ')
		}
	}
	if !changed {
		return folded
	}
	return strings.TrimSpace(b.String())
}

// matchName returns the actor the words start with in a short form, and how many words it spans.
func (t *Timeline) matchName(words []string) (actorName, int) {
	if n, k := t.generationName(words); k > 0 {
		return n, k
	}
	w := words[0]
	// A function word is that word, not initials: "il y a eu quoi" is no "Exposition universelle".
	if len(w) >= 2 && len(w) <= 5 && !t.knownWord(w) && !textproc.IsStopWord(w) {
		if i, ok := t.names.byInitials[w]; ok {
			return t.names.names[i], 1
		}
	}
	return t.prefixRunName(words)
}

// generationName matches a family name with the generation it means: "trump senior", "trump sr",
// "trump père", "trump (le père)" are the one of the name's actors without "jr"; "trump junior",
// "trump fils" the one with it. It spans no words when the name is no actor's or stays ambiguous.
func (t *Timeline) generationName(words []string) (actorName, int) {
	if len(words) < 2 {
		return actorName{}, 0
	}
	k, junior := 0, false
	switch {
	case words[1] == "senior" || words[1] == "sr" || words[1] == "pere":
		k = 2
	case words[1] == "junior" || words[1] == "fils":
		k, junior = 2, true
	case len(words) > 2 && words[1] == "le" && (words[2] == "pere" || words[2] == "fils"):
		k, junior = 3, words[2] == "fils"
	default:
		return actorName{}, 0
	}
	var pick actorName
	found := 0
	for _, ni := range t.names.byWord[words[0]] {
		n := t.names.names[ni]
		// A family name ends a person's name, or comes just before "jr" ("Trump Tower" is none).
		last := len(n.words) - 1
		if last < 0 || n.words[last] != words[0] && (last == 0 || n.words[last-1] != words[0]) {
			continue
		}
		if contains(n.words, "jr") || contains(n.words, "junior") {
			if junior {
				pick, found = n, found+1
			}
		} else if !junior {
			pick, found = n, found+1
		}
	}
	if found != 1 {
		return actorName{}, 0
	}
	return pick, k
}

// prefixRunName matches a run of prefixes of an actor's words.
func (t *Timeline) prefixRunName(words []string) (actorName, int) {
	// Prefix runs: "don jr" → "donald trump jr". At least two words, each a prefix of the next
	// unmatched actor word, the last one whole: the candidates are the names containing one of the
	// next few words whole.
	best, bestK := actorName{}, 0
	for j := 1; j < min(len(words), 4); j++ {
		for _, ni := range t.names.byWord[words[j]] {
			n := t.names.names[ni]
			k := prefixRun(words, n.words)
			// Whole words from the middle of a name are no short form of it: "opera house" is
			// the building, not the "Sydney Opera House Trust"; "trump jr" ends the name and "don
			// jr" shortens a word of it.
			if k >= 2 && middleWords(words[:k], n.words) {
				continue
			}
			// Nor is a thing's name the organisation named after it: "the empire state building"
			// is not "Empire State Building Associates", "suez canal" not the "Suez Canal Company".
			if k >= 2 && k < len(n.words) && slices.Equal(words[:k], n.words[:k]) && organisationWords(n.words[k:]) {
				continue
			}
			// The longest run wins; between equal runs, the name with fewest other words ("donald
			// trump" over "donald trump jr" for "donald trump").
			if k >= 2 && contains(n.words, words[k-1]) && (k > bestK || k == bestK && len(n.words) < len(best.words)) {
				best, bestK = n, k
			}
		}
	}
	return best, bestK
}

// organisationWords reports whether the last of words names a kind of organisation
// ("associates", "company", "trust", "group"): what ends the name of one named after a thing
// ("Sydney Opera House Concerned Citizens Group").
func organisationWords(words []string) bool {
	return len(words) > 0 && orgWords[words[len(words)-1]]
}

var orgWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`associates association company corporation corp inc ltd trust foundation
board committee commission society authority agency council group compagnie societe fondation association
comite conseil office administration`) {
		m[w] = true
	}
	return m
}()

// middleWords reports whether run is a run of whole words of name that neither starts at its first
// word nor ends at its last.
func middleWords(run, name []string) bool {
	at := -1
	for j := 0; j+len(run) <= len(name); j++ {
		if slices.Equal(name[j:j+len(run)], run) {
			at = j
			break
		}
	}
	return at > 0 && at+len(run) < len(name)
}

// prefixRun counts the leading words that are prefixes of successive words of name.
func prefixRun(words, name []string) int {
	k, j := 0, 0
	for k < len(words) && j < len(name) {
		q := words[k]
		matched := false
		for ; j < len(name); j++ {
			if len(q) >= 2 && strings.HasPrefix(name[j], q) {
				matched = true
				j++
				break
			}
		}
		if !matched {
			break
		}
		k++
	}
	return k
}

// ActorEvents returns how many events have the folded actor among their actors.
func (t *Timeline) ActorEvents(folded string) int {
	for _, ni := range t.names.byWord[lastWordOf(folded)] {
		if n := t.names.names[ni]; n.full == folded {
			return n.events
		}
	}
	return 0
}

// lastWordOf is the last word of folded text.
func lastWordOf(folded string) string {
	ws := textproc.Words(folded)
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

// ActorOfWord returns the one actor whose name has the folded word w among its words ("hillary"
// for Hillary Clinton), or false when none or several do ("trump": the father and the son).
func (t *Timeline) ActorOfWord(w string) (string, bool) {
	actor := ""
	for _, ni := range t.names.byWord[w] {
		full := t.names.names[ni].full
		if actor != "" && full != actor {
			return "", false
		}
		actor = full
	}
	return actor, actor != ""
}

// Known reports whether a folded word matches the timeline's vocabulary: a word of its text, one of
// the same stem, or one a typo away.
func (t *Timeline) Known(w string) bool {
	ids, _ := t.index.lookup(w, t.Source.Language)
	return len(ids) > 0
}

// UnknownIDF is the weight of a word the timeline does not contain: that of a term no event has.
func (t *Timeline) UnknownIDF() float32 { return t.index.idf(0) }

// Pervasive reports whether the folded word w (or the words the lexicon relates to it) is on at
// least a third of the timeline's events, and on three at least: the chronology's own subject
// ("anthem" in a history of an anthem), which tells its events apart little.
func (t *Timeline) Pervasive(w string) bool {
	q := t.QueryWord(w)
	return q.IDF > 0 && q.IDF <= t.index.idf(max(len(t.index.docLen)/3, 3))
}

// KnownExactly is Known without the typo allowance: for names, where one edit makes another word
// ("Peru" and "perd").
func (t *Timeline) KnownExactly(w string) bool {
	return t.index.knownExactly(w, t.Source.Language)
}

// knownWord reports whether a folded word occurs in the timeline's text.
func (t *Timeline) knownWord(w string) bool {
	_, ok := t.index.surface[w]
	return ok
}

// Mention is an actor named in a text, at a byte offset of the folded text.
type Mention struct {
	Actor string // folded, as the events' actors are written
	At    int
	Len   int // bytes of the text that name it
}

// TitleActors are the actors the timeline's title names, folded as Mention.Actor is (Nikola Tesla, of
// "Nikola Tesla: a chronology"): its subject. Computed once per timeline; callers must not modify it.
func (t *Timeline) TitleActors() []string {
	if t == nil {
		return nil
	}
	return t.titleActors
}

// MentionedActors returns the timeline's actors that folded text names in full, in order of
// appearance; where one name contains another ("donald trump jr" and "donald trump"), the longer
// one is the mention. Apply ExpandNames first for short forms.
func (t *Timeline) MentionedActors(folded string) []Mention {
	var out []Mention
	end := 0
	for start, stop, ok := textproc.NextWordIn(folded, 0); ok; start, stop, ok = textproc.NextWordIn(folded, stop) {
		if start < end {
			continue
		}
		best := -1
		bestLen := 0
		for _, ni := range t.names.byWord[folded[start:stop]] {
			n := t.names.names[ni]
			// From its first word that is no article: "The Atlantic" is named by "the atlantic"
			// and by "atlantic" alike, and the lookup is by "atlantic".
			for _, form := range [2]string{n.full, n.core} {
				if len(form) > bestLen && strings.HasPrefix(folded[start:], form) && wordBoundary(folded, start, start+len(form)) {
					best, bestLen = ni, len(form)
				}
			}
		}
		if best < 0 {
			// A surname alone names its actor ("Kushner"); the text keeps its own words, so the
			// ranking is not tilted toward passages that write the name out.
			if i, ok := t.names.bySurname[folded[start:stop]]; ok {
				out = append(out, Mention{Actor: t.names.names[i].full, At: start, Len: stop - start})
				end = stop
			}
			continue
		}
		out = append(out, Mention{Actor: t.names.names[best].full, At: start, Len: bestLen})
		end = start + bestLen
	}
	return out
}

func wordBoundary(s string, start, end int) bool {
	isWord := func(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }
	return (start == 0 || !isWord(s[start-1])) && (end >= len(s) || !isWord(s[end]))
}

// Agent reports whether the folded actor is the event's first actor: by the format's convention
// the one who acts (the sender of a message, the company that announces).
func (e *Event) Agent(folded string) bool {
	return len(e.Actors) > 0 && textproc.FoldEquals(e.Actors[0], folded)
}

// HasActor reports whether the folded actor is among the event's actors.
func (e *Event) HasActor(folded string) bool {
	for _, a := range e.Actors {
		if textproc.FoldEquals(a, folded) {
			return true
		}
	}
	return false
}

// NearName reports whether the folded word is one slip (an edit, a transposition) from a word of
// an actor's name: askers misspell names ("trmp", "asange") more than anything, so a short word
// that is no word of the timeline may still be one of them.
func (t *Timeline) NearName(w string) bool {
	if len(w) < 4 {
		return false
	}
	for nw := range t.names.byWord {
		if len(nw) >= 4 && textproc.OneEdit(w, nw) {
			return true
		}
	}
	return false
}
