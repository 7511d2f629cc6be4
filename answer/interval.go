package answer

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// Interval is the time between two events a question names ("how many days between the first
// Podesta e-mails and the message of 12 October?"), computed from their dates: the source need not
// state it.
type Interval struct {
	From, To *knowledge.Event
	N        int    // how many units
	Unit     string // "day", "week", "month" or "year"
}

// reInterval finds "how many days between A and B", "combien de jours entre A et B" (folded).
// "How long", "combien de temps" name no unit: the dates choose one (intervalUnit).
var reInterval = intervalPattern(`between|b/w|btwn|separate|from|entre|separent|depuis`, `and|n|&|to|until|till|til|through|et|a|au|jusqu'au|jusqu'a`)

// intervalAsk is what asks for a time (the unit, when there is one, is its first group).
const intervalAsk = `\b(?:(?:how many|combien de|combien d'|count the|count up the|compte les|compter les)\s*(days?|weeks?|months?|years?|jours?|semaines?|mois|annees?|ans)|how long|how much time|combien de temps)`

// intervalPattern is a question asking for the time between two sides, each opened and closed by
// one of the words given: the unit, then each side.
func intervalPattern(opens, closes string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(intervalAsk + `\b.*?(?:`)
	for i, w := range strings.Split(opens, "|") {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(`\b` + w)
	}
	b.WriteString(`)\s+(.+?)\s+(?:` + closes + `)\s+(.+)$`)
	return regexp.MustCompile(b.String())
}

// reUnitFirst is a question that opens on the unit it counts in: "days b/w A and B", "jours entre
// A et B".
var reUnitFirst = regexp.MustCompile(`^(?:days?|weeks?|months?|years?|yrs|jours?|semaines?|mois|ans|annees?)\s+(?:between|b/w|btwn|entre|from|de|du|since|depuis)\b`)

// intervalQuery answers "how many days between A and B" from the dates of the events A and B name.
// It reports false when the question is not one, or when either side names no event clearly.
func (r *Retrieval) intervalQuery(text string) bool {
	m := r.intervalSides(text)
	if m == nil {
		return false
	}
	m[3] = clauseEnd(m[3])
	a, b := r.namedEvent(m[2]), r.namedEvent(m[3])
	if a != nil && a == b {
		a, b = r.apart(m[2], m[3], a)
	}
	if a == nil || b == nil || a == b {
		return false
	}
	return r.setInterval(a, b, m[1])
}

// apart resolves two sides that named the same event e: the side whose next best event comes
// nearer its best takes that one ("the wage cut" and "the strike getting called off" both find
// the strike's end, which writes "wages will not be cut again"; the cut itself is nearly as good
// a match for the first side, the second side has nothing as close).
func (r *Retrieval) apart(sideA, sideB string, e *knowledge.Event) (a, b *knowledge.Event) {
	altA, ratioA := r.nextEvent(sideA, e)
	altB, ratioB := r.nextEvent(sideB, e)
	switch {
	case altA != nil && ratioA >= ratioB:
		return altA, e
	case altB != nil:
		return e, altB
	}
	return e, e
}

// nextEvent is the best event a side's words find other than e, when it covers the side as well
// as minCoverage asks and scores at least focusRatio of the best, with its share of the best score.
func (r *Retrieval) nextEvent(side string, e *knowledge.Event) (*knowledge.Event, float32) {
	t := r.Timeline
	p := question.Parse(side, t)
	res := t.Search(knowledge.Query{Text: t.ExpandNames(textproc.Fold(p.Rest)), Spans: p.Spans, Limit: 3})
	if len(res.Hits) < 2 || res.Hits[0].Score <= 0 {
		return nil, 0
	}
	for _, h := range res.Hits {
		if h.Event == e {
			continue
		}
		if ratio := h.Score / res.Hits[0].Score; h.Coverage >= minCoverage && ratio >= focusRatio {
			return h.Event, ratio
		}
		break
	}
	return nil, 0
}

// intervalShaped reports whether a question asks for the time between two sides
// ("how many days between A and B"), whether or not intervalQuery found their events.
func (r *Retrieval) intervalShaped(text string) bool { return r.intervalSides(text) != nil }

