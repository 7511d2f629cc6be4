package bot

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

// Component state lives in custom ids, not in memory, so buttons keep working after a restart and
// across replicas. Each is a path of the router (at most 100 characters; event ids are at most 80):
//
//	tl:a:{event}:{page}   the timeline around an event, page offset from it
//	tl:r:{from}:{to}:{page}  a /timeline range (days since 1970, empty for open), page
//	fb:y:{event}          feedback "helpful" on an answer citing the event
//	fb:n:{event}          feedback "wrong event"
//	pick                  select menu of candidate events; values are event ids
const pickID = "pick"

func aroundID(eventID string, page int) string { return fmt.Sprintf("tl:a:%s:%d", eventID, page) }

// rangeID leaves an open end (openMin, openMax) empty.
func rangeID(s knowledge.Span, page int) string {
	day := func(d knowledge.Day) string {
		if d == openMin || d == openMax {
			return ""
		}
		return strconv.Itoa(int(d))
	}
	return fmt.Sprintf("tl:r:%s:%s:%d", day(s.From), day(s.To), page)
}

func feedbackID(helpful bool, eventID string) string {
	if helpful {
		return "fb:y:" + eventID
	}
	return "fb:n:" + eventID
}

const (
	openMin knowledge.Day = -1 << 30
	openMax knowledge.Day = 1 << 30
)

// routes registers every command, autocomplete and component of the bot.
func (b *Bot) routes() router {
	r := router{}
	cmd, auto, comp := discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete, discordgo.InteractionMessageComponent
	r.handle(cmd, "/ask", b.observed(b.here(b.cmdAsk)))
	r.handle(cmd, "/timeline", b.here(b.cmdTimeline))
	r.handle(cmd, "/event", b.here(b.cmdEvent))
	r.handle(cmd, "/source", b.here(b.cmdSource))
	r.handle(cmd, "/reload", b.moderatorsOnly(both{"reload the knowledge", "recharger les connaissances"}, b.cmdReload))
	r.handle(cmd, "/draft", b.moderatorsOnly(both{"draft knowledge files", "rédiger des fichiers de connaissances"}, b.cmdDraft))
	r.handle(auto, "/event/date", b.autocompleteEvent)
	r.handle(auto, "/reload/version", b.autocompleteVersion)
	r.handle(comp, "tl:a:{event}:{page}", b.compAround)
	r.handle(comp, "tl:r:{from}:{to}:{page}", b.compRange)
	r.handle(comp, "fb:{verdict}:{event}", b.compFeedback)
	r.handle(comp, pickID, b.compPick)
	return r
}

// unknown answers an interaction no route matches: a command or button of an older version.
func (b *Bot) unknown(_ context.Context, in *Interaction) (Reply, error) {
	switch in.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		return Reply{Choices: []*discordgo.ApplicationCommandOptionChoice{}}, nil
	case discordgo.InteractionMessageComponent:
		return notice(in.Lang, Refusal{Code: CodeStaleButton}), nil
	}
	return notice(in.Lang, Refusal{Code: CodeUnknownCommand}), nil
}

func (b *Bot) cmdSource(_ context.Context, in *Interaction) (Reply, error) {
	return SourceReply(b.kb.Current(), in.Lang), nil
}

func (b *Bot) cmdTimeline(_ context.Context, in *Interaction) (Reply, error) {
	t := b.kb.Current()
	span := knowledge.Span{From: openMin, To: openMax}
	for _, side := range []string{"from", "to"} {
		text := in.String(side)
		if text == "" {
			continue
		}
		p := question.Parse(text, t)
		if len(p.Spans) == 0 {
			return notice(in.Lang, Refusal{Code: CodeBadDate, Args: []any{untrustedLine(text), both{answer.ExampleDates(t, "en"), answer.ExampleDates(t, "fr")}}}), nil
		}
		if side == "from" {
			span.From = p.Spans[0].From
		} else {
			span.To = p.Spans[len(p.Spans)-1].To
		}
	}
	if span.From > span.To {
		return notice(in.Lang, Refusal{Code: CodeDatesReversed}), nil
	}
	return rangePage(t, span, 0, in.Lang), nil
}

