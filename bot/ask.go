package bot

import (
	"cmp"
	"context"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/discordsession"
	"github.com/timelinebot/timelinebot/internal/textproc"
)

// asked is a question the bot handled: its record, the code its reply shows, and when answering
// began (zero for a question turned away before).
type asked struct {
	QuestionRecord
	code  Code
	start time.Time
}

// observed is the middleware of question commands: the one log line, the metrics and the record
// of every question, from the code its handler's reply carries.
func (b *Bot) observed(next Handler) Handler {
	return func(ctx context.Context, in *Interaction) (Reply, error) {
		r, err := next(ctx, in)
		if r.asked != nil {
			b.logQuestion(r.asked)
		}
		return r, err
	}
}

// here is the middleware of the commands that answer members: outside ALLOWED_CHANNEL_IDS (and
// their threads) they get an ephemeral notice naming where to ask.
func (b *Bot) here(next Handler) Handler {
	return func(ctx context.Context, in *Interaction) (Reply, error) {
		if in.GuildID == "" || b.allowedChannel(ctx, in.ChannelID) {
			return next(ctx, in)
		}
		// Channel mentions name the channels; they ping no one.
		names := "<#" + strings.Join(b.opts.AllowedChannelIDs, ">, <#") + ">"
		r := notice(in.Lang, Refusal{Code: CodeNotHere, Args: []any{names}})
		if in.Path == "/ask" {
			r.asked = &asked{QuestionRecord: slashRecord(in), code: CodeNotHere}
		}
		return r, nil
	}
}

// cmdAsk answers /ask: publicly, or to the asker only with private:true (DEFAULT_PRIVATE sets the
// default). The deferral policy acknowledges it in time; a streaming answerer defers at once and
// edits the text in as it comes, at most once per StreamEvery.
func (b *Bot) cmdAsk(ctx context.Context, in *Interaction) (Reply, error) {
	q := in.String("question")
	private := b.opts.DefaultPrivate
	if o := in.Option("private"); o != nil && o.Type == discordgo.ApplicationCommandOptionBoolean {
		private = o.BoolValue()
	}
	if private {
		in.Private()
	}
	rec := slashRecord(in)
	if ref := b.admit(ctx, in.UserID(), q); ref != nil {
		return refused(in.Lang, rec, *ref), nil
	}
	start := time.Now()
	question := answer.Question{Text: q, Lang: in.Lang, Conversation: "msg:" + in.ID}
	// The answer may outlive the 3-second window but not the interaction token's 15 minutes.
	actx, cancel := context.WithTimeout(ctx, 14*time.Minute)
	defer cancel()
	var a answer.Answer
	var err error
	if sa, ok := b.answerer.(StreamAnswerer); ok {
		if err := in.Defer(ctx, private); err != nil {
			return Reply{}, err
		}
		// A streamed edit Discord rate limits is not retried: the next one supersedes it. The
		// answerer reports from this goroutine (StreamAnswerer), so the throttle needs no lock.
		ectx := discordsession.WithoutRateLimitRetry(actx)
		var last time.Time
		a, err = sa.AnswerStream(actx, question, func(text string) {
			if time.Since(last) >= b.opts.StreamEvery && strings.TrimSpace(text) != "" {
				last = time.Now()
				_ = in.Edit(ectx, StreamReply(text+" …", b.kb.Current()))
			}
		})
	} else {
		a, err = b.answerer.Answer(actx, question)
	}
	r := b.answered(in.Lang, rec, a, err, start)
	if err == nil {
		b.remember(conversation{key: "msg:" + in.ID, prev: a}, in.ID, "ch:"+in.ChannelID)
	}
	r.Ephemeral = private || r.Ephemeral
	return r, nil
}

