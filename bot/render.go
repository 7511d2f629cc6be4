package bot

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/discordtext"
	"github.com/timelinebot/timelinebot/internal/shorten"
	"github.com/timelinebot/timelinebot/knowledge"
)

// Discord's limits on messages (https://discord.com/developers/docs/resources/message): every reply
// builder keeps within them, so no reply is ever refused for its size.
const (
	maxContent          = 2000
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFields      = 25
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooter           = 2048
	maxEmbedTotal       = 6000
	maxChoices          = 25
	maxChoiceName       = 100
	maxSelectOptions    = 25
	pageSize            = 5
)

// Colors of embeds.
const (
	colorAnswer   = 0x2b6cb0
	colorNoAnswer = 0x718096
)

// Reply is a message to send, however it is delivered (interaction response, webhook edit, channel
// message).
type Reply struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
	Ephemeral  bool
	// Update replaces the message a component belongs to, rather than sending a new one.
	Update bool
	// Choices, when not nil, are an autocomplete's suggestions.
	Choices []*discordgo.ApplicationCommandOptionChoice
	Files   []*discordgo.File

	// code is the refusal or outcome the reply shows, for tests and the question log.
	code Code
	// asked is the question the reply answers, for the metrics, log and record middleware.
	asked *asked
}

// response is the reply as the first response to an interaction of type typ.
func (r Reply) response(typ discordgo.InteractionType) *discordgo.InteractionResponse {
	switch {
	case r.Choices != nil || typ == discordgo.InteractionApplicationCommandAutocomplete:
		return autocompleteResponse(r.Choices)
	case r.Update && typ == discordgo.InteractionMessageComponent:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: r.ResponseData()}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: r.ResponseData()}
}

func autocompleteResponse(choices []*discordgo.ApplicationCommandOptionChoice) *discordgo.InteractionResponse {
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices}}
}

// ResponseData converts the reply for an interaction response; the other conversions start from
// it. Its embeds and components are never nil: Discord reads a missing list as "keep the old one"
// in an edit, and an empty one as "none". Its allowed mentions ping no one (not @everyone, roles,
// users, nor the author replied to), whatever text the answer echoes.
func (r Reply) ResponseData() *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{Content: r.Content, Embeds: r.Embeds, Components: r.Components, Files: r.Files,
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}}
	if d.Embeds == nil {
		d.Embeds = []*discordgo.MessageEmbed{}
	}
	if d.Components == nil {
		d.Components = []discordgo.MessageComponent{}
	}
	if r.Ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return d
}

// WebhookParams converts the reply for a follow-up message.
func (r Reply) WebhookParams() *discordgo.WebhookParams {
	d := r.ResponseData()
	return &discordgo.WebhookParams{Content: d.Content, Embeds: d.Embeds, Components: d.Components, Files: d.Files, AllowedMentions: d.AllowedMentions, Flags: d.Flags}
}

// WebhookEdit converts the reply for an edit of an interaction's original response.
func (r Reply) WebhookEdit() *discordgo.WebhookEdit {
	d := r.ResponseData()
	return &discordgo.WebhookEdit{Content: &d.Content, Embeds: &d.Embeds, Components: &d.Components, Files: d.Files, AllowedMentions: d.AllowedMentions}
}

// MessageSend converts the reply for a channel message replying to the message ref, which may
// have been deleted meanwhile.
func (r Reply) MessageSend(ref *discordgo.MessageReference) *discordgo.MessageSend {
	d := r.ResponseData()
	if ref != nil {
		f := false
		ref.FailIfNotExists = &f
	}
	return &discordgo.MessageSend{Content: d.Content, Embeds: d.Embeds, Components: d.Components, AllowedMentions: d.AllowedMentions, Reference: ref}
}

// Notice is a short ephemeral message: errors, refusals to act, rate limits.
func Notice(text string) Reply {
	return Reply{Content: shorten.Text(text, maxContent), Ephemeral: true}
}

