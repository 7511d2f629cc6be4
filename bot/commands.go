package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/textproc"
	"github.com/timelinebot/timelinebot/knowledge"
	"github.com/timelinebot/timelinebot/question"
)

func loc(fr string) *map[discordgo.Locale]string {
	return &map[discordgo.Locale]string{discordgo.French: fr}
}

// Commands returns the application commands the bot registers, with French localizations; the
// example question is drawn from the timeline served.
func Commands(t *knowledge.Timeline) []*discordgo.ApplicationCommand {
	dmOK := true
	manageGuild := int64(discordgo.PermissionManageGuild)
	noDM := false
	return []*discordgo.ApplicationCommand{
		{
			Name: "ask", NameLocalizations: loc("demander"),
			Description:              "Ask a question about the timeline; the answer quotes the source",
			DescriptionLocalizations: loc("Posez une question sur la chronologie ; la réponse cite la source"),
			DMPermission:             &dmOK,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "question", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "question"},
				Description:              truncate("For example: "+answer.Example(t, "en"), 100),
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: truncate("Par exemple : "+answer.Example(t, "fr"), 100)},
				Required:                 true, MaxLength: 1000,
			}},
		},
		{
			Name: "timeline", NameLocalizations: loc("chronologie"),
			Description:              "Browse the events in order, a page at a time",
			DescriptionLocalizations: loc("Parcourir les événements dans l'ordre, page par page"),
			DMPermission:             &dmOK,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "from", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "depuis"},
					Description:              "First date, e.g. 2016-10-01 or October 2016",
					DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Première date, p. ex. 2016-10-01 ou octobre 2016"}, MaxLength: 100},
				{Type: discordgo.ApplicationCommandOptionString, Name: "to", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "jusqua"},
					Description:              "Last date, e.g. 2016-12-31 or December 2016",
					DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Dernière date, p. ex. 2016-12-31 ou décembre 2016"}, MaxLength: 100},
			},
		},
		{
			Name: "event", NameLocalizations: loc("événement"),
			Description:              "Show one event with all its passages",
			DescriptionLocalizations: loc("Afficher un événement avec tous ses passages"),
			DMPermission:             &dmOK,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "date", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "date"},
				Description:              "Start typing a date or a word; pick an event",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Tapez une date ou un mot ; choisissez un événement"},
				Required:                 true, Autocomplete: true, MaxLength: 100,
			}},
		},
		{
			Name: "source", NameLocalizations: loc("source"),
			Description:              "What the bot knows: source, attribution, events, knowledge version",
			DescriptionLocalizations: loc("Ce que sait le bot : source, attribution, événements, version"),
			DMPermission:             &dmOK,
		},
		{
			Name: "reload", NameLocalizations: loc("recharger"),
			Description:              "Moderators: reload the knowledge file, or replace it with an uploaded one",
			DescriptionLocalizations: loc("Modérateurs : recharger le fichier de connaissances, ou le remplacer"),
			DefaultMemberPermissions: &manageGuild,
			DMPermission:             &noDM,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "fichier"},
				Description:              "A new knowledge file (YAML) to validate and install",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Un nouveau fichier de connaissances (YAML) à valider et installer"},
			}, {
				Type: discordgo.ApplicationCommandOptionString, Name: "version", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "version"},
				Description:              "A version kept in the database to serve again (undo a bad edit)",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Une version gardée en base à remettre en service (annuler une erreur)"},
				Autocomplete:             true, MaxLength: 100,
			}},
		},
		{
			Name: "draft", NameLocalizations: loc("brouillon"),
			Description:              "Moderators: draft a knowledge file from an article (installs nothing)",
			DescriptionLocalizations: loc("Modérateurs : rédiger un fichier de connaissances depuis un article (n'installe rien)"),
			DefaultMemberPermissions: &manageGuild,
			DMPermission:             &noDM,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "fichier"},
				Description:              "The article: .txt, .md or a saved web page (.html)",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "L'article : .txt, .md ou une page web enregistrée (.html)"},
				Required:                 true,
			}},
		},
	}
}

// interaction is one interaction being handled: the event, how to answer it, and the language to
// answer in when the question does not tell.
type interaction struct {
	*discordgo.Interaction
	r    responder
	lang string
}

type commandHandler func(ctx context.Context, in *interaction) error

