package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/internal/lexicon"
	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// Retrieval tuning. minCoverage is the share of a dateless question's information an event must
// match to count as an answer: below it the question is about something the timeline merely
// mentions in passing ("Assange's date of birth" matches Assange, not a birth date).
const (
	minCoverage = 0.45
	// A best hit scoring dominantRatio times the next answers with dominantCoverage (dominant).
	dominantRatio    = 2.0
	dominantCoverage = 0.3
	focusRatio       = 0.6  // events scoring at least this share of the best are kept with it
	tieRatio         = 0.95 // within this share of the best, two events are an ambiguity
	maxFocused       = 3
	maxListed        = 10
	// topicHits is how many of the best hits a question without a date looks at.
	topicHits = 100
)

// Reason says why a retrieval found no answer.
type Reason int

// Reasons.
const (
	Found Reason = iota
	NothingOnDate
	NothingInRange
	OffTopic
	EmptyQuestion
	// InvalidDate: the question names a date that does not exist ("31 February 2016").
	InvalidDate
	// Unsupported: the question presupposes that someone did something no passage says they did.
	Unsupported
	// NoAmount: the question asks for a sum of money, or a number of something (Missing), the
	// events it is about never write.
	NoAmount
	// NoName: the question asks for a name, and the passages that would answer name no one.
	NoName
)

// Retrieval is what a question is about in a timeline: the events and passages that answer it, or
// why nothing does. The extractive answerer phrases it; the LLM answerer sends its passages to a model.
type Retrieval struct {
	Timeline *knowledge.Timeline
	Parsed   question.Parsed
	Lang     string
	Reason   Reason
	// Events are the events answering, in date order, with the passages to cite for each.
	Events []Selected
	// Total is the number of events in the asked range when Events lists only the first maxListed.
	Total int
	// Before and After are the nearest events around an empty date or range.
	Before, After *knowledge.Event
	// Alternatives are events matching as well as the chosen one.
	Alternatives []*knowledge.Event
	// List is true when the events answer a range question and are listed rather than described.
	List bool
	// Intent is what the question asks for.
	Intent Intent
	// Count is true when the question asks how many; Total events on Distinct dates answer it.
	Count    bool
	Distinct int
	// Interval is set when the answer is the time between two events the question names.
	Interval *Interval
	// Claim is set for "was X the first to…?": whether the first (or last) event about it is X's.
	Claim *Claim
	// Comparison is set when the answer is which of two events the question names came first.
	Comparison *Comparison
	// Relative is set when the answer was found by moving from an event the question describes.
	Relative *Relative
	// Hedged is set when a yes/no question is answered by what the source says nearest to it,
	// though not in the question's terms (Missing).
	Hedged bool
	// namesAbsent is set when Missing holds names, versions or ordinals the source never writes:
	// then nothing near answers.
	namesAbsent bool
	// asksSum is set when the question asks for a sum of money (asksAmount): its word for money
	// ("cash", "fric") names what the sum is, which the source writes as a figure.
	asksSum bool
	// Weekday is the day of the week the question asks its event to fall on; the answer gives
	// each day's weekday, and a yes/no question its verdict.
	Weekday *WeekdayAsked
	// Missing are words of the question the source never mentions, for an OffTopic refusal; for
	// NoAmount, what the question counts.
	Missing []string
	// words caches the timeline's reading of texts of this question (QueryWords stems the words
	// the timeline lacks, and a question is read several times over).
	words []textWords
	word  []knowledge.QueryWord
	specs []textSpec    // specific, by text
	reads []textRead    // read, by text
	names []textNames   // mentioned, by folded text
	phrs  []textPhrases // phrases, by text
	// trimmed caches foldTrimmed.
	trimmed struct{ text, folded string }
	// rel caches parseRelative of the folded question, which several readings of it ask for.
	rel []relParse
	// sd caches subjectAndDeeds of the last text it read.
	sd subjectDeeds
	// asked is the question's date as terms, once mentionsAsked needs them.
	asked []askedDate
	// besides are the words of what a "besides X, what else" question already knows.
	besides []string
	// titleStems are the stems of the timeline's title words, once titleWord needs them.
	titleStems []string
	// Premise is the actor an Unsupported question says did something, and Nearest the event that
	// comes closest to what it asks.
	Premise string
	// Owned is what the question says belongs to Premise when the source ties it to someone
	// else ("Hillary's tax returns"); "" when the premise is a deed.
	Owned string
	// Figure is the figure an Unsupported question states ("$65 million") that the events it is
	// about never write; "" when the premise is a deed.
	Figure string
	// Place is the place an Unsupported question puts the deed in ("à Lille") that the events it is
	// about never name; "" otherwise.
	Place string
	// Unnamed is true when Premise is someone the question names beside the deed ("to Paul Allen")
	// whom the event that tells the deed never names.
	Unnamed bool
	// Refused is true when the Unsupported premise is a refusal the source never tells of: the
	// events found report Premise doing what the question says they refused.
	Refused bool
	// Contrary is the question's word for a deed the events found say the opposite of ("turn
	// down" of an offer "gratefully accepted"); "" otherwise.
	Contrary string
	Nearest  *knowledge.Event
}

// Selected is an event chosen to answer, with the indexes of the passages to cite.
type Selected struct {
	Event    *knowledge.Event
	Passages []int
	// Ranked is true when the passages were chosen by the question's words, false when they are
	// the event's opening ones.
	Ranked bool
}

// Retrieve finds what answers q in t.
func Retrieve(t *knowledge.Timeline, q Question) Retrieval {
	// Chat spellings ("pk", "kesk", "luvs") are read as the words they stand for, question words
	// included, before anything else reads the question.
	q.Text = ordinalInWords(t, respell(t, textproc.Unchat(q.Text)))
	// "What kind of canal", "quel genre de drapeau": the kind is what is asked, as "what canal"
	// asks it; left in, "kind" is a word the source lacks and the question reads as off topic.
	// (Each pattern is tried only when a word it needs is there: most questions have neither.)
	if containsAny(q.Text, "kind", "Kind", "sort", "Sort", "type", "Type", "genre", "Genre") {
		q.Text = reKindOf.ReplaceAllString(q.Text, "$1 ")
		// "any kind of legal protection", "une sorte de trêve": a hedge, not a word of the topic.
		q.Text = reAnyKindOf.ReplaceAllString(q.Text, "")
	}
	// "460k": thousands as chat writes them, as the source writes them ("460,000").
	if digitThenK(q.Text) {
		q.Text = reThousandK.ReplaceAllString(q.Text, "$1,000")
	}
	// "En VO … en français ça donne koi", "what is it in English": the language a phrase is
	// asked in is the asker's, not a word of the source's story.
	if containsAny(q.Text, "fran", "Fran", "angl", "Angl", "rench", "REN", " vo", " VO", "v.o", "V.O") {
		q.Text = reInLanguage.ReplaceAllString(q.Text, " ")
	}
	// "Le msg qui suit directement le 'salut don'", "the one that follows X": a relative clause
	// by its verb, read as "juste après X", "right after X".
	if containsAny(q.Text, "suit", "follow", "précède", "precede", "Suit", "Follow") {
		q.Text = reFollows.ReplaceAllStringFunc(q.Text, followsAs)
	}
	// "After the last debate (oct 19 '16)": the asker's date in place of what it glosses.
	q.Text = glossedDates(q.Text, t)
	// "How old was he when he died", "quel âge avait-elle quand…": the years between a birth and
	// an event.
	ageBirth := ""
	if containsAny(q.Text, "old", "OLD", "Old", "âge", "Âge", " age", " AGE") { // not "message", "page"
		if text, birth, ok := ageAsInterval(q.Text); ok {
			q.Text, ageBirth = text, birth
		}
	}
	// The question's text is folded and split once here, for the parser and every helper that
	// reads it.
	folded := textproc.Fold(q.Text)
	qwords := textproc.Words(folded)
	p := question.ParseRead(q.Text, folded, qwords, t)
	// Short forms of the timeline's actors ("WL", "Don Jr") become the names its events use.
	p.Rest = t.ExpandNames(textproc.Fold(p.Rest))
	r := Retrieval{Timeline: t, Parsed: p, Lang: pickLang(p.Lang, q.Lang)}
	r.useCaches(new(caches))
	r.reads = append(r.reads, textRead{q.Text, folded, qwords})
	r.Intent = intentOf(q.Text, r.read)
	// "Besides X, what else…": X is known to the asker, so it is not the answer. A dated question
	// looks for the other events of its period; an undated one finds its event by X but quotes what
	// X is not.
	if rest, besides, ok := splitBesides(folded, qwords); ok {
		r.besides = besides
		if pr := question.Parse(rest, t); pr.Kind != question.NoDate {
			pr.Rest = t.ExpandNames(textproc.Fold(pr.Rest))
			p, r.Parsed = pr, pr
		} else if m := reBesides.FindStringSubmatchIndex(p.Rest); m != nil {
			// X stays to find the event by; "à part", "besides" are no words of what is asked.
			p.Rest = strings.TrimSpace(p.Rest[:m[2]] + " " + p.Rest[m[3]:])
			r.Parsed = p
		}
	}
	// "How much did Peel spend on corn", "Nokia a payé combien pour Alcatel-Lucent": the verb of
	// paying frames a question for a sum as "how much" does; the source tells what was bought,
	// sold or built for it in its own words ("purchased £100,000 worth of maize").
	if asksAmount(folded) {
		p.Rest = withoutPayVerbs(p.Rest)
		r.Parsed = p
		r.asksSum = true
	}
	// "Did WL send it on a Wednesday": the day is checked against the date found by the rest.
	if w, rest, ok := weekdayAsked(p.Rest); ok {
		p.Rest, r.Parsed, r.Weekday = rest, p, &w
		r.Parsed.Rest = rest
	}
	_, words := r.read(p.Rest)
	hasContent := false
	for _, w := range words {
		hasContent = hasContent || !textproc.IsStopWord(w)
	}

	// "How many days between their last show and Kurt's death", when a side names no event: a
	// count of entries or of a period would answer another question; retrieval may find a passage
	// that states the figure.
	interval := r.Intent == AskHowMany && r.intervalShaped(q.Text)
	switch {
	case p.Invalid != "" && p.Kind == question.NoDate:
		r.Reason = InvalidDate
	case r.unknownSubject(folded):
		r.Reason = OffTopic
	case r.Intent == AskHowMany && r.intervalQuery(q.Text):
	// An age is a birth's interval or nothing: no other event tells it.
	case ageBirth != "":
		r.Reason, r.Missing = OffTopic, []string{ageBirth}
	case r.Intent == AskHowMany && r.intervalAfterQuery(q.Text):
	case r.compareQuery(q.Text):
	case r.orderClaimQuery(q.Text):
	case r.cleftQuery(folded):
	case p.Kind == question.NoDate && r.nthQuery(folded):
	case (p.Kind != question.Range || p.OpenFrom || p.OpenTo) && r.Intent != AskHowMany && r.betweenEventsQuery(q.Text):
	case p.Kind != question.NoDate && r.absentNames(q.Text):
		r.Reason = OffTopic
	case r.immediateQuery(folded):
	case r.relativeWindow(folded):
	// "Two days before WL's 'hey donald' msg": the quotation names the event moved from.
	case p.Kind == question.NoDate && r.quotedInRelative(folded) && r.relativeQuery(folded):
	case p.Kind != question.NoDate && r.datedRelative(folded) && r.relativeQuery(folded):
	case p.Kind == question.NoDate && r.sourcePositionQuery(folded):
	case r.quotedQuery(q.Text, p.Kind != question.NoDate):
	case p.Kind == question.NoDate && !interval && (r.Intent == AskHowMany || r.Intent == AskList || p.Order != question.AnyOrder && !r.orderInClause(folded)) && r.relativePeriod(folded):
	// "Why did Dickens quit the Daily News after only 10 weeks": a why asks for a cause; what
	// came after is its context, not the answer.
	case p.Kind == question.NoDate && r.Intent != AskWhy && r.relativeQuery(folded):
	case r.Intent == AskHowMany && !interval && r.countQuery(p.Rest):
	case p.Order != question.AnyOrder && r.Intent == AskYesNo && r.firstWhoQuery(p):
	case p.Order != question.AnyOrder:
		r.orderQuery(p)
	// "What did the pope say on the day of the launch": a date does not make the source speak of
	// what it never mentions; without this the day's events answer through the date alone.
	case p.Kind != question.NoDate && hasContent && r.lacksThing(p.Rest) && r.absent(q.Text):
		r.Reason = OffTopic
	case (p.Kind == question.ExactDay || p.Kind == question.Anchor) && r.clockQuery(p):
	case p.Kind == question.ExactDay || p.Kind == question.Anchor:
		r.dayQuery(p)
	// "Why didn't he go to the inquest after the train crash": the cause is told where the
	// question's words are, the crash's own event as likely as any after it, and a why is
	// answered by one cause, never by the list of what came after.
	// A topic the source lacks is refused as it would be undated: asked in the case's test,
	// absent left its findings in Missing and the question went on to be listed.
	case p.Kind == question.Range && p.OpenTo && !p.OpenFrom && r.Intent == AskWhy && hasContent:
		if r.absent(q.Text) {
			r.Reason = OffTopic
			break
		}
		undated := p
		undated.Kind, undated.Spans, undated.OpenFrom, undated.OpenTo = question.NoDate, nil, false, false
		r.Parsed = undated
		r.topicQuery(undated)
	case p.Kind != question.NoDate:
		r.rangeQuery(p, hasContent)
	case !hasContent:
		r.Reason = EmptyQuestion
	case r.absent(q.Text):
		r.Reason = OffTopic
	default:
		r.topicQuery(p)
	}
	if len(r.besides) > 0 && p.Kind != question.NoDate {
		r.dropBesides()
	}
	if r.Reason == Found && len(r.Events) > 0 && p.Kind == question.NoDate && r.Relative == nil && r.Interval == nil && r.Comparison == nil &&
		(r.Intent == AskWho || r.Intent == AskWhen || r.Intent == AskWhere) {
		r.keepRelativeSide(folded)
	}
	// "Who designed the European flag": a question that opens on "who" asks for a name as much as
	// "what's the name of" (elsewhere "qui" may be a relative: "la 1ère chose qui arrive").
	whoFirst := r.Intent == AskWho && opensOnWho(qwords)
	if r.Reason == Found && len(r.Events) > 0 && !r.List && r.Relative == nil && (whoFirst || containsAny(folded, "name", "nom", "appel") && reAsksName.MatchString(folded)) && (!r.namesSomeone(qwords) || whoFirst && r.objectUnstated(qwords)) {
		nearest := r.Events[0].Event
		// The next event the question finds nearly as well may name the one asked: "who taught
		// Edison to be a telegraph operator" is the station agent who "trained Edison as a
		// telegraph operator", though the patent whose summary says telegraphy "taught" him the
		// basics of electricity scores higher and names no one.
		var runnerUp *knowledge.Event
		if p.Kind == question.NoDate {
			runnerUp = r.namingRunnerUp(nearest)
		}
		if e := runnerUp; e != nil {
			r.Events, r.Alternatives = nil, nil
			r.selectEvents([]*knowledge.Event{e}, p.Rest, true)
			if !r.namesSomeone(qwords) || whoFirst && r.objectUnstated(qwords) {
				r.Reason, r.Nearest, r.Events = NoName, nearest, nil
			}
		} else {
			r.Reason, r.Nearest, r.Events, r.Alternatives = NoName, nearest, nil, nil
		}
	}
	if r.Intent == AskYesNo && r.Reason == OffTopic && !r.namesAbsent {
		r.yesNoNearest(p)
	}
	if r.Reason == Found && len(r.Events) > 0 {
		r.requireStatedFigure(folded)
	}
	if r.Reason == Found && len(r.Events) > 0 && r.Interval == nil && r.Comparison == nil {
		r.requireStatedPlace(q.Text)
	}
	if r.Reason == Found && len(r.Events) == 1 && (r.Intent == AskWhy || r.Intent == AskWhen) && r.Interval == nil && r.Comparison == nil && r.Relative == nil {
		r.requireNamedActors()
	}
	if r.Reason == Found && len(r.Events) > 0 && r.Interval == nil && r.Comparison == nil {
		r.requireRefusal()
	}
	if r.Reason == Found && len(r.Events) > 0 && r.Interval == nil && r.Comparison == nil && asksAmount(folded) {
		r.requireAmount()
	} else if r.Reason == Found && len(r.Events) > 0 && r.Intent == AskHowMany && r.Interval == nil && !r.Count && r.Comparison == nil {
		if noun := countedNoun(folded); noun != "" {
			r.requireFigure(noun)
		}
	}
	return r
}

// reInLanguage finds "en français", "en anglais", "in English", "in French", "en VO".
var reInLanguage = regexp.MustCompile(`(?i)\b(?:en|in)\s+(?:fran[cç]ais|anglais|english|french|vo|v\.o\.)(?:\s|$|[?,.!])`)

// reFollows finds "qui suit (directement) le", "that follows", "which comes right before".
var reFollows = regexp.MustCompile(`(?i)\b(?:qui|that|which)\s+(suit|suivait|précède|precede|précédait|precedait|follows|followed|precedes|preceded)\s+(?:directement\s+|juste\s+|immédiatement\s+|immediatement\s+|immediately\s+|directly\s+|right\s+)?`)

// followsAs rewrites a reFollows match as the relative clause it stands for.
func followsAs(m string) string {
	lower := strings.ToLower(m)
	french := strings.HasPrefix(lower, "qui")
	before := strings.Contains(lower, "pr") // précède, precedes, preceded
	switch {
	case french && before:
		return "juste avant "
	case french:
		return "juste après "
	case before:
		return "right before "
	}
	return "right after "
}