// intervalSides is reInterval's match of a question asking for the time between two sides (the
// unit, then each side), or nil.
func (r *Retrieval) intervalSides(text string) []string {
	folded := reorderedInterval(r.foldTrimmed(text))
	if !strings.Contains(folded, "between") && !strings.Contains(folded, "entre") && !strings.Contains(folded, "separ") &&
		!strings.Contains(folded, "from ") && !strings.Contains(folded, "depuis") && !strings.Contains(folded, "b/w") && !strings.Contains(folded, "btwn") {
		return nil // spare the expression
	}
	if reUnitFirst.MatchString(folded) {
		folded = "how many " + folded // "days b/w the rally and the wow msg?"
	}
	// "Between A and B" splits at the conjunction, even when A holds a word that can end a span
	// ("the first ship going through n the opening"); "from A to B", at the first word that
	// ends one.
	if m := reIntervalAnd.FindStringSubmatch(folded); m != nil {
		return m
	}
	// "From A until B" ends A at "until", though A says "to" ("WL's first DMs to Don Jr").
	if m := reIntervalUntil.FindStringSubmatch(folded); m != nil {
		return m
	}
	return reInterval.FindStringSubmatch(folded)
}

var (
	// reAskLast is a question whose sides come before what it asks: "du 1er DM à l'article, ça fait
	// combien de jours", "from the launch to splashdown, how many days?".
	reAskLast = regexp.MustCompile(`^((?:from|between|b/w|btwn|du|de|depuis|entre)\s.+?)\s*[,:;-]?\s*(?:ca fait|ca fera|that's|thats|that is|it's|its|it is|that makes|c'est|il y a|y a|ya|there are|there were)?\s*` + intervalAsk + `\s*\??$`)
	// reApartLast is two sides joined by "and" or "to", then the time between them asked with
	// "apart", "d'écart", "d'intervalle" (sides, then the unit).
	reApartLast = regexp.MustCompile(`^(?:(?:from|between|b/w|btwn|du|de|depuis|entre)\s+)?(.+?)\s+(?:and|et|n|&|to|a|au)\s+(.+?)\s*[,:;-]?\s*(?:ca fait|ca fera|that's|thats|that is|it's|its|it is|that makes|c'est|il y a|y a|ya|there are|there were)?\s*` + intervalAsk + `\s*(?:apart|d'ecart|d ecart|d'intervalle|d intervalle)\b.*$`)
	// reCountColon is "count the days: A → B".
	reCountColon = regexp.MustCompile(`^(?:count the|count up the|compte les|compter les)\s*(days?|weeks?|months?|years?|jours?|semaines?|mois|annees?|ans)\s*[:,-]\s*`)
	// arrows stand for "to" between two sides.
	arrows = strings.NewReplacer("→", " to ", "->", " to ", "=>", " to ", "⇒", " to ")
)

// reorderedInterval writes the interval questions whose sides come first ("du A à B, ça fait
// combien de jours") or follow a colon and an arrow ("count the days: A → B") in the order the
// interval patterns read: "how many days from A to B".
func reorderedInterval(folded string) string {
	if strings.ContainsAny(folded, "→>⇒") {
		folded = arrows.Replace(folded)
	}
	if m := reCountColon.FindStringSubmatchIndex(folded); m != nil {
		rest := folded[m[1]:]
		if !strings.HasPrefix(rest, "from ") && !strings.HasPrefix(rest, "between ") {
			rest = "from " + rest
		}
		return "how many " + folded[m[2]:m[3]] + " " + rest
	}
	if !strings.Contains(folded, "combien") && !strings.Contains(folded, "how ") && !strings.Contains(folded, "cb ") {
		return folded
	}
	// "the 'wow' et l'article de the atlantic, ya cb de jours d'écart", "A → B, how many days apart
	// is that": two sides, then the time between them asked.
	if strings.Contains(folded, "apart") || strings.Contains(folded, "ecart") || strings.Contains(folded, "intervalle") {
		if m := reApartLast.FindStringSubmatch(folded); m != nil {
			unit := m[3]
			if unit == "" {
				return "how long between " + m[1] + " and " + m[2]
			}
			return "how many " + unit + " between " + m[1] + " and " + m[2]
		}
	}
	if m := reAskLast.FindStringSubmatch(folded); m != nil {
		sides := m[1]
		if w, rest, _ := strings.Cut(sides, " "); w == "du" || w == "de" {
			sides = "from " + rest // "du A à B": the patterns open French spans on "depuis", "entre"
		}
		if m[2] == "" {
			return "how long " + sides
		}
		return "how many " + m[2] + " " + sides
	}
	return folded
}

