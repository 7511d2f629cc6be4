package answer

import (
	"regexp"
	"slices"
	"strings"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Questions asking for a sum of money: "how much did the opera house cost", "how much money came
// with the prize", "combien a coûté la mission", "combien WL a payé Don Jr". A count ("combien de
// championnats") is not one, nor a duration ("how much time").
var (
	reHowMuchMoney = regexp.MustCompile(`\bhow much\b(?:.*\b(?:cost|costs|costed|costing|pay|paid|pays|paying|earn|earns|earned|make|makes|made|donate|donated|give|gave|spend|spent|sell|sold|raise|raised|charge|charged|worth|fetch|fetched|money|cash|ticket|tickets|fare|fares|fee|fees|fine|fines|salary|wage|wages|price|prices)\b|\s+(?:money|cash)|\s+(?:is|was|are|were)\s+(?:a|an|one)\s)`)
	reCombienMoney = regexp.MustCompile(`\bcombien\b(?:\s+(?:d'argent|de dollars|d'euros|de francs|de livres)|.*\b` + moneyVerbsFr + `\b)|\b` + moneyVerbsFr + `\s+combien\b`)
	rePriceOf      = regexp.MustCompile(`\b(?:what|wat|quel|quelle)\s+(?:was|is|were|etait|est|a ete|fut)\s+(?:the|le|la)\s+(?:price|cost|amount|prix|cout|montant|somme)\b|\b(?:le|la)\s+(?:prix|cout|montant|somme)\b.*\?`)
	// reCounted is "combien de X": what is counted, when it is no money.
	reCounted = regexp.MustCompile(`\bcombien\s+(?:de|d')\s*([a-z]+)`)
)

// moneyVerbsFr are the French verbs of a price, a wage or a payment, before or after "combien"
// ("combien a coûté…", "il gagnait combien").
const moneyVerbsFr = `(?:coute|coutait|coutent|couter|cout|coutera|paye|payee|payes|payer|payait|verse|versee|donne|vendu|vendue|rapporte|rapportait|depense|depensee|gagne|gagnait|touche|touchait)`

// payVerbs are the verbs of paying a sum, which frame a question for it (withoutPayVerbs). Not
// "cost": a source writes the cost of what the question names as a noun ("put the cost at").
var payVerbs = set("pay pays paid paying spend spends spent spending " +
	"paye payee payes payer payait payaient depense depensee depenser depensait")

// withoutPayVerbs is the folded text without its verbs of paying.
func withoutPayVerbs(folded string) string {
	words := strings.Fields(folded)
	kept := words[:0]
	for _, w := range words {
		if !payVerbs[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == len(words) {
		return folded
	}
	return strings.Join(kept, " ")
}

// moneyNouns are the words "combien de" counts money by.
var moneyNouns = set("argent dollars euros francs livres sous")

// sumNouns are the words for money itself, in either language and in slang. In a question for a
// sum they say what is asked, not what about: a source writes money as figures ("$15 million"),
// seldom as "cash", so their absence from it is no sign the question is off its topic.
var sumNouns = set("money cash funds bucks dough argent fric pognon thune oseille sous")

// asksAmount reports whether a folded question asks for a sum of money.
func asksAmount(folded string) bool {
	if strings.Contains(folded, "how much") {
		return !strings.Contains(folded, "how much time") && reHowMuchMoney.MatchString(folded)
	}
	if strings.Contains(folded, "combien") {
		if m := reCounted.FindStringSubmatch(folded); m != nil && !moneyNouns[m[1]] && !sumNouns[m[1]] {
			return false // "a gagné combien de championnats": a count
		}
		return reCombienMoney.MatchString(folded)
	}
	return (strings.Contains(folded, "price") || strings.Contains(folded, "cost") || strings.Contains(folded, "prix") ||
		strings.Contains(folded, "cout") || strings.Contains(folded, "montant") || strings.Contains(folded, "somme") ||
		strings.Contains(folded, "amount")) && rePriceOf.MatchString(folded)
}

// reMoney finds a sum of money in folded text: a figure with a currency sign or word, in either
// order ("$102 million", "A$3.5 million", "388 375 dollars", "1 000 livres", "£1,000").
var reMoney = regexp.MustCompile(`[$€£¥]\s?\d|\d[\d,.\s\x{a0}\x{202f}]*\s?(?:[$€£¥]|(?:millions?|milliards?|billions?|thousand|mille)?\s*(?:de\s+|d')?(?:dollars?|euros?|francs?|pounds?|livres?( sterling)?|sterling|guineas?|shillings?|marks?|yen|roubles?|ecus?|usd|eur|gbp|aud)\b)|\b(?:usd|eur|gbp|aud|chf)\s?\d`)

// requireAmount turns an answer to a question asking for a sum into a refusal when none of the
// events found writes one: "how much money came with the Nobel prize" is not answered by the prize
// itself. Events that do are the answer, their passage with the sum quoted first.
func (r *Retrieval) requireAmount() {
	t := r.Timeline
	kept := r.Events[:0:0]
	for _, s := range r.Events {
		// The passage quoted for the question that writes a sum, best first ("offer $10,000"
		// of "how much did they offer", before the sum planned two sentences earlier); else the
		// event's first that does.
		k := slices.IndexFunc(s.Passages, func(k int) bool { return reMoney.MatchString(t.FoldedPassage(s.Event, k)) })
		if k >= 0 {
			k = s.Passages[k]
		} else {
			for i := range s.Event.Passages {
				if reMoney.MatchString(t.FoldedPassage(s.Event, i)) {
					k = i
					break
				}
			}
		}
		if k >= 0 {
			s.Passages = withFirst(s.Passages, k)
			kept = append(kept, s)
		}
	}
	// Of several events, those that write no sum do not answer what it cost.
	if len(kept) > 0 {
		r.Events = kept
		return
	}
	r.refuseNoAmount(nil)
}

// reNumberWord is a figure in digits or in words, English or French, as a whole word.
var reNumberWord = regexp.MustCompile(`^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|sixty|seventy|eighty|ninety|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|dozen|dozens|several|only|single|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|millions|plusieurs|seul|seule|unique|aucun|aucune|no|none)$`)

// personNouns count people in general; a source counts them by what they are, words starting
// with one of personStems, in English or French.
var (
	personNouns = set("people persons person individuals folks gens personnes")
	personStems = []string{"people", "person", "passeng", "passag", "worker", "ouvrier", "men", "women", "homme", "femme",
		"member", "membre", "soldier", "soldat", "victim", "spectat", "visit", "crew", "equipage", "employ", "inhabit",
		"habitant", "resident", "student", "etudiant", "prisoner", "prisonnier", "refugee", "refugie", "gens", "volunteer", "volontaire",
		"audience", "crowd", "foule", "attendee", "participant", "citizen", "citoyen",
		// Those who gave, voted or signed are people; so are the dead, counted by their deaths.
		"donor", "donateur", "contributor", "contribut", "subscriber", "souscripteur", "supporter", "voter", "electeur",
		"delegate", "delegue", "death", "deces", "fatalit", "casualt", "dead", "mort", "tue"}
)

// countedNoun is what a "how many" counts ("how many seats", "combien de championnats"), or "".
func countedNoun(folded string) string {
	m := reCountOf.FindStringSubmatch(folded)
	if m == nil || unitWords[m[1]] || textproc.IsStopWord(m[1]) || len(m[1]) < 4 {
		return ""
	}
	return m[1]
}

// writesFigureOf reports whether folded text writes a figure just before a word starting with
// stem ("2,679 seats", "quatre délégations", "his only child").
func writesFigureOf(folded, stem string) bool {
	words := textproc.Words(folded)
	for i, w := range words {
		if !strings.HasPrefix(w, stem) {
			continue
		}
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			// A year a few words off dates the sentence ("in 2017 for new seats"); right
			// before the noun it may count ("2000 seats").
			// After "in", "since", "en" it is a year still ("in 1854 gold miners").
			if reNumberWord.MatchString(words[k]) && (k == i-1 && !(isYear(words[k]) && k > 0 && yearPrepositions[words[k-1]]) || !isYear(words[k])) {
				return true
			}
		}
	}
	return false
}

// countedDeed is the question's verb after what a "how many" counts ("deputies voted", "papers
// did he write"), past the auxiliaries and pronouns; false when the next word of content is none
// or a name.
func (r *Retrieval) countedDeed(noun string) (knowledge.QueryWord, bool) {
	_, words := r.read(r.Parsed.Rest)
	at := slices.Index(words, noun)
	if at < 0 {
		return knowledge.QueryWord{}, false
	}
	aux := false
	for _, w := range words[at+1:] {
		if textproc.IsStopWord(w) || auxiliaryWords[w] {
			aux = aux || verbAuxiliaries[w]
			continue
		}
		// A verb: after an auxiliary ("did he write", "ont voté"), or one by its form; "petits
		// enfants" is a noun after a noun.
		if _, ok := r.Timeline.ActorOfWord(w); ok || !aux && !textproc.IsDeedWord(w) && !textproc.IsPastForm(w) && !textproc.IsLightWord(w) {
			return knowledge.QueryWord{}, false
		}
		return r.Timeline.QueryWord(w), true
	}
	return knowledge.QueryWord{}, false
}

// verbAuxiliaries put a verb after them.
var verbAuxiliaries = set("did do does has have had was were is are ont a avait avaient est sont etaient ete")

// figureBeside reports whether folded text writes a figure, no year, right before the verb ("361
// voted") or right after it, an adjective apart at most ("wrote 11 scientific works").
func figureBeside(t *knowledge.Timeline, folded string, verb knowledge.QueryWord) bool {
	words := textproc.Words(folded)
	figure := func(k int) bool {
		return k >= 0 && k < len(words) && reNumberWord.MatchString(words[k]) && !isYear(words[k]) && numberWord[words[k]] != 1 && words[k] != "only" && words[k] != "no"
	}
	for i, w := range words {
		if textproc.IsStopWord(w) || !t.Says(w, t.Source.Language, verb) {
			continue
		}
		if figure(i-1) || figure(i+1) || figure(i+2) && !textproc.IsStopWord(words[i+1]) {
			return true
		}
	}
	return false
}

// yearPrepositions date what follows them: a year after one is no count.
var yearPrepositions = set("in since during en depuis dans")

// requireFigure turns an answer to "how many X" into a refusal when none of the events found
// writes a figure of X: "how many seats does the theatre have" is not answered by the theatre.
// When one does, the passage with the figure is quoted first.
// It records the noun in Missing for the refusal.
func (r *Retrieval) requireFigure(noun string) {
	t := r.Timeline
	// A noun the source never writes as such may be the asker's word in another language
	// ("how many ppl" of a French source's "spectateurs"); a name ("combien de Moriori") is
	// counted by a verb ("only 101 survived"), not beside a noun.
	// People are counted by what they are ("2,000 passengers", "33 men", "ten workers"): "how
	// many people" is answered by a figure of any of them.
	stems := []string{noun}
	switch {
	case personNouns[noun]:
		stems = personStems
	case !t.KnownExactly(noun):
		// In the source's own language, a counted noun it never writes, nor any word like it,
		// is nothing it counts ("combien de visiteurs" of a source without visitors).
		if r.Parsed.Lang == t.Source.Language && !t.Known(noun) && !t.SaysOtherwise(noun) {
			r.refuseNoAmount([]string{noun})
		}
		return
	default:
		if _, ok := t.ActorOfWord(noun); ok {
			return
		}
		if n := len(noun); n > 5 {
			stems[0] = noun[:n-2]
		} else if strings.HasSuffix(noun, "s") {
			stems[0] = noun[:n-1]
		}
	}
	// "How many deputies voted to execute the king" of "361 voted to execute the king", "how
	// many papers did he write" of "he wrote 11 scientific works": a figure beside the question's
	// verb counts what it says of, whatever noun the source gives it, or none.
	// The passage must then have every other word of the question's topic: "how many Irish
	// emigrated to Australia" is not answered by the million who emigrated to America.
	verb, hasVerb := r.countedDeed(noun)
	var topic []knowledge.QueryWord
	if hasVerb {
		for _, w := range r.queryWords(r.specific(r.Parsed.Rest)) {
			if w.Word != noun && w.Word != verb.Word {
				topic = append(topic, w)
			}
		}
	}
	writes := func(folded string) bool {
		return slices.ContainsFunc(stems, func(st string) bool { return writesFigureOf(folded, st) })
	}
	writesAt := func(e *knowledge.Event, k int) bool {
		folded := t.FoldedPassage(e, k)
		return writes(folded) || hasVerb && figureBeside(t, folded, verb) && len(t.UnmatchedWords(e, k, topic)) == 0
	}
	// The passage that writes the figure should be about what is counted: of "how many people
	// died in the French attempt", "about 22,000 men died" rather than "a few thousand people
	// were employed". Figure passages are ranked by the question's other words.
	var others []knowledge.QueryWord
	for _, w := range r.queryWords(r.Parsed.Rest) {
		if w.Word != noun {
			others = append(others, w)
		}
	}
	figure := func(e *knowledge.Event) (int, float32, bool) {
		best, score, found := -1, float32(-1), false
		ranked := t.RankPassages(e, others)
		for k := range e.Passages {
			if writesAt(e, k) && scoreOf(ranked, k) > score {
				best, score, found = k, scoreOf(ranked, k), true
			}
		}
		if found {
			return best, score, true
		}
		// A summary sentence may say in the asker's language what a passage says in the
		// source's ("100,000 workers" for "100 000 ouvriers").
		for _, ss := range t.SummarySentences(e) {
			if writes(textproc.Fold(ss.Text)) {
				return ss.Passage, 0, true
			}
		}
		return -1, 0, false
	}
	// Of several events, those that write no figure of it do not answer how many; of those that
	// do, a figure in a passage sharing the question's other words answers better.
	var kept, relevant []Selected
	for _, s := range r.Events {
		if k, sc, ok := figure(s.Event); ok {
			if k >= 0 {
				s.Passages = withFirst(s.Passages, k)
			}
			kept = append(kept, s)
			if sc > 0 {
				relevant = append(relevant, s)
			}
		}
	}
	switch {
	case len(relevant) > 0:
		kept = relevant
	// An event found nearly as well may write the figure where none of the chosen ones does in
	// the question's terms ("how many people died during the French attempt": not the attempt's
	// opening but its bankruptcy "after 22,000 men died"). A total or a rate is no one event's
	// figure.
	case !reAggregate.MatchString(textproc.Fold(r.Parsed.Text)):
		if e, k, ok := r.nearFigure(figure, len(kept) == 0); ok {
			r.Events = []Selected{{Event: e, Passages: []int{k}}}
			r.Alternatives = nil
			return
		}
	}
	if len(kept) > 0 {
		if len(kept) < len(r.Events) {
			r.Alternatives = nil
		}
		r.Events = kept
		return
	}
	r.refuseNoAmount([]string{noun})
}

// reAggregate finds a question asking for a total or a rate ("in total", "every year", "en tout",
// "par an"): the figure of one event found past the best does not answer it, though it writes one.
var reAggregate = regexp.MustCompile(`\b(?:in total|total|altogether|overall|all told|in all|(?:every|each|per|a) (?:year|month|week|day)|annually|yearly|en tout|au total|en totalite|(?:par|chaque) (?:an|annee|mois|semaine|jour)|tous les ans)\b`)

// figureCoverage is the least share of a question's words an event found past the chosen ones
// must match to answer "how many" with its figure: well under minCoverage, since the figure
// itself is the check, but more than a word in common.
const figureCoverage = 0.3

// nearFigure is the best found event, within focusRatio of the best and not chosen already, with
// a passage that writes the figure asked for in the question's other words (figure), and that
// passage; when loose, the best with a figure in any words if none writes it in the question's.
func (r *Retrieval) nearFigure(figure func(*knowledge.Event) (int, float32, bool), loose bool) (*knowledge.Event, int, bool) {
	rest := r.Parsed.Rest
	res := r.Timeline.Search(knowledge.Query{Text: rest, Spans: r.Parsed.Spans, Limit: topicHits, Reading: r.reading(rest)})
	var first *knowledge.Event
	firstK := -1
	for _, h := range res.Hits {
		if h.Score < focusRatio*res.Hits[0].Score {
			break
		}
		if h.Coverage < figureCoverage || slices.ContainsFunc(r.Events, func(s Selected) bool { return s.Event == h.Event }) {
			continue
		}
		k, sc, ok := figure(h.Event)
		switch {
		case !ok || k < 0:
		case sc > 0:
			return h.Event, k, true
		case first == nil:
			first, firstK = h.Event, k
		}
	}
	// Found by the question's other words, a figure of what is counted answers in their absence
	// only when none of the chosen events writes one.
	return first, firstK, first != nil && loose
}

// refuseNoAmount turns the answer into a NoAmount refusal naming the first event found as the
// nearest, and what was counted (missing) when a count was asked.
func (r *Retrieval) refuseNoAmount(missing []string) {
	r.Reason, r.Nearest, r.Missing = NoAmount, r.Events[0].Event, missing
	r.Events, r.Alternatives, r.List, r.Count = nil, nil, false, false
}

// isYear reports whether w is four digits that read as a year of the common era.
func isYear(w string) bool {
	return len(w) == 4 && w >= "1000" && w <= "2199" && strings.Trim(w, "0123456789") == ""
}