// reAnyKindOf is a hedge on a noun: "any kind of", "some sort of", "une sorte de", "une espèce de".
var reAnyKindOf = regexp.MustCompile(`(?i)\b(?:any|some|a|an)\s+(?:kinds?|sorts?|types?)\s+of\s+|\b(?:une|des)\s+(?:sortes?|esp[eè]ces?)\s+(?:de\s+|d'|d’)`)

// reThousandK is a figure of thousands written with a k ("460k", "25K").
// digitThenK reports whether s has a figure followed by k or K, which reThousandK needs: cheaper
// than the regexp on the many questions that only name "WikiLeaks".
func digitThenK(s string) bool {
	for i := 1; i < len(s); i++ {
		if (s[i] == 'k' || s[i] == 'K') && s[i-1] >= '0' && s[i-1] <= '9' {
			return true
		}
	}
	return false
}

var reThousandK = regexp.MustCompile(`\b(\d{1,3})[kK]\b`)

// reKindOf finds "what kind of", "which sort of", "quel type de", "quelle sorte d'", keeping the
// question word.
var reKindOf = regexp.MustCompile(`(?i)\b(what|which|quels?|quelles?)\s+(?:kinds?|sorts?|types?|genres?|sortes?)\s+(?:of\s+|de\s+|d'|d’|des\s+)`)

// keepRelativeSide holds an answer found by the question's words to the side of the event its
// "after X" or "before X" clause names: "who became CEO after Eich resigned" is not answered by
// Eich's own appointment, a week before. When no event found is on that side, the source does
// not answer. Only who, when and where are held so: the event asked for is the one placed; what
// someone was offered before a meeting may be told in an event dated after it, that reports it.
func (r *Retrieval) keepRelativeSide(folded string) {
	if !hasConnective(folded) {
		return
	}
	from, before, days, _, _, ok := r.relativeEvent(folded)
	if !ok || days != 0 || from == nil {
		return
	}
	fs := from.Span()
	kept := slices.DeleteFunc(slices.Clone(r.Events), func(s Selected) bool {
		es := s.Event.Span()
		if before {
			return es.From > fs.To
		}
		return es.To < fs.From
	})
	if len(kept) == len(r.Events) {
		return
	}
	r.Alternatives = nil
	if len(kept) == 0 {
		r.Events = nil
		r.Reason = OffTopic
		return
	}
	r.Events = kept
}

// reBesides finds "besides X", "apart from X", "à part X", "en plus de X": X runs to the next comma,
// question mark or question word.
var reBesides = regexp.MustCompile(`\b(besides|apart from|aside from|other than|except for|in addition to|a part|en plus de|en dehors de|outre|hormis|mis a part|autre que)\s+(.+?)(?:[,;?]|\s(?:what|which|who|where|when|how|did|does|quoi|quel|quelle|qu|que|qui|ou|quand|comment|est)\b|$)`)

// splitBesides returns rest without its "besides X" and the words of X; words are rest's.
func splitBesides(rest string, words []string) (string, []string, bool) {
	if !mayBeBesides(words) {
		return rest, nil, false
	}
	m := reBesides.FindStringSubmatchIndex(rest)
	if m == nil {
		return rest, nil, false
	}
	var known []string
	for _, w := range textproc.Words(rest[m[4]:m[5]]) {
		if !textproc.IsStopWord(w) {
			known = append(known, w)
		}
	}
	if len(known) == 0 {
		return rest, nil, false
	}
	out := strings.TrimSpace(rest[:m[0]] + " " + rest[m[5]:])
	return out, known, true
}

// mayBeBesides is a word test before reBesides, which every question would otherwise pay for.
func mayBeBesides(words []string) bool {
	for _, w := range words {
		switch w {
		case "besides", "apart", "aside", "other", "except", "addition", "part", "plus", "dehors", "outre", "hormis", "autre":
			return true
		}
	}
	return false
}

// dropBesides removes from the answer the events that X, the "besides X" of the question, is
// about, when others remain.
func (r *Retrieval) dropBesides() {
	if r.Reason != Found || len(r.Events) < 2 {
		return
	}
	res := r.Timeline.Search(knowledge.Query{Text: strings.Join(r.besides, " "), Spans: r.Parsed.Spans})
	about := map[*knowledge.Event]bool{}
	for _, h := range res.Hits {
		if h.Score > 0 && h.Coverage >= 1 {
			about[h.Event] = true
		}
	}
	kept := r.Events[:0:0]
	for _, s := range r.Events {
		if !about[s.Event] {
			kept = append(kept, s)
		}
	}
	if len(kept) > 0 && len(kept) < len(r.Events) {
		if r.Total > 0 {
			r.Total -= len(r.Events) - len(kept)
		}
		r.Events = kept
		r.Distinct = distinctDates(eventsOf(kept))
	}
}

func eventsOf(sel []Selected) []*knowledge.Event {
	out := make([]*knowledge.Event, len(sel))
	for i, s := range sel {
		out[i] = s.Event
	}
	return out
}

// orderInClause reports whether the question's "first" or "last" belongs to the event a relative
// clause describes ("two years after the first parliament met"), not to what it asks.
func (r *Retrieval) orderInClause(folded string) bool {
	_, _, what, _, ok := r.parseRelative(folded)
	if !ok {
		return false
	}
	for _, w := range textproc.Words(what) {
		if orderWords[w] != 0 {
			return true
		}
	}
	return false
}

// negatedSubject is subjectAndDeeds for a question that denies its own verb, else "".
func (r *Retrieval) negatedSubject(p question.Parsed) (string, []string) {
	if _, words := r.read(p.Text); !negatedQuestion(words) {
		return "", nil
	}
	return r.subjectAndDeeds(p.Rest)
}

// negatedQuestion reports whether a question, by its folded words, denies its own verb ("didn't
// reply", "ne répond pas").
func negatedQuestion(words []string) bool {
	for _, w := range words {
		switch w {
		case "not", "didn", "doesn", "never", "pas", "jamais":
			return true
		}
	}
	return false
}

// reReflexive finds "himself", "lui-même" and the like, folded.
var reReflexive = regexp.MustCompile(`\b(himself|herself|itself|themselves|(?:lui|elle|eux|elles)[ -]memes?)\b`)

// reflexiveActor returns the actor a question stresses as the one acting ("Don Jr himself wrote",
// "que Don Jr a faite lui-même") and the verbs to check it against: its verbs of interaction, all
// of them when the question's own is one, none when the question's verb is generic ("did",
// "faite": any deed of the actor's own events).
func (r *Retrieval) reflexiveActor(text string) (string, []knowledge.QueryWord, bool) {
	folded, _ := r.read(text)
	if !strings.Contains(folded, "sel") && !strings.Contains(folded, "meme") {
		return "", nil, false // no "himself", "themselves", "lui-même": spare the expression
	}
	folded = r.Timeline.ExpandNames(folded)
	at := reReflexive.FindStringIndex(folded)
	if at == nil {
		return "", nil, false
	}
	// The actor named last before the reflexive word.
	var actor string
	for _, m := range r.Timeline.MentionedActors(folded[:at[0]]) {
		actor = m.Actor
	}
	if actor == "" {
		return "", nil, false
	}
	var verbs []knowledge.QueryWord
	if _, deeds := r.subjectAndDeeds(folded); len(deeds) > 0 {
		verbs = r.queryWords(interactionVerbs)
	}
	return actor, verbs, true
}

// interactionVerbs are the deeds of one party towards another, for "X himself wrote": writing,
// replying, sending, contacting are all his writing to someone.
const interactionVerbs = "write wrote reply replied respond answer send sent contact contacted message messaged ask asked"

// acts reports whether actor is the one acting in e: its agent, or, when verbs are given, the
// subject of one of them in a passage.
func (r *Retrieval) acts(e *knowledge.Event, actor string, verbs []knowledge.QueryWord) bool {
	if len(verbs) == 0 {
		return e.Agent(actor)
	}
	name := lastWordOf(actor)
	for i := range e.Passages {
		if r.Timeline.StatesAsFact(e, i, name, verbs) {
			return true
		}
	}
	return false
}

// ordersUnits reports whether what the question asks the first or last of is the timeline's own
// unit ("WL's first msg", "the last event"), not a topic: its other words then say what to quote.
// words are the question's, folded.
func ordersUnits(words []string) bool {
	for i, w := range words[:max(0, len(words)-1)] {
		if orderWords[w] != 0 && unitWords[words[i+1]] {
			return true
		}
	}
	return false
}

// messageWords name a chronology's entries as messages: "the first msg" is an entry, not the
// background before it.
var messageWords = map[string]bool{"msg": true, "msgs": true, "message": true, "messages": true, "dm": true, "dms": true,
	"mail": true, "mails": true, "email": true, "emails": true, "entry": true, "entries": true, "exchange": true, "echange": true}

// passageOrderWords are the words by which a passage calls what it tells the first or the last of
// its kind, in either language.
var passageOrderWords = map[string]int{"first": -1, "premier": -1, "premiere": -1, "premiers": -1, "premieres": -1,
	"1er": -1, "1re": -1, "1ere": -1, "earliest": -1, "last": 1, "dernier": 1, "derniere": 1, "final": 1, "finale": 1, "latest": 1}

// passageOrderStems are substrings every word of passageOrderWords contains.
var passageOrderStems = []string{"first", "premi", "1er", "1re", "last", "derni", "final", "earliest", "latest"}

// orderedHead is what a question's order word orders: the content words right after it ("the
// first East German guard" → east, german, guard), at most three.
func orderedHead(words []string) []string {
	for i, w := range words {
		if orderWords[w] == 0 {
			continue
		}
		var head []string
		for _, h := range words[i+1 : min(len(words), i+5)] {
			if orderWords[h] != 0 || h == "ever" || h == "tout" {
				continue
			}
			if unitWords[h] {
				return nil // "the first message": what is ordered is the entries themselves
			}
			if textproc.IsStopWord(h) {
				if len(head) > 0 {
					break
				}
				continue
			}
			if head = append(head, h); len(head) == 3 {
				break
			}
		}
		return head
	}
	return nil
}

// selfOrderedHits is how many hits selfOrdered reads at most: a question about a common topic of
// a very large timeline keeps its cost bounded.
const selfOrderedHits = 200

// selfOrdered returns the hits with a passage where an order word of the question's direction
// ("first", "premier", "dernier", "final") comes right before a word of what the question orders
// (head, in any language the lexicon bridges): "Conrad Schumann was the first East German border
// guard to escape" for "the first guard to escape".
func (r *Retrieval) selfOrdered(hits []knowledge.Hit, head []string, last bool) []knowledge.Hit {
	words := r.queryWords(strings.Join(head, " "))
	if len(words) == 0 {
		return nil
	}
	dir := -1
	if last {
		dir = 1
	}
	var out []knowledge.Hit
	for i, h := range hits {
		if i == selfOrderedHits {
			break
		}
		if h.Score <= 0 || h.Coverage < minCoverage {
			continue
		}
		if r.callsItself(h.Event, dir, words) {
			out = append(out, h)
		}
	}
	return out
}

// callsItself reports whether a passage of e has an order word of direction dir followed, within
// four words, by one of words.
func (r *Retrieval) callsItself(e *knowledge.Event, dir int, words []knowledge.QueryWord) bool {
	t := r.Timeline
	for i := range e.Passages {
		folded := t.FoldedPassage(e, i)
		// Most passages have no order word: a substring test spares splitting them.
		if !slices.ContainsFunc(passageOrderStems, func(st string) bool { return strings.Contains(folded, st) }) {
			continue
		}
		pw := textproc.Words(folded)
		for j, w := range pw {
			if passageOrderWords[w] != dir {
				continue
			}
			// "The song is heard in public for the first time", "pour la première fois": what the
			// passage tells is the first of its kind, whatever the question calls it.
			// "For the first time since 1989", "in 20 years", "depuis 1945" is no first of its kind.
			if j+1 < len(pw) && (pw[j+1] == "time" || pw[j+1] == "fois") && !sinceOrAfterCount(pw[j+2:]) {
				return true
			}
			for k := j + 1; k < min(len(pw), j+5); k++ {
				if slices.ContainsFunc(words, func(q knowledge.QueryWord) bool { return t.Says(pw[k], t.Source.Language, q) }) {
					return true
				}
			}
		}
	}
	return false
}

// sinceOrAfterCount reports whether words open on "since" or "depuis", or on "in" or "en" and a
// count: the span a "first time" is counted in ("for the first time in 20 years").
func sinceOrAfterCount(words []string) bool {
	if len(words) == 0 {
		return false
	}
	switch words[0] {
	case "since", "depuis":
		return true
	case "in", "en":
		return len(words) > 1 && (words[1][0] >= '0' && words[1][0] <= '9' || numberWord[words[1]] > 1)
	}
	return false
}

// orderWords ask for the first (-1) or the last (1) of something.
var orderWords = map[string]int{"first": -1, "premier": -1, "premiere": -1, "earliest": -1, "1er": -1, "1ere": -1,
	"last": 1, "dernier": 1, "derniere": 1, "latest": 1}

// relativePeriod answers a count, a list or a first/last over the period a relative clause names
// ("le premier msg de WL après la victoire de Trump"), folded.
func (r *Retrieval) relativePeriod(folded string) bool {
	span, head, ok := r.relativeSpan(folded)
	if !ok || span.From > span.To {
		return false
	}
	p := r.Parsed
	p.Kind, p.Spans, p.Rest = question.Range, []knowledge.Span{span}, head
	r.Parsed = p
	hasContent := r.specific(head) != ""
	switch {
	case p.Order != question.AnyOrder:
		r.orderEntries(p) // "the first event after X" is the next entry, not background dated by its year
	case r.Intent == AskHowMany && countsEvents(folded) && r.countQuery(head):
	default:
		r.rangeQuery(p, hasContent)
	}
	return true
}

// reWindow is a period of a given length on one side of an event: "in the month after X", "dans
// la semaine qui suit X", "during the two weeks before X". The unit is the second group, the count
// the first.
// reLeadingUp finds the ways of saying "before" after a length of time that parseRelative does not
// read: "leading up to", "prior to", "ahead of", "in the run-up to", "qui précèdent", "précédant".
var reLeadingUp = regexp.MustCompile(`(\b(?:days?|weeks?|months?|years?|jours?|semaines?|mois|annees?|ans?)\s+)(?:(?:leading\s+)?up\s+to|prior\s+to|ahead\s+of|in\s+the\s+run[\s-]up\s+to|qui\s+precedent|qui\s+precedaient|precedant)\s+`)

var reWindow = regexp.MustCompile(`\b(?:in|during|over|within|dans|pendant|durant|sur)\s+(?:the\s+|le\s+|la\s+|les\s+|l'\s*|l\s+)(?:(\d+|two|three|four|deux|trois|quatre)\s+)?(days?|weeks?|months?|years?|jours?|semaines?|mois|annees?|ans?)\s+(?:(?:just|right|juste)\s+)?(?:after|following|before|preceding|apres|avant)\b`)

// relativeWindow answers "what happened in the month after X" with the events of that month,
// listed: the period runs from the day after X for the length asked (before X: up to the day
// before it).
func (r *Retrieval) relativeWindow(folded string) bool {
	if containsAny(folded, "side of", "before and after", "part et d", "avant et apres") && r.eitherSideWindow(folded) {
		return true
	}
	if !containsAny(folded, "in the", "during the", "over the", "within the", "dans l", "pendant l", "durant l", "sur l") {
		return false
	}
	// "The 2 weeks leading up to X", "les mois qui précèdent X": the period before X.
	if containsAny(folded, "leading up", "prior to", "ahead of", "run up", "run-up", "qui precede", "precedant") {
		folded = reLeadingUp.ReplaceAllString(folded, "${1}before ")
	}
	m := reWindow.FindStringSubmatch(folded)
	if m == nil {
		return false
	}
	// "In the year after the treaty", with a day the timeline names, is the calendar year after
	// it, as the parser reads it; a length counted ("the 3 months after the election") is a window.
	if m[1] == "" && r.Parsed.Kind != question.NoDate {
		return false
	}
	n := 1
	if m[1] != "" {
		if v, err := strconv.Atoi(m[1]); err == nil {
			n = v
		} else {
			n = numberWord[m[1]]
		}
	}
	days := n * unitDays(m[2])
	before, _, _, _, _ := r.parseRelative(folded)
	span, head, ok := r.relativeSpan(folded)
	if !ok || days <= 0 {
		return false
	}
	if before { // the window ends where the period before X does
		span.From = max(span.From, span.To-knowledge.Day(days)+1)
	} else {
		span.To = min(span.To, span.From+knowledge.Day(days)-1)
	}
	if span.From > span.To {
		return false
	}
	p := r.Parsed
	// The window is closed at both ends, whatever "before the election" made of the date alone.
	p.Kind, p.Spans, p.Rest, p.OpenFrom, p.OpenTo = question.Range, []knowledge.Span{span}, head, false, false
	r.Parsed = p
	r.rangeQuery(p, r.specific(head) != "")
	return true
}

// reEitherSide is a length on both sides of a day or an event: "the 3 weeks either side of
// election day", "2 days before and after the launch", "les 10 jours de part et d'autre du vote".
var reEitherSide = regexp.MustCompile(`\b(\d+|a|one|two|three|four|five|deux|trois|quatre|cinq)\s+(days?|weeks?|months?|years?|jours?|semaines?|mois|ans?|annees?)\s+(?:on\s+)?(?:either side of|each side of|before and after|de part et d'autre d(?:e\s+|u\s+|'\s*)|avant et apres)\s*(.+)$`)