// reIntervalUntil is reInterval split at a word that only ends a span ("until", "jusqu'au").
var reIntervalUntil = intervalPattern(`between|b/w|btwn|from|entre|depuis`, `until|till|til|jusqu'au|jusqu'a`)

// reIntervalAnd is reInterval split at a conjunction only ("and", "n", "&", "et").
var reIntervalAnd = intervalPattern(`between|b/w|btwn|separate|entre|separent`, `and|n|&|et`)

// setInterval answers with the time between events a and b (in either order) in the unit a
// question's word names, citing both; it reports false when their dates are too coarse for it.
func (r *Retrieval) setInterval(a, b *knowledge.Event, unitWord string) bool {
	if r.Timeline.Position(b) < r.Timeline.Position(a) {
		a, b = b, a
	}
	unit := intervalUnit(unitWord)
	if unitWord == "" {
		unit = naturalUnit(a, b)
	}
	n, ok := between(a, b, unit)
	if !ok {
		return false
	}
	r.Interval = &Interval{From: a, To: b, N: n, Unit: unit}
	r.selectEvents([]*knowledge.Event{a, b}, "", false)
	return true
}

// clauseEnd is a question's second side without what follows its clause, the rest of the question
// ("…the NYT story? list it", "…jusqu'au nom Firefox, y a eu quoi").
func clauseEnd(side string) string {
	if i := strings.IndexAny(side, "?,;!"); i > 0 {
		return strings.TrimSpace(side[:i])
	}
	return side
}

// reEdgeSide is a side that names an end of the source itself: "the end of the timeline", "la fin
// de la chrono", "le début de l'article", "the start".
var reEdgeSide = regexp.MustCompile(`^(?:the\s+|la\s+|le\s+|l')?\s*(end|fin|beginning|start|debut|commencement)(?:\s+(?:of|de|du|d')\s*(?:the\s+|la\s+|le\s+|l')?\s*(?:timeline|chronology|chronologie|chrono|article|source|story|text|texte|list|liste))?$`)

// edgeSide reports whether a folded side names an end of the source, and whether the last one.
func edgeSide(side string) (last, ok bool) {
	m := reEdgeSide.FindStringSubmatch(strings.TrimSpace(side))
	if m == nil {
		return false, false
	}
	return m[1] == "end" || m[1] == "fin", true
}

// namedEvent is the event one side of an interval names: by a date it writes, else by its words.
func (r *Retrieval) namedEvent(side string) *knowledge.Event {
	t := r.Timeline
	if last, ok := edgeSide(side); ok {
		return edgeEntry(t, last)
	}
	// "le 'hey donald'": a quotation one event has; "le tout premier msg", "the last one": the
	// first or last entry of what the rest describes.
	if e := quotedEvent(t, side); e != nil {
		return e
	}
	if e := anchorSide(t, side); e != nil {
		return e
	}
	if e, ok := r.orderedEvent(side); ok {
		return e
	}
	p := question.Parse(side, t)
	rest := t.ExpandNames(textproc.Fold(p.Rest))
	q := knowledge.Query{Text: rest, Spans: p.Spans, EntriesOnly: namesEntries(textproc.Words(rest)), Limit: 3}
	res := t.Search(q)
	if len(res.Hits) == 0 {
		return nil
	}
	if len(p.Spans) > 0 {
		// "The spill", an anchor of 24 March 1989, is the event of that day, not one the
		// source dates by the year 1989 that holds it.
		res.Hits = preferPrecise(res.Hits, p.Spans)
	}
	best := res.Hits[0]
	if len(p.Spans) == 0 && (best.Score == 0 || best.Coverage < minCoverage) {
		return nil
	}
	// "The Atlantic story", "l'article de The Atlantic", "Baker's post": a thing named by whose it
	// is, is what that actor does, when such an event is nearly as good a match; the others only
	// cite the actor ("according to The Atlantic").
	if e := r.ownersEvent(rest, res.Hits, best); e != nil {
		return e
	}
	return best.Event
}