// rangePage is a page of the events in span; an end at openMin or openMax is open.
func rangePage(t *knowledge.Timeline, span knowledge.Span, page int, lang string) Reply {
	openFrom, openTo := span.From == openMin, span.To == openMax
	events := t.InSpan(span)
	pages := max(1, (len(events)+pageSize-1)/pageSize)
	page = min(max(page, 0), pages-1)
	end := min(len(events), (page+1)*pageSize)
	title := tr(lang, "Timeline", "Chronologie")
	if !openFrom || !openTo {
		day := func(d knowledge.Day, open bool) string {
			if open {
				return "…"
			}
			return answer.FormatDay(d, lang)
		}
		title += " · " + day(span.From, openFrom) + " → " + day(span.To, openTo)
	}
	return pageReply(listPage{
		title:   title,
		events:  events[page*pageSize : end],
		label:   tr(lang, fmt.Sprintf("Page %d of %d · %d events", page+1, pages, len(events)), fmt.Sprintf("Page %d sur %d · %d événements", page+1, pages, len(events))),
		prevID:  rangeID(span, page-1),
		nextID:  rangeID(span, page+1),
		hasPrev: page > 0, hasNext: page < pages-1,
	}, t, lang, false)
}

// aroundPage shows the events around one event: page 0 starts two events before it.
func aroundPage(t *knowledge.Timeline, e *knowledge.Event, page int, lang string) Reply {
	pos := t.Position(e)
	start := pos - 2 + page*pageSize
	start = min(max(start, 0), max(len(t.Events)-pageSize, 0))
	end := min(len(t.Events), start+pageSize)
	return pageReply(listPage{
		title:   tr(lang, "Around ", "Autour du ") + answer.FormatDate(e, lang),
		events:  t.Events[start:end],
		label:   tr(lang, fmt.Sprintf("Events %d–%d of %d", start+1, end, len(t.Events)), fmt.Sprintf("Événements %d à %d sur %d", start+1, end, len(t.Events))),
		prevID:  aroundID(e.ID, page-1),
		nextID:  aroundID(e.ID, page+1),
		hasPrev: start > 0, hasNext: end < len(t.Events),
	}, t, lang, true)
}

func (b *Bot) cmdEvent(_ context.Context, in *Interaction) (Reply, error) {
	t := b.kb.Current()
	v := in.String("date")
	if e := t.Event(v); e != nil {
		return EventReply(e, t, in.Lang, false), nil
	}
	// Typed text rather than a picked suggestion: read it as a date.
	events := eventsOn(t, v, -1)
	switch {
	case len(events) == 1:
		return EventReply(events[0], t, in.Lang, false), nil
	case len(events) > 1:
		alts := make([]answer.Alternative, 0, len(events))
		for _, e := range events {
			alts = append(alts, answer.Alternative{EventID: e.ID, Date: e.Date.String(), Title: e.Title})
		}
		content := tr(in.Lang, "Several events match; pick one:", "Plusieurs événements correspondent ; choisissez :")
		if len(events) > maxSelectOptions {
			content = tr(in.Lang,
				fmt.Sprintf("%d events match; here are the first %d. Type a more precise date, or browse them with /timeline.", len(events), maxSelectOptions),
				fmt.Sprintf("%d événements correspondent ; voici les %d premiers. Précisez la date, ou parcourez-les avec /chronologie.", len(events), maxSelectOptions))
		}
		return Reply{Content: content, Ephemeral: true, Components: pickMenu(alts, in.Lang)}, nil
	}
	return notice(in.Lang, Refusal{Code: CodeNoEventMatch, Args: []any{untrustedLine(v)}}), nil
}