// untrusted passes text from the model or a user (an answer's text, an echoed question, option
// value or file name) through the one sanitizer, package discordtext, allowing only the URLs the
// knowledge's passages contain. The bot's wording and the passages, quoted as they are, need none.
func untrusted(s string, t *knowledge.Timeline) string {
	return discordtext.Clean(s, passageURL(t))
}

// untrustedLine is untrusted on one line, for titles and notices.
func untrustedLine(s string) string { return oneLine(untrusted(s, nil)) }

// passageURL allows the URLs some passage of t contains verbatim. It is only asked about URLs the
// text carries, which are rare, so the passages are searched then rather than indexed.
func passageURL(t *knowledge.Timeline) func(string) bool {
	if t == nil {
		return nil
	}
	return func(u string) bool {
		for _, e := range t.Events {
			for _, p := range e.Passages {
				if strings.Contains(p.Text, u) {
					return true
				}
			}
		}
		return false
	}
}

// StreamReply renders the text of an answer being streamed, as the message's content.
func StreamReply(text string, t *knowledge.Timeline) Reply {
	return Reply{Content: shorten.Text(untrusted(text, t), maxContent)}
}

// AnswerReply renders an answer: its text as the embed's description, each citation as a field
// (date and paragraph, then the verbatim quote), the source in the footer, buttons under it. All
// of it comes from the answer (its version, source, dates as shown), never from the knowledge
// served now, which a reload may have replaced meanwhile; t only tells the sanitizer which links
// are the knowledge's own.
func AnswerReply(question string, a answer.Answer, t *knowledge.Timeline) Reply {
	lang := a.Lang
	if a.Source == (answer.Source{}) {
		a.Source = answer.SourceOf(t) // an answerer that does not say its source
	}
	e := &discordgo.MessageEmbed{
		Title:       shorten.Text("❓ "+oneLine(untrusted(question, nil)), maxEmbedTitle),
		Description: shorten.Text(untrusted(a.Text, t), maxEmbedDescription),
		Color:       colorAnswer,
		Footer:      footer(a.Source, a.Version),
	}
	if !a.Answered {
		e.Color = colorNoAnswer
	}
	omitted := quoteFields(e, len(a.Citations), func(i int) (string, string) {
		c := a.Citations[i]
		return shorten.Text(cmp.Or(c.Shown, c.Date)+" · ¶"+strconv.Itoa(c.Paragraph), maxFieldName), c.Quote
	})
	if omitted > 0 {
		footNote(e, tr(lang, fmt.Sprintf("%d more passage(s) not shown here; see /event.", omitted),
			fmt.Sprintf("%d autre(s) passage(s) non affiché(s) ici ; voir /événement.", omitted)))
	}
	r := Reply{Embeds: []*discordgo.MessageEmbed{fitEmbed(e)}}
	if ids := a.EventIDs(); len(ids) > 0 {
		r.Components = row(aroundButton(ids[0], lang),
			discordgo.Button{Label: tr(lang, "Helpful", "Utile"), Style: discordgo.SuccessButton, CustomID: feedbackID(true, ids[0])},
			discordgo.Button{Label: tr(lang, "Wrong event", "Mauvais événement"), Style: discordgo.DangerButton, CustomID: feedbackID(false, ids[0])})
	}
	if len(a.Alternatives) > 1 {
		r.Components = append(r.Components, pickMenu(a.Alternatives, lang)...)
	}
	return r
}

// quoteFields adds n quotes, each "«quote»" under its name, as fields of e while they fit whole
// (a quote is never cut), and returns how many did not.
func quoteFields(e *discordgo.MessageEmbed, n int, quote func(i int) (name, text string)) (omitted int) {
	size := embedSize(e)
	for i := range n {
		name, text := quote(i)
		value := "«" + text + "»"
		nv := utf8.RuneCountInString(value)
		nn := utf8.RuneCountInString(name) + nv
		if len(e.Fields) == maxEmbedFields || nv > maxFieldValue || size+nn > maxEmbedTotal-200 {
			omitted++
			continue
		}
		size += nn
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value})
	}
	return omitted
}