// ownersEvent is the event among hits that the author of the work a folded description names does
// ("the Atlantic piece": The Atlantic's), when best is not theirs and it scores at least ownerRatio
// of best; nil otherwise.
func (r *Retrieval) ownersEvent(folded string, hits []knowledge.Hit, best knowledge.Hit) *knowledge.Event {
	owner, ok := r.ownerOfThing(folded)
	if !ok || best.Event.Agent(owner) {
		return nil
	}
	for _, h := range hits {
		if h.Event != best.Event && h.Score >= ownerRatio*best.Score && h.Event.Agent(owner) {
			return h.Event
		}
	}
	return nil
}

// subjectOfClause reports whether the actor mentioned is the clause's subject, the words before it
// function words, neither an owner ("his dad's speech") nor in a quotation, and whether the
// clause is passive ("lincoln got shot", "napoleon was declared an outlaw").
func subjectOfClause(folded string, m knowledge.Mention) (passive, ok bool) {
	head := folded[:m.At]
	for w := range strings.FieldsSeq(head) {
		if !textproc.IsStopWord(w) {
			return false, false
		}
	}
	if strings.ContainsAny(head, "'\"«“‘") {
		return false, false
	}
	tail := textproc.Words(folded[m.At+m.Len:])
	if len(tail) == 0 || tail[0] == "s" {
		return false, false
	}
	// "Was" before the subject asks in the passive too ("when was lincoln shot").
	hw := textproc.Words(head)
	return len(hw) > 0 && passiveWords[hw[len(hw)-1]] || slices.ContainsFunc(tail, func(w string) bool { return passiveWords[w] }), true
}

// passiveWords make a clause passive, its subject the one acted upon.
var passiveWords = set("got get gets was were been being is are ete")

// ownerRatio is how much of the best score an event its owner does needs to be taken instead.
const ownerRatio = 0.4

// ownerOfThing reports the actor a folded side names as the author of a work: one actor and, beside
// it, one or two words, one of them a work, and at most a verb ("the atlantic story", "l article de
// the atlantic", "baker s post", "the atlantic dropped the story"); not "nz becoming a dominion",
// where the actor does something but authors nothing.
func (r *Retrieval) ownerOfThing(folded string) (string, bool) {
	ms := r.mentioned(folded)
	if len(ms) != 1 {
		return "", false
	}
	n, verbs, work := 0, 0, false
	for start, end, ok := textproc.NextWordIn(folded, 0); ok; start, end, ok = textproc.NextWordIn(folded, end) {
		w := folded[start:end]
		if start >= ms[0].At && end <= ms[0].At+ms[0].Len || textproc.IsStopWord(w) || w == "s" {
			continue
		}
		if textproc.IsDeedWord(w) || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed") {
			verbs++ // "the Atlantic dropped the story": the actor publishing the work
			continue
		}
		n++
		work = work || authoredWorks[w]
	}
	// A verb without a work ("NZ becoming a dominion") is something done, not a work authored.
	return ms[0].Actor, work && n <= 2 && verbs <= 1
}

// authoredWorks are nouns of what someone writes, publishes or makes: "the Atlantic story" is the
// Atlantic's, but "la promotion d'Eich" is Mozilla's deed, done to Eich.
var authoredWorks = map[string]bool{
	"story": true, "stories": true, "article": true, "articles": true, "piece": true, "post": true, "blog": true,
	"tweet": true, "tweets": true, "message": true, "messages": true, "letter": true, "letters": true,
	"report": true, "statement": true, "announcement": true, "book": true, "film": true, "movie": true,
	"album": true, "song": true, "speech": true, "interview": true, "paper": true, "study": true, "email": true,
	"emails": true, "mail": true, "mails": true, "dm": true, "dms": true, "editorial": true, "column": true,
	"histoire": true, "papier": true, "billet": true, "lettre": true, "lettres": true, "rapport": true,
	"declaration": true, "annonce": true, "livre": true, "chanson": true, "discours": true, "entretien": true,
	"etude": true, "courriel": true, "enquete": true, "reportage": true, "tribune": true,
}