// eventsOn returns the events on the dates text names, each once, at most limit (-1: all).
func eventsOn(t *knowledge.Timeline, text string, limit int) []*knowledge.Event {
	var out []*knowledge.Event
	for _, s := range question.Parse(text, t).Spans {
		for _, e := range t.InSpan(s) {
			if len(out) != limit && !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}

// autocompleteEvent suggests up to 25 events matching what the user has typed so far: by date when
// it reads as one, else by words of the date and title.
func (b *Bot) autocompleteEvent(_ context.Context, in *Interaction) (Reply, error) {
	t := b.kb.Current()
	typed := in.String("date")
	if typed == "" {
		return Reply{Choices: Choices(t.Events)}, nil
	}
	out := eventsOn(t, typed, maxChoices)
	needle := textproc.Fold(typed)
	for _, e := range t.Events {
		if len(out) == maxChoices {
			break
		}
		hay := textproc.Fold(strings.Join([]string{e.Date.String(), answer.FormatDate(e, "en"), answer.FormatDate(e, "fr"), e.Title, e.ID}, " "))
		if strings.Contains(hay, needle) && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return Reply{Choices: Choices(out)}, nil
}

func (b *Bot) compAround(_ context.Context, in *Interaction) (Reply, error) {
	page, err := strconv.Atoi(in.Vars["page"])
	if err != nil {
		return notice(in.Lang, Refusal{Code: CodeStaleButton}), nil
	}
	t := b.kb.Current()
	e := t.Event(in.Vars["event"])
	if e == nil {
		return notice(in.Lang, Refusal{Code: CodeEventGone}), nil
	}
	r := aroundPage(t, e, page, in.Lang)
	// Paging within an ephemeral view updates it; from a public answer the view is a new,
	// ephemeral message, so the answer stays as it is for everyone.
	r.Update = in.Message != nil && in.Message.Flags&discordgo.MessageFlagsEphemeral != 0
	return r, nil
}

func (b *Bot) compRange(_ context.Context, in *Interaction) (Reply, error) {
	page, err := strconv.Atoi(in.Vars["page"])
	span := knowledge.Span{From: openMin, To: openMax}
	for v, d := range map[string]*knowledge.Day{"from": &span.From, "to": &span.To} {
		if s := in.Vars[v]; s != "" && err == nil {
			var n int
			n, err = strconv.Atoi(s)
			*d = knowledge.Day(n)
		}
	}
	if err != nil || page < 0 {
		return notice(in.Lang, Refusal{Code: CodeStaleButton}), nil
	}
	r := rangePage(b.kb.Current(), span, page, in.Lang)
	r.Update = true
	return r, nil
}

func (b *Bot) compPick(_ context.Context, in *Interaction) (Reply, error) {
	data := in.MessageComponentData()
	if len(data.Values) != 1 {
		return notice(in.Lang, Refusal{Code: CodePickOne}), nil
	}
	t := b.kb.Current()
	e := t.Event(data.Values[0])
	if e == nil {
		return notice(in.Lang, Refusal{Code: CodeEventGone}), nil
	}
	return EventReply(e, t, in.Lang, true), nil
}

func (b *Bot) compFeedback(ctx context.Context, in *Interaction) (Reply, error) {
	verdict := in.Vars["verdict"]
	if verdict != "y" && verdict != "n" {
		return notice(in.Lang, Refusal{Code: CodeStaleButton}), nil
	}
	if !b.feedbackLimiter.Allow(ctx, in.UserID()) {
		return notice(in.Lang, Refusal{Code: CodeFeedbackAgain}), nil
	}
	f := FeedbackRecord{At: time.Now(), GuildID: in.GuildID, ChannelID: in.ChannelID, UserID: in.UserID(), Helpful: verdict == "y", EventID: in.Vars["event"]}
	if m := in.Message; m != nil {
		f.QuestionRef, f.MessageID, f.Cited = questionRef(m), m.ID, citedEvents(m)
		if len(m.Embeds) > 0 {
			f.Question = strings.TrimPrefix(m.Embeds[0].Title, "❓ ")
		}
	}
	b.log.Info("feedback", "helpful", f.Helpful, "event", f.EventID, "cited", f.Cited, "question", f.Question, "user", f.UserID)
	b.metrics.Feedback(f.Helpful)
	if b.opts.Recorder != nil {
		b.opts.Recorder.RecordFeedback(f)
	}
	return notice(in.Lang, Refusal{Code: CodeFeedbackNoted}), nil
}

// citedEvents reads the cited event ids back from an answer message's buttons.
func citedEvents(m *discordgo.Message) []string {
	var out []string
	for _, row := range m.Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range r.Components {
			if btn, ok := c.(*discordgo.Button); ok {
				if id, ok := strings.CutPrefix(btn.CustomID, "tl:a:"); ok {
					if i := strings.LastIndexByte(id, ':'); i > 0 {
						out = append(out, id[:i])
					}
				}
			}
		}
	}
	return out
}