// eitherSideWindow answers "what happened in the 3 weeks either side of X" with the events from
// that long before X to that long after it, X included.
func (r *Retrieval) eitherSideWindow(folded string) bool {
	m := reEitherSide.FindStringSubmatchIndex(folded)
	if m == nil {
		return false
	}
	count, unit, x := folded[m[2]:m[3]], folded[m[4]:m[5]], folded[m[6]:m[7]]
	n, err := strconv.Atoi(count)
	if err != nil {
		n = max(1, numberWord[count])
	}
	days := n * unitDays(unit)
	prefix := folded[:m[0]]
	// X is a day the timeline names or an event, as after "after".
	var xs knowledge.Span
	if wp := question.Parse(x, r.Timeline); wp.Kind == question.Anchor && len(wp.Spans) == 1 {
		xs = wp.Spans[0]
	} else if from, _, _, _, _, ok := r.relativeEvent(prefix + "after " + x); ok {
		xs = from.Span()
	} else {
		return false
	}
	if days <= 0 {
		return false
	}
	head := r.Timeline.ExpandNames(prefix)
	span := knowledge.Span{From: xs.From - knowledge.Day(days), To: xs.To + knowledge.Day(days)}
	if span.From > span.To {
		return false
	}
	p := r.Parsed
	p.Kind, p.Spans, p.Rest, p.OpenFrom, p.OpenTo = question.Range, []knowledge.Span{span}, head, false, false
	r.Parsed = p
	r.rangeQuery(p, r.specific(head) != "")
	return true
}

// unitDays is the length in days of a unit of time, in English or French (singular or plural:
// the plural's s dropped, "mois" reads "moi").
func unitDays(unit string) int {
	switch strings.TrimSuffix(unit, "s") {
	case "day", "jour":
		return 1
	case "week", "semaine":
		return 7
	case "month", "moi":
		return 30
	case "year", "annee", "an":
		return 365
	}
	return 0
}

// tentativeEvents is how many candidates an unsure retrieval offers a model.
const tentativeEvents = 3

// Tentative returns, for a question retrieval judged off topic only because no event covered enough
// of it, a retrieval of the best candidates, so a model can read them and decide; it reports false
// when the refusal is certain (a date with nothing on it, something the source never names).
func Tentative(r Retrieval) (Retrieval, bool) {
	if r.Reason != OffTopic || len(r.Missing) > 0 {
		return r, false
	}
	res := r.Timeline.Search(knowledge.Query{Text: r.Parsed.Rest, Limit: tentativeEvents, Reading: r.reading(r.Parsed.Rest)})
	var events []*knowledge.Event
	for _, h := range res.Hits {
		if h.Score > 0 {
			events = append(events, h.Event)
		}
	}
	if len(events) == 0 {
		return r, false
	}
	t := r.own()
	t.Reason, t.Events = Found, nil
	t.selectEvents(events, r.Parsed.Rest, len(events) == 1)
	return t, true
}

// own returns a copy of r whose caches it may append to without writing into r's: a Retrieval is
// a value, and its caches are slices.
func (r Retrieval) own() Retrieval {
	r.words, r.word, r.specs, r.reads = slices.Clip(r.words), slices.Clip(r.word), slices.Clip(r.specs), slices.Clip(r.reads)
	r.names, r.phrs = slices.Clip(r.names), slices.Clip(r.phrs)
	return r
}

// caches hold the first few entries of a question's caches in one allocation: a question reads two
// or three texts, names a few actors and looks up a few words, and growing each cache from nothing
// took more allocations than the rest of the answer. More entries grow the slices as usual.
type caches struct {
	reads [4]textRead
	names [2]textNames
	words [2]textWords
	word  [4]knowledge.QueryWord
	specs [2]textSpec
	phrs  [2]textPhrases
	rel   [1]relParse
}

func (r *Retrieval) useCaches(c *caches) {
	r.reads, r.names, r.words, r.word, r.specs = c.reads[:0], c.names[:0], c.words[:0], c.word[:0], c.specs[:0]
	r.phrs, r.rel = c.phrs[:0], c.rel[:0]
}

// read returns Fold(text) and its words, once per text for this question: the question and its
// parts are read by a dozen helpers, each of which used to fold and split them again. The words
// are shared between callers, which must not modify them.
func (r *Retrieval) read(text string) (string, []string) {
	for _, t := range r.reads {
		if t.text == text {
			return t.folded, t.words
		}
	}
	folded := textproc.Fold(text)
	words := textproc.Words(folded)
	r.reads = append(r.reads, textRead{text, folded, words})
	return folded, words
}

// foldTrimmed is the fold of text without its surrounding spaces and closing punctuation, which
// the interval and comparison questions read: once for this question rather than once by each.
func (r *Retrieval) foldTrimmed(text string) string {
	if r.trimmed.folded == "" || r.trimmed.text != text {
		r.trimmed.text, r.trimmed.folded = text, textproc.Fold(strings.TrimRight(strings.TrimSpace(text), "?!. "))
	}
	return r.trimmed.folded
}

// mentioned is Timeline.MentionedActors, once per folded text for this question: what a question
// is about, who acts in it and whether they were asked to are each read from its names. The
// mentions are shared between callers, which must not modify them.
func (r *Retrieval) mentioned(folded string) []knowledge.Mention {
	for _, t := range r.names {
		if t.folded == folded {
			return t.mentions
		}
	}
	m := r.Timeline.MentionedActors(folded)
	r.names = append(r.names, textNames{folded, m})
	return m
}

// phrases is Timeline.Phrases, once per text for this question (the question's words and what
// the source lacks both read its phrases). The slices are shared: callers must not modify them.
func (r *Retrieval) phrases(text string) ([]knowledge.QueryWord, []string) {
	for _, t := range r.phrs {
		if t.text == text {
			return t.phrases, t.covers
		}
	}
	_, words := r.read(text)
	p, c := r.Timeline.PhrasesOf(words)
	r.phrs = append(r.phrs, textPhrases{text, p, c})
	return p, c
}

// reading is text as knowledge.Timeline.Search reads it, from this question's caches.
func (r *Retrieval) reading(text string) *knowledge.Reading {
	_, words := r.read(text)
	phrases, covers := r.phrases(text)
	return &knowledge.Reading{Words: words, Phrases: phrases, Covers: covers}
}

type textPhrases struct {
	text    string
	phrases []knowledge.QueryWord
	covers  []string
}

type textNames struct {
	folded   string
	mentions []knowledge.Mention
}

type textRead struct {
	text, folded string
	words        []string
}

// queryWords is Timeline.QueryWords, once per text for this question.
func (r *Retrieval) queryWords(text string) []knowledge.QueryWord {
	for _, t := range r.words {
		if t.text == text {
			return t.words
		}
	}
	// The texts differ (the question, its topic, its verbs) but share their words: each word is
	// looked up once. A question has a few texts and a few dozen words: slices, not maps.
	var buf [16]string
	_, all := r.read(text)
	content := knowledge.AppendContentWords(buf[:0], all)
	var out []knowledge.QueryWord
	if len(content) > 0 {
		out = make([]knowledge.QueryWord, 0, len(content))
	}
	// A phrase the lexicon lists ("reached out", "go live") is one word, in place of its own.
	phrases, covers := r.phrases(text)
	for _, w := range content {
		if slices.Contains(covers, w) {
			continue
		}
		q, ok := r.lookedUp(w)
		if !ok {
			q = r.Timeline.QueryWord(w)
			r.word = append(r.word, q)
		}
		out = append(out, q)
	}
	out = append(out, phrases...)
	if len(out) == 0 {
		out = nil // as when nothing was appended: callers tell "no words" by nil
	}
	r.words = append(r.words, textWords{text, out})
	return out
}

func (r *Retrieval) lookedUp(w string) (knowledge.QueryWord, bool) {
	for _, q := range r.word {
		if q.Word == w {
			return q, true
		}
	}
	return knowledge.QueryWord{}, false
}

type textWords struct {
	text  string
	words []knowledge.QueryWord
}

type textSpec struct {
	text, spec string
	words      []string
}

func pickLang(detected, hint string) string {
	switch {
	case detected != "":
		return detected
	case hint == "fr" || hint == "en":
		return hint
	}
	return "en"
}

// Claim is what a "was X the first to…?" question claims of someone, and whether the source bears
// it out: the first (or last) event about the rest of the question is X's.
type Claim struct {
	Actor string // folded, as the events' actors are written
	Holds bool
	// Cleft marks "was it X who…": Doer is who the source says did it instead, when it says.
	Cleft bool
	Doer  string
}

// firstWhoQuery answers "was Cook the first European to reach NZ?", "est-ce que Tasman a été le
// premier à…": the first (or last) event about what follows, and whether X is in it. It reports
// false when the question names no one, so it is answered as any order question.
func (r *Retrieval) firstWhoQuery(p question.Parsed) bool {
	t := r.Timeline
	// Only "was/is X the first…" or "the first to/à": a French statement with a question mark
	// ("le tout premier truc avant… ?") claims no one was first.
	q := textproc.Fold(p.Text)
	if w := textproc.Words(q); len(w) == 0 || !yesNoStarts[w[0]] && !strings.Contains(q, "first to") &&
		!strings.Contains(q, "premier a ") && !strings.Contains(q, "premiere a ") && !strings.Contains(q, "est-ce") {
		return false
	}
	folded := textproc.Fold(p.Rest)
	mentions := t.MentionedActors(folded)
	if len(mentions) == 0 {
		return false
	}
	m := mentions[0]
	rest := p
	rest.Rest = strings.TrimSpace(folded[:m.At] + " " + folded[m.At+m.Len:])
	if r.specificList(rest.Rest) == nil {
		return false // "was WL's first message about…": nothing asked of the first but X
	}
	r.orderQuery(rest)
	if r.Reason != Found || len(r.Events) != 1 {
		return false
	}
	// X is the one first when the event names X among its actors ("Cook Strait" in a passage is
	// not Cook, nor "Trump Jr." Trump) and, when the question says what X did ("the first to tweet
	// the link"), a passage has X doing it, not asked to.
	e := r.Events[0].Event
	holds := e.HasActor(m.Actor)
	var deeds []string
	for _, w := range textproc.Words(rest.Rest) {
		if textproc.IsDeedWord(w) {
			deeds = append(deeds, w)
		}
	}
	if holds && len(deeds) > 0 && !e.Agent(m.Actor) {
		verbs, name := r.queryWords(strings.Join(deeds, " ")), lastWordOf(m.Actor)
		holds = false
		for i := range e.Passages {
			holds = holds || t.StatesAsFact(e, i, name, verbs)
		}
	}
	r.Claim = &Claim{Actor: m.Actor, Holds: holds}
	return true
}

func (r *Retrieval) orderQuery(p question.Parsed) { r.orderAmong(p, false) }

// orderCoverShare is the share of the best coverage an event needs to be among those a first or
// last is chosen from, when the best covers nearly all the question says (wholeCoverage): a best
// event that covers less shares words with it, no more than the others do.
const (
	orderCoverShare = 0.8
	wholeCoverage   = 0.9
)

// orderEntries is orderQuery among the entries alone, when no topic is asked of them.
func (r *Retrieval) orderEntries(p question.Parsed) { r.orderAmong(p, true) }

func (r *Retrieval) orderAmong(p question.Parsed, entriesOnly bool) {
	// "The first Europeans to reach New Zealand": the first of the events about that, not the first
	// event sharing a word with it. What is ordered ("the first msg") is no topic.
	var kept []string
	ws := textproc.Words(p.Rest)
	for i, w := range ws {
		if !unitWords[w] && orderWords[w] == 0 && !(i > 0 && ws[i-1] == "you" && (w == "got" || w == "get")) {
			kept = append(kept, w)
		}
	}
	text := strings.Join(kept, " ")
	if r.namesOnlySubject(kept) {
		// "The earliest event you got on Tesla", of Tesla's chronology: its own subject says
		// nothing of which event.
		kept, text = nil, ""
	}
	// The first or last of a topic is among every event about it, background included ("the
	// last opera with a mandolin", told as context), when the background is as much about it as
	// the entries are; the first thing of a period is whatever happened first in it ("le premier
	// événement du 19e siècle"); the first message is an entry.
	topic := r.specific(text) != ""
	_, qwords := r.read(p.Text)
	// With no period, "the first thing X did" is among the entries too; "the oldest thing the
	// article talks about" is among all it tells.
	messages := slices.ContainsFunc(qwords, func(w string) bool { return messageWords[w] })
	// Of the source as a whole, the oldest thing is whatever it dates first, background
	// included ("the oldest thing the article talks about"), and so is the first thing someone
	// does in it; its first thing ("le tout premier truc de la chrono") is its first entry.
	everything := p.SourceRef && !messages && !entriesOnly && ageWords(qwords)
	if !everything && p.SourceRef && !messages && !entriesOnly {
		_, _, everything = r.reflexiveActor(p.Text)
	}
	entries := !topic && !everything && (entriesOnly || len(p.Spans) == 0 || messages)
	res := r.Timeline.Search(knowledge.Query{Text: text, Spans: p.Spans, EntriesOnly: entries, Unsorted: true, Reading: r.reading(text)})
	res.Hits = asMuchAsEntries(res.Hits)
	if len(res.Hits) == 0 && len(p.Spans) > 0 {
		// A period with no entry may still hold context ("the very first thing, before even the
		// messages"): the first of that is the answer.
		res = r.Timeline.Search(knowledge.Query{Text: text, Spans: p.Spans, Unsorted: true, Reading: r.reading(text)})
	}
	// "la première fois que Don Jr ne répond pas", "the last time WL didn't answer": the events
	// where the source says the subject did not.
	if subj, deeds := r.negatedSubject(p); subj != "" {
		verbs := r.queryWords(strings.Join(deeds, " "))
		hits := res.Hits[:0:0]
		for _, h := range res.Hits {
			if r.deniedOf(h.Event, lastWordOf(subj), verbs) {
				hits = append(hits, h)
			}
		}
		if len(hits) > 0 {
			res.Hits, kept = hits, kept[:0]
		}
	}
	// "the last time Don Jr himself wrote", "la dernière chose que Don Jr a faite lui-même": the
	// events where he is the one acting.
	if actor, verbs, ok := r.reflexiveActor(p.Text); ok {
		hits := res.Hits[:0:0]
		for _, h := range res.Hits {
			if r.acts(h.Event, actor, verbs) {
				hits = append(hits, h)
			}
		}
		if len(hits) > 0 {
			res.Hits = hits
			kept = kept[:0] // whom the question is about is settled; its other words do not filter
		}
	}
	// "The earliest WL msg where Assange comes up", "la dernière fois que WL parle des Clinton":
	// with no topic but names, the first or last is among the events that have the rare ones, the
	// names the question is about rather than the chronology's usual parties (WL, Don Jr).
	if r.specific(strings.Join(kept, " ")) == "" && len(kept) > 0 {
		if rare := r.rareActors(textproc.Fold(strings.Join(kept, " "))); len(rare) > 0 {
			named := res.Hits[:0:0]
			for _, h := range res.Hits {
				if !slices.ContainsFunc(rare, func(a string) bool { return !h.Event.HasActor(a) }) {
					named = append(named, h)
				}
			}
			if len(named) > 0 {
				res.Hits = named
			}
		}
	}
	var narrow float32 // the coverage the events about all the question says have, once known
	if r.specific(strings.Join(kept, " ")) != "" {
		// Filtered in place (the hits are this search's own): on a large timeline a name alone
		// matches thousands of events. Nothing is written when none is covered.
		covered := res.Hits[:0]
		best := float32(0)
		for _, h := range res.Hits {
			if h.Score > 0 && h.Coverage >= minCoverage {
				covered = append(covered, h)
				best = max(best, h.Coverage)
			}
		}
		if len(covered) > 0 {
			res.Hits = covered
			narrow = orderCoverShare * best
		} else if _, words := r.read(p.Text); len(p.Spans) == 0 && !ordersUnits(words) && r.absent(p.Text) {
			// "When did New Zealand win its first Rugby World Cup?": no event is about what it
			// asks the first of, and the source lacks its words: the first event is no answer.
			r.Reason = OffTopic
			return
		}
	}
	// "Who was the first East German guard to escape", "le premier sénateur aborigène": an event
	// whose own passage calls it the first (or last) of what is asked answers, though the source
	// tells earlier escapes or senators.
	own := false
	if head := orderedHead(qwords); len(head) > 0 {
		if calls := r.selfOrdered(res.Hits, head, p.Order == question.Last); len(calls) > 0 {
			res.Hits, own = calls, true
		}
	}
	if !own && narrow >= orderCoverShare*wholeCoverage && !r.orderInClause(textproc.Fold(p.Text)) {
		// "Chopin's first concert in Paris": the first of the events about all it says, not the
		// first concert anywhere, when some events cover more of it than the rest.
		narrowed := res.Hits[:0]
		for _, h := range res.Hits {
			if h.Coverage >= narrow {
				narrowed = append(narrowed, h)
			}
		}
		res.Hits = narrowed
	}
	var pick *knowledge.Event
	pickPos := 0
	for _, h := range res.Hits {
		pos := r.Timeline.Position(h.Event)
		if pick == nil || p.Order == question.First && pos < pickPos || p.Order == question.Last && pos > pickPos {
			pick, pickPos = h.Event, pos
		}
	}
	if pick == nil && len(p.Spans) == 0 {
		// No entry matches the words: the first or last entry of the whole timeline is still the
		// answer; of all the source tells when the question points at the source.
		if pick = edgeEntry(r.Timeline, p.Order == question.Last); everything && len(r.Timeline.Events) > 0 {
			pick = r.Timeline.Events[0]
			if p.Order == question.Last {
				pick = r.Timeline.Events[len(r.Timeline.Events)-1]
			}
		}
	}
	if pick == nil {
		r.Reason = NothingInRange
		r.Before, r.After = r.Timeline.Nearest(p.Spans[0])
		return
	}
	r.selectEvents([]*knowledge.Event{pick}, p.Rest, true)
}

