package draft

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/knowledge"
)

// capitalized function words that start sentences but are not names.
var notNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`The A An In On At After Before When While But And Or However Then There As If So
		This That These Those It Its He She They We I His Her Their Our Your You Also Although Because Due Since
		Soon Recently Originally According Some Many Most Other Others All Each Every Both Such For From With
		Without During Until Unlike Like Despite Following Many Several What Who Which Where Why How Yes No
		Le La Les L Un Une Des Du De Et Ou Mais Puis Il Elle Ils Elles On Ce Cette Ces Cela Son Sa Ses Leur Leurs
		Lors Après Avant Pendant Selon Dans En Pour Par Sur Avec Sans Quand Alors Ainsi Même Voici Voilà Lire
		Cependant Toutefois Enfin Depuis Vers Chez Nous Vous Je Tu Qui Que Quoi Où Version Likez Vous Is Was
		Mr Mrs Ms Dr Salut Hey Wow Merci Oui Non Originally Specifically Supporters Opponents Products`) {
		notNames[w] = true
	}
	for _, w := range strings.Fields(`January February March April May June July August September October November December
		Monday Tuesday Wednesday Thursday Friday Saturday Sunday Janvier Février Mars Avril Mai Juin Juillet Août
		Septembre Octobre Novembre Décembre Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche`) {
		notNames[w] = true
	}
}

var nameToken = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’.\-]*`)

// actors finds names that recur in the text — runs of capitalized words such as "Donald Trump Jr."
// or "Mozilla Foundation", seen at least twice — and gives each event the ones its passages name,
// longest first, leaving out a name another of the event's names contains.
func (b *builder) actors() {
	counts := map[string]int{}
	order := map[string]int{}
	for i := range b.sents {
		for _, n := range namesIn(b.sents[i].text) {
			counts[n]++
			if _, ok := order[n]; !ok {
				order[n] = len(order)
			}
		}
	}
	for n, c := range counts {
		if c >= 2 {
			b.names = append(b.names, n)
		}
	}
	sort.Slice(b.names, func(i, j int) bool {
		if len(b.names[i]) != len(b.names[j]) {
			return len(b.names[i]) > len(b.names[j])
		}
		return b.names[i] < b.names[j]
	})
	for _, e := range b.events {
		type hit struct {
			name string
			at   int
		}
		var hits []hit
		for _, idx := range e.sents {
			text := b.sents[idx].text
			for _, n := range b.names {
				if at := indexWord(text, n); at >= 0 {
					hits = append(hits, hit{n, idx*100000 + at})
				}
			}
		}
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].at < hits[j].at })
		var out []string
	next:
		for _, h := range hits {
			for _, o := range out {
				if o == h.name || strings.Contains(o, h.name) {
					continue next
				}
			}
			for _, o := range hits {
				if o.name != h.name && strings.Contains(o.name, h.name) {
					continue next
				}
			}
			out = append(out, h.name)
			if len(out) == 6 {
				break
			}
		}
		e.actors = out
	}
}

// namesIn returns the runs of capitalized words of a sentence. The sentence's first word is part of
// a name only when the next word is capitalized too ("Jamie Zawinski says …").
func namesIn(s string) []string {
	toks := nameToken.FindAllStringIndex(s, -1)
	var out []string
	var run []string
	runAt := 0 // index of the run's first token
	flush := func() {
		// "The Atlantic" is a name in the middle of a sentence; at its start, "The" is the article.
		for len(run) > 0 && (notNames[strings.TrimSuffix(run[0], ".")] && !(runAt > 0 && len(run) > 1 && (run[0] == "The" || run[0] == "La" || run[0] == "Le")) || isConnector(run[0])) {
			run = run[1:]
		}
		for len(run) > 0 && isConnector(run[len(run)-1]) {
			run = run[:len(run)-1]
		}
		if len(run) > 0 {
			n := strings.Join(run, " ")
			n = strings.TrimRight(n, ".'’-")
			if strings.HasSuffix(n, " Jr") || strings.HasSuffix(n, " Sr") {
				n += "."
			}
			if utf8.RuneCountInString(n) >= 2 && !isNumber(n) {
				out = append(out, n)
			}
		}
		run = nil
	}
	prevEnd := 0
	for i, t := range toks {
		w := s[t[0]:t[1]]
		gap := s[prevEnd:t[0]]
		prevEnd = t[1]
		if i > 0 && strings.TrimSpace(gap) != "" && strings.Trim(gap, " \u00a0") != "" {
			// Punctuation between words ends a name.
			flush()
		}
		w = strings.TrimRight(w, "'’")
		if base, ok := strings.CutSuffix(w, "'s"); ok || strings.HasSuffix(w, "’s") {
			if !ok {
				base = strings.TrimSuffix(w, "’s")
			}
			w = base
			if isCap(w) {
				run = append(run, w)
			}
			flush()
			continue
		}
		switch {
		case isCap(w):
			if i == 0 && (notNames[strings.TrimSuffix(w, ".")] || len(toks) > 1 && !isCap(s[toks[1][0]:toks[1][1]])) {
				continue
			}
			// "Jr." and "Sr." end a name; other words with a period end the run after them.
			if len(run) == 0 {
				runAt = i
			}
			run = append(run, w)
			if strings.HasSuffix(w, ".") && len(w) > 2 {
				flush()
			}
		case len(run) > 0 && isConnector(w):
			run = append(run, w)
		default:
			flush()
		}
	}
	flush()
	return out
}

func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isConnector(w string) bool {
	switch w {
	case "of", "de", "du", "des", "von", "van", "der", "la", "le", "del", "da", "di", "and":
		return true
	}
	return false
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' && r != ' ' {
			return false
		}
	}
	return true
}

// indexWord finds name in text as whole words.
func indexWord(text, name string) int {
	for off := 0; ; {
		i := strings.Index(text[off:], name)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(name)
		okStart := i == 0 || !isWordRune(lastRune(text[:i]))
		okEnd := end == len(text) || !isWordRune(firstRune(text[end:]))
		if okStart && okEnd {
			return i
		}
		off = i + 1
	}
}

func isWordRune(r rune) bool  { return unicode.IsLetter(r) || unicode.IsDigit(r) }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }
func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

var (
	// "le jour de l'élection", "le jour du vote"; "election day", "on polling day".
	frDayOf = regexp.MustCompile(`(?i)\bjour (de l'|de la |du |des )([\p{L}-]+(?: [\p{Ll}]+)?)`)
	enDay   = regexp.MustCompile(`(?i)\b([\p{L}]+) day\b`)
	// "Eich's resignation", "Netscape's announcement".
	enPossessive = regexp.MustCompile(`\b(\p{Lu}[\p{L}]+)['’]s ([a-z]+(?:tion|sion|ment|ure|ance|ence|al)|death|arrest|visit|launch|release|victory|defeat|win|trial|speech|wedding|birth)\b`)
	// "la démission d'Eich", "la nomination de Brendan Eich".
	frOf = regexp.MustCompile(`\b(la|le|l')\s?([a-zéèêàç]+(?:tion|sion|ment|ure|ance|ence|ée|ite))\s(?:de |d')(\p{Lu}[\p{L}]+(?: \p{Lu}[\p{L}]+)?)`)
)

