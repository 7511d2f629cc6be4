package knowledge

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Synthetic timelines for benchmarks and generality tests: an English source text of one paragraph
// per entry (lines wrapped, so passages only match with whitespace collapsed), and a knowledge file
// whose passages are verbatim sentences of it. Vocabulary is varied (invented names and places on top
// of ordinary words), dates spread over decades at day, month and year precision, and about one event
// in ten is a context event related to its entry, as in a real chronology.

// SynthEvent is what a benchmark needs to ask about a generated event.
type SynthEvent struct {
	ID      string
	Date    string // as written in the file
	Day     time.Time
	Prec    string // "day", "month" or "year"
	Actor   string
	Verb    string
	Object  string
	Place   string
	Context bool
}

// Synth is a generated timeline.
type Synth struct {
	YAML   []byte
	Source []byte
	Events []SynthEvent // in file order
}

var (
	synthFirst = []string{"Alice", "Bruno", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
		"Keiko", "Lars", "Mara", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samir", "Tomas", "Ursula", "Viktor",
		"Wanda", "Xavier", "Yara", "Zoltan"}
	synthVerbsPast = []string{"wrote to", "called", "met", "warned", "thanked", "sued", "praised", "criticised",
		"visited", "hired", "fired", "invited", "accused", "supported", "questioned", "briefed", "contacted",
		"funded", "challenged", "endorsed", "interviewed", "advised", "petitioned", "rebuked"}
	synthNouns = []string{"bridge", "harbour", "railway", "budget", "treaty", "election", "strike", "factory",
		"museum", "archive", "pipeline", "vaccine", "satellite", "reservoir", "stadium", "newspaper", "tariff",
		"pension", "orchestra", "observatory", "ferry", "vineyard", "quarry", "library", "canal", "embassy",
		"hospital", "monastery", "lighthouse", "refinery", "telescope", "glacier", "festival", "merger"}
	synthAdjs = []string{"secret", "public", "disputed", "costly", "delayed", "historic", "modest", "bold",
		"unpopular", "generous", "fragile", "ambitious", "obscure", "urgent", "final", "unusual"}
	synthTopics = []string{"tolls", "wages", "permits", "repairs", "contracts", "loans", "subsidies", "records",
		"leases", "quotas", "exports", "dividends", "licences", "surveys", "audits", "rations"}
	synthMonths = []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
	syllables = []string{"ka", "lo", "ren", "dor", "vi", "sta", "mar", "ul", "bes", "tin", "gra", "po", "nel",
		"quo", "fer", "zu", "hal", "mi", "tro", "sev", "an", "dri", "ko", "lum", "ves", "par", "ith", "ga", "bor", "en"}
)