func (b *Bot) commandTable() map[string]commandHandler {
	return map[string]commandHandler{
		"ask":      b.cmdAsk,
		"timeline": b.cmdTimeline,
		"event":    b.cmdEvent,
		"source":   b.cmdSource,
		"reload":   b.cmdReload,
		"draft":    b.cmdDraft,
	}
}

func (in *interaction) userID() string {
	if in.Member != nil && in.Member.User != nil {
		return in.Member.User.ID
	}
	if in.User != nil {
		return in.User.ID
	}
	return ""
}

func (in *interaction) option(name string) *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range in.ApplicationCommandData().Options {
		if o.Name == name {
			return o
		}
	}
	return nil
}

func (in *interaction) stringOption(name string) string {
	if o := in.option(name); o != nil && o.Type == discordgo.ApplicationCommandOptionString {
		return strings.TrimSpace(o.StringValue())
	}
	return ""
}

// reply sends a reply as the interaction's immediate response.
func (in *interaction) reply(ctx context.Context, r Reply) error {
	return in.r.respond(ctx, in.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: r.ResponseData()})
}

// update replaces the message a component belongs to.
func (in *interaction) update(ctx context.Context, r Reply) error {
	return in.r.respond(ctx, in.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: r.ResponseData()})
}

func (in *interaction) notice(ctx context.Context, en, fr string) error {
	return in.reply(ctx, Notice(tr(in.lang, en, fr)))
}

func (b *Bot) cmdAsk(ctx context.Context, in *interaction) error {
	q := in.stringOption("question")
	return b.ask(ctx, in, "slash", q)
}

// ask answers a question asked by interaction, within Discord's 3-second acknowledgement: at once
// when the answer is ready in time, else deferred and then edited in.
func (b *Bot) ask(ctx context.Context, in *interaction, kind, q string) error {
	if ok, en, fr := b.admit(ctx, in.userID(), q); !ok {
		b.turnedAway(originOf(in, kind), q, outcomeFor(en))
		return in.notice(ctx, en, fr)
	}
	return b.answerInteraction(ctx, in, kind, q)
}

// admit applies the question length cap and the per-user rate limit. It returns the refusal to show.
func (b *Bot) admit(ctx context.Context, userID, q string) (bool, string, string) {
	t := b.kb.Current()
	switch {
	case strings.TrimSpace(q) == "":
		return false, "Ask a question, for example: " + answer.Example(t, "en"),
			"Posez une question, par exemple : " + answer.Example(t, "fr")
	case len([]rune(q)) > b.opts.MaxQuestionLength:
		return false, fmt.Sprintf("Your question is %d characters long; the limit is %d. Please shorten it.", len([]rune(q)), b.opts.MaxQuestionLength),
			fmt.Sprintf("Votre question fait %d caractères ; la limite est de %d. Raccourcissez-la, s'il vous plaît.", len([]rune(q)), b.opts.MaxQuestionLength)
	case !b.allow(ctx, userID):
		return false, "You are asking faster than I can keep up with. Please wait a little and ask again.",
			"Vous posez vos questions un peu trop vite. Attendez un instant et réessayez."
	}
	return true, "", ""
}

func outcomeFor(refusal string) string {
	if strings.HasPrefix(refusal, "You are asking") {
		return "rate_limited"
	}
	return "refused"
}

func (b *Bot) cmdSource(ctx context.Context, in *interaction) error {
	return in.reply(ctx, SourceReply(b.kb.Current(), in.lang))
}

func (b *Bot) cmdTimeline(ctx context.Context, in *interaction) error {
	t := b.kb.Current()
	span := knowledge.Span{From: openMin, To: openMax}
	openFrom, openTo := true, true
	for _, side := range []string{"from", "to"} {
		text := in.stringOption(side)
		if text == "" {
			continue
		}
		p := question.Parse(text, t)
		if len(p.Spans) == 0 {
			return in.notice(ctx,
				fmt.Sprintf("I could not read \"%s\" as a date. Try %s.", untrustedLine(text), answer.ExampleDates(t, "en")),
				fmt.Sprintf("Je n'ai pas compris la date \"%s\". Essayez %s.", untrustedLine(text), answer.ExampleDates(t, "fr")))
		}
		if side == "from" {
			span.From, openFrom = p.Spans[0].From, false
		} else {
			span.To, openTo = p.Spans[len(p.Spans)-1].To, false
		}
	}
	if span.From > span.To {
		return in.notice(ctx, "The first date is after the last one.", "La première date est postérieure à la dernière.")
	}
	return in.reply(ctx, b.rangePage(t, span, openFrom, openTo, 0, in.lang))
}