func (r *Retrieval) dayQuery(p question.Parsed) {
	res := r.Timeline.Search(knowledge.Query{Text: p.Rest, Spans: p.Spans, Reading: r.reading(p.Rest)})
	// An event the source dates only by its year does not say it happened on the day asked ("il
	// s'est passé quoi le 15 janvier 1855 ?" of the year's reforms): it is no answer, whether the
	// day has other events or none.
	// A day of every year ("le 14 juillet") is asked of years too: their events stay.
	if p.Kind == question.ExactDay && len(p.Spans) == 1 {
		res.Hits = slices.DeleteFunc(res.Hits, func(h knowledge.Hit) bool { return h.Event.Precision() == knowledge.PrecisionYear })
	}
	if len(res.Hits) == 0 {
		r.Reason = NothingOnDate
		r.Before, r.After = r.Timeline.Nearest(p.Spans[0])
		return
	}
	hits := res.Hits
	if r.guessedWordsOnly(p.Rest) {
		// Words the timeline knows only by the typo allowance ("what's the deal with sept
		// 25th") are guesses: they do not take the question off the day it names.
		hits = slices.Clone(hits)
		for i := range hits {
			hits[i].Score = 0
		}
	}
	hits = preferEntries(preferPrecise(hits, p.Spans))
	best := hits[0]
	chosen := []*knowledge.Event{best.Event}
	for _, h := range hits[1:] {
		if len(chosen) == maxFocused {
			break
		}
		if best.Score == 0 || h.Score >= focusRatio*best.Score {
			if len(p.Spans) > 1 && !sameSpan(h.Event, best.Event, p.Spans) {
				// A date without a year that matches events in two years: ask rather than guess.
				r.Alternatives = append(r.Alternatives, h.Event)
				continue
			}
			chosen = append(chosen, h.Event)
		}
	}
	if len(r.Alternatives) > 0 {
		r.Alternatives = append([]*knowledge.Event{best.Event}, r.Alternatives...)
	}
	chosen = r.preferRelated(chosen, p.Rest)
	if len(chosen) == 1 && len(r.Alternatives) == 0 && r.premiseFails(chosen[0], p.Rest) {
		return
	}
	r.selectEvents(chosen, p.Rest, len(chosen) == 1)
}

// guessedWordsOnly reports whether every word of text the timeline has is one it has only by the
// typo allowance.
func (r *Retrieval) guessedWordsOnly(text string) bool {
	words := r.queryWords(text)
	for _, w := range words {
		if !w.Fuzzy && w.IDF > 0 {
			return false
		}
	}
	return len(words) > 0
}

// premiseFails records an Unsupported refusal when the question says someone did something the
// one event it is about does not say they did (unsupportedPremise), or gives something of it to
// an owner it does not (ownerMismatch).
func (r *Retrieval) premiseFails(e *knowledge.Event, rest string) bool {
	return r.premiseFailsAll([]*knowledge.Event{e}, rest)
}

// premiseFailsAll is premiseFails for a period's events: the premise fails when none of them
// holds it ("why did Assange personally call Don Jr in October?"); the nearest is the first of
// them.
func (r *Retrieval) premiseFailsAll(events []*knowledge.Event, rest string) bool {
	if len(events) == 0 {
		return false
	}
	var who, owned, contrary string
	for _, e := range events {
		if c := r.contradicted(e, rest); c != "" {
			contrary = c
			continue
		}
		if w, bad := r.unsupportedPremise(e, rest); bad {
			who, owned = w, ""
			continue
		}
		o, thing, bad := r.ownerMismatch(e, rest)
		if !bad {
			return false
		}
		if who == "" {
			who, owned = o, thing
		}
	}
	r.Reason, r.Premise, r.Owned, r.Nearest = Unsupported, who, owned, events[0]
	if who == "" && owned == "" {
		r.Contrary = contrary
	}
	return true
}

func sameSpan(a, b *knowledge.Event, spans []knowledge.Span) bool {
	for _, s := range spans {
		if s.Overlaps(a.Span()) && s.Overlaps(b.Span()) {
			return true
		}
	}
	return false
}

// titleWord reports whether a folded word of a question names the chronology's subject as its
// title does, in either language ("le système du traité" of "The Antarctic Treaty System"): like
// a pervasive word, it tells none of the events apart.
// namesOnlySubject reports whether the content words among words all name actors the timeline's
// title names (Tesla, of "Nikola Tesla: a chronology"), and there is one at least.
func (r *Retrieval) namesOnlySubject(words []string) bool {
	if !slices.ContainsFunc(words, func(w string) bool { return !textproc.IsStopWord(w) }) {
		return false
	}
	t := r.Timeline
	subjects := t.TitleActors()
	if len(subjects) == 0 {
		return false // a title that names no one has no subject to name
	}
	ms := r.mentioned(textproc.Fold(t.ExpandNames(strings.Join(words, " "))))
	if len(ms) == 0 {
		return false
	}
	for _, m := range ms {
		if !slices.Contains(subjects, m.Actor) {
			return false
		}
	}
	return !slices.ContainsFunc(words, func(w string) bool { return !textproc.IsStopWord(w) && !mentionsWord(ms, w) })
}

// reWhatWentOn is "what went on", "what was going on", "what's been going on": what happened.
var reWhatWentOn = regexp.MustCompile(`\bwhat(?:'s| was| is| has been| had been| s been| s)?\s+(?:went|going|goes|go|gone)\s+on\b`)

// namesSomeoneElse reports whether mentions name an actor other than the chronology's subject: "what
// did newton do between 1696 and 1701" of Newton's life asks what the period holds, as "what
// happened" would, where "what did halley do" asks about Halley. Only an account is asked so:
// "how much did mozilla make in 2010" or "did don jr reply after the election" ask about a deed.
func (r *Retrieval) namesSomeoneElse(mentions []knowledge.Mention) bool {
	subjects := r.Timeline.TitleActors()
	return slices.ContainsFunc(mentions, func(m knowledge.Mention) bool { return !slices.Contains(subjects, m.Actor) })
}

// asksDeeds reports whether a question's words are only its actors and a verb of doing ("what did
// newton do", "what did edison get up to", "qu'a fait newton"): an account of what they did, not
// of what they said ("what did don jr say they talked about").
func asksDeeds(mentions []knowledge.Mention, text string) bool {
	do := false
	for _, w := range textproc.Words(textproc.Fold(text)) {
		switch {
		case doWords[w]:
			do = true
		case textproc.IsStopWord(w) || mentionsWord(mentions, w):
		default:
			return false
		}
	}
	return do
}

var doWords = map[string]bool{"do": true, "does": true, "did": true, "doing": true, "done": true, "get": true,
	"got": true, "up": true, "fait": true, "faire": true, "faisait": true, "fais": true}

func (r *Retrieval) titleWord(w string) bool {
	if r.titleStems == nil {
		title := textproc.Words(textproc.Fold(r.Timeline.Title))
		r.titleStems = make([]string, 0, 2*len(title))
		for _, t := range title {
			if !textproc.IsStopWord(t) && len(t) > 2 {
				r.titleStems = append(r.titleStems, textproc.Stem(t, "en"), textproc.Stem(t, "fr"))
			}
		}
	}
	stems := r.titleStems
	if slices.Contains(stems, textproc.Stem(w, "en")) || slices.Contains(stems, textproc.Stem(w, "fr")) {
		return true
	}
	for _, lang := range []string{"en", "fr"} {
		for _, e := range lexicon.Related(w, lang) {
			if slices.Contains(stems, e.Stem) {
				return true
			}
		}
	}
	return false
}

// spanWords place a question in its period ("during WW2", "pendant la guerre"): left when the
// parser takes the period, they are not what the question asks about.
var spanWords = map[string]bool{"during": true, "pendant": true, "throughout": true, "durant": true}

func (r *Retrieval) rangeQuery(p question.Parsed, hasContent bool) {
	// With nothing of its own but verbs and no one named ("what went down the week of the
	// election?"), a question asks what the period holds.
	// Nor does one whose own words are only the chronology's subject ("what happened to the
	// anthem during WW2" of a history of the anthem).
	ms := r.mentioned(textproc.Fold(p.Rest))
	bare := !slices.ContainsFunc(r.specificList(p.Rest), func(w string) bool { return !r.Timeline.Pervasive(w) && !spanWords[w] && !r.titleWord(w) }) &&
		(r.Intent == AskList || len(ms) == 0 || r.Intent == AskWhat && asksDeeds(ms, p.Rest) && !r.namesSomeoneElse(ms))
	if bare {
		// A phrase the lexicon lists is something of its own ("what went live in 2013?"), but
		// "what went on" is "what happened", not "what continued".
		rest := p.Rest
		if strings.Contains(rest, " on") {
			rest = reWhatWentOn.ReplaceAllString(textproc.Fold(rest), "what happened")
		}
		phrases, _ := r.Timeline.Phrases(rest)
		bare = len(phrases) == 0
	}
	if (!hasContent || bare) && len(p.Spans) == 1 {
		r.listSpan(p.Spans[0])
		return
	}
	res := r.Timeline.Search(knowledge.Query{Text: p.Rest, Spans: p.Spans, Reading: r.reading(p.Rest)})
	if hasContent && p.Kind == question.Year && r.Intent != AskList && !covers(res.Hits) && r.yearMentioned(p) {
		return
	}
	if len(res.Hits) == 0 {
		r.Reason = NothingInRange
		r.Before, r.After = r.Timeline.Nearest(p.Spans[0])
		return
	}
	hits := preferEntries(preferPrecise(res.Hits, p.Spans))
	best := hits[0]
	if hasContent && best.Score > 0 && best.Coverage >= minCoverage {
		var focused []*knowledge.Event
		for _, h := range hits {
			if h.Score >= focusRatio*best.Score && len(focused) < maxFocused {
				focused = append(focused, h.Event)
			}
		}
		// Focused on some of the period's events; or on context alone, which the entry it is
		// related to may answer better ("what did he say they talked about at the June 2016
		// meeting?" is answered where he said it, in 2017).
		if len(focused) < len(hits) || onlyContext(focused) {
			focused = r.preferRelated(focused, p.Rest)
			if r.premiseFailsAll(focused, p.Rest) {
				return
			}
			r.selectEvents(focused, p.Rest, len(focused) == 1)
			return
		}
	}
	// A period with only context in it, asked about something: the entry that context is related
	// to may say it.
	if hasContent && len(hits) <= maxFocused {
		events := make([]*knowledge.Event, len(hits))
		for i, h := range hits {
			events[i] = h.Event
		}
		if onlyContext(events) {
			if related := r.preferRelated(events, p.Rest); !slices.Equal(related, events) {
				r.selectEvents(related, p.Rest, len(related) == 1)
				return
			}
		}
	}
	// A question saying someone did something no event of the period says they did is not
	// answered by the period's list.
	if hasContent && r.Intent != AskList && len(hits) <= maxListed {
		events := make([]*knowledge.Event, len(hits))
		for i, h := range hits {
			events[i] = h.Event
		}
		sortByPosition(r.Timeline, events)
		if r.premiseFailsAll(events, p.Rest) {
			return
		}
	}
	// A question that asks for one thing ("pk l'ue a encore mis une amende a microsoft en 2008",
	// "why did newton move to london in 1696") is answered by the period's one event, or the one
	// its words find far better than the others, though it covers few of them: a list of the year
	// answers no "why".
	if hasContent && (r.Intent == AskWho || r.Intent == AskWhy || r.Intent == AskWhere) && hits[0].Score > 0 && (len(hits) == 1 || dominant(hits)) {
		if r.premiseFails(hits[0].Event, p.Rest) {
			return
		}
		r.selectEvents([]*knowledge.Event{hits[0].Event}, p.Rest, true)
		return
	}
	// List the range in date order: the first maxListed, picked without sorting every hit.
	r.Total = len(hits)
	r.List = true
	// A period holding one event answers with it as a single event would: its passages chosen
	// for the question (where it states the date asked, what it asks), not its opening one.
	listed := earliest(r.Timeline, hits, maxListed)
	r.selectEvents(listed, p.Rest, len(listed) == 1 && hasContent)
}

// reSourcePosition finds where in the source a question points: its beginning or its end ("au
// début de l'article", "at the start of the article", "the opening", "à la fin de l'article").
var reSourcePosition = regexp.MustCompile(`\b(?:(au debut|en introduction|at the (?:start|beginning|top)|in the (?:opening|intro|introduction)|in its opening|first paragraph|premier paragraphe)|(a la fin|at the end|in the (?:last|final) paragraph|dernier paragraphe|en conclusion))\b`)

// sourcePositionQuery answers "how does the article describe WikiLeaks at the start?": among the
// events about the question's words, the one whose passage comes first (or last) in the source,
// quoted from there. It needs the question to name the source ("article", "source", "text").
func (r *Retrieval) sourcePositionQuery(folded string) bool {
	if !strings.Contains(folded, "article") && !strings.Contains(folded, "source") && !strings.Contains(folded, "text") {
		return false
	}
	m := reSourcePosition.FindStringSubmatchIndex(folded)
	if m == nil {
		return false
	}
	atEnd := m[4] >= 0
	t := r.Timeline
	words := r.queryWords(r.Parsed.Rest)
	res := t.Search(knowledge.Query{Text: r.Parsed.Rest, Limit: topicHits, Reading: r.reading(r.Parsed.Rest)})
	var pick *knowledge.Event
	at, para := -1, 0
	for _, h := range res.Hits {
		if h.Score == 0 {
			continue
		}
		for i, ps := range h.Event.Passages {
			if len(t.UnmatchedWords(h.Event, i, words)) == len(words) {
				continue // the passage has none of the question's words
			}
			if pick == nil || !atEnd && ps.Paragraph < para || atEnd && ps.Paragraph > para {
				pick, at, para = h.Event, i, ps.Paragraph
			}
		}
	}
	if pick == nil {
		return false
	}
	r.selectEvents([]*knowledge.Event{pick}, r.Parsed.Rest, true)
	r.Events[0].Passages = withFirst(r.Events[0].Passages, at)
	return true
}

// quotedInRelative reports whether a folded question has a quotation after a relative clause's
// connective ("2 days before WL's 'hey donald' msg").
func (r *Retrieval) quotedInRelative(folded string) bool {
	if !strings.ContainsAny(folded, "'\"«“") {
		return false
	}
	_, _, what, _, ok := r.parseRelative(folded)
	return ok && strings.ContainsAny(what, "'\"«“")
}

// covers reports whether some hit covers the question.
func covers(hits []knowledge.Hit) bool {
	for _, h := range hits {
		if h.Score > 0 && h.Coverage >= minCoverage {
			return true
		}
	}
	return false
}

// yearMentioned answers a question whose year no event of that year answers from the events whose
// passages write the year: "which 2012 law did Don Jr say they talked about?" (the Magnitsky Act
// of 2012, told in 2017), "Mozilla's revenue for 2011" (reported in 2012). The year there is
// something the source states, not when the event happened.
func (r *Retrieval) yearMentioned(p question.Parsed) bool {
	t := r.Timeline
	year := strconv.Itoa(p.Spans[0].From.Time().Year())
	res := t.Search(knowledge.Query{Text: p.Rest + " " + year, Limit: topicHits})
	var events []*knowledge.Event
	for _, h := range res.Hits {
		if h.Score == 0 || h.Coverage < minCoverage || len(events) == maxFocused {
			continue
		}
		for i := range h.Event.Passages {
			if strings.Contains(t.FoldedPassage(h.Event, i), year) {
				events = append(events, h.Event)
				break
			}
		}
	}
	if len(events) == 0 {
		return false
	}
	// Found by the year in their passages, they are held to the question's premise as the
	// period's own events are ("why did Chubb sell it to the National Trust in 1928").
	if r.premiseFailsAll(events, p.Rest) {
		return true
	}
	r.selectEvents(events, p.Rest+" "+year, len(events) == 1)
	return true
}

func onlyContext(events []*knowledge.Event) bool {
	for _, e := range events {
		if e.Kind != knowledge.KindContext {
			return false
		}
	}
	return len(events) > 0
}

// listSpan lists a range when the question has no words to rank by ("what happened in 2016?"). It
// keeps the choices preferPrecise and preferEntries make for ranked hits, all scores being equal
// here, but counts instead of collecting: two passes over the span, the second stopping its list at
// maxListed, so a range of a large timeline costs no allocation per event.
func (r *Retrieval) listSpan(span knowledge.Span) {
	t := r.Timeline
	within := func(e *knowledge.Event) bool { s := e.Span(); return span.From <= s.From && s.To <= span.To }
	// One counting pass: events and entries, within the span and by precision.
	var total, nWithin, entriesWithin int
	var byPrecision, entriesByPrecision [3]int
	t.EachInSpan(span, func(e *knowledge.Event) bool {
		total++
		entry := e.Kind == knowledge.KindEntry
		byPrecision[e.Precision()]++
		if entry {
			entriesByPrecision[e.Precision()]++
		}
		if within(e) {
			nWithin++
			if entry {
				entriesWithin++
			}
		}
		return true
	})
	if total == 0 {
		r.Reason = NothingInRange
		r.Before, r.After = t.Nearest(span)
		return
	}
	// preferPrecise: the events within the span, else those of the finest precision.
	keep, kept, keptEntries := within, nWithin, entriesWithin
	if nWithin == 0 {
		finest := knowledge.PrecisionDay
		for byPrecision[finest] == 0 {
			finest++
		}
		keep = func(e *knowledge.Event) bool { return e.Precision() == finest }
		kept, keptEntries = byPrecision[finest], entriesByPrecision[finest]
	}
	// preferEntries: context events only when no entry is left.
	onlyEntries := keptEntries > 0
	if onlyEntries {
		kept = keptEntries
	}
	events := make([]*knowledge.Event, 0, maxListed)
	t.EachInSpan(span, func(e *knowledge.Event) bool {
		if keep(e) && (!onlyEntries || e.Kind == knowledge.KindEntry) {
			events = append(events, e)
		}
		return len(events) < maxListed
	})
	r.Total, r.List = kept, true
	r.selectEvents(events, "", false)
	// A listed event is quoted where it states the date asked, when its opening passage does
	// not ("en l'an 687": the sentence that writes 687).
	for i := range r.Events {
		s := &r.Events[i]
		if len(s.Passages) > 0 && !r.mentionsAsked(s.Event, s.Passages[0]) {
			if d := r.datedPassage(s.Event); d > 0 {
				s.Passages = []int{d}
			}
		}
	}
}