// reIntervalAfter finds "how many days after A did B", "combien de jours après A B" (folded): the
// time from the event A names to the one B does.
var reIntervalAfter = regexp.MustCompile(intervalAsk + `\s+(after|before|apres|avant)\s+(.+)$`)

// auxiliaries end the first side of "how many days after A did B".
var auxiliaries = map[string]bool{"did": true, "does": true, "do": true, "was": true, "were": true, "had": true, "has": true, "have": true, "is": true}

// intervalAfterQuery answers "how many days after election day did WL pitch the Assange idea?":
// the sides are split at the auxiliary ("did"), or in French at the first name after A ("après son
// tout premier DM WL a réécrit"). It reports false unless both sides name an event clearly.
func (r *Retrieval) intervalAfterQuery(text string) bool {
	folded := r.foldTrimmed(text)
	if !strings.Contains(folded, "after") && !strings.Contains(folded, "before") && !strings.Contains(folded, "apres") && !strings.Contains(folded, "avant") {
		return false
	}
	m := reIntervalAfter.FindStringSubmatchIndex(folded)
	if m == nil {
		return false
	}
	unit, dir, rest := "", folded[m[4]:m[5]], folded[m[6]:m[7]]
	if m[2] >= 0 {
		unit = folded[m[2]:m[3]]
	}
	var sideA, sideB string
	// "The NYT's scoop came how many days after Don Jr posted the link": the event measured leads,
	// the whole rest is the one it is measured from.
	lead := leadingSide(folded[:m[0]])
	if lead != "" && r.describesEvent(lead) {
		sideA, sideB = rest, lead
	} else {
		lead = ""
	}
	// Split at the auxiliary in the text itself, so that a quotation in a side keeps its marks
	// ("did WL send the 'hey donald' one").
	first := true
	for start, end, ok := textproc.NextWordIn(rest, 0); ok && sideA == ""; start, end, ok = textproc.NextWordIn(rest, end) {
		if auxiliaries[rest[start:end]] && !first {
			sideA, sideB = strings.TrimSpace(rest[:start]), strings.TrimSpace(rest[end:])
			break
		}
		first = false
	}
	if sideA == "" {
		expanded := r.Timeline.ExpandNames(rest)
		for _, mention := range r.Timeline.MentionedActors(expanded) {
			if mention.At > 0 {
				sideA, sideB = expanded[:mention.At], expanded[mention.At:]
				break
			}
		}
	}
	if sideA == "" || sideB == "" {
		return false
	}
	// B must name one event: "how many days before election day did WL DM Don Jr?" asks for a
	// count of the days it did.
	// A leading side is a description, as a side of "between" is.
	a, b := r.namedEvent(sideA), r.singleEvent(sideB)
	if lead != "" {
		b = r.namedEvent(sideB)
	}
	if a == nil || b == nil || a == b {
		return false
	}
	if before := dir == "before" || dir == "avant"; before != (r.Timeline.Position(b) < r.Timeline.Position(a)) {
		return false // B is not on the side of A the question says
	}
	return r.setInterval(a, b, unit)
}

// reLeadVerb is the verb that joins a leading side to "how many days after": "came", "was",
// "happened", "c'était", "est arrivé".
var reLeadVerb = regexp.MustCompile(`(?:^|\s)(?:came|come|comes|happened|happens|was|were|is|occurred|took place|arrived|c'etait|c'est|etait|est arrive|est arrivee|a eu lieu|est venu|est venue|est sorti|est sortie|est paru|est parue)\s*,?$`)

// leadingSide is the text before "how many days after" when it names what is measured, without
// the verb that joins it ("the splashdown came"): "" when there is none.
func leadingSide(before string) string {
	before = strings.TrimRight(strings.TrimSpace(before), ",:;")
	if loc := reLeadVerb.FindStringIndex(before); loc != nil {
		return strings.TrimSpace(before[:loc[0]])
	}
	return ""
}