func (b *Bot) rangePage(t *knowledge.Timeline, span knowledge.Span, openFrom, openTo bool, page int, lang string) Reply {
	events := t.InSpan(span)
	pages := max(1, (len(events)+pageSize-1)/pageSize)
	page = min(max(page, 0), pages-1)
	end := min(len(events), (page+1)*pageSize)
	title := tr(lang, "Timeline", "Chronologie")
	if !openFrom || !openTo {
		from, to := "…", "…"
		if !openFrom {
			from = answer.FormatDay(span.From, lang)
		}
		if !openTo {
			to = answer.FormatDay(span.To, lang)
		}
		title += fmt.Sprintf(" · %s → %s", from, to)
	}
	return PageReply(Page{
		Title:   title,
		Events:  events[page*pageSize : end],
		Label:   tr(lang, fmt.Sprintf("Page %d of %d · %d events", page+1, pages, len(events)), fmt.Sprintf("Page %d sur %d · %d événements", page+1, pages, len(events))),
		PrevID:  rangeID(span, openFrom, openTo, page-1),
		NextID:  rangeID(span, openFrom, openTo, page+1),
		HasPrev: page > 0, HasNext: page < pages-1,
	}, t, lang, false)
}

// aroundPage shows the events around one event: page 0 starts two events before it.
func (b *Bot) aroundPage(t *knowledge.Timeline, e *knowledge.Event, page int, lang string) Reply {
	pos := t.Position(e)
	start := pos - 2 + page*pageSize
	start = min(max(start, 0), max(len(t.Events)-pageSize, 0))
	end := min(len(t.Events), start+pageSize)
	return PageReply(Page{
		Title:   tr(lang, "Around ", "Autour du ") + answer.FormatDate(e, lang),
		Events:  t.Events[start:end],
		Label:   tr(lang, fmt.Sprintf("Events %d–%d of %d", start+1, end, len(t.Events)), fmt.Sprintf("Événements %d à %d sur %d", start+1, end, len(t.Events))),
		PrevID:  aroundID(e.ID, page-1),
		NextID:  aroundID(e.ID, page+1),
		HasPrev: start > 0, HasNext: end < len(t.Events),
	}, t, lang, true)
}

func (b *Bot) cmdEvent(ctx context.Context, in *interaction) error {
	t := b.kb.Current()
	v := in.stringOption("date")
	if e := t.Event(v); e != nil {
		return in.reply(ctx, EventReply(e, t, in.lang, false))
	}
	// Typed text rather than a picked suggestion: read it as a date.
	p := question.Parse(v, t)
	var events []*knowledge.Event
	seen := map[*knowledge.Event]bool{}
	for _, s := range p.Spans {
		for _, e := range t.InSpan(s) {
			if !seen[e] {
				seen[e] = true
				events = append(events, e)
			}
		}
	}
	switch {
	case len(events) == 1:
		return in.reply(ctx, EventReply(events[0], t, in.lang, false))
	case len(events) > 1:
		alts := make([]answer.Alternative, 0, len(events))
		for _, e := range events {
			alts = append(alts, answer.Alternative{EventID: e.ID, Date: e.Date.String(), Title: e.Title})
		}
		content := tr(in.lang, "Several events match; pick one:", "Plusieurs événements correspondent ; choisissez :")
		if len(events) > maxSelectOptions {
			content = tr(in.lang,
				fmt.Sprintf("%d events match; here are the first %d. Type a more precise date, or browse them with /timeline.", len(events), maxSelectOptions),
				fmt.Sprintf("%d événements correspondent ; voici les %d premiers. Précisez la date, ou parcourez-les avec /chronologie.", len(events), maxSelectOptions))
		}
		r := Reply{Content: content, Ephemeral: true}
		r.Components = AnswerReply("", answer.Answer{Alternatives: alts, Lang: in.lang}, t).Components
		return in.reply(ctx, r)
	}
	return in.notice(ctx,
		fmt.Sprintf("No event matches \"%s\". Start typing and pick one of the suggestions, or try /timeline.", untrustedLine(v)),
		fmt.Sprintf("Aucun événement ne correspond à \"%s\". Commencez à taper et choisissez une suggestion, ou essayez /chronologie.", untrustedLine(v)))
}