// eventNouns pairs French and English nouns of events people name dates by, with the French
// article, so an anchor the text names in one language gets names in the other. Only these: an
// anchor's other-language names are proposals for the author to review, not translations.
var eventNouns = [][3]string{
	{"élection", "l'", "election"}, {"démission", "la ", "resignation"}, {"nomination", "la ", "appointment"},
	{"annonce", "l'", "announcement"}, {"arrestation", "l'", "arrest"}, {"mort", "la ", "death"},
	{"décès", "le ", "death"}, {"lancement", "le ", "launch"}, {"victoire", "la ", "victory"},
	{"défaite", "la ", "defeat"}, {"signature", "la ", "signing"}, {"procès", "le ", "trial"},
	{"mariage", "le ", "wedding"}, {"naissance", "la ", "birth"}, {"visite", "la ", "visit"},
	{"sortie", "la ", "release"}, {"référendum", "le ", "referendum"}, {"attentat", "l'", "attack"},
	{"création", "la ", "creation"}, {"rencontre", "la ", "meeting"}, {"réunion", "la ", "meeting"},
	{"fondation", "la ", "founding"}, {"inauguration", "l'", "inauguration"}, {"investiture", "l'", "inauguration"},
	{"vote", "le ", "vote"}, {"scrutin", "le ", "vote"}, {"publication", "la ", "publication"},
	{"fusion", "la ", "merger"}, {"rachat", "le ", "acquisition"}, {"acquisition", "l'", "acquisition"},
	{"faillite", "la ", "bankruptcy"}, {"condamnation", "la ", "conviction"}, {"libération", "la ", "release"},
	{"promotion", "la ", "promotion"}, {"donation", "la ", "donation"}, {"nomination", "la ", "nomination"},
}

func nounFR(fr string) (art, en string, ok bool) {
	for _, n := range eventNouns {
		if n[0] == fr {
			return n[1], n[2], true
		}
	}
	return "", "", false
}

func nounEN(en string) (fr, art string, ok bool) {
	for _, n := range eventNouns {
		if n[2] == en {
			return n[0], n[1], true
		}
	}
	return "", "", false
}

// of is French "de X" with elision: "d'Eich", "de Brendan Eich".
func of(name string) string {
	if r := firstRune(strings.ToLower(name)); strings.ContainsRune("aeiouyhéèêàâîôû", r) {
		return "d'" + name
	}
	return "de " + name
}