// describesEvent reports whether one side of "between A and B" can name an event: it has a date
// or an anchor, or a word of its own besides names among two content words or more ("the first
// Podesta dump", "Don Jr tweeting the link"), not a name alone ("Roger Stone", "the British").
func (r *Retrieval) describesEvent(side string) bool {
	t := r.Timeline
	if _, ok := edgeSide(side); ok {
		return true
	}
	if p := question.Parse(side, t); p.Kind != question.NoDate || strings.ContainsAny(side, "«“\"'") {
		return true // a date, an anchor, or a quotation ("le message « Wow »")
	}
	expanded := t.ExpandNames(textproc.Fold(side))
	content := knowledge.ContentWords(expanded)
	if len(content) < 2 {
		return false
	}
	if len(r.specificList(expanded)) >= 1 {
		return true
	}
	// A name and a word of what happened to it ("le nom Firefox", "Firefox's name") is an event;
	// a name alone ("Roger Stone") is someone asked about.
	mentions := r.mentioned(expanded)
	for _, w := range content {
		if !mentionsWord(mentions, w) && !textproc.IsStopWord(w) {
			return true
		}
	}
	return false
}

// singleEvent is namedEvent for a side that must name one event: its best match scores clearly
// above the next (by focusRatio's margin), or it is the only one.
func (r *Retrieval) singleEvent(side string) *knowledge.Event {
	t := r.Timeline
	// "WL send the 'hey donald' one": the quotation names its one event.
	if e := quotedEvent(t, side); e != nil {
		return e
	}
	p := question.Parse(side, t)
	if p.Order != question.AnyOrder || len(p.Spans) > 0 {
		return r.namedEvent(side)
	}
	rest := t.ExpandNames(textproc.Fold(p.Rest))
	res := t.Search(knowledge.Query{Text: rest, Limit: 3})
	if len(res.Hits) == 0 || res.Hits[0].Score == 0 || res.Hits[0].Coverage < minCoverage {
		return nil
	}
	// A work named by its author is the author's event, however the others score.
	if e := r.ownersEvent(rest, res.Hits, res.Hits[0]); e != nil {
		return e
	}
	if len(res.Hits) > 1 && res.Hits[1].Score >= focusRatio*res.Hits[0].Score {
		return nil
	}
	return res.Hits[0].Event
}

func intervalUnit(w string) string {
	switch {
	case strings.HasPrefix(w, "day"), strings.HasPrefix(w, "jour"):
		return "day"
	case strings.HasPrefix(w, "week"), strings.HasPrefix(w, "semaine"):
		return "week"
	case strings.HasPrefix(w, "month"), w == "mois":
		return "month"
	}
	return "year"
}

// naturalUnit is the unit "how long between a and b" is best told in: days up to two months,
// months up to two years, years beyond, each only as fine as both dates are.
func naturalUnit(a, b *knowledge.Event) string {
	from, to := a.Span().From.Time(), b.Span().From.Time()
	days := to.Sub(from) / (24 * time.Hour)
	if days < 0 {
		days = -days
	}
	pa, pb := a.Precision(), b.Precision()
	switch {
	case days < 60 && pa == knowledge.PrecisionDay && pb == knowledge.PrecisionDay:
		return "day"
	case days < 2*365 && pa != knowledge.PrecisionYear && pb != knowledge.PrecisionYear:
		return "month"
	}
	return "year"
}

// between counts whole units from a's date to b's, when both are dated finely enough for the unit.
func between(a, b *knowledge.Event, unit string) (int, bool) {
	pa, pb := a.Precision(), b.Precision()
	from, to := a.Span().From.Time(), b.Span().From.Time()
	switch unit {
	case "day", "week":
		if pa != knowledge.PrecisionDay || pb != knowledge.PrecisionDay {
			return 0, false
		}
		days := int(to.Sub(from) / (24 * time.Hour))
		if unit == "week" {
			return days / 7, true
		}
		return days, true
	case "month":
		if pa == knowledge.PrecisionYear || pb == knowledge.PrecisionYear {
			return 0, false
		}
		// Months between two days are their length to the nearest month ("20 September 2016 to
		// 13 November 2017" is 14 months): months vary, and people round them.
		if pa == knowledge.PrecisionDay && pb == knowledge.PrecisionDay {
			return roundedUnits(to.Sub(from), daysPerMonth), true
		}
		return (to.Year()-from.Year())*12 + int(to.Month()) - int(from.Month()), true
	}
	// Years between two days are whole years elapsed, as ages are counted ("20 October 1790 to
	// 15 February 1794" is three years, not four); with a year-dated side, by the calendar.
	if pa != knowledge.PrecisionYear && pb != knowledge.PrecisionYear {
		return int(to.Sub(from).Hours() / 24 / daysPerYear), true
	}
	return to.Year() - from.Year(), true
}

