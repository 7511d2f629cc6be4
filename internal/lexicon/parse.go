package lexicon

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// maxSide is the most entries a side of a line may hold: a longer line is almost always several
// senses run together, which would expand a question's word into unrelated ones.
const maxSide = 12

// frenchVerbEndings are the forms generated for a French word ending in "-er" (the first
// conjugation, most French verbs): participles, present, imperfect, simple past, future,
// conditional, present participle. textproc.Stem brings most of them to the infinitive's stem,
// but not all ("publient", "publièrent", "publia", "publions" keep stems of their own). And a form
// found exactly is looked up before stems, which is more precise: "proposait" finds the concepts
// of "proposer", where its stem would also find every word stemmed "propos" ("propos", remarks);
// "envoyé" listed as a noun (an envoy) does not hide the verb "envoyer". So every common form is
// generated, although it costs a third of the load time.
var frenchVerbEndings = []string{
	"e", "ee", "es", "ees", "ent", "ait", "aient", "a", "ant", "erent", "era", "erait", "eront", "ez", "ons",
}

// frenchReturnedEndings are the generated forms also returned as entries (when their stem is new):
// the ones a narrative source uses ("a publié", "publiée", "publient"). The rest only find the
// concept from a question.
var frenchReturnedEndings = map[string]bool{"e": true, "ee": true, "ent": true}