// footNote puts note before what the footer already says.
func footNote(e *discordgo.MessageEmbed, note string) {
	if e.Footer.Text != "" {
		note += " · " + e.Footer.Text
	}
	e.Footer.Text = shorten.Text(note, maxFooter)
}

// row is one row of components.
func row(components ...discordgo.MessageComponent) []discordgo.MessageComponent {
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: components}}
}

func aroundButton(eventID, lang string) discordgo.Button {
	return discordgo.Button{Label: tr(lang, "Timeline around this", "Chronologie autour"), Style: discordgo.SecondaryButton, CustomID: aroundID(eventID, 0)}
}

// pickMenu is a select menu of candidate events.
func pickMenu(alts []answer.Alternative, lang string) []discordgo.MessageComponent {
	var opts []discordgo.SelectMenuOption
	for _, alt := range alts[:min(len(alts), maxSelectOptions)] {
		opts = append(opts, discordgo.SelectMenuOption{Label: shorten.Text(alt.Date+" — "+alt.Title, 100), Value: alt.EventID})
	}
	return row(discordgo.SelectMenu{CustomID: pickID, Placeholder: tr(lang, "Several events match: pick one", "Plusieurs événements correspondent : choisissez"), Options: opts})
}

func footer(src answer.Source, version string) *discordgo.MessageEmbedFooter {
	if src == (answer.Source{}) {
		return &discordgo.MessageEmbedFooter{}
	}
	text := src.Title + " — " + src.Attribution
	if version != "" {
		text += " · v" + version
	}
	return &discordgo.MessageEmbedFooter{Text: shorten.Text(text, maxFooter)}
}

// EventReply renders one event with all its passages.
func EventReply(e *knowledge.Event, t *knowledge.Timeline, lang string, ephemeral bool) Reply {
	sum, _ := e.SummaryIn(lang)
	em := &discordgo.MessageEmbed{
		Title:       shorten.Text(answer.FormatDate(e, lang)+" — "+e.Title, maxEmbedTitle),
		Description: shorten.Text(sum, maxEmbedDescription),
		Color:       colorAnswer,
		Footer:      footer(answer.SourceOf(t), t.Version),
	}
	if len(e.Actors) > 0 {
		em.Fields = append(em.Fields, &discordgo.MessageEmbedField{Name: tr(lang, "Actors", "Acteurs"), Value: shorten.Text(strings.Join(e.Actors, ", "), maxFieldValue)})
	}
	omitted := quoteFields(em, len(e.Passages), func(i int) (string, string) {
		return "¶" + strconv.Itoa(e.Passages[i].Paragraph), e.Passages[i].Text
	})
	if omitted > 0 {
		footNote(em, tr(lang, fmt.Sprintf("%d passage(s) too long to show here", omitted), fmt.Sprintf("%d passage(s) trop long(s) pour être affiché(s)", omitted)))
	}
	return Reply{Embeds: []*discordgo.MessageEmbed{fitEmbed(em)}, Ephemeral: ephemeral, Components: row(aroundButton(e.ID, lang))}
}

// listPage is one page of a list of events, with the custom ids of its Previous/Next buttons (which
// carry the state of the neighbouring pages).
type listPage struct {
	title            string
	events           []*knowledge.Event
	label            string // e.g. "Page 2 of 3"
	prevID, nextID   string
	hasPrev, hasNext bool
}

