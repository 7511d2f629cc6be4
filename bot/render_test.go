package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/knowledge"
)

func seed(t *testing.T) *knowledge.Timeline {
	t.Helper()
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func TestAnswerReplyCitesEachPassageAsAFieldAndPingsNoOne(t *testing.T) {
	tl := seed(t)
	a, _ := answer.NewEngine(knowledge.NewStore(tl)).Answer(t.Context(), answer.Question{Text: "What did WikiLeaks ask for on 21 October 2016? @everyone <@&123> <@456>"})
	r := AnswerReply("What did WikiLeaks ask for on 21 October 2016? @everyone <@&123> <@456>", a, tl)
	if len(r.Embeds) != 1 {
		t.Fatalf("want one embed, got %d", len(r.Embeds))
	}
	e := r.Embeds[0]
	if len(e.Fields) != len(a.Citations) {
		t.Fatalf("want a field per citation (%d), got %d", len(a.Citations), len(e.Fields))
	}
	for i, f := range e.Fields {
		if f.Value != "«"+a.Citations[i].Quote+"»" {
			t.Errorf("field %d is not the verbatim quote: %q", i, f.Value)
		}
		if !strings.Contains(f.Name, "¶") {
			t.Errorf("field %d does not give the paragraph: %q", i, f.Name)
		}
	}
	if !strings.Contains(e.Footer.Text, tl.Source.Attribution) {
		t.Errorf("footer lacks the attribution: %q", e.Footer.Text)
	}
	body, _ := json.Marshal(r.ResponseData())
	if !strings.Contains(string(body), `"allowed_mentions":{"parse":[],"replied_user":false}`) {
		t.Fatalf("response does not forbid every mention: %s", body)
	}
	for _, m := range []*discordgo.MessageSend{r.MessageSend(&discordgo.MessageReference{MessageID: "1"})} {
		b, _ := json.Marshal(m)
		if !strings.Contains(string(b), `"allowed_mentions":{"parse":[],"replied_user":false}`) {
			t.Fatalf("channel message does not forbid every mention: %s", b)
		}
	}
	edit, _ := json.Marshal(r.WebhookEdit())
	if !strings.Contains(string(edit), `"allowed_mentions":{"parse":[],"replied_user":false}`) {
		t.Fatalf("webhook edit does not forbid every mention: %s", edit)
	}
}

func TestAnswerReplyStaysWithinDiscordLimitsAndNeverCutsAQuote(t *testing.T) {
	tl := seed(t)
	long := strings.Repeat("Un passage très long qui ne tient pas dans un champ. ", 30) // > 1024
	var cites []answer.Citation
	for i := range 40 {
		q := fmt.Sprintf("Passage numéro %d, de taille moyenne pour remplir l'embed jusqu'à ses limites. %s", i, strings.Repeat("mot ", 40))
		if i == 3 {
			q = long
		}
		cites = append(cites, answer.Citation{EventID: "2016-10-21-tax-returns", Date: "2016-10-21", Quote: q, Paragraph: i + 1})
	}
	a := answer.Answer{Answered: true, Text: strings.Repeat("A long answer sentence. ", 400), Citations: cites, Lang: "en"}
	r := AnswerReply(strings.Repeat("q", 400), a, tl)
	e := r.Embeds[0]
	if n := utf8.RuneCountInString(e.Title); n > maxEmbedTitle {
		t.Errorf("title %d > %d", n, maxEmbedTitle)
	}
	if n := utf8.RuneCountInString(e.Description); n > maxEmbedDescription {
		t.Errorf("description %d > %d", n, maxEmbedDescription)
	}
	if len(e.Fields) > maxEmbedFields {
		t.Errorf("%d fields > %d", len(e.Fields), maxEmbedFields)
	}
	if n := embedSize(e); n > maxEmbedTotal {
		t.Errorf("embed total %d > %d", n, maxEmbedTotal)
	}
	quotes := map[string]bool{}
	for _, c := range cites {
		quotes["«"+c.Quote+"»"] = true
	}
	for _, f := range e.Fields {
		if utf8.RuneCountInString(f.Value) > maxFieldValue {
			t.Errorf("field value over %d", maxFieldValue)
		}
		if !quotes[f.Value] {
			t.Errorf("a quote was altered: %q", f.Value)
		}
	}
	if !strings.Contains(e.Footer.Text, "not shown") {
		t.Errorf("omitted passages are not announced: %q", e.Footer.Text)
	}
}

func TestAnswerReplyOffersASelectMenuForAmbiguousQuestions(t *testing.T) {
	tl := seed(t)
	a := answer.Answer{Answered: true, Text: "x", Lang: "en",
		Citations:    []answer.Citation{{EventID: "2016-10-12-wlsearch-link", Date: "2016-10-12", Quote: "q", Paragraph: 1}},
		Alternatives: []answer.Alternative{{EventID: "2016-10-12-wlsearch-link", Date: "2016-10-12", Title: "A"}, {EventID: "2016-10-14-tweets-link", Date: "2016-10-14", Title: "B"}}}
	r := AnswerReply("which link?", a, tl)
	if len(r.Components) != 2 {
		t.Fatalf("want buttons and a select menu, got %d rows", len(r.Components))
	}
	menu := r.Components[1].(discordgo.ActionsRow).Components[0].(discordgo.SelectMenu)
	if menu.CustomID != pickID || len(menu.Options) != 2 || menu.Options[1].Value != "2016-10-14-tweets-link" {
		t.Fatalf("unexpected menu %+v", menu)
	}
}

func TestChoicesAreAtMostTwentyFiveOfAtMostAHundredCharacters(t *testing.T) {
	var events []*knowledge.Event
	for i := range 40 {
		events = append(events, &knowledge.Event{ID: fmt.Sprintf("e%d", i), Title: strings.Repeat("t", 120), Date: knowledge.Date{Year: 2016, Month: 1, Day: 1}})
	}
	got := Choices(events)
	if len(got) != maxChoices {
		t.Fatalf("%d choices", len(got))
	}
	for _, c := range got {
		if n := utf8.RuneCountInString(c.Name); n > maxChoiceName || n == 0 {
			t.Fatalf("choice name of %d characters", n)
		}
	}
}

// Custom ids are router paths: each built id finds its handler with its variables, within
// Discord's 100 characters; made-up ids find none.
func TestCustomIDsRoundTripWithinOneHundredCharacters(t *testing.T) {
	long := strings.Repeat("a", 80)
	span := knowledge.Span{From: knowledge.DayOf(2016, 9, 1), To: knowledge.DayOf(2016, 10, 31)}
	r := New(Options{}, nil, nil).router
	for _, tc := range []struct {
		id   string
		want map[string]string
	}{
		{aroundID(long, -3), map[string]string{"event": long, "page": "-3"}},
		{feedbackID(true, long), map[string]string{"verdict": "y", "event": long}},
		{feedbackID(false, "x"), map[string]string{"verdict": "n", "event": "x"}},
		{rangeID(span, 2), map[string]string{"from": fmt.Sprint(int(span.From)), "to": fmt.Sprint(int(span.To)), "page": "2"}},
		{rangeID(knowledge.Span{From: openMin, To: openMax}, 0), map[string]string{"from": "", "to": "", "page": "0"}},
		{pickID, nil},
	} {
		if len(tc.id) > 100 {
			t.Errorf("%q is longer than 100", tc.id)
		}
		h, vars := r.lookup(discordgo.InteractionMessageComponent, tc.id)
		if h == nil || fmt.Sprint(vars) != fmt.Sprint(tc.want) {
			t.Errorf("lookup %q = %v; want %v", tc.id, vars, tc.want)
		}
	}
	for _, bad := range []string{"", "tl", "tl:a:x", "tl:x:y:0", "x:y:z", "/ask"} {
		if h, _ := r.lookup(discordgo.InteractionMessageComponent, bad); h != nil {
			t.Errorf("lookup %q: want no handler", bad)
		}
	}
}

func TestCommandsAreLocalizedAndValid(t *testing.T) {
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Commands(tl) {
		if c.NameLocalizations == nil || (*c.NameLocalizations)[discordgo.French] == "" {
			t.Errorf("/%s has no French name", c.Name)
		}
		for _, o := range c.Options {
			if strings.Contains(o.Description, "WikiLeaks") {
				t.Errorf("/%s option %s describes the seed, not the timeline served: %q", c.Name, o.Name, o.Description)
			}
		}
		if c.DescriptionLocalizations == nil || (*c.DescriptionLocalizations)[discordgo.French] == "" {
			t.Errorf("/%s has no French description", c.Name)
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 100 {
			t.Errorf("/%s description has %d characters", c.Name, n)
		}
		for _, d := range *c.DescriptionLocalizations {
			if n := utf8.RuneCountInString(d); n > 100 {
				t.Errorf("/%s French description has %d characters", c.Name, n)
			}
		}
	}
}