// The mean lengths of a month and a year, in days, for counting them between two days.
const (
	daysPerMonth = 30.436875
	daysPerYear  = 365.2425
)

// roundedUnits is d in units of that many days, to the nearest whole one.
func roundedUnits(d time.Duration, days float64) int {
	return int(math.Round(d.Hours() / 24 / days))
}

// intervalLead phrases an interval: "5 days, from 7 October 2016 to 12 October 2016:".
func intervalLead(iv *Interval, lang string) string {
	units := map[string][2]string{"day": {"day", "jour"}, "week": {"week", "semaine"}, "month": {"month", "mois"}, "year": {"year", "an"}}
	word := units[iv.Unit][0]
	if lang == "fr" {
		word = units[iv.Unit][1]
	}
	if iv.N != 1 && word != "mois" {
		word += "s"
	}
	return tr(lang, "%d %s, from %s to %s:", "%d %s, du %s au %s :", iv.N, word, FormatDate(iv.From, lang), FormatDate(iv.To, lang))
}

// reBetweenEvents find "between A and B" ("b/w A & B"), "from A to B" ("from A thru B", "from A til
// B"), "entre A et B", "depuis A jusqu'à B" ("de A jusqu'au B") (folded): a period two events bound,
// when the question names events, not dates.
var reBetweenEvents = []*regexp.Regexp{
	regexp.MustCompile(`(?:\bbetween|\bb/w|\bbtwn)\s+(.+?)\s+(?:and|&)\s+(.+)$`),
	regexp.MustCompile(`\bfrom\s+(.+?)\s+(?:to|until|till|til|through|up to|up until)\s+(.+)$`),
	regexp.MustCompile(`\bentre\s+(.+?)\s+et\s+(.+)$`),
	regexp.MustCompile(`\b(?:depuis|de|du|des)\s+(.+?)\s+jusqu'?\s*(?:a la\b|a l'|aux\b|au\b|a\b)\s*(.+)$`),
}

// betweenEventsQuery answers "everything between the first Podesta dump and Don Jr tweeting the
// link", "qu'est-ce qui s'est passé entre l'élection et la révélation de The Atlantic ?": the
// entries from the one event to the other, both included, listed. It reports false unless both
// sides name an event clearly, so dated ranges and other questions go their usual way.
func (r *Retrieval) betweenEventsQuery(text string) bool {
	if r.besides != nil {
		return false // "apart from X, what else…" bounds nothing
	}
	folded := r.foldTrimmed(text)
	if !strings.Contains(folded, "between") && !strings.Contains(folded, "entre") && !strings.Contains(folded, "from ") &&
		!strings.Contains(folded, "jusqu") && !strings.Contains(folded, "b/w") && !strings.Contains(folded, "btwn") {
		return false // spare the expressions
	}
	var m []string
	for _, re := range reBetweenEvents {
		if m = re.FindStringSubmatch(folded); m != nil {
			break
		}
	}
	if m == nil {
		return false
	}
	m[2] = clauseEnd(m[2])
	// Each side must describe an event (or date one): "between Roger Stone and WikiLeaks", "from
	// WikiLeaks to Trump Jr." name people, and ask about them.
	if !r.describesEvent(m[1]) || !r.describesEvent(m[2]) {
		return false
	}
	a, b := r.namedEvent(m[1]), r.namedEvent(m[2])
	if a == nil || b == nil || a == b {
		return false
	}
	t := r.Timeline
	if t.Position(b) < t.Position(a) {
		a, b = b, a
	}
	var events []*knowledge.Event
	for _, e := range t.Events[t.Position(a) : t.Position(b)+1] {
		if e.Kind == knowledge.KindEntry || e == a || e == b {
			events = append(events, e)
		}
	}
	span := knowledge.Span{From: a.Span().From, To: b.Span().To}
	// Closed at both ends, even when one side was a date the parser read as "up to" it.
	r.Parsed.Kind, r.Parsed.Spans, r.Parsed.OpenFrom, r.Parsed.OpenTo = question.Range, []knowledge.Span{span}, false, false
	r.List, r.Total = true, len(events)
	if len(events) > maxListed {
		events = events[:maxListed]
	}
	r.selectEvents(events, "", false)
	return true
}