// autocompleteEvent suggests up to 25 events matching what the user has typed so far: by date when
// it reads as one, else by words of the date and title.
func (b *Bot) autocompleteEvent(ctx context.Context, in *interaction) error {
	t := b.kb.Current()
	typed := ""
	if o := in.option("date"); o != nil {
		typed = strings.TrimSpace(fmt.Sprint(o.Value))
	}
	var out []*knowledge.Event
	seen := map[*knowledge.Event]bool{}
	add := func(e *knowledge.Event) {
		if !seen[e] && len(out) < maxChoices {
			seen[e] = true
			out = append(out, e)
		}
	}
	if typed == "" {
		for _, e := range t.Events {
			add(e)
		}
	} else {
		for _, s := range question.Parse(typed, t).Spans {
			for _, e := range t.InSpan(s) {
				add(e)
			}
		}
		needle := textproc.Fold(typed)
		for _, e := range t.Events {
			if len(out) == maxChoices {
				break
			}
			hay := textproc.Fold(strings.Join([]string{e.Date.String(), answer.FormatDate(e, "en"), answer.FormatDate(e, "fr"), e.Title, e.ID}, " "))
			if strings.Contains(hay, needle) {
				add(e)
			}
		}
	}
	return in.r.respond(ctx, in.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: Choices(out)},
	})
}

// component handles buttons and select menus; their state is in the custom id.
func (b *Bot) component(ctx context.Context, in *interaction) error {
	data := in.MessageComponentData()
	id, err := parseCustomID(data.CustomID)
	if err != nil {
		return in.notice(ctx, "This button is not supported any more.", "Ce bouton n'est plus pris en charge.")
	}
	t := b.kb.Current()
	gone := func() error {
		return in.notice(ctx, "That event is no longer in the timeline (the knowledge was edited). Ask again.",
			"Cet événement n'est plus dans la chronologie (les connaissances ont été modifiées). Reposez la question.")
	}
	switch id.kind {
	case "around":
		e := t.Event(id.eventID)
		if e == nil {
			return gone()
		}
		page := b.aroundPage(t, e, id.page, in.lang)
		if in.Message != nil && in.Message.Flags&discordgo.MessageFlagsEphemeral != 0 {
			return in.update(ctx, page)
		}
		return in.reply(ctx, page)
	case "range":
		return in.update(ctx, b.rangePage(t, id.span, id.span.From == openMin, id.span.To == openMax, id.page, in.lang))
	case "feedback":
		if !b.feedbackLimiter.allow(in.userID()) {
			return in.notice(ctx, "Thanks, your feedback is already noted.", "Merci, votre avis est déjà noté.")
		}
		b.recordFeedback(in, id)
		return in.notice(ctx, "Thanks — your feedback is noted for the moderators.", "Merci — votre avis est transmis aux modérateurs.")
	case "pick":
		if len(data.Values) != 1 {
			return in.notice(ctx, "Pick one event.", "Choisissez un événement.")
		}
		e := t.Event(data.Values[0])
		if e == nil {
			return gone()
		}
		return in.reply(ctx, EventReply(e, t, in.lang, true))
	}
	return nil
}

func (b *Bot) recordFeedback(in *interaction, id customID) {
	q := ""
	var cited []string
	if in.Message != nil {
		if len(in.Message.Embeds) > 0 {
			q = strings.TrimPrefix(in.Message.Embeds[0].Title, "❓ ")
		}
		cited = citedEvents(in.Message)
	}
	if id.helpful {
		b.feedback.helpful.Add(1)
	} else {
		b.feedback.wrong.Add(1)
	}
	b.log.Info("feedback", "helpful", id.helpful, "event", id.eventID, "cited", cited, "question", q,
		"user", in.userID(), "helpful_total", b.feedback.helpful.Load(), "wrong_total", b.feedback.wrong.Load())
	b.metrics.Feedback(id.helpful)
	if b.opts.Recorder != nil {
		msgID := ""
		if in.Message != nil {
			msgID = in.Message.ID
		}
		b.opts.Recorder.RecordFeedback(FeedbackRecord{
			At: time.Now(), QuestionRef: questionRef(in.Message), MessageID: msgID, GuildID: in.GuildID, ChannelID: in.ChannelID,
			UserID: in.userID(), Helpful: id.helpful, EventID: id.eventID, Cited: cited, Question: q,
		})
	}
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
				if id, err := parseCustomID(btn.CustomID); err == nil && id.kind == "around" {
					out = append(out, id.eventID)
				}
			}
		}
	}
	return out
}