// admit applies the question length cap and the per-user rate limit: the refusal, or nil.
func (b *Bot) admit(ctx context.Context, userID, q string) *Refusal {
	t := b.kb.Current()
	n := len([]rune(q))
	switch {
	case strings.TrimSpace(q) == "":
		return &Refusal{Code: CodeEmpty, Args: []any{both{answer.Example(t, "en"), answer.Example(t, "fr")}}}
	case n > b.opts.MaxQuestionLength:
		return &Refusal{Code: CodeTooLong, Args: []any{n, b.opts.MaxQuestionLength}}
	case !b.limiter.Allow(ctx, userID):
		return &Refusal{Code: CodeRateLimited}
	}
	return nil
}

// refused is the notice of a question turned away before answering.
func refused(lang string, rec QuestionRecord, ref Refusal) Reply {
	r := notice(lang, ref)
	r.asked = &asked{QuestionRecord: rec, code: ref.Code}
	return r
}

// answered renders an answer, or the notice of an answerer's failure (for the asker only).
func (b *Bot) answered(lang string, rec QuestionRecord, a answer.Answer, err error, start time.Time) Reply {
	code := CodeAnswered
	switch {
	case err != nil:
		code = CodeAnswerError
	case !a.Answered:
		code = CodeNoAnswer
	}
	r := AnswerReply(rec.Text, a, b.kb.Current())
	if err != nil {
		r = notice(lang, Refusal{Code: code})
	}
	rec.Answer, rec.Err = a, err
	r.code, r.asked = code, &asked{QuestionRecord: rec, code: code, start: start}
	return r
}

// logQuestion writes the one log line per question, its metrics and its record.
func (b *Bot) logQuestion(x *asked) {
	x.At, x.Outcome = time.Now(), x.code.Label()
	if !x.start.IsZero() {
		x.Latency = time.Since(x.start)
	}
	x.Lang = cmp.Or(x.Answer.Lang, x.Lang)
	entry := x.Entry
	if entry == "slash" && b.httpEntry.Load() {
		entry = "http" // slash commands that came through the HTTP interactions endpoint
	}
	b.metrics.Question(entry, x.Outcome, x.Latency)
	if b.opts.Recorder != nil {
		b.opts.Recorder.RecordQuestion(x.QuestionRecord)
	}
	if x.start.IsZero() {
		return
	}
	a := x.Answer
	attrs := []any{"kind", x.Entry, "user", x.UserID, "latency", x.Latency, "answered", a.Answered, "cited", a.EventIDs(),
		"mode", a.Mode, "knowledge", a.Version, "question_chars", len([]rune(x.Text))}
	if a.Fallback != "" {
		attrs = append(attrs, "fallback", a.Fallback)
		b.metrics.LLMFallback(fallbackClass(a.Fallback))
	}
	if a.Usage.PromptTokens > 0 || a.Usage.CompletionTokens > 0 {
		attrs = append(attrs, "prompt_tokens", a.Usage.PromptTokens, "completion_tokens", a.Usage.CompletionTokens)
		b.metrics.LLMTokens(a.Usage.PromptTokens, a.Usage.CompletionTokens)
	}
	if x.Err != nil {
		b.log.Error("question", append(attrs, "err", x.Err)...)
		return
	}
	b.log.Info("question", attrs...)
}

// fallbackClass reduces a fallback reason to a bounded metric label, without its details (status
// codes, passage numbers, quoted text): "server error (HTTP 503)" → "server error".
func fallbackClass(reason string) string {
	if i := strings.IndexAny(reason, "([:;\"0123456789"); i >= 0 {
		reason = reason[:i]
	}
	reason = strings.TrimSpace(reason)
	return cmp.Or(reason[:min(len(reason), 48)], "other")
}