// pageReply renders a page of events with Previous/Next buttons.
func pageReply(p listPage, t *knowledge.Timeline, lang string, ephemeral bool) Reply {
	em := &discordgo.MessageEmbed{Title: shorten.Text(p.title, maxEmbedTitle), Color: colorAnswer, Footer: footer(answer.SourceOf(t), t.Version)}
	if len(p.events) == 0 {
		em.Description = tr(lang, "No event in this range.", "Aucun événement dans cette période.")
	}
	for _, e := range p.events {
		sum, _ := e.SummaryIn(lang)
		em.Fields = append(em.Fields, &discordgo.MessageEmbedField{Name: shorten.Text(answer.FormatDate(e, lang)+" — "+e.Title, maxFieldName), Value: shorten.Text(sum, 600)})
	}
	footNote(em, p.label)
	r := Reply{Embeds: []*discordgo.MessageEmbed{fitEmbed(em)}, Ephemeral: ephemeral}
	if p.hasPrev || p.hasNext {
		r.Components = row(discordgo.Button{Label: tr(lang, "Previous", "Précédent"), Style: discordgo.SecondaryButton, CustomID: p.prevID, Disabled: !p.hasPrev},
			discordgo.Button{Label: tr(lang, "Next", "Suivant"), Style: discordgo.SecondaryButton, CustomID: p.nextID, Disabled: !p.hasNext})
	}
	return r
}

// SourceReply says what the bot knows.
func SourceReply(t *knowledge.Timeline, lang string) Reply {
	entries := len(t.Entries())
	field := func(en, fr, v string) *discordgo.MessageEmbedField {
		return &discordgo.MessageEmbedField{Name: tr(lang, en, fr), Value: shorten.Text(v, maxFieldValue), Inline: true}
	}
	em := &discordgo.MessageEmbed{
		Title:       shorten.Text(t.Title, maxEmbedTitle),
		Description: shorten.Text(t.Source.Title, maxEmbedDescription),
		URL:         t.Source.URL,
		Color:       colorAnswer,
		Fields: []*discordgo.MessageEmbedField{
			field("Attribution", "Attribution", t.Source.Attribution),
			field("Language", "Langue", t.Source.Language),
			field("Events", "Événements", fmt.Sprintf("%d (%d entries, %d context)", len(t.Events), entries, len(t.Events)-entries)),
			field("Knowledge version", "Version des connaissances", "`"+t.Version+"`"),
			field("Loaded", "Chargée", fmt.Sprintf("<t:%d:F> (<t:%d:R>)", t.LoadedAt.Unix(), t.LoadedAt.Unix())),
			field("From", "Origine", t.Origin),
		},
	}
	if t.Source.Author != "" {
		em.Fields = append(em.Fields, field("Author", "Auteur", t.Source.Author))
	}
	return Reply{Embeds: []*discordgo.MessageEmbed{fitEmbed(em)}}
}

// Choices renders autocomplete choices for events, within Discord's 25 choices of 100 characters.
func Choices(events []*knowledge.Event) []*discordgo.ApplicationCommandOptionChoice {
	out := []*discordgo.ApplicationCommandOptionChoice{}
	for _, e := range events[:min(len(events), maxChoices)] {
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: shorten.Text(e.Date.String()+" — "+e.Title, maxChoiceName), Value: e.ID})
	}
	return out
}

func tr(lang, en, fr string) string {
	if lang == "fr" {
		return fr
	}
	return en
}

// oneLine joins the lines of s with single spaces.
func oneLine(s string) string {
	for i, r := range s {
		if unicode.IsSpace(r) && (r != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s // already one line: no copy
}

// embedSize counts the characters Discord counts toward the 6000 limit (the builders set no author).
func embedSize(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return n
}

// fitEmbed drops trailing fields, then shortens the description, until the embed is within 6000
// characters. Builders try to stay well inside; this is the guarantee.
func fitEmbed(e *discordgo.MessageEmbed) *discordgo.MessageEmbed {
	n := embedSize(e)
	for ; n > maxEmbedTotal && len(e.Fields) > 0; e.Fields = e.Fields[:len(e.Fields)-1] {
		f := e.Fields[len(e.Fields)-1]
		n -= utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	if over := n - maxEmbedTotal; over > 0 {
		e.Description = shorten.Text(e.Description, max(0, utf8.RuneCountInString(e.Description)-over))
	}
	return e
}