// notVerbs are French words of the lexicon ending in "-er" that are not verbs, so no verb forms are
// generated for them: "papier" would otherwise return "papie", whose stem is that of "pape". A word
// added to en-fr.txt that ends in "-er" and is not a verb belongs here (folded).
var notVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
banquier boucher boulanger calendrier cancer cahier chantier charcutier clavier cavalier courrier
danger dernier dossier entier escalier fermier fichier follower foyer hacker hamburger hier hiver
infirmier laser leader manager master mensonger mer metier meurtrier millier officier ouvrier
papier particulier pionnier policier pompier premier prisonnier quartier reporter routier super
supporter usager
etranger leger cher fier amer fer ver enfer univers chevalier cuisinier heritier
ecolier financier grenier janvier fevrier gibier casier panier rocher clocher bucher
plancher loyer acier sentier tablier poulailler atelier verger designer
boursier chancelier dealer glacier parolier teaser voilier bouclier rover traversier`) {
		m[w] = true
	}
	return m
}()

// side is one parsed side of a line: entries, each a list of folded words.
type side [][]string

// parseSide splits one side of a line on commas, folds and tokenizes each entry.
func parseSide(s string) (side, error) {
	var out side
	for _, raw := range strings.Split(s, ",") {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			return nil, fmt.Errorf("empty entry in %q (remove the extra comma)", strings.TrimSpace(s))
		}
		words := textproc.Words(textproc.Fold(raw))
		if len(words) == 0 {
			return nil, fmt.Errorf("entry %q has no letters or digits", raw)
		}
		out = append(out, words)
	}
	return out, nil
}

// splitLine returns the two sides of a data line, or ok false for a blank or comment line.
func splitLine(line string) (en, fr string, ok bool, err error) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	if line == "" {
		return "", "", false, nil
	}
	en, fr, found := strings.Cut(line, "|")
	if !found || strings.Contains(fr, "|") {
		return "", "", false, fmt.Errorf("want exactly one '|' between the English and the French words: %q", line)
	}
	return strings.TrimSpace(en), strings.TrimSpace(fr), true, nil
}

// parse reads the lexicon file strictly: a malformed line is an error naming it, so a mistake is
// caught by the tests rather than silently dropping a concept. Every bad line is reported at once.
func parse(text string) (*lexicon, error) {
	var errs []error
	l := &lexicon{}
	for i := range langs {
		l.exact[i] = map[string]*key{}
		l.stems[i] = map[string]*key{}
		l.phrases[i] = map[string][]*phrase{}
	}
	phraseIndex := [2]map[string]*phrase{{}, {}} // joined stems → phrase
	for n, line := range strings.Split(text, "\n") {
		enText, frText, ok, err := splitLine(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", n+1, err))
			continue
		}
		if !ok {
			continue
		}
		var sides [2]side
		bad := false
		fail := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("line %d: "+format, append([]any{n + 1}, args...)...))
			bad = true
		}
		for li, s := range [2]string{enText, frText} {
			sd, err := parseSide(s)
			switch {
			case s == "":
				fail("the %s side is empty (a concept needs words in both languages)", langs[li])
			case err != nil:
				fail("%s side: %w", langs[li], err)
			case len(sd) > maxSide:
				fail("%d %s entries, at most %d (split the line by sense)", len(sd), langs[li], maxSide)
			}
			seenWord := map[string]bool{}
			for _, words := range sd {
				w := strings.Join(words, " ")
				if seenWord[w] {
					fail("%q twice on the %s side", w, langs[li])
				}
				seenWord[w] = true
				if len(words) == 1 && textproc.IsStopWord(w) {
					fail("%q is a stop word, which questions never search (remove it, or use it inside a phrase)", w)
				}
			}
			sides[li] = sd
		}
		if bad {
			continue
		}
		id := int32(len(l.answers))
		var items []item
		for li, sd := range sides {
			lang := langs[li]
			for _, words := range sd {
				stems := make([]string, len(words))
				for j, w := range words {
					stems[j] = textproc.Stem(w, lang)
				}
				word, stem := strings.Join(words, " "), strings.Join(stems, " ")
				items = append(items, item{word: word, stem: stem, lang: li})
				if len(words) > 1 {
					l.addPhrase(li, stems, id, phraseIndex[li])
					continue
				}
				addKey(l.exact[li], word, id)
				addKey(l.stems[li], stem, id)
				if li == 1 {
					items = l.addFrenchForms(items, word, id)
				}
			}
		}
		l.answers = append(l.answers, [2][]Entry{answer(items, 0), answer(items, 1)})
		l.lines++
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for li := range l.phrases {
		for _, ps := range l.phrases[li] {
			sort.SliceStable(ps, func(a, b int) bool { return len(ps[a].stems) > len(ps[b].stems) })
		}
	}
	// Merge each key's answer once; keys finding the same concepts share it.
	for li := range langs {
		merged := map[string][]Entry{}
		fill := func(k *key) {
			id := fmt.Sprint(k.concepts)
			a, ok := merged[id]
			if !ok {
				a = l.merge(k.concepts, li)
				merged[id] = a
			}
			k.answer = a
		}
		for _, m := range []map[string]*key{l.exact[li], l.stems[li]} {
			for _, k := range m {
				fill(k)
			}
		}
		for _, ps := range l.phrases[li] {
			for _, p := range ps {
				fill(&p.key)
			}
		}
	}
	l.words = map[string]struct{}{}
	l.omitted = make([]uint64, omittedBits/64)
	for li := range l.exact {
		for w := range l.exact[li] {
			if len(w) >= minRespell && len(w) <= maxRespell+1 && isWord(w) {
				l.words[w] = struct{}{}
				for skip := range len(w) {
					b := omittedBit(w, skip)
					l.omitted[b/64] |= 1 << (b % 64)
				}
			}
		}
	}
	return l, nil
}

// addFrenchForms generates the first-conjugation forms of a French word ending in "-er" (see
// frenchVerbEndings): each is a lookup key, and each with a stem not yet in the concept is also
// returned, so a caller matching the source by stem finds "publié" as well as "publier".
// Words that only look like verbs ("premier", "courrier") get forms that match little or, as
// "premiere", the right thing.
func (l *lexicon) addFrenchForms(items []item, word string, id int32) []item {
	if len(word) < 5 || !strings.HasSuffix(word, "er") || notVerbs[word] {
		return items
	}
	base := word[:len(word)-2]
	for _, end := range frenchVerbEndings {
		form := base + end
		if textproc.IsStopWord(form) {
			continue // "arrive", "passe": questions never search them
		}
		stem := textproc.Stem(form, "fr")
		addKey(l.exact[1], form, id)
		addKey(l.stems[1], stem, id)
		dup := false
		for _, it := range items {
			if it.lang == 1 && it.stem == stem {
				dup = true
				break
			}
		}
		if !dup && frenchReturnedEndings[end] {
			items = append(items, item{word: form, stem: stem, lang: 1})
		}
	}
	return items
}

// answer is a concept's entries as asked in language li: the other language's first, then li's,
// each (language, stem) once, in the order of the line.
func answer(items []item, li int) []Entry {
	var out []Entry
	for _, want := range [2]int{1 - li, li} {
		for _, it := range items {
			e := Entry{Word: it.word, Lang: langs[it.lang], Translation: it.lang != li, Stem: it.stem}
			if it.lang == want && !seen(out, e) {
				out = append(out, e)
			}
		}
	}
	return out[:len(out):len(out)]
}

func (l *lexicon) addPhrase(li int, stems []string, id int32, index map[string]*phrase) {
	joined := strings.Join(stems, " ")
	if p, ok := index[joined]; ok {
		p.concepts = addID(p.concepts, id)
		return
	}
	p := &phrase{stems: stems, key: key{concepts: []int32{id}}}
	index[joined] = p
	l.phrases[li][stems[0]] = append(l.phrases[li][stems[0]], p)
}

func addKey(m map[string]*key, word string, id int32) {
	k, ok := m[word]
	if !ok {
		k = &key{}
		m[word] = k
	}
	k.concepts = addID(k.concepts, id)
}

func addID(ids []int32, id int32) []int32 {
	if len(ids) > 0 && ids[len(ids)-1] == id {
		return ids
	}
	return append(ids, id)
}