// handleMessage answers, with a reply, direct messages, mentions, replies to its answers and
// messages in a thread it answered in; the last three and DMs continue a conversation.
func (b *Bot) handleMessage(ctx context.Context, s *discordgo.Session, m *discordgo.Message) {
	self, _ := b.botUserID.Load().(string)
	if m.Author == nil || m.Author.Bot || m.Author.ID == self || self == "" {
		return
	}
	kind, conv, ok := "mention", conversation{}, true
	if m.GuildID == "" {
		if b.opts.NoDMs {
			b.log.Debug("direct message ignored (DMS_ENABLED=false)", "channel", m.ChannelID)
			return
		}
		kind = "dm"
		conv, _ = b.memory.Get("dm:" + m.ChannelID)
		conv.key = "dm:" + m.ChannelID
	} else if conv, ok = b.serverConversation(ctx, m, self); !ok {
		return
	}
	q := strings.TrimSpace(strings.NewReplacer("<@"+self+">", "", "<@!"+self+">", "").Replace(m.Content)) // its own mention
	rec := QuestionRecord{Ref: m.ID, Entry: kind, GuildID: m.GuildID, ChannelID: m.ChannelID, UserID: m.Author.ID, Text: q}
	lang := cmp.Or(textproc.Language(q), "en")
	var r Reply
	if refusal := b.admit(ctx, m.Author.ID, q); refusal != nil {
		r = refused(lang, rec, *refusal)
	} else {
		start := time.Now()
		_ = s.ChannelTyping(m.ChannelID, discordgo.WithContext(ctx))
		question := answer.Question{Text: q, Conversation: conv.key}
		a, offline := b.followUp(conv, question)
		var err error
		if !offline {
			a, err = b.answerer.Answer(ctx, question)
		}
		if r = b.answered(lang, rec, a, err, start); err == nil {
			where := "ch:" + m.ChannelID
			if kind == "dm" {
				where = conv.key
			}
			b.remember(conversation{key: conv.key, prev: a}, m.ID, where)
		}
	}
	b.logQuestion(r.asked)
	r.Ephemeral = false
	ref := &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
	if _, err := s.ChannelMessageSendComplex(m.ChannelID, r.MessageSend(ref), discordgo.WithContext(ctx)); err != nil {
		b.log.Error("reply to message", "channel", m.ChannelID, "err", err)
	}
}

// serverConversation decides whether a server message is for the bot and which conversation it
// continues: a mention starts one; a reply to one of the bot's answers, or a message in a thread
// the bot answered in, continues it. Outside ALLOWED_CHANNEL_IDS nothing is for the bot.
func (b *Bot) serverConversation(ctx context.Context, m *discordgo.Message, self string) (conversation, bool) {
	mentioned := false
	for _, u := range m.Mentions {
		mentioned = mentioned || u.ID == self
	}
	replyTo := m.ReferencedMessage
	if replyTo != nil && (replyTo.Author == nil || replyTo.Author.ID != self) {
		replyTo = nil
	}
	if !mentioned && replyTo == nil {
		// Without the message-content intent Discord sends such messages without their text.
		if _, answeredHere := b.memory.Get("ch:" + m.ChannelID); !answeredHere || strings.TrimSpace(m.Content) == "" || !b.channel(ctx, m.ChannelID).thread {
			return conversation{}, false
		}
	}
	if !b.allowedChannel(ctx, m.ChannelID) {
		return conversation{}, false
	}
	switch {
	case replyTo != nil:
		ref := questionRef(replyTo)
		if c, ok := b.memory.Get(ref); ok {
			return c, true
		}
		c := conversation{key: "msg:" + ref}
		if ids := citedEvents(replyTo); len(ids) > 0 {
			// Another replica, or before a restart, answered: its buttons name the event.
			c.prev, c.ok = answer.Answer{Citations: []answer.Citation{{EventID: ids[0]}}}, true
		}
		return c, true
	case b.channel(ctx, m.ChannelID).thread:
		c, _ := b.memory.Get("ch:" + m.ChannelID) // the answer the bot last gave in the thread, if any
		c.key = "thread:" + m.ChannelID
		return c, true
	}
	return conversation{key: "msg:" + m.ID}, true
}

// followUp answers q without a model when it only makes sense after the conversation's previous
// answer ("what happened next?"); a model answerer keeps its own history and reads them itself.
func (b *Bot) followUp(c conversation, q answer.Question) (answer.Answer, bool) {
	if _, model := b.answerer.(StreamAnswerer); model || !c.ok {
		return answer.Answer{}, false
	}
	return answer.FollowUp(b.kb.Current(), c.prev, q)
}
