package bot

import (
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
