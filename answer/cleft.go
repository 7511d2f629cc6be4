package answer

import (
	"regexp"
	"slices"
	"strings"

	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// reCleft finds a cleft question (folded): "was it X who Y", "is it X that Y", "c'est X qui Y ?",
// "est-ce que c'est X qui Y", "c'était X qui Y". X is who the asker supposes did Y.
var reCleft = regexp.MustCompile(`^(?:(?:so|and|but|alors|donc|mais|et)\s+)?(?:(?:was|is|wasn't|isn't)\s+it|(?:est-ce\s+que\s+)?c'(?:est|etait)|est-ce|etait-ce)\s+(.+?)\s+(?:who|that|qui|qu'|que)\s*(.+)$`)

// cleftQuery answers "was it the NYT that broke the story?", "c'est Trump Jr. qui a dit au rally
// qu'il aimait WL ?": the event Y is about, found as if Y were asked alone, and whether X is the
// one who did it there — yes, or no and who did. X must be one actor the timeline knows; other
// questions report false and go their usual way.
func (r *Retrieval) cleftQuery(folded string) bool {
	if !strings.Contains(folded, "it ") && !strings.Contains(folded, "c'") && !strings.Contains(folded, "est-ce") {
		return false // spare the expression
	}
	m := reCleft.FindStringSubmatch(strings.TrimRight(folded, "?!. "))
	if m == nil {
		return false
	}
	t := r.Timeline
	x := t.ExpandNames(m[1])
	mentions := t.MentionedActors(x)
	if len(mentions) != 1 {
		return false
	}
	// X is the name alone, with at most an article: "the NYT", "le New York Times".
	for _, w := range append(textproc.Words(x[:mentions[0].At]), textproc.Words(x[mentions[0].At+mentions[0].Len:])...) {
		if !determiners[w] {
			return false
		}
	}
	actor := mentions[0].Actor
	p := question.Parse(m[2], t)
	p.Rest = t.ExpandNames(textproc.Fold(p.Rest))
	if r.specificList(p.Rest) == nil && p.Kind == question.NoDate {
		return false // "c'est Trump qui ?": nothing said of X to check
	}
	p.Text, p.Lang = r.Parsed.Text, r.Parsed.Lang
	r.Parsed, r.Intent = p, AskYesNo
	switch {
	case p.Kind == question.ExactDay || p.Kind == question.Anchor:
		r.dayQuery(p)
	case p.Kind != question.NoDate:
		r.rangeQuery(p, true)
	case r.absent(m[2]):
		r.Reason = OffTopic
	default:
		r.topicQuery(p)
	}
	if r.Reason != Found || len(r.Events) == 0 {
		return true
	}
	// The event that settles it: one where the source gives the deed to X, else one where it
	// gives it to someone else, else one X is not in.
	best, bestRank := -1, 0
	for i, s := range r.Events {
		if c, rank := r.cleftClaim(s, actor, p.Rest); rank > bestRank {
			best, bestRank, r.Claim = i, rank, c
		}
	}
	if best >= 0 {
		r.Events, r.Alternatives, r.List = r.Events[best:best+1], nil, false
	}
	return true
}

// cleftClaim judges whether actor did what rest says in the selected event, and how surely (0:
// the event says neither way): who the event's passages that say rest give its words to (its
// quoted passages first); when they give them to no one, and actor is not in the event at all,
// its agent. Being the event's agent proves nothing: "Eich steps down, and Mitchell Baker posts".
func (r *Retrieval) cleftClaim(s Selected, actor, rest string) (*Claim, int) {
	t := r.Timeline
	e := s.Event
	folded := textproc.Fold(rest)
	mentions := r.mentioned(folded)
	all := r.queryWords(rest)
	var words []knowledge.QueryWord // who does them is asked; names are who they are done to
	for _, q := range all {
		if !mentionsWord(mentions, q.Word) {
			words = append(words, q)
		}
	}
	order := append([]int(nil), s.Passages...)
	for i := range e.Passages {
		if !slices.Contains(order, i) {
			order = append(order, i)
		}
	}
	// A passage tells who did it when it has the deed and what it was done to: "Trump a tweeté"
	// about the media is not "Trump a tweeté le lien".
	need := min(2, len(all))
	var doers []string
	for _, i := range order {
		n := 0
		for _, q := range all {
			if t.Asserts(e, i, []knowledge.QueryWord{q}) {
				n++
			}
		}
		if n < need {
			continue
		}
		for _, d := range t.Doers(e, i, words) {
			if !slices.Contains(doers, d) {
				doers = append(doers, d)
			}
		}
	}
	switch {
	case slices.Contains(doers, actor):
		return &Claim{Actor: actor, Holds: true, Cleft: true}, 4
	case len(doers) > 0:
		return &Claim{Actor: actor, Cleft: true, Doer: doers[0]}, 3
	case !e.HasActor(actor) && len(e.Actors) > 0:
		return &Claim{Actor: actor, Cleft: true, Doer: textproc.Fold(e.Actors[0])}, 1
	}
	return nil, 0
}