// anchors proposes named dates people refer to: the day a sentence calls "le jour de l'élection"
// or "election day", and nominalized events of a named actor ("Eich's resignation", "la démission
// d'Eich") of the nouns of eventNouns, dated by the one entry of the day they are found in — or,
// found in none, by the last entry of a day before every place they are found. Names are proposed
// in English and French.
func (b *builder) anchors() {
	seen := map[string]bool{}
	add := func(id string, d knowledge.Date, names map[string][]string) {
		id = slug(id, 4)
		if id == "" || seen[id] || d.Year == 0 || d.Precision != knowledge.PrecisionDay || len(b.anchorsOut) >= 8 {
			return
		}
		seen[id] = true
		b.anchorsOut = append(b.anchorsOut, anchor{id: id, date: d, names: names})
	}
	for _, e := range b.events {
		if e.context || e.date.Precision != knowledge.PrecisionDay {
			continue
		}
		lead := b.sents[e.lead].text
		if m := frDayOf.FindStringSubmatch(lead); m != nil && b.lang == "fr" {
			noun := strings.ToLower(m[2])
			prep := strings.ToLower(m[1]) // "de l'", "de la ", "du ", "des "
			art := map[string]string{"de l'": "l'", "de la ": "la ", "du ": "le ", "des ": "les "}[prep]
			names := map[string][]string{"fr": {"jour " + prep + noun, art + noun}}
			if _, en, ok := nounFR(strings.Fields(noun)[0]); ok {
				names["en"] = []string{en + " day", "the " + en}
			}
			add(strings.Fields(noun)[0], e.date, names)
		}
		if m := enDay.FindStringSubmatch(lead); m != nil && b.lang == "en" {
			noun := strings.ToLower(m[1])
			if !stopwords[noun] && !notNames[m[1]] && noun != "one" && noun != "same" && noun != "next" && noun != "following" && noun != "previous" {
				names := map[string][]string{"en": {noun + " day", "the " + noun}}
				if fr, art, ok := nounEN(noun); ok {
					names["fr"] = []string{"jour " + map[string]string{"l'": "de l'", "la ": "de la ", "le ": "du "}[art] + fr, art + fr}
				}
				add(noun, e.date, names)
			}
		}
	}
	// Nominalized events of a named actor, in every sentence of the text.
	type cand struct {
		names  map[string][]string
		inDay  map[*event]bool // day-precision entries whose passages hold the phrase
		before map[string]knowledge.Date
		// conflict is set when a sentence naming it is dated otherwise.
		conflict bool
	}
	cands := map[string]*cand{}
	var order []string
	dayBefore := map[int]knowledge.Date{} // sentence → the last day-precision entry started at or before it
	var last knowledge.Date
	owner := map[int]*event{}
	for _, e := range b.events {
		for _, idx := range e.sents {
			if owner[idx] == nil || !e.context {
				owner[idx] = e
			}
		}
	}
	for i := range b.sents {
		if e := owner[i]; e != nil && !e.context && e.lead == i && e.date.Precision == knowledge.PrecisionDay {
			last = e.date
		}
		dayBefore[i] = last
	}
	for i := range b.sents {
		s := &b.sents[i]
		var found []struct {
			key   string
			names map[string][]string
		}
		if b.lang == "en" {
			for _, m := range enPossessive.FindAllStringSubmatch(s.text, -1) {
				if _, _, ok := nounEN(m[2]); !ok && m[2] != "departure" {
					// "Mozilla's mission", "Cannon's stance": not an event people date things by.
					continue
				}
				names := map[string][]string{"en": {m[0]}}
				if fr, art, ok := nounEN(m[2]); ok {
					names["fr"] = []string{strings.TrimSpace(art) + map[bool]string{true: "", false: " "}[art == "l'"] + fr + " " + of(m[1])}
				}
				found = append(found, struct {
					key   string
					names map[string][]string
				}{m[1] + "-" + m[2], names})
			}
		}
		if b.lang == "fr" {
			for _, m := range frOf.FindAllStringSubmatch(s.text, -1) {
				if _, _, ok := nounFR(m[2]); !ok && m[2] != "départ" {
					continue
				}
				names := map[string][]string{"fr": {m[0]}}
				if _, en, ok := nounFR(m[2]); ok {
					names["en"] = []string{m[3] + "'s " + en}
				}
				found = append(found, struct {
					key   string
					names map[string][]string
				}{m[3] + "-" + m[2], names})
			}
		}
		if len(found) == 0 {
			continue
		}
		// A sentence that dates itself otherwise names an event of its own date ("Eich's donation
		// first became public knowledge in 2012").
		ms := dated(s)
		e := owner[i]
		for _, f := range found {
			c, ok := cands[f.key]
			if !ok {
				c = &cand{names: f.names, inDay: map[*event]bool{}, before: map[string]knowledge.Date{}}
				cands[f.key] = c
				order = append(order, f.key)
			}
			switch {
			case e != nil && !e.context && e.date.Precision == knowledge.PrecisionDay && (len(ms) == 0 || sameDate(ms[0].Date, e.date)):
				c.inDay[e] = true
			case len(ms) == 0 || dayBefore[i].Year != 0 && contains(ms[0].Date, dayBefore[i]):
				if d := dayBefore[i]; d.Year != 0 {
					c.before[d.String()] = d
				}
			default:
				c.conflict = true
			}
		}
	}
	for _, key := range order {
		c := cands[key]
		switch {
		case len(c.inDay) == 1:
			for e := range c.inDay {
				add(key, e.date, c.names)
			}
		case len(c.inDay) == 0 && len(c.before) == 1 && !c.conflict:
			for _, d := range c.before {
				add(key, d, c.names)
			}
		}
	}
}
