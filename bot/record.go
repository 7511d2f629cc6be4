package bot

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
)

// Recorder keeps a record of every question and feedback click, for moderators (the database).
// Its methods are called on the answer path and must return at once: a database recorder queues.
type Recorder interface {
	RecordQuestion(QuestionRecord)
	RecordFeedback(FeedbackRecord)
}

// QuestionRecord is one question and what the bot did with it.
type QuestionRecord struct {
	At time.Time
	// Ref is the Discord id of what asked: the interaction, or the message for DMs and mentions.
	// The answer message carries it back on feedback clicks (FeedbackRecord.QuestionRef).
	Ref string
	// Entry is slash, dm or mention.
	Entry                      string
	GuildID, ChannelID, UserID string
	Text, Lang                 string
	// Outcome is the metrics' outcome: answered, no_answer, refused (empty or too long),
	// rate_limited or error.
	Outcome string
	Answer  answer.Answer
	Err     error
	Latency time.Duration
}

// FeedbackRecord is one Helpful / Wrong event click.
type FeedbackRecord struct {
	At time.Time
	// QuestionRef is the Ref of the question the clicked answer answered, when Discord says.
	QuestionRef                           string
	MessageID, GuildID, ChannelID, UserID string
	Helpful                               bool
	EventID                               string
	Cited                                 []string
	Question                              string
}

// SharedLimiter counts per-user rate limits where every replica sees them (the database).
type SharedLimiter interface {
	Allow(ctx context.Context, key string, perMinute float64, burst int) (bool, error)
}

// DefaultSharedLimitBudget bounds the wait for a shared rate limit when Options.SharedLimitBudget
// is 0: past it (or on an error) the replica's own limiter decides, so a slow database never
// delays an answer by more.
const DefaultSharedLimitBudget = 250 * time.Millisecond

// allow applies the per-user rate limit: shared by replicas when a SharedLimiter is set, with
// this replica's limiter as the fallback while the database does not answer.
func (b *Bot) allow(ctx context.Context, userID string) bool {
	rl := b.opts.RateLimit
	if b.opts.SharedLimiter == nil || !rl.Enabled || rl.PerMinute <= 0 {
		return b.limiter.allow(userID)
	}
	budget := b.opts.SharedLimitBudget
	if budget <= 0 {
		budget = DefaultSharedLimitBudget
	}
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	ok, err := b.opts.SharedLimiter.Allow(ctx, userID, rl.PerMinute, rl.Burst)
	if err != nil {
		// One line per outage rather than per question.
		if now := time.Now().UnixNano(); now-b.sharedLimitWarned.Load() > int64(10*time.Second) {
			b.sharedLimitWarned.Store(now)
			b.log.Warn("shared rate limit unavailable; this replica's own limit applies (logged at most every 10 s)", "err", err)
		}
		return b.limiter.allow(userID)
	}
	return ok
}

// slashRecord is the record of the question of /ask, before it is answered.
func slashRecord(in *Interaction) QuestionRecord {
	return QuestionRecord{Ref: in.ID, Entry: "slash", GuildID: in.GuildID, ChannelID: in.ChannelID, UserID: in.UserID(), Text: in.String("question"), Lang: in.Lang}
}

// questionRef finds, on the answer message a button belongs to, the id of the question it
// answered: the interaction that asked (slash commands) or the message replied to (DMs, mentions).
func questionRef(m *discordgo.Message) string {
	switch {
	case m == nil:
		return ""
	case m.InteractionMetadata != nil && m.InteractionMetadata.ID != "":
		return m.InteractionMetadata.ID
	case m.Interaction != nil && m.Interaction.ID != "":
		return m.Interaction.ID
	case m.MessageReference != nil:
		return m.MessageReference.MessageID
	}
	return ""
}