// synthWord invents a capitalised word of 2 to 4 syllables.
func synthWord(r *rand.Rand) string {
	n := 2 + r.IntN(3)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// GenerateSynth builds a timeline of n events (n >= 10) deterministically from seed. Dates run from
// 1950 to 2024.
func GenerateSynth(n int, seed uint64) *Synth {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	// Invented vocabulary grows with the timeline, as a real one's does.
	names := make([]string, 200+n/20)
	for i := range names {
		names[i] = pick(r, synthFirst) + " " + synthWord(r)
	}
	places := make([]string, 100+n/50)
	for i := range places {
		places[i] = synthWord(r)
	}
	orgs := make([]string, 50+n/100)
	for i := range orgs {
		orgs[i] = "the " + synthWord(r) + " " + pick(r, []string{"Council", "Company", "Institute", "Union", "Gazette", "Bank", "Society", "Ministry"})
	}

	start := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC).Sub(start).Hours() / 24)
	// Entries in chronological order; context events follow the entry that mentions them.
	entries := n - n/10
	offsets := make([]int, entries)
	for i := range offsets {
		offsets[i] = r.IntN(days)
	}
	slices.Sort(offsets)

	var src, y strings.Builder
	src.Grow(n * 420)
	y.Grow(n * 700)
	y.WriteString("format: 1\ntitle: \"Synthetic chronology of " + strconv.Itoa(n) + " events\"\n")
	y.WriteString("source:\n  path: source.txt\n  title: \"Annals of the Synthetic Provinces\"\n  language: en\n  author: A. Generator\n  attribution: \"Generated for benchmarks\"\n")
	y.WriteString("anchors:\n  - id: founding\n    date: 1950-01-01\n    names:\n      en: [founding day, the founding]\n      fr: [la fondation]\n")
	y.WriteString("events:\n")
	src.WriteString("Annals of the Synthetic Provinces\n\n")

	s := &Synth{}
	var allSentences []string // for the rare far-away quote
	para := 1
	ev := 0
	for i := 0; i < entries && ev < n; i++ {
		day := start.AddDate(0, 0, offsets[i])
		prec := "day"
		switch x := r.IntN(100); {
		case x < 3:
			prec = "year"
		case x < 10:
			prec = "month"
		}
		actor, actor2 := pick(r, names), pick(r, names)
		verb, noun, noun2 := pick(r, synthVerbsPast), pick(r, synthNouns), pick(r, synthTopics)
		org, place, adj := pick(r, orgs), pick(r, places), pick(r, synthAdjs)
		var when, date string
		switch prec {
		case "day":
			when = fmt.Sprintf("On %d %s %d", day.Day(), synthMonths[day.Month()-1], day.Year())
			date = day.Format("2006-01-02")
		case "month":
			when = fmt.Sprintf("In %s %d", synthMonths[day.Month()-1], day.Year())
			date = day.Format("2006-01")
		default:
			when = fmt.Sprintf("In %d", day.Year())
			date = day.Format("2006")
		}
		sentences := []string{
			fmt.Sprintf("%s, %s %s %s about the %s %s of %s.", when, actor, verb, org, adj, noun, place),
			fmt.Sprintf("%s said the %s %s would be settled before the %s %s.", actor, noun, noun2, pick(r, synthAdjs), pick(r, synthNouns)),
			fmt.Sprintf("According to %s, %s had %s %s twice over the %s.", pick(r, orgs), actor2, pick(r, synthVerbsPast), actor, noun2),
		}
		// A context date the entry mentions: an earlier meeting, day precision.
		var ctxDay time.Time
		hasCtx := r.IntN(9) == 0 && ev+1 < n && offsets[i] > 40
		if hasCtx {
			ctxDay = day.AddDate(0, 0, -1-r.IntN(30))
			sentences = append(sentences, fmt.Sprintf("The two had first met in %s on %d %s %d.", pick(r, places), ctxDay.Day(), synthMonths[ctxDay.Month()-1], ctxDay.Year()))
		}
		if r.IntN(2) == 0 {
			sentences = append(sentences, fmt.Sprintf("The %s %s in %s drew %d visitors.", pick(r, synthAdjs), pick(r, synthNouns), place, 10+r.IntN(9000)))
		}
		writeWrapped(&src, sentences)
		para++

		id := fmt.Sprintf("%s-%s-%s-%d", strings.ReplaceAll(date, "-", ""), slug(actor), noun, ev)
		passages := []string{sentences[0]}
		if r.IntN(2) == 0 {
			passages = append(passages, sentences[1+r.IntN(2)])
		}
		// Now and then an event also quotes a sentence from far back in the source.
		if len(allSentences) > 100 && r.IntN(200) == 0 {
			passages = append(passages, allSentences[r.IntN(len(allSentences))])
		}
		allSentences = append(allSentences, sentences[:3]...)
		y.WriteString("  - id: " + id + "\n    date: " + yamlDate(date) + "\n")
		if prec == "day" && r.IntN(5) == 0 {
			fmt.Fprintf(&y, "    time: \"%02d:%02d\"\n", r.IntN(24), r.IntN(60))
		}
		title := fmt.Sprintf("%s %s %s about the %s", actor, verb, org, noun)
		y.WriteString("    title: " + strconv.Quote(title) + "\n")
		y.WriteString("    actors: [" + strconv.Quote(actor) + ", " + strconv.Quote(actor2) + "]\n")
		summary := fmt.Sprintf("%s %s %s about the %s %s of %s and said the %s %s would be settled.",
			actor, verb, org, adj, noun, place, noun, noun2)
		y.WriteString("    summary: " + strconv.Quote(summary) + "\n")
		if r.IntN(4) == 0 {
			y.WriteString("    summaries:\n      fr: " + strconv.Quote(fmt.Sprintf("%s et %s : le dossier %s de %s.", actor, strings.TrimPrefix(org, "the "), noun, place)) + "\n")
		}
		y.WriteString("    passages:\n")
		for _, p := range passages {
			y.WriteString("      - " + strconv.Quote(p) + "\n")
		}
		s.Events = append(s.Events, SynthEvent{ID: id, Date: date, Day: day, Prec: prec, Actor: actor, Verb: verb, Object: noun, Place: place})
		ev++

		if hasCtx {
			cid := fmt.Sprintf("%s-meeting-%d", ctxDay.Format("20060102"), ev)
			cdate := ctxDay.Format("2006-01-02")
			y.WriteString("  - id: " + cid + "\n    date: " + cdate + "\n    kind: context\n    related: [" + id + "]\n")
			y.WriteString("    title: " + strconv.Quote(fmt.Sprintf("%s first meets %s", actor2, actor)) + "\n")
			y.WriteString("    summary: " + strconv.Quote(fmt.Sprintf("%s and %s first met, before %s %s %s.", actor2, actor, actor, verb, org)) + "\n")
			y.WriteString("    passages:\n      - " + strconv.Quote(sentences[3]) + "\n")
			s.Events = append(s.Events, SynthEvent{ID: cid, Date: cdate, Day: ctxDay, Prec: "day", Actor: actor, Verb: "met", Object: "meeting", Context: true})
			ev++
		}
	}
	s.YAML = []byte(y.String())
	s.Source = []byte(src.String())
	return s
}

// yamlDate quotes a year so YAML does not read it as a number (the loader accepts both).
func yamlDate(d string) string {
	if len(d) == 4 {
		return strconv.Quote(d)
	}
	return d
}

func slug(s string) string {
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, s)
}

// writeWrapped writes sentences as one paragraph wrapped at about 78 columns, then a blank line.
func writeWrapped(b *strings.Builder, sentences []string) {
	col := 0
	for _, s := range sentences {
		for _, w := range strings.Fields(s) {
			if col > 0 && col+1+len(w) > 78 {
				b.WriteByte('\n')
				col = 0
			} else if col > 0 {
				b.WriteByte(' ')
				col++
			}
			b.WriteString(w)
			col += len(w)
		}
	}
	b.WriteString("\n\n")
}
