package fakeopenai

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Drafting (package draft): a user message that opens with "<draft-request>" lists the document's
// sentences as "[n] text" lines in a <sentences> block, the drafted events as
// "[eN] DATE KIND dated by sentence L; sentences a,b,c" lines in an <events> block and the proposed
// anchors as "[id] DATE" lines in an <anchors> block. The fake answers like an obedient model that
// cannot translate: the same sentences for each event, a title and summaries made of the dating
// sentence's own words (the English and French ones framed in their language), and anchor names
// made from the anchor's id.

// DraftInvalid answers a draft request with the mistakes a careless model makes, one per event in
// turn: a sentence number that does not exist, the dating sentence left out, a summary quoting words
// the source does not have, an event that was not asked about, an overlong title; events past the
// fifth are answered correctly. The reply is wrapped in prose and a Markdown fence.
const DraftInvalid Behavior = "draft-invalid"

const draftMarker = "<draft-request>"

var (
	reDraftSentence = regexp.MustCompile(`(?m)^\[(\d+)\] (.*)$`)
	reDraftEvent    = regexp.MustCompile(`(?m)^\[(e\d+)\] (\S+) (entry|context) dated by sentence (\d+); sentences ([\d,]+)$`)
	reDraftAnchor   = regexp.MustCompile(`(?m)^\[([a-z0-9-]+)\] (\S+)$`)
)

// DraftRequest is a draft request as the fake read it.
type DraftRequest struct {
	Sentences map[int]string
	Events    []DraftEvent
	Anchors   []string
}

// DraftEvent is one event of a draft request.
type DraftEvent struct {
	Ref, Date, Kind string
	Lead            int
	Sentences       []int
}

func block(content, name string) string {
	i := strings.Index(content, "<"+name+">")
	if i < 0 {
		return ""
	}
	rest := content[i+len(name)+2:]
	if j := strings.Index(rest, "</"+name+">"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// ParseDraftRequest reads a draft request; ok is false for other messages.
func ParseDraftRequest(content string) (DraftRequest, bool) {
	if !strings.HasPrefix(content, draftMarker) {
		return DraftRequest{}, false
	}
	r := DraftRequest{Sentences: map[int]string{}}
	for _, m := range reDraftSentence.FindAllStringSubmatch(block(content, "sentences"), -1) {
		n, _ := strconv.Atoi(m[1])
		r.Sentences[n] = m[2]
	}
	for _, m := range reDraftEvent.FindAllStringSubmatch(block(content, "events"), -1) {
		e := DraftEvent{Ref: m[1], Date: m[2], Kind: m[3]}
		e.Lead, _ = strconv.Atoi(m[4])
		for _, s := range strings.Split(m[5], ",") {
			n, _ := strconv.Atoi(s)
			e.Sentences = append(e.Sentences, n)
		}
		r.Events = append(r.Events, e)
	}
	for _, m := range reDraftAnchor.FindAllStringSubmatch(block(content, "anchors"), -1) {
		r.Anchors = append(r.Anchors, m[1])
	}
	return r, true
}

type draftEventReply struct {
	Event      string `json:"event"`
	Sentences  []int  `json:"sentences"`
	TitleEN    string `json:"title_en"`
	SummaryEN  string `json:"summary_en"`
	SummarySrc string `json:"summary_src"`
	SummaryFR  string `json:"summary_fr"`
}

type draftAnchorReply struct {
	Anchor  string   `json:"anchor"`
	NamesEN []string `json:"names_en"`
	NamesFR []string `json:"names_fr"`
}

// draftReply answers a draft request; ok is false when the last user message is not one.
func draftReply(b Behavior, req Request) (string, bool) {
	var content string
	for i := len(req.Body.Messages) - 1; i >= 0; i-- {
		if req.Body.Messages[i].Role == "user" {
			content = req.Body.Messages[i].Content
			break
		}
	}
	dr, ok := ParseDraftRequest(content)
	if !ok {
		return "", false
	}
	words := func(s string, n int) string {
		s = strings.Map(func(r rune) rune {
			if strings.ContainsRune(`"«»“”„`, r) {
				return -1
			}
			return r
		}, s)
		f := strings.Fields(s)
		if len(f) > n {
			f = f[:n]
		}
		return strings.TrimRight(strings.Join(f, " "), ".,;:!?")
	}
	var reply struct {
		Events  []draftEventReply  `json:"events"`
		Anchors []draftAnchorReply `json:"anchors"`
	}
	for i, e := range dr.Events {
		lead := dr.Sentences[e.Lead]
		r := draftEventReply{
			Event:      e.Ref,
			Sentences:  e.Sentences,
			TitleEN:    clipWords(words(lead, 12), 90),
			SummaryEN:  "According to the source: " + words(lead, 40) + ".",
			SummarySrc: words(lead, 40) + ".",
			SummaryFR:  "D'après la source : " + words(lead, 40) + ".",
		}
		if b == DraftInvalid {
			switch i {
			case 0:
				r.Sentences = append(r.Sentences, len(dr.Sentences)+100)
			case 1:
				r.Sentences = without(r.Sentences, e.Lead)
				if len(r.Sentences) == 0 {
					r.Sentences = []int{e.Lead + 1}
				}
			case 2:
				r.SummaryEN = `The source says "this sentence was never written by anyone at all".`
			case 3:
				r.Event = "e999"
			case 4:
				r.TitleEN = strings.Repeat("A title far too long ", 10)
			}
		}
		reply.Events = append(reply.Events, r)
	}
	for _, a := range dr.Anchors {
		name := strings.ReplaceAll(a, "-", " ")
		reply.Anchors = append(reply.Anchors, draftAnchorReply{Anchor: a, NamesEN: []string{name, "the " + name}, NamesFR: []string{"l'" + name}})
	}
	data, _ := json.Marshal(reply)
	if b == DraftInvalid {
		return fmt.Sprintf("Here is the draft you asked for:\n```json\n%s\n```\nLet me know if you need anything else.", data), true
	}
	return string(data), true
}

// clipWords cuts s to at most n characters at a word boundary, as an obedient model keeps to the
// length asked for.
func clipWords(s string, n int) string {
	for len([]rune(s)) > n {
		i := strings.LastIndex(s, " ")
		if i <= 0 {
			return string([]rune(s)[:n])
		}
		s = s[:i]
	}
	return s
}

func without(xs []int, x int) []int {
	var out []int
	for _, y := range xs {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}