// anchorSide is the entry of the day an anchor names, when a side is one of its names and nothing
// more, with or without its article ("between launch and splashdown": "launch" is "the launch");
// nil otherwise. A side is where a date would stand, so a bare common noun names it.
func anchorSide(t *knowledge.Timeline, side string) *knowledge.Event {
	f := strings.Join(textproc.Words(textproc.Fold(side)), " ")
	if f == "" {
		return nil
	}
	// The anchors' phrases hold each name with its article and without (AnchorPhrase.Bare).
	for _, ap := range t.AnchorPhrases() {
		if strings.Join(textproc.Words(ap.Phrase), " ") != f {
			continue
		}
		// Of the day's entries, the one its name's words find ("splashdown", not the board
		// appointed the same day); else the day's first. A search within a span returns every
		// event of it, best first and in timeline order among ties.
		span := ap.Anchor.Date.Span()
		for _, h := range t.Search(knowledge.Query{Text: ap.Phrase, Spans: []knowledge.Span{span}}).Hits {
			if es := h.Event.Span(); h.Event.Kind == knowledge.KindEntry && es.From >= span.From && es.To <= span.To {
				return h.Event
			}
		}
	}
	return nil
}

// quotedEvent is the one event whose passages hold a quotation a side makes ("le 'hey donald'"),
// or nil.
func quotedEvent(t *knowledge.Timeline, side string) *knowledge.Event {
	for _, m := range reQuoted.FindAllStringSubmatch(side, -1) {
		for _, g := range m[1:] {
			if events, _ := t.QuotedPassages(g); g != "" && len(events) > 0 && allSame(events) {
				return events[0]
			}
		}
	}
	return nil
}

// reAgeEn and reAgeFr find a question for someone's age at an event (folded): "how old was he when
// he died", "how old was Ada when she married", "Fleming was how old at the time of…", "quel âge
// avait-il quand…", "elle avait quel âge lorsque…". Their groups are who (one of two) and the event.
var (
	reAgeEn = regexp.MustCompile(`^(?:how old (?:was|were|is) (.+?)|(.+?) (?:was|were) how old) (?:when|at the time of|at the time) (.+?)\??$`)
	reAgeFr = regexp.MustCompile(`^(?:quel age (?:avait|a|aura)(?:-t)?-?\s*(.+?)|(.+?) avait quel age) (?:quand|lorsque|lorsqu'|au moment ou|au moment de|lors de) ?(.+?)\s*\??$`)
)

// ageAsInterval rewrites an age question as the years between the person's birth and the event,
// which the interval questions answer ("how many years between his birth and his death"). A
// pronoun's birth is "his" or "her" (or "sa"), and "he died", "elle est morte" is the death.
// It also returns the birth, which the answer says the source lacks when no interval is found.
func ageAsInterval(text string) (interval, birth string, ok bool) {
	folded := strings.TrimSpace(textproc.Fold(text))
	if m := reAgeEn.FindStringSubmatch(folded); m != nil {
		who := strings.TrimSpace(m[1] + m[2])
		birth = who + "'s birth"
		switch who {
		case "he", "him":
			birth = "his birth"
		case "she":
			birth = "her birth"
		}
		event := m[3]
		switch event {
		case "he died", "he passed away", "his death":
			event = "his death"
		case "she died", "she passed away", "her death":
			event = "her death"
		}
		return "how many years between " + birth + " and " + event, birth, true
	}
	if m := reAgeFr.FindStringSubmatch(folded); m != nil {
		who := strings.TrimSpace(m[1] + m[2])
		birth = "la naissance de " + who
		if who == "il" || who == "elle" {
			birth = "sa naissance"
		}
		event := m[3]
		switch event {
		case "il est mort", "elle est morte", "il est decede", "elle est decedee", "il meurt", "elle meurt", "sa mort":
			event = "sa mort"
		}
		return "combien d'annees entre " + birth + " et " + event, birth, true
	}
	return "", "", false
}