// lacksThing reports whether what text asks about is a thing or a person the timeline has no word
// of, nor a translation or synonym (knowledge.Timeline.LacksConcept): a noun after an article,
// "the pope" in a history of a satellite, "le peintre" in one of the Bastille. Verbs and adverbs
// the source lacks ("dumping", "again") are the asker's wording more often than an absent topic,
// and times of day and seasons ("in the morning") date the question.
func (r *Retrieval) lacksThing(text string) bool {
	folded, words := r.read(text)
	spec := r.specificList(text)
	for i := 1; i < len(words); i++ {
		w := words[i]
		if !(determiners[words[i-1]] || words[i-1] == "l") || dayPartWords[w] || !slices.Contains(spec, w) {
			continue
		}
		// "What's the deal with 25 September": an idiom for "what about".
		if w == "deal" && strings.Contains(folded, "the deal with") {
			continue
		}
		// In English a noun the source has may follow its modifier ("the euro colonies"): the
		// thing asked about is that noun.
		if r.Lang == "en" && i+1 < len(words) && !textproc.IsStopWord(words[i+1]) && r.Timeline.KnownExactly(words[i+1]) {
			continue
		}
		if r.Timeline.LacksConcept(w) {
			return true
		}
	}
	return false
}

// dayPartWords are parts of a day and seasons: they place a question in time.
var dayPartWords = map[string]bool{"morning": true, "afternoon": true, "evening": true, "night": true, "spring": true,
	"summer": true, "autumn": true, "fall": true, "winter": true, "matin": true, "matinee": true, "midi": true,
	"soir": true, "soiree": true, "nuit": true, "printemps": true, "ete": true, "automne": true, "hiver": true,
	// Meals tell the hour as well ("vers l'heure du dîner", "around lunchtime").
	"breakfast": true, "lunch": true, "lunchtime": true, "dinner": true, "dinnertime": true, "supper": true,
	"dejeuner": true, "diner": true, "souper": true, "gouter": true}

// earliest returns the events of the first n hits in timeline order.
func earliest(t *knowledge.Timeline, hits []knowledge.Hit, n int) []*knowledge.Event {
	out := make([]*knowledge.Event, 0, n+1)
	for _, h := range hits {
		pos := t.Position(h.Event)
		if len(out) == n && pos > t.Position(out[n-1]) {
			continue
		}
		i, _ := slices.BinarySearchFunc(out, pos, func(e *knowledge.Event, p int) int { return t.Position(e) - p })
		out = slices.Insert(out, i, h.Event)
		if len(out) > n {
			out = out[:n]
		}
	}
	return out
}

func (r *Retrieval) topicQuery(p question.Parsed) {
	res := r.Timeline.Search(knowledge.Query{Text: p.Rest, Limit: topicHits, Reading: r.reading(p.Rest), Lang: p.Lang})
	// The answer is the best-scoring event that covers the question, not merely the best-scoring
	// event: one that matches a single rare word ("Podesta") may outscore one that matches all of
	// "what did WikiLeaks write about Podesta". Only when no event covers it is it off topic.
	first := -1
	for i, h := range res.Hits {
		if h.Coverage >= minCoverage {
			first = i
			break
		}
	}
	if first != 0 && dominant(res.Hits) {
		first = 0
	}
	if first < 0 {
		r.Reason = OffTopic
		return
	}
	hits := res.Hits[first:]
	if p.AsksDay {
		hits = preferDays(hits)
	}
	if i, ok := r.subjectsOwnDeed(p.Rest, hits); ok {
		// "When did Beethoven die": the event that writes "Beethoven died", not the song whose
		// German title scores "die" higher, nor his mother's death; alone, when the others near
		// it do not write it ("when was lincoln shot": not Booth, shot twelve days later).
		hits = []knowledge.Hit{hits[i]}
	}
	best := hits[0]
	chosen := []*knowledge.Event{best.Event}
	for _, h := range hits[1:] {
		if len(chosen) == maxFocused || h.Score < focusRatio*best.Score {
			break
		}
		if h.Coverage < minCoverage {
			continue
		}
		// An event that covers the whole question leaves out those covering less than half
		// of it ("when did kaspar die": his death, not his birth, which has his name only).
		if best.Coverage >= wholeCoverage && h.Coverage < best.Coverage/2 {
			continue
		}
		if h.Score >= tieRatio*best.Score {
			r.Alternatives = append(r.Alternatives, h.Event)
		}
		chosen = append(chosen, h.Event)
	}
	if len(r.Alternatives) > 0 {
		r.Alternatives = append([]*knowledge.Event{best.Event}, r.Alternatives...)
	}
	// "Why" asks for one cause: the best event answers alone when a passage its words find states
	// one and none of the others does; they are what came before or after.
	if r.Intent == AskWhy && len(chosen) > 1 && len(r.Alternatives) == 0 && r.statesCauseOf(best.Event, p.Rest) &&
		!slices.ContainsFunc(chosen[1:], func(e *knowledge.Event) bool { return r.statesCauseOf(e, p.Rest) }) {
		chosen, r.Alternatives = chosen[:1], nil
	}
	if len(chosen) == 1 && r.premiseFails(best.Event, p.Rest) || len(chosen) > 1 && r.premiseFailsAll(chosen, p.Rest) {
		r.Alternatives = nil
		return
	}
	r.selectEvents(chosen, p.Rest, len(chosen) == 1)
}

// subjectsOwnDeed finds among hits the one event that writes the question's subject doing its
// verb, name and verb side by side ("Kepler was born", "Newton died"), or for a passive the verb
// done to the name ("Booth shoots Lincoln"): a question about what someone did ("where was kepler
// born", "when did beethoven die") is answered where the source says they did it, not where it
// says it of their children, a rival or a song's title. Candidates score at least ownerRatio of
// the best and cover coverShare of what it covers. It reports the event's index and true when
// exactly one writes it (the best included), false when none or several do, and when no other
// event scores near the best.
func (r *Retrieval) subjectsOwnDeed(rest string, hits []knowledge.Hit) (int, bool) {
	// With no other event near the best, there is nothing to choose between: the best stands,
	// alone, whichever writes the deed (most questions; the reading is spared).
	if len(hits) < 2 || hits[1].Score < ownerRatio*hits[0].Score {
		return 0, false
	}
	folded := textproc.Fold(rest)
	ms := r.titleActorWords(folded, r.mentioned(folded))
	// "Where was he born" of Picasso's chronology: with no one named, a personal pronoun is the
	// one the title names, and the deed is theirs, not their children's.
	pronoun := false
	if len(ms) == 0 {
		if m, ok := r.pronounMention(folded); ok {
			ms, pronoun = []knowledge.Mention{m}, true
		}
	}
	// Active or passive ("when was kepler born", "the day after lincoln got shot"): the source
	// writes either as the question does ("Kepler was born", "Lincoln was shot").
	if len(ms) != 1 {
		return 0, false
	}
	passive, ok := subjectOfClause(folded, ms[0])
	if !ok {
		return 0, false
	}
	var verb string
	for _, w := range textproc.Words(folded[ms[0].At+ms[0].Len:]) {
		// "Where did Lincoln actually die": the adverb is not the deed.
		if !textproc.IsStopWord(w) && !passiveWords[w] && !adverbForm(w) && !strings.HasSuffix(w, "ly") {
			verb = w
			break
		}
	}
	if verb == "" || textproc.IsLightWord(verb) {
		return 0, false
	}
	t := r.Timeline
	q := t.QueryWord(verb)
	name := textproc.LastWord(folded[ms[0].At : ms[0].At+ms[0].Len])
	if pronoun {
		name = lastWordOf(ms[0].Actor)
	}
	subject := ms[0].Actor
	// says reports whether a folded text writes the name doing the verb (or, for a passive, the
	// verb done to the name).
	says := func(text string) bool {
		// Only the words around each occurrence of the name are read: most texts never name it.
		for at := 0; ; {
			k := strings.Index(text[at:], name)
			if k < 0 {
				return false
			}
			start, end := at+k, at+k+len(name)
			at = end
			if start > 0 && isWordByte(text[start-1]) || end < len(text) && isWordByte(text[end]) {
				continue // inside another word
			}
			// A passive question is answered by an active source too: "Booth shoots Lincoln"
			// for "lincoln got shot".
			if passive {
				if w := textproc.LastWord(text[:start]); w != "" && !strings.HasSuffix(w, "ing") && t.Says(w, t.Source.Language, q) {
					return true
				}
			}
			// The verb after the name and its auxiliaries; "the Supreme Court ruling" is a noun
			// after a name, not the name's deed.
			for ws, we, ok := textproc.NextWordIn(text, end); ok; ws, we, ok = textproc.NextWordIn(text, we) {
				w := text[ws:we]
				if auxiliaryWords[w] {
					continue
				}
				if !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ings") && t.Says(w, t.Source.Language, q) {
					return true
				}
				break
			}
		}
	}
	// "Willie Lincoln is born", "Mary Edison dies": the family name of someone else. The raw
	// text is read for given names only where the folded one says it.
	writesOwn := func(raw, folded string) bool {
		return says(folded) && says(textproc.Fold(othersNamed(raw, name, subject)))
	}
	// The passages, or the title and summary that say it of a passage's pronoun ("He died on 26
	// March 1827" under "Beethoven dies").
	// A passage that writes the name has its term: the index says which cannot, without reading
	// them. A name the timeline never writes is written by no event.
	nameTerms := t.TermsOf([]string{name})
	if len(nameTerms) == 0 {
		return 0, false
	}
	writes := func(e *knowledge.Event) bool {
		for i := range e.Passages {
			if t.HasTerm(e, i, nameTerms) && writesOwn(e.Passages[i].Text, t.FoldedPassage(e, i)) {
				return true
			}
		}
		return writesOwn(e.Title, t.FoldedTitle(e)) || writesOwn(e.Summary, t.FoldedSummary(e))
	}
	// Of the events near the best, the first that writes it, when it is the only one.
	found := -1
	for i, h := range hits {
		if i > 0 && h.Score < ownerRatio*hits[0].Score {
			break
		}
		if (i == 0 || h.Coverage >= coverShare*hits[0].Coverage) && writes(h.Event) {
			if found >= 0 {
				// Two that write it: the one that is the subject's own event, when the other
				// tells it in passing ("John Adams dies the same day…, unaware that Jefferson
				// died several hours earlier"); else the best stands, with its peers.
				if own := ownEventOf(hits, subject, found, i, writes, ownerRatio*hits[0].Score); own >= 0 {
					return own, own > 0
				}
				return found, found > 0
			}
			found = i
		}
	}
	return max(found, 0), found >= 0
}

// ownEventOf is, of two events that write the subject's deed (hits a and b, a first), the one whose
// agent the subject is when the other's is not, or else the one that is an entry when the other is
// context and no third hit down to minScore writes it too; -1 when neither stands out.
func ownEventOf(hits []knowledge.Hit, subject string, a, b int, writes func(*knowledge.Event) bool, minScore float32) int {
	for _, h := range hits[b+1:] {
		if h.Score < minScore {
			break
		}
		if writes(h.Event) {
			return -1
		}
	}
	ea, eb := hits[a].Event, hits[b].Event
	switch {
	case ea.Agent(subject) != eb.Agent(subject):
		if ea.Agent(subject) {
			return a
		}
		return b
	case (ea.Kind == knowledge.KindEntry) != (eb.Kind == knowledge.KindEntry):
		if ea.Kind == knowledge.KindEntry {
			return a
		}
		return b
	}
	return -1
}

func isWordByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// containsFoldASCII reports whether an ASCII text holds a folded ASCII word, case aside.
func containsFoldASCII(s, word string) bool {
	if word == "" {
		return true
	}
	first := word[0]
	for i := 0; i+len(word) <= len(s); i++ {
		if c := s[i] | 0x20; c == first && strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// othersNamed blanks in a text the family name (folded) that another person's given name comes
// before: "Mary Edison died" is not Thomas Edison's death, though no actor is named "Mary
// Edison"; "When Edison died" and "Thomas Edison died" are his.
func othersNamed(text, name, subject string) string {
	subjectWords := textproc.Words(subject)
	var b strings.Builder
	last, pos := 0, 0
	var prev []string
	for _, f := range strings.Fields(text) {
		at := strings.Index(text[pos:], f) + pos
		pos = at + len(f)
		word := strings.Trim(f, "\"'“”«»‘’(),.;:!?")
		if textproc.Fold(strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "’s")) == name && othersGivenName(prev, subjectWords) {
			b.WriteString(text[last:at])
			b.WriteString("_")
			last = at + len(f)
		}
		prev = append(prev, f)
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// othersGivenName reports whether the words before a family name (in order, the last one right
// before it) end with a given name not the subject's: a capitalized word that is no stop word,
// over the particles of a name ("Kaspar van Beethoven", "Marie de Médicis").
func othersGivenName(prev, subjectWords []string) bool {
	for k := len(prev) - 1; k >= 0; k-- {
		pw := strings.Trim(prev[k], "\"'“”«»‘’(),")
		if pw == "" {
			return false
		}
		f := textproc.Fold(pw)
		if nameParticles[f] && !unicode.IsUpper([]rune(pw)[0]) {
			continue
		}
		return unicode.IsUpper([]rune(pw)[0]) && !textproc.IsStopWord(f) && !slices.Contains(subjectWords, f)
	}
	return false
}

var nameParticles = set("van von der den de du da di del della le la")

// coverShare is the share of the best hit's coverage of the question the event that writes the
// subject's deed needs: a misspelt word the best hit happens to match ("wat") is no part of what
// is asked, a thing the deed is done to ("apple buys beats") is.
const coverShare = 0.75

// auxiliaryWords stand between a subject and its verb: "Kepler was born", "Newton had died",
// "Jeanne est née", "Beethoven finally died".
var auxiliaryWords = set("was were is are had has have been got finally then later a est etait fut avait ete")

// statesCauseOf reports whether a passage of e that a "why" question's words find (the best or
// one nearly as good) states a cause: "burned down the hotel to protest the acquittal".
func (r *Retrieval) statesCauseOf(e *knowledge.Event, rest string) bool {
	ranked := r.Timeline.RankPassages(e, r.queryWords(rest))
	for _, p := range ranked {
		// A cause stated in a passage the question hardly matches is another deed's.
		if p.Score <= 0 || p.Score < closeRatio*ranked[0].Score {
			break
		}
		if statesCause(r.Timeline.FoldedPassage(e, p.Index)) {
			return true
		}
	}
	return false
}

// dominant reports whether the best hit stands out of the rest by far, matching nearly as much of
// the question as minCoverage asks: the question's words the source has meet in one event, and
// those it lacks are the asker's wording ("biggest" for "largest", "station" for "plant").
func dominant(hits []knowledge.Hit) bool {
	if len(hits) == 0 || hits[0].Coverage < dominantCoverage {
		return false
	}
	return len(hits) == 1 || hits[0].Score >= dominantRatio*hits[1].Score
}

// preferDays keeps, for a question that asks for a day ("what day did he die"), the hits the
// source dates to the day among those that match nearly as well as the best: a death dated 11
// March 1955 answers it, the deaths of others dated by their year do not, though "die" matches
// each equally. Hits past the focus band, or none dated to the day, leave the hits as they are.
func preferDays(hits []knowledge.Hit) []knowledge.Hit {
	var out []knowledge.Hit
	for _, h := range hits {
		if h.Score < focusRatio*hits[0].Score {
			break
		}
		if h.Coverage >= minCoverage && h.Event.Precision() == knowledge.PrecisionDay {
			out = append(out, h)
		}
	}
	if len(out) == 0 {
		return hits
	}
	return out
}

// preferEntries drops context events when an entry is among the hits: a question about a month is
// about the chronology's entries, and a context date is only the answer when nothing else is.
func preferEntries(hits []knowledge.Hit) []knowledge.Hit {
	n, firstEntry := 0, -1
	for i, h := range hits {
		if h.Event.Kind == knowledge.KindEntry {
			n++
			if firstEntry < 0 {
				firstEntry = i
			}
		}
	}
	if n == 0 || n == len(hits) {
		return hits
	}
	// Keep a context event that matches the words far better than every entry.
	if hits[0].Event.Kind == knowledge.KindContext && hits[0].Score > 0 && hits[0].Score >= 2*hits[firstEntry].Score {
		return hits
	}
	return compact(hits, func(e *knowledge.Event) bool { return e.Kind == knowledge.KindEntry })
}

// compact keeps the hits whose events keep accepts, in order, in hits' own array (the hits of a
// search belong to the caller).
func compact(hits []knowledge.Hit, keep func(*knowledge.Event) bool) []knowledge.Hit {
	out := hits[:0]
	for _, h := range hits {
		if keep(h.Event) {
			out = append(out, h)
		}
	}
	return out
}

// preferPrecise drops the events whose dates are wider than what was asked (the year 1987, for
// "August 1987" or "23 August 1987") when events within it match the question at least as well:
// an event the source dates only to the year may not have happened in August at all. When no event
// lies within, the most precisely dated ones are kept (the month before the year). A wider event
// matching the words better than the others is never dropped.
func preferPrecise(hits []knowledge.Hit, spans []knowledge.Span) []knowledge.Hit {
	within := func(e *knowledge.Event) bool {
		s := e.Span()
		for _, q := range spans {
			if q.From <= s.From && s.To <= q.To {
				return true
			}
		}
		return false
	}
	if out := filterHits(hits, within); len(out) > 0 {
		return out
	}
	finest := knowledge.PrecisionYear
	for _, h := range hits {
		finest = min(finest, h.Event.Precision())
	}
	if out := filterHits(hits, func(e *knowledge.Event) bool { return e.Precision() == finest }); len(out) > 0 {
		return out
	}
	return hits
}

// filterHits returns the hits whose events keep accepts, unless none or all do, or one it rejects
// scores higher than all it accepts; then it returns nil.
func filterHits(hits []knowledge.Hit, keep func(*knowledge.Event) bool) []knowledge.Hit {
	n := 0
	var bestIn, bestOut float32 = -1, -1
	for _, h := range hits {
		if keep(h.Event) {
			n++
			bestIn = max(bestIn, h.Score)
		} else {
			bestOut = max(bestOut, h.Score)
		}
	}
	if n == 0 || bestOut > bestIn {
		return nil
	}
	return compact(hits, keep)
}

// preferRelated replaces a context event by the entry it is related to when the question's words
// match that entry's passages better: "what did he say they talked about at the June 2016
// meeting?" names the meeting's date, but the entry that reports what he said answers it.
func (r *Retrieval) preferRelated(events []*knowledge.Event, rest string) []*knowledge.Event {
	if r.specific(rest) == "" {
		return events
	}
	t := r.Timeline
	words := r.queryWords(rest)
	best := func(e *knowledge.Event) float32 {
		if ranked := t.RankPassages(e, words); len(ranked) > 0 {
			return ranked[0].Score
		}
		return 0
	}
	out := slices.Clone(events)
	for i, e := range out {
		if e.Kind != knowledge.KindContext {
			continue
		}
		score := best(e)
		for _, id := range e.Related {
			if rel := t.Event(id); rel != nil && !slices.Contains(out, rel) {
				// The entry must match a word the context event does not: "anything drop on oct
				// 7th" asks about the day the context event is on, whatever the entry says of
				// releases too.
				if s := best(rel); s > score && matchesMore(t, rel, e, words) {
					out[i], score = rel, s
				}
			}
		}
	}
	return out
}

// matchesMore reports whether a's passages match one of words that b's passages do not.
func matchesMore(t *knowledge.Timeline, a, b *knowledge.Event, words []knowledge.QueryWord) bool {
	for _, w := range words {
		one := []knowledge.QueryWord{w}
		if ra := t.RankPassages(a, one); len(ra) > 0 && ra[0].Score > 0 {
			if rb := t.RankPassages(b, one); len(rb) == 0 || rb[0].Score == 0 {
				return true
			}
		}
	}
	return false
}

// selectEvents records the chosen events in date order with the passages to cite, most relevant
// first: for one event, the passage that best matches the question and those nearly as good (at most
// maxSingleQuotes); for several, each event's best passage. When no word of the question matches a
// passage (a bare date), an event's opening passages stand for it. It sorts events in place.
func (r *Retrieval) selectEvents(events []*knowledge.Event, rest string, single bool) {
	sortByPosition(r.Timeline, events)
	// Names alone ("what happened to WikiLeaks") say nothing about which passage answers: then an
	// event's opening passages stand for it. A verb of communication ("what did Trump Jr. reply")
	// may point at the passage, but as often not: its best passage is quoted with the opening one.
	words := r.queryWords(rest)
	spec := r.specific(rest) != ""
	nameWords := words
	if _, restWords := r.read(rest); !spec && !hasLightWord(restWords) {
		words = nil
	}
	for _, e := range events {
		sel := Selected{Event: e, Ranked: spec}
		if len(e.Passages) > 0 {
			ranking := words
			if ranking == nil {
				ranking = nameWords
			}
			ranked := r.Timeline.RankPassages(e, r.withoutBesides(ranking))
			if len(r.besides) > 0 {
				r.penalizeBesides(e, ranked)
			}
			if r.Intent == AskWhy {
				preferCausal(e, ranked)
			}
			if r.Intent == AskWhere {
				preferPlaces(e, ranked)
			}
			if r.Intent == AskWho {
				r.preferNamers(e, ranked, rest)
			}
			if len(r.Parsed.Spans) == 0 && (r.Intent == AskWhen || r.asksWhen()) {
				preferOwnYear(e, ranked)
			}
			if single {
				r.preferDated(e, ranked)
			}
			if r.Intent == AskHowMany {
				// A count is answered by a passage that writes a figure, in a list of events too.
				preferNumbers(e, ranked)
			}
			sel.Passages = pickPassages(ranked, single)
			if single && r.Intent == AskWhy {
				sel.Passages = withCause(r.Timeline, e, ranked, sel.Passages)
			}
			if single && len(sel.Passages) == 1 && ranked[0].Score > 0 {
				if c, ok := complement(r.Timeline, e, words, sel.Passages[0], ranked[0].Score); ok {
					sel.Passages = append(sel.Passages, c)
				} else if c, ok := continuation(e, sel.Passages[0]); ok {
					sel.Passages = append(sel.Passages, c)
				} else if c, ok := r.whatHappened(e, ranked, sel.Passages[0]); ok {
					sel.Passages = append(sel.Passages, c)
				}
			}
			named := false
			if !spec && single && len(ranked) > 1 {
				// Names alone may still single a passage out: "who's Roger Stone?" is answered
				// where the source describes him, a rare name among the event's passages.
				if top := ranked[0]; top.Index != 0 && top.Score >= namedPassage && top.Score > 2*scoreOf(ranked, 0) {
					sel.Passages, named = []int{top.Index, 0}, true
				}
			}
			if !named && words == nil && single {
				sel.Passages = openingPassages(r.Timeline, e)
				if d := r.datedPassage(e); d > 0 && !slices.Contains(sel.Passages, d) {
					sel.Passages = []int{sel.Passages[0], d}
				} else if d := writesYear(e, 0); d > 0 && !slices.Contains(sel.Passages, d) {
					// Nothing asked chooses ("the oldest thing in the timeline", "what came right
					// after"): the passage that dates the event tells what happened then, where
					// the opening one may only set the scene.
					sel.Passages = []int{sel.Passages[0], d}
				}
			}
			if !named && !spec && single && len(sel.Passages) > 0 && sel.Passages[0] != 0 {
				sel.Passages = []int{sel.Passages[0], 0}
			}
			if single && r.Intent == AskWho && len(sel.Passages) > 0 {
				// "Il demande à ce dernier d'écrire un chant de guerre": the one a "who" asks for is
				// named in an earlier passage of the event, the nearest that names one of its actors
				// the question does not.
				asked := r.mentioned(textproc.Fold(rest))
				names := func(k int) bool {
					for _, m := range r.Timeline.MentionedActors(r.Timeline.FoldedPassage(e, k)) {
						if e.HasActor(m.Actor) && !slices.ContainsFunc(asked, func(a knowledge.Mention) bool { return a.Actor == m.Actor }) {
							return true
						}
					}
					return false
				}
				// "c'est quoi les 2 trucs qui…" asks for things: its "qui" is a relative pronoun.
				_, qw := r.read(r.Parsed.Text)
				things := slices.ContainsFunc(qw, func(w string) bool { return w == "quoi" || w == "what" || w == "quel" || w == "quelle" || w == "which" })
				if !things && !slices.ContainsFunc(sel.Passages, names) {
					for _, i := range sel.Passages {
						if i == 0 || !opensWithPronoun(e.Passages[i].Text) {
							continue
						}
						for k := i - 1; k >= 0; k-- {
							if names(k) {
								sel.Passages = []int{k, i}
								break
							}
						}
						break
					}
				}
				if !things && !slices.ContainsFunc(sel.Passages, names) && !r.tellsAgentless(e, ranked, words) {
					// The passage that names the one asked is the one that answers: "Finally, at
					// 10:45 p.m., Harald Jäger … yielded" for "who opened the gate", though others
					// match the question's words better.
					// The chronology's subject (an actor of half its events or more, or one its title
					// names) is no answer to "who": "who was driving the first steam train" is not the
					// railway.
					for _, p := range ranked {
						if r.namesUnasked(e, p.Index, asked) {
							sel.Passages = append([]int{p.Index}, sel.Passages[:min(len(sel.Passages), maxSingleQuotes)]...)
							break
						}
					}
				}
			}
			if single && r.Intent == AskWhy && len(sel.Passages) > 0 {
				// The reason often follows the fact it explains, pointing back at it ("Une
				// demande d'autorisation sera exigée…" then "Cette mesure vise à…"): when the
				// passage that matches best gives no cause, the next one that does is quoted
				// with it.
				// A cause withCause has quoted already stands.
				top := sel.Passages[0]
				stated := slices.ContainsFunc(sel.Passages, func(i int) bool { return statesCause(r.Timeline.FoldedPassage(e, i)) })
				if next := top + 1; !stated && !causal(r.Timeline.FoldedPassage(e, top)) && next < len(e.Passages) && causal(r.Timeline.FoldedPassage(e, next)) {
					sel.Passages = []int{top, next}
				}
			}
			if single && len(sel.Passages) == 1 && len(r.Parsed.Spans) == 0 && (r.Intent == AskWhen || r.asksWhen()) {
				// "When was the Ich bin ein Berliner speech?": the passage that names it may not date
				// it; the one that writes the event's year is quoted with it.
				if d := writesYear(e, sel.Passages[0]); d >= 0 {
					sel.Passages = append(sel.Passages, d)
				}
			}
			if single && r.Intent == AskWhere && len(sel.Passages) > 0 && !slices.ContainsFunc(sel.Passages, func(i int) bool { return namesPlace(e.Passages[i].Text) }) {
				// "Where did lincoln actually die": the passage that says where ("taken across the
				// street to Petersen House") is quoted first, with the one that matches best
				// ("Lincoln died at 7:22 am"), when it matches the question at all.
				for _, p := range ranked {
					if p.Score > 0 && p.Index != sel.Passages[0] && namesPlace(e.Passages[p.Index].Text) {
						sel.Passages = append([]int{p.Index}, sel.Passages[:min(len(sel.Passages), maxSingleQuotes)]...) // at most three
						break
					}
				}
			}
			if single && r.Intent == AskYesNo && len(sel.Passages) > 0 {
				// Whether the subject did it is answered where the source says it did or did not,
				// whatever else chose the passages.
				if i, ok := r.predicatePassage(e, rest); ok && i != sel.Passages[0] {
					sel.Passages = []int{i, sel.Passages[0]}
				}
				// Whether someone did something is often answered by the passage that says they
				// did not ("Kinsky … did not contribute", "was never imprisoned", "n'était pas une
				// réplique"), though it shares fewer words with the question than the one that
				// tells the story: quoted first when it matches the question fairly well.
				// The one denying must be the question's subject, named or not: "Trump a plusieurs
				// fois refusé de publier" is no answer to whether WikiLeaks asked for something.
				subject := ""
				if ms := r.mentioned(textproc.Fold(rest)); len(ms) > 0 {
					subject = ms[0].Actor
				}
				denies := func(i int) bool { return r.negatesOf(r.Timeline.FoldedPassage(e, i), subject) }
				if !slices.ContainsFunc(sel.Passages, denies) {
					for _, p := range ranked {
						if p.Score <= 0 || p.Score < negationRatio*ranked[0].Score {
							break
						}
						if denies(p.Index) {
							sel.Passages = []int{p.Index, sel.Passages[0]}
							break
						}
					}
				}
			}
			if len(sel.Passages) > 0 && len(r.Parsed.Spans) == 0 && (r.Intent == AskWhen || r.asksWhen()) {
				if d := r.ownDatePassage(e, ranked); d >= 0 && !slices.Contains(sel.Passages, d) {
					// Of several events, each keeps its best match after the passage with its date.
					keep := 1
					if single {
						keep = maxSingleQuotes
					}
					sel.Passages = append([]int{d}, sel.Passages[:min(len(sel.Passages), keep)]...)
				}
			}
		}
		r.Events = append(r.Events, sel)
	}
}

// negationRatio is the share of the best passage's score a passage that negates needs to answer
// a yes/no question first.
const negationRatio = 0.35

// negatesOf reports whether a folded passage says that something was not so, a negation or a
// refusal in English or French, of subject (folded; "" for anyone): the actor named last before
// the negation, if any, is the subject.
func (r *Retrieval) negatesOf(folded, subject string) bool {
	var ms []knowledge.Mention
	read := false
	for start, end, ok := textproc.NextWordIn(folded, 0); ok; start, end, ok = textproc.NextWordIn(folded, end) {
		if !negationWords[folded[start:end]] {
			continue
		}
		if subject == "" {
			return true
		}
		if !read {
			ms, read = r.Timeline.MentionedActors(folded), true
		}
		last := ""
		for _, m := range ms {
			if m.At+m.Len <= start {
				last = m.Actor
			}
		}
		if last == "" || last == subject {
			return true
		}
	}
	return false
}

var negationWords = set("not never nor didn doesn wasn weren hadn couldn refused refuses refusing declined untrue false pas jamais ni aucun aucune refuse refusa refusent refusant")

// rareActors are the actors folded text names that are among the actors of fewer than half the
// timeline's events, when it names another one besides: a name the question is about, beside the
// chronology's usual parties.
func (r *Retrieval) rareActors(folded string) []string {
	ms := r.mentioned(folded)
	if len(ms) < 2 {
		return nil
	}
	var rare []string
	for _, m := range ms {
		if n := r.Timeline.ActorEvents(m.Actor); 2*n < len(r.Timeline.Events) && !slices.Contains(rare, m.Actor) {
			rare = append(rare, m.Actor)
		}
	}
	if len(rare) == len(ms) {
		return nil // no usual party: the names are the question's subject and object
	}
	return rare
}

// opensWithPronoun reports whether a passage starts with a subject pronoun, whose antecedent is in
// the sentence before.
func opensWithPronoun(text string) bool {
	ws := textproc.Words(textproc.Fold(text))
	if len(ws) == 0 {
		return false
	}
	switch ws[0] {
	case "il", "elle", "ils", "elles", "he", "she", "they", "celui", "celle", "ce", "this":
		return true
	}
	return false
}

// withoutBesides drops from words those of the question's "besides X", unless nothing is left.
func (r *Retrieval) withoutBesides(words []knowledge.QueryWord) []knowledge.QueryWord {
	if len(r.besides) == 0 {
		return words
	}
	var out []knowledge.QueryWord
	for _, w := range words {
		if !slices.Contains(r.besides, w.Word) {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return words
	}
	return out
}

// besidesPenalty is what a passage stating X keeps of its score for "besides X, what else".
const besidesPenalty = 0.5

func (r *Retrieval) penalizeBesides(e *knowledge.Event, ranked []RankedPassage) {
	x := r.queryWords(strings.Join(r.besides, " "))
	for i := range ranked {
		if len(r.Timeline.UnmatchedWords(e, ranked[i].Index, x)) < len(x) {
			ranked[i].Score *= besidesPenalty
		}
	}
	sortRanked(ranked)
}

// specific is specificWords, once per text for this question.
func (r *Retrieval) specific(text string) string {
	s, _ := r.specifics(text)
	return s
}

// specificList is the words of specific(text), textproc.Words of it, without splitting it again.
// The words are shared between callers, which must not modify them.
func (r *Retrieval) specificList(text string) []string {
	_, words := r.specifics(text)
	return words
}

func (r *Retrieval) specifics(text string) (string, []string) {
	for _, t := range r.specs {
		if t.text == text {
			return t.spec, t.words
		}
	}
	folded, words := r.read(text)
	list := specificOf(words, r.mentioned(folded))
	s := strings.Join(list, " ")
	r.specs = append(r.specs, textSpec{text, s, list})
	return s, list
}

// specificOf returns the words of a folded text (split into words) that say what a question is
// about: not stop words, not verbs of communication, not the names of actors it mentions, not
// short fragments. Each is a word of the text, so that splitting their join gives them back.
func specificOf(words []string, mentions []knowledge.Mention) []string {
	var out []string
	for _, w := range words {
		if textproc.IsStopWord(w) || textproc.IsLightWord(w) || unitWords[w] || len(w) < 3 || mentionsWord(mentions, w) || textproc.NearStopWord(w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// datedBonus is how much more a passage counts when it states the date the question asks about: a
// tie-breaker ("what happened on 9 February 2004?" is answered by the sentence that says "on
// February 9, 2004"), never more than the question's own words.
const datedBonus = 1.05

// mentionsAsked reports whether passage i of e writes the date the question asks about, by its
// words: the year for a year, the month's name for a month, the month's name and the day's number
// for a day. Term lookups rather than a parse or a read of the passage: this runs on every passage
// of every candidate, and the question's date becomes terms once (askedTerms).
func (r *Retrieval) mentionsAsked(e *knowledge.Event, i int) bool {
	if len(r.Parsed.Spans) == 0 || r.Parsed.OpenFrom || r.Parsed.OpenTo {
		return false
	}
	if r.asked == nil {
		r.asked = r.askedTerms()
	}
	t := r.Timeline
	for _, a := range r.asked {
		if t.HasTerm(e, i, a.month) && (a.day == nil || t.HasTerm(e, i, a.day)) || a.year != nil && t.HasTerm(e, i, a.year) {
			return true
		}
	}
	return false
}

// askedDate is a span of the question as terms: a day is its month's and its number's, a month
// its name's, a year its number's.
type askedDate struct{ month, day, year []int32 }

// dayTerms are the timeline's terms for a day of the month as text writes it: "14", "14th", "14e".
func dayTerms(t *knowledge.Timeline, day int) []int32 {
	d := strconv.Itoa(day)
	return t.TermsOf([]string{d, d + "st", d + "nd", d + "rd", d + "th", d + "e", d + "er"})
}

func (r *Retrieval) askedTerms() []askedDate {
	t := r.Timeline
	out := []askedDate{}
	for _, q := range r.Parsed.Spans {
		from, to := q.From.Time(), q.To.Time()
		switch {
		case q.From == q.To:
			out = append(out, askedDate{
				month: t.TermsOf(question.MonthWords(from.Month())),
				day:   dayTerms(t, from.Day()),
			})
		case from.Year() == to.Year() && from.Month() == to.Month():
			out = append(out, askedDate{month: t.TermsOf(question.MonthWords(from.Month()))})
		case from.Year() == to.Year():
			out = append(out, askedDate{year: t.TermsOf([]string{strconv.Itoa(from.Year())})})
		}
	}
	return out
}

// preferDated raises the passages that state the asked date, and re-sorts.
func (r *Retrieval) preferDated(e *knowledge.Event, ranked []RankedPassage) {
	if len(r.Parsed.Spans) == 0 {
		return
	}
	changed := false
	for i := range ranked {
		if r.mentionsAsked(e, ranked[i].Index) && ranked[i].Score > 0 {
			ranked[i].Score *= datedBonus
			changed = true
		}
	}
	if changed {
		sortRanked(ranked)
	}
}

// causalBonus is how much more a passage counts for a "why" question when it gives a cause or a
// reason ("because", "après que", "afin de"): a tie-breaker among passages that match the
// question alike, and what picks one when none matches it at all.
const (
	causalBonus = 1.25
	causalFloor = 0.01
)

// preferCausal raises the passages of e that state a cause or a reason, for a "why" question.
func preferCausal(e *knowledge.Event, ranked []RankedPassage) {
	changed := false
	for i := range ranked {
		if causal(textproc.Fold(e.Passages[ranked[i].Index].Text)) {
			ranked[i].Score = max(ranked[i].Score*causalBonus, causalFloor)
			changed = true
		}
	}
	if changed {
		sortRanked(ranked)
	}
}

// withCause makes sure a "why" answer quotes the best passage that gives a cause: the passage
// the question's words match best often tells what was done ("Davis proposed using dynamite to
// collapse the walls"), and the one that says why shares fewer of them ("finally rejected the
// proposal, citing doubts about the unproven technique"). It is quoted after the best matches,
// a third quote at most.
func withCause(t *knowledge.Timeline, e *knowledge.Event, ranked []RankedPassage, chosen []int) []int {
	if len(chosen) == 0 {
		return chosen
	}
	// A passage opening on "as a result" states a cause as much as an effect: the one before it
	// says which.
	if out, ok := withAdjacentCause(t, e, chosen); ok {
		return out
	}
	if slices.ContainsFunc(chosen, func(i int) bool { return statesCause(t.FoldedPassage(e, i)) }) {
		return chosen
	}
	for _, p := range ranked {
		if p.Score > 0 && statesCause(t.FoldedPassage(e, p.Index)) {
			if out, ok := withAdjacentCause(t, e, []int{chosen[0], p.Index}); ok {
				return out
			}
			return append(chosen[:min(len(chosen), maxSingleQuotes):min(len(chosen), maxSingleQuotes)], p.Index)
		}
	}
	return chosen
}

// withAdjacentCause finds a cause by where the source puts it: right before a chosen passage that
// opens on a result ("As a result, the last part of the corps left at 10:00" after "a fire broke
// out in Wavre"), or right after one that announces its reasons ("…but rejected it based on two
// considerations." before "First, nitrogen … carried the risk of decompression sickness"). The
// two passages must stand together in the source. The answer quotes the best passage, the one
// marked and its cause, three at most.
func withAdjacentCause(t *knowledge.Timeline, e *knowledge.Event, chosen []int) ([]int, bool) {
	for _, i := range chosen {
		folded := t.FoldedPassage(e, i)
		cause := -1
		switch {
		// Anywhere in the passage only for the best one: a later quote's "hence" is its own.
		case i > 0 && (reOpensOnResult.MatchString(folded) || i == chosen[0] && pointsBack(folded)):
			cause = i - 1
		case i+1 < len(e.Passages) && reAnnouncesReasons.MatchString(folded):
			cause = i + 1
		}
		if cause < 0 || slices.Contains(chosen, cause) || absDiff(e.Passages[cause].Paragraph, e.Passages[i].Paragraph) > 1 {
			continue
		}
		// The pair in the source's order (the cause before its result, the announcement before its
		// reasons), after the best passage when that is another.
		first, second := min(i, cause), max(i, cause)
		if chosen[0] == i {
			return []int{first, second}, true
		}
		return []int{chosen[0], first, second}, true
	}
	return nil, false
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// reOpensOnResult finds a passage that opens on what came of the one before it; reAnnouncesReasons
// one that ends by announcing the reasons the next gives.
var (
	reOpensOnResult    = regexp.MustCompile(`^(?:(?:as a (?:result|consequence)|consequently|therefore|thus|hence)\s*,|(?:because of this|for this reason|du coup|par consequent|en consequence|c'est pourquoi|de ce fait|pour cette raison)\b)`)
	reAnnouncesReasons = regexp.MustCompile(`\b(?:two|three|several|four|the following|deux|trois|plusieurs|quatre|les)\s+(?:\w+\s+)?(?:reasons|considerations|grounds|factors|raisons|motifs|facteurs)\s*[.:]?\s*$`)
)

// causal reports whether folded text has a marker of cause or reason, in English or French.
func causal(folded string) bool { return causeMarked(folded, true) }

// pointsBack reports whether a folded passage says, anywhere in it, that it follows from what
// the source said just before ("He therefore arranged a discreet marriage in Mexico", "Hence the
// museum remained incomplete"): reOpensOnResult reads only a passage's opening. A connective with
// its own cause ("as a result of the crash") points nowhere.
func pointsBack(folded string) bool {
	words := textproc.Words(folded)
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch w {
		case "therefore", "hence", "consequently", "thus", "accordingly", "donc":
			return true
		case "result":
			if i >= 2 && words[i-2] == "as" && words[i-1] == "a" && next != "of" {
				return true
			}
		case "reason":
			if i >= 1 && (words[i-1] == "this" || words[i-1] == "that") && i >= 2 && words[i-2] == "for" {
				return true
			}
		case "why":
			if i >= 2 && (words[i-2] == "that" || words[i-2] == "this") && words[i-1] == "is" {
				return true
			}
		case "pourquoi":
			if i >= 1 && (words[i-1] == "est" || words[i-1] == "c") {
				return true
			}
		case "consequent":
			if i >= 1 && words[i-1] == "par" {
				return true
			}
		case "fait":
			if i >= 2 && words[i-2] == "de" && words[i-1] == "ce" {
				return true
			}
		case "raison":
			if i >= 2 && words[i-2] == "pour" && words[i-1] == "cette" {
				return true
			}
		}
	}
	return false
}

// deathNounBefore are the words before "mort" that make it the noun, a death.
var deathNounBefore = set("la l sa une leur cette the his her their a")

// statesCause is causal without "after" and "following", which tell what came before, not why.
func statesCause(folded string) bool { return causeMarked(folded, false) }

func causeMarked(folded string, sequence bool) bool {
	words := textproc.Words(folded)
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch w {
		// "Since 1959" dates; "since" before a clause gives a reason.
		case "since":
			if next != "" && !(next[0] >= '0' && next[0] <= '9') && !question.IsDateWord(next) {
				return true
			}
		case "because", "car", "puisque", "reason", "raison", "pourquoi", "why", "motive", "motif", "pretext", "pretexte",
			"citing", "therefore", "hence", "consequently",
			// An explanation given, or what a cause led to: "a spokesperson explained that snow had
			// evaded the shields", "melted the snow, resulting in electrical failures".
			"explained", "explains", "explaining", "explanation", "attributed", "blamed", "resulting", "caused", "arguing", "argued", "argues",
			"explique", "expliquait", "expliquent", "explication", "attribue", "provoque", "provoquant", "entrainant", "arguant", "estimant",
			// An aim or a belief acted on: "the main objective of the exercise was…", "with the
			// assumption that the forces would not attack on the Sabbath".
			"objective", "objectives", "purpose", "goal", "goals", "assumption", "assuming", "believing", "motivated",
			"objectif", "objectifs", "croyant", "pensant", "supposant":
			return true
		// A fear acted on: "fearing that funding might turn against them", "de peur que".
		case "fearing", "feared", "craignant", "crainte":
			return true
		case "peur":
			if i > 0 && words[i-1] == "de" {
				return true
			}
		// A death's cause: "died from disease", "morts de la fièvre jaune".
		case "died", "die", "dies", "dying", "mort", "morts", "morte", "mortes", "meurent", "mouraient":
			// "La mort de Lalor", "après la mort du roi" is a death, not its cause.
			if i > 0 && deathNounBefore[words[i-1]] {
				break
			}
			if next == "from" || next == "of" || next == "de" || next == "d" || next == "du" || next == "des" {
				return true
			}
		// A protest is what a deed answers: "to protest the acquittal", "pour protester contre".
		case "protest", "protester":
			if i > 0 && (words[i-1] == "to" || words[i-1] == "in" || words[i-1] == "pour") {
				return true
			}
		// What a sign means is why it is there: "the ermine border represents the federation",
		// "symbolisant ainsi le progrès", "stands for".
		case "represent", "represents", "represented", "representing", "represente", "representent", "representait", "representer",
			"symbolise", "symbolises", "symbolised", "symbolising", "symbolize", "symbolizes", "symbolized", "symbolizing",
			"symbolisent", "symbolisait", "symbolisant", "symboliser", "signifie", "signifiait", "signifiant":
			return true
		case "stands", "stood", "stand":
			if next == "for" {
				return true
			}
		// A count explained: "one for each state", "une pour chacun des États".
		case "for":
			if next == "each" && i > 0 && (words[i-1] == "one" || words[i-1] == "1") {
				return true
			}
		// Intent: "wishing to keep Fleming", "hoping to", "dans l'espoir de", "voulant", "souhaitant".
		case "wishing", "hoping", "wanting", "voulant", "souhaitant", "espoir", "esperant":
			return true
		// Consequence: "de sorte que", "si bien que", "as a result".
		case "sorte":
			if (next == "que" || next == "qu") && i > 0 && (words[i-1] == "de" || words[i-1] == "en") {
				return true
			}
		case "bien":
			if (next == "que" || next == "qu") && i > 0 && words[i-1] == "si" {
				return true
			}
		case "result":
			if i > 1 && words[i-1] == "a" && words[i-2] == "as" {
				return true
			}
		// Purpose is a reason too: "cette mesure vise à…", "in a bid to", "so that", "pour
		// empêcher", "thanks to", "grâce à".
		case "vise", "visait", "visent", "visant", "viser", "grace":
			if next == "a" || next == "au" || next == "aux" {
				return true
			}
		case "aim", "aims", "aimed", "aiming", "intended", "meant", "bid", "thanks":
			if next == "to" || next == "at" {
				return true
			}
		case "so":
			if next == "that" || next == "as" {
				return true
			}
		case "pour":
			if next == "que" || next == "qu" || next == "empecher" || next == "eviter" {
				return true
			}
			if (next == "chacun" || next == "chacune" || next == "chaque") && i > 0 && (words[i-1] == "un" || words[i-1] == "une") {
				return true
			}
		case "but":
			if i > 1 && words[i-1] == "le" && words[i-2] == "dans" {
				return true
			}
		case "due", "owing":
			if next == "to" {
				return true
			}
		case "order":
			if i > 0 && words[i-1] == "in" && next == "to" {
				return true
			}
		case "after", "following":
			// "after X did Y", "following X": what came just before, often what set it off.
			if sequence {
				return true
			}
		case "apres", "suite":
			if sequence && (next == "que" || next == "qu" || next == "de" || next == "d" || next == "a" || next == "au") {
				return true
			}
		case "parce", "afin", "cause":
			switch next {
			case "que", "qu", "de", "d", "a", "au":
				return true
			}
		}
	}
	return false
}

// datedPassage is the first passage after the opening one that states the asked date, or -1.
func (r *Retrieval) datedPassage(e *knowledge.Event) int {
	for i := 1; i < len(e.Passages); i++ {
		if r.mentionsAsked(e, i) {
			return i
		}
	}
	return -1
}

// namedPassage is the score a passage needs from names alone to be quoted for them: a rare name
// (IDF of a word on a few passages of the timeline), not one on every passage.
const namedPassage = 1.5

func scoreOf(ranked []RankedPassage, i int) float32 {
	for _, p := range ranked {
		if p.Index == i {
			return p.Score
		}
	}
	return 0
}

var reNumber = regexp.MustCompile(`\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douzaine|cent|mille|plusieurs|several)\b`)

// preferNumbers raises, for a "how many" question, the passages that state a figure.
func preferNumbers(e *knowledge.Event, ranked []RankedPassage) {
	raise(ranked, 0, func(i int) bool { return reNumber.MatchString(textproc.Fold(e.Passages[i].Text)) })
}

// raise multiplies by numberBonus the score of the ranked passages whose index has accepts, and
// sorts them again. A passage with no score is raised to floor; with floor 0 it stays unraised,
// since only what matches the question is reordered.
func raise(ranked []RankedPassage, floor float32, has func(i int) bool) {
	changed := false
	for i := range ranked {
		if (ranked[i].Score > 0 || floor > 0) && has(ranked[i].Index) {
			ranked[i].Score = max(ranked[i].Score*numberBonus, floor)
			changed = true
		}
	}
	if changed {
		sortRanked(ranked)
	}
}

// rePlace is a preposition of place before a name: "in Cannon Falls", "to Pachyderm Studio", "at
// the Barclays Center", "à Strasbourg". After an article the name takes two capitalized words, so
// "in the American indie music scene" is no place.
var rePlace = regexp.MustCompile(`\b(?:in|at|to|from|near|à|au|aux|dans|en)\s+(?:(\p{Lu}[\p{L}'’-]+)|(?:the|le|la|les|l'|l’)\s*(\p{Lu}[\p{L}'’-]+)[\s-]+\p{Lu})`)

// namesPlace reports whether a passage names a place by rePlace, its name no date word ("In
// February 1993").
func namesPlace(text string) bool {
	for _, m := range rePlace.FindAllStringSubmatch(text, -1) {
		name := m[1] + m[2]
		if !question.IsDateWord(textproc.Fold(name)) {
			return true
		}
	}
	return false
}

// writesYear is the first passage of e that writes the event's year, when the chosen one does not,
// or -1.
func writesYear(e *knowledge.Event, chosen int) int {
	year := strconv.Itoa(e.Span().From.Time().Year())
	if strings.Contains(e.Passages[chosen].Text, year) {
		return -1
	}
	for i, p := range e.Passages {
		if i != chosen && strings.Contains(p.Text, year) {
			return i
		}
	}
	return -1
}

// asksWhen reports whether the question asks for a time with "quand", "when" past its first word
// (whenAsked).
func (r *Retrieval) asksWhen() bool {
	_, w := r.read(r.Parsed.Text)
	return whenAsked(w)
}

// preferOwnYear raises, for a "when" question, the passages that write the event's year: "On 26
// June 1963, 22 months after…" answers when the speech was, "Ich bin ein Berliner" only names it.
func preferOwnYear(e *knowledge.Event, ranked []RankedPassage) {
	year := strconv.Itoa(e.Span().From.Time().Year())
	raise(ranked, causalFloor, func(i int) bool { return strings.Contains(e.Passages[i].Text, year) })
}

// requireNamedActors turns the answer to a "why" or a "when" into an unsupported premise when the
// question names someone the event found never names, in its actors, passages or summaries: "why
// did Gates hand the CEO job to Paul Allen in 2000" of the day he handed it to Ballmer. Both take
// the deed as given, and the source does not tell that one.
func (r *Retrieval) requireNamedActors() {
	t := r.Timeline
	e := r.Events[0].Event
	folded := textproc.Fold(r.Parsed.Rest)
	for _, m := range r.mentioned(folded) {
		if e.HasActor(m.Actor) || r.subjectActor(m.Actor) || !namesByName(folded[m.At:m.At+m.Len]) {
			continue
		}
		name := lastWordOf(m.Actor)
		named := false
		for i := range e.Passages {
			named = named || t.PassageHasWord(e, i, name)
		}
		for _, ss := range t.SummarySentences(e) {
			named = named || textproc.HasWord(textproc.Fold(ss.Text), name)
		}
		if !named {
			r.Reason, r.Premise, r.Unnamed, r.Nearest, r.Events, r.Alternatives = Unsupported, m.Actor, true, e, nil, nil
			return
		}
	}
}

// namesByName reports whether a mention's words include one no lexicon entry lists: a name ("paul
// allen"), not a common noun that stands for an actor ("the band").
func namesByName(text string) bool {
	for _, w := range textproc.Words(text) {
		if !textproc.IsStopWord(w) && len(lexicon.Related(w, "en")) == 0 && len(lexicon.Related(w, "fr")) == 0 {
			return true
		}
	}
	return false
}

// namingRunnerUp is, for a question asking who, the first event after best among those the
// question's words find that covers it, scores at least closeRatio of best's score and names one of
// its own actors in a passage (not the chronology's subject, nor anyone the question names); nil
// when none does.
func (r *Retrieval) namingRunnerUp(best *knowledge.Event) *knowledge.Event {
	t := r.Timeline
	res := t.Search(knowledge.Query{Text: r.Parsed.Rest, Limit: topicHits, Reading: r.reading(r.Parsed.Rest), Lang: r.Parsed.Lang})
	if len(res.Hits) < 2 || res.Hits[0].Event != best {
		return nil
	}
	asked := r.mentioned(textproc.Fold(r.Parsed.Rest))
	for _, h := range res.Hits[1:] {
		if h.Score < closeRatio*res.Hits[0].Score {
			break
		}
		if h.Coverage < minCoverage {
			continue
		}
		for k := range h.Event.Passages {
			if r.namesUnasked(h.Event, k, asked) {
				return h.Event
			}
		}
	}
	return nil
}

// namesUnasked reports whether passage k of e names one of e's actors that is neither the
// chronology's subject nor among those asked: someone a "who" may be answered with.
func (r *Retrieval) namesUnasked(e *knowledge.Event, k int, asked []knowledge.Mention) bool {
	t := r.Timeline
	for _, m := range t.MentionedActors(t.FoldedPassage(e, k)) {
		if e.HasActor(m.Actor) && !r.subjectActor(m.Actor) && !slices.ContainsFunc(asked, func(a knowledge.Mention) bool { return a.Actor == m.Actor }) {
			return true
		}
	}
	return false
}

// subjectActor reports whether an actor is the chronology's subject: an actor of half its events or
// more, or one sharing a word with its title. The subject is no answer to "who".
func (r *Retrieval) subjectActor(actor string) bool {
	t := r.Timeline
	if 2*t.ActorEvents(actor) >= len(t.Events) {
		return true
	}
	title := textproc.Words(textproc.Fold(t.Title))
	for _, w := range textproc.Words(textproc.Fold(actor)) {
		if len(w) > 3 && slices.Contains(title, w) {
			return true
		}
	}
	return false
}

// tellsAgentless reports whether the best-ranked passage of e has every word of the question the
// source knows in a passive that names no doer: "The first concrete was poured into the dam on June
// 6, 1933" tells what "who poured the first concrete" asks and that the source names no one for it,
// whatever other passages of the event name.
func (r *Retrieval) tellsAgentless(e *knowledge.Event, ranked []RankedPassage, words []knowledge.QueryWord) bool {
	if len(ranked) == 0 || ranked[0].Score == 0 {
		return false
	}
	top := ranked[0].Index
	if !agentlessPassive(r.Timeline.FoldedPassage(e, top)) {
		return false
	}
	for _, w := range words {
		if w.IDF == 0 {
			continue
		}
		for _, p := range r.Timeline.RankPassages(e, []knowledge.QueryWord{w}) {
			if p.Index == top && p.Score == 0 {
				return false
			}
		}
	}
	return true
}

// agentlessPassive reports whether folded text has a passive with no doer named after it by "by"
// or "par": "the first concrete was poured into the dam", "le sceau a été gravé".
func agentlessPassive(folded string) bool {
	m := rePassive.FindStringSubmatchIndex(folded)
	if m == nil {
		return false
	}
	participle := folded[m[2]:m[3]]
	if !textproc.IsPastForm(participle) && !frenchVerbForm(participle) {
		return false
	}
	after := folded[m[1]:]
	return !textproc.HasWord(after, "by") && !textproc.HasWord(after, "par")
}

// rePassive finds an auxiliary of the passive and the word after it (an adverb may stand between).
var rePassive = regexp.MustCompile(`\b(?:was|were|been|being|is|are|a ete|ont ete|avait ete|avaient ete|fut|furent|est|sont|etait|etaient)\s+(?:\w+ly\s+)?(\w+)`)

// frenchVerbForm reports whether a folded word ends as a French participle does.
func frenchVerbForm(w string) bool {
	for _, suf := range []string{"e", "es", "ee", "ees", "i", "is", "ie", "ies", "u", "us", "ue", "ues", "it", "its"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// ownDatePassage is, for a "when" question about an event dated to the day or the month, the
// best-ranked passage that writes that day or month, or -1: the date is the answer, so the passage
// that states it answers, though another matches the question's words better ("Fleming grew the
// mould in a pure culture" against "On 3 September 1928, Fleming returned to his laboratory", for
// "when did Fleming spot the mould"). It is quoted first, with the best matches after it.
func (r *Retrieval) ownDatePassage(e *knowledge.Event, ranked []RankedPassage) int {
	if e.Precision() == knowledge.PrecisionYear {
		return -1
	}
	t := r.Timeline
	from := e.Span().From.Time()
	month := t.TermsOf(question.MonthWords(from.Month()))
	var second []int32
	if e.Precision() == knowledge.PrecisionDay {
		second = dayTerms(t, from.Day())
	} else {
		second = t.TermsOf([]string{strconv.Itoa(from.Year())})
	}
	for _, p := range ranked {
		if t.HasTerm(e, p.Index, month) && t.HasTerm(e, p.Index, second) {
			return p.Index
		}
	}
	return -1
}

// preferPlaces raises, for a "where" question, the passages that name a place.
func preferPlaces(e *knowledge.Event, ranked []RankedPassage) {
	raise(ranked, 0, func(i int) bool { return namesPlace(e.Passages[i].Text) })
}

// preferNamers puts first, among the passages that score as well as the best, one that names an
// actor of the event the question does not: "who proposed to her" is answered by "Bigg-Wither
// proposed and Austen accepted", not by "Austen received her only known proposal", which the
// question's words match as well.
func (r *Retrieval) preferNamers(e *knowledge.Event, ranked []RankedPassage, rest string) {
	if len(ranked) < 2 || ranked[1].Score < ranked[0].Score || ranked[0].Score == 0 {
		return
	}
	asked := r.mentioned(textproc.Fold(rest))
	t := r.Timeline
	for i := 0; i < len(ranked) && ranked[i].Score == ranked[0].Score; i++ {
		for _, m := range t.MentionedActors(t.FoldedPassage(e, ranked[i].Index)) {
			if e.HasActor(m.Actor) && !slices.ContainsFunc(asked, func(a knowledge.Mention) bool { return a.Actor == m.Actor }) {
				ranked[0], ranked[i] = ranked[i], ranked[0]
				return
			}
		}
	}
}

// numberBonus is how much more a passage stating a figure counts for a "how many" question.
const numberBonus = 1.3

func sortRanked(ranked []RankedPassage) {
	slices.SortStableFunc(ranked, func(a, b RankedPassage) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
}

// openingPassages are what an event is quoted by when the question gives no word to choose with:
// its first passage (which usually dates it) and the passage its summary paraphrases first, which
// is what the author judged the event to be about.
func openingPassages(t *knowledge.Timeline, e *knowledge.Event) []int {
	out := []int{0}
	for _, s := range t.SummarySentences(e) {
		if s.Passage > 0 {
			return append(out, s.Passage)
		}
	}
	if len(e.Passages) > 1 {
		out = append(out, 1)
	}
	return out
}

// hasLightWord reports whether folded words have a verb of communication.
func hasLightWord(words []string) bool {
	for _, w := range words {
		if textproc.IsLightWord(w) && !textproc.IsStopWord(w) {
			return true
		}
	}
	return false
}

// Quoting: a single-event answer quotes its best passage and those scoring at least closeRatio of
// it, up to maxSingleQuotes; an unranked event (no word matched) quotes its first unrankedQuotes.
const (
	maxSingleQuotes = 2
	closeRatio      = 0.5
	unrankedQuotes  = 2
)

func pickPassages(ranked []RankedPassage, single bool) []int {
	if len(ranked) == 0 {
		return nil
	}
	if ranked[0].Score == 0 {
		n := 1
		if single {
			n = min(unrankedQuotes, len(ranked))
		}
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := []int{ranked[0].Index}
	if !single {
		return out
	}
	for _, p := range ranked[1:] {
		if len(out) == maxSingleQuotes || p.Score < closeRatio*ranked[0].Score {
			break
		}
		out = append(out, p.Index)
	}
	return out
}

// complement returns the passage that best matches the words the chosen passage does not, when one
// matches at least complementRatio of the chosen passage's score: a question with two parts ("did
// he reply to the 'Wow' message?") is answered by one passage for each.
func complement(t *knowledge.Timeline, e *knowledge.Event, words []knowledge.QueryWord, chosen int, top float32) (int, bool) {
	rest := t.UnmatchedWords(e, chosen, words)
	if len(rest) == 0 {
		return 0, false
	}
	ranked := t.RankPassages(e, rest)
	for _, p := range ranked {
		if p.Index != chosen && p.Score > 0 && p.Score >= complementRatio*top {
			return p.Index, true
		}
	}
	return 0, false
}

const complementRatio = 0.15

// whatHappened returns, for "what happened to X", "qu'est-il arrivé à X", the next best passage
// that has a word of the question besides the chosen one: the passage that best names X often
// only introduces it ("Abel Tasman and his crew reached New Zealand"), and what happened to it
// comes after ("four crew members were killed").
func (r *Retrieval) whatHappened(e *knowledge.Event, ranked []RankedPassage, chosen int) (int, bool) {
	folded, _ := r.read(r.Parsed.Text)
	if !strings.Contains(folded, "happen") && !strings.Contains(folded, "arrive") && !strings.Contains(folded, "devenu") {
		return 0, false
	}
	if !reHappenedTo.MatchString(folded) {
		return 0, false
	}
	for _, p := range ranked {
		if p.Index != chosen && p.Score > 0 {
			return p.Index, true
		}
	}
	return 0, false
}

// reHappenedTo finds "what happened to", "qu'est-il arrivé à", "qu'est devenu" (folded, chat
// spellings included).
var reHappenedTo = regexp.MustCompile(`\b(?:happen(?:ed|d|s)?|hapened|happend)\s+(?:to|with)\b|\barrive\s+(?:a|au|aux)\b|\b(?:est|sont)\s+devenus?\b`)

// continuation returns the passage right after the chosen one when it goes on about the same thing
// ("Cet ensemble comprenant également…", "It was…", "These…"): its opening word points back, so
// without it the chosen passage tells half of what the source says there.
func continuation(e *knowledge.Event, chosen int) (int, bool) {
	next := chosen + 1
	if next >= len(e.Passages) || e.Passages[next].Paragraph != e.Passages[chosen].Paragraph {
		return 0, false
	}
	words := textproc.Words(textproc.Fold(e.Passages[next].Text))
	if len(words) == 0 {
		return 0, false
	}
	if anaphors[words[0]] {
		return next, true
	}
	// A definite noun phrase repeating the chosen passage's noun points back as well: "The
	// mission was designated Operation Ghost Rider. The mission was a full rehearsal…".
	// A name is not such a noun ("The United States also paid…" is a new sentence about them).
	if len(words) > 1 && definiteArticles[words[0]] && len(words[1]) > 3 && !textproc.IsStopWord(words[1]) && !secondWordCapitalized(e.Passages[next].Text) {
		chosenWords := textproc.Words(textproc.Fold(e.Passages[chosen].Text))
		if slices.Contains(chosenWords, words[1]) {
			return next, true
		}
	}
	return 0, false
}

// secondWordCapitalized reports whether the second word of text starts with a capital letter.
func secondWordCapitalized(text string) bool {
	f := strings.Fields(text)
	if len(f) < 2 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[1])
	return unicode.IsUpper(r)
}

// definiteArticles open a noun phrase that may name again what the sentence before named.
var definiteArticles = map[string]bool{"the": true, "le": true, "la": true, "les": true}

// anaphors open a sentence that points back at the one before it.
var anaphors = map[string]bool{
	"this": true, "these": true, "that": true, "those": true, "it": true, "its": true, "he": true, "she": true, "they": true,
	"cet": true, "cette": true, "ce": true, "ces": true, "il": true, "elle": true, "ils": true, "elles": true,
}

// RankedPassage is a passage index with its score for a question.
type RankedPassage = knowledge.RankedPassage

// sortByPosition sorts events in timeline order. A range question on a large timeline can match
// tens of thousands of events, so this must not be quadratic.
func sortByPosition(t *knowledge.Timeline, events []*knowledge.Event) {
	slices.SortFunc(events, func(a, b *knowledge.Event) int { return t.Position(a) - t.Position(b) })
}

// ageWords reports whether a question's words ask for the oldest rather than the first ("oldest",
// "earliest", "le plus ancien", "le plus vieux").
func ageWords(words []string) bool {
	for i, w := range words {
		switch w {
		case "oldest", "earliest":
			return true
		case "ancien", "ancienne", "anciens", "anciennes", "vieux", "vieille", "lointain", "lointaine":
			if i > 0 && words[i-1] == "plus" {
				return true
			}
		}
	}
	return false
}

// edgeEntry returns the first entry of the timeline, or the last one when last is true; the first
// or last event when the timeline has only context events.
func edgeEntry(t *knowledge.Timeline, last bool) *knowledge.Event {
	var pick *knowledge.Event
	for i := range t.Events {
		j := i
		if last {
			j = len(t.Events) - 1 - i
		}
		e := t.Events[j]
		if e.Kind != knowledge.KindEntry {
			continue
		}
		if pick == nil {
			pick = e
			continue
		}
		// An entry dated only by a period that holds the next one is not known to come
		// first: the dated one is the answer ("1989" after the spill of 24 March 1989).
		if within(e, pick) {
			pick = e
			continue
		}
		break
	}
	if pick != nil {
		return pick
	}
	if len(t.Events) == 0 {
		return nil
	}
	if last {
		return t.Events[len(t.Events)-1]
	}
	return t.Events[0]
}

// within reports whether a's dates lie inside b's, more precisely: b, dated by a month or a year
// that holds a, is not known to come before or after it.
func within(a, b *knowledge.Event) bool {
	as, bs := a.Span(), b.Span()
	return bs.From <= as.From && as.To <= bs.To && as != bs
}

// opensOnWho reports whether a question's words open on who, whom, qui or ki, or "c qui",
// "c'est qui".
func opensOnWho(words []string) bool {
	if len(words) > 0 && (words[0] == "c" || words[0] == "c'est") {
		words = words[1:]
	}
	if len(words) > 1 && words[0] == "est" {
		words = words[1:]
	}
	return len(words) > 0 && (words[0] == "who" || words[0] == "whom" || words[0] == "qui" || words[0] == "ki")
}

// reAsksName finds a question asking for someone's or something's name ("what's the name of the
// patient", "c'est quoi le nom du PAC", "elle s'appelait comment"): a common noun ("the third mate")
// that may answer "who" does not answer it.
var reAsksName = regexp.MustCompile(`\b(?:(?:what|whats|what's) (?:is |was |were )?(?:the |his |her |their |its )?names? of|(?:his|her|their|its) names?\b|(?:quel|c'est quoi|c est quoi|c quoi|quoi) (?:est |etait )?(?:le |son |leur )?nom d|s'appel\w*|s appel\w*)`)

// namesSomeone reports whether the passages quoted to give a name name anyone the question does
// not: a capitalized word inside a sentence, or an actor's name anywhere. "What's the name of the
// third mate?" is not answered by "The third mate failed to maneuver the vessel", which names no
// one.
func (r *Retrieval) namesSomeone(qwords []string) bool {
	asked := askedWords(qwords)
	// "Was it Don Jr or his dad who…": the answer is among the names asked.
	if asked["or"] || asked["ou"] {
		return true
	}
	for _, s := range r.Events {
		for _, k := range s.Passages {
			if r.passageNamesSomeone(s.Event.Passages[k].Text, asked) {
				return true
			}
		}
	}
	return false
}

// askedWords is the set of a question's words.
func askedWords(qwords []string) map[string]bool {
	asked := make(map[string]bool, len(qwords))
	for _, w := range qwords {
		asked[w] = true
	}
	return asked
}

// passageNamesSomeone reports whether a passage writes, with a capital, a name the question does not.
func (r *Retrieval) passageNamesSomeone(text string, asked map[string]bool) bool {
	fresh := func(name string) bool {
		for _, w := range textproc.Words(textproc.Fold(name)) {
			if !asked[w] && !textproc.IsStopWord(w) && !question.IsDateWord(w) {
				return true
			}
		}
		return false
	}
	prev := ""
	for w := range strings.FieldsSeq(text) {
		before := prev
		prev = w
		// A capital opening a sentence says nothing, unless the word is an actor's ("Tierney
		// drowned"); an initial ("J. G. Tierney") ends no sentence.
		opening := before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:;\"«“") && !textproc.IsInitial(before)
		for _, c := range capitalized(w) {
			if !fresh(c) {
				continue
			}
			if _, actor := r.Timeline.ActorOfWord(textproc.Fold(c)); !opening || actor {
				return true
			}
		}
	}
	return false
}

// countsEvents reports whether a "how many" question counts the chronology's own events (its
// messages, times, days), or nothing it names: "how many msgs after the election" does,
// "combien de visiteurs après son lancement" counts something the events may write a figure of.
func countsEvents(folded string) bool {
	noun := countedNoun(folded)
	return noun == "" || unitWords[noun] || entryNouns[noun]
}

// containsAny reports whether s contains any of subs: a cheap test before a pattern.
func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// personalPronouns stand for a person in English; French "il" is also impersonal ("il s'est
// passé quoi").
var personalPronouns = set("he she")

// pronounMention is the first personal pronoun of folded text as a mention of the one actor the
// timeline's title names; false when the text has none or the title names no one, or several.
func (r *Retrieval) pronounMention(folded string) (knowledge.Mention, bool) {
	subjects := r.Timeline.TitleActors()
	if len(subjects) != 1 {
		return knowledge.Mention{}, false
	}
	for start, end, ok := textproc.NextWordIn(folded, 0); ok; start, end, ok = textproc.NextWordIn(folded, end) {
		if personalPronouns[folded[start:end]] {
			return knowledge.Mention{Actor: subjects[0], At: start, Len: end - start}, true
		}
	}
	return knowledge.Mention{}, false
}
