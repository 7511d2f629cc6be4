package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// Outcomes of a question.
const (
	// OutcomeAnswered: the bot answered, citing the source.
	OutcomeAnswered = "answered"
	// OutcomeRefused: the source has no answer and the bot said so. These are what moderators
	// read to know what to add to the chronology.
	OutcomeRefused = "refused"
	// OutcomeRateLimited: the asker was over their rate limit.
	OutcomeRateLimited = "rate_limited"
	// OutcomeInvalid: the question was empty or too long.
	OutcomeInvalid = "invalid"
	// OutcomeError: answering failed (the asker was told to try again).
	OutcomeError = "error"
)

// Entries: how a question reached the bot.
const (
	EntrySlash   = "slash"
	EntryDM      = "dm"
	EntryMention = "mention"
	EntryButton  = "button"
)

// Question is one question and what the bot did with it.
type Question struct {
	// ID is the row's id; set when read back.
	ID int64 `json:"id,omitempty"`
	// Ref is the Discord id of the interaction or message that asked; feedback names it.
	Ref   string    `json:"ref"`
	At    time.Time `json:"time"`
	Entry string    `json:"entry"`
	// GuildID is empty in direct messages.
	GuildID   string `json:"guild_id,omitempty"`
	ChannelID string `json:"channel_id,omitempty"`
	// User is, when recording, the asker's Discord user id; the store keeps what STORE_USER_IDS
	// says (a keyed hash, the id, or nothing) and reads that back.
	User string `json:"user,omitempty"`
	Text string `json:"question"`
	// Normalized is the text folded for grouping (lower case, no accents or punctuation); set by
	// the store.
	Normalized string     `json:"normalized"`
	Lang       string     `json:"lang,omitempty"`
	Outcome    string     `json:"outcome"`
	Answer     string     `json:"answer,omitempty"`
	EventIDs   []string   `json:"event_ids"`
	Citations  []Citation `json:"citations"`
	// KnowledgeVersion is the version that answered.
	KnowledgeVersion string `json:"knowledge_version,omitempty"`
	// ModelPhrased says a language model phrased the answer; Fallback why its answer was replaced
	// by the extractive one.
	ModelPhrased     bool          `json:"model_phrased"`
	Fallback         string        `json:"fallback,omitempty"`
	PromptTokens     int           `json:"prompt_tokens,omitempty"`
	CompletionTokens int           `json:"completion_tokens,omitempty"`
	Latency          time.Duration `json:"-"`
	LatencyMS        float64       `json:"latency_ms"`
	Error            string        `json:"error,omitempty"`

	// Feedback holds the clicks on the answer, when read with them.
	Feedback []Feedback `json:"feedback,omitempty"`
}

// Citation is a passage an answer cited.
type Citation struct {
	EventID   string `json:"event_id"`
	Date      string `json:"date"`
	Quote     string `json:"quote"`
	Paragraph int    `json:"paragraph"`
}

// Feedback is one Helpful / Wrong event click.
type Feedback struct {
	ID int64     `json:"id,omitempty"`
	At time.Time `json:"time"`
	// QuestionRef links the click to its question (Question.Ref).
	QuestionRef string `json:"question_ref,omitempty"`
	// MessageID is the answer message clicked.
	MessageID string `json:"message_id,omitempty"`
	GuildID   string `json:"guild_id,omitempty"`
	ChannelID string `json:"channel_id,omitempty"`
	// User is as in Question.
	User    string `json:"user,omitempty"`
	Helpful bool   `json:"helpful"`
	// EventID is the event the click names.
	EventID string `json:"event_id"`
	// Cited are the events the answer cited.
	Cited        []string `json:"cited,omitempty"`
	QuestionText string   `json:"question,omitempty"`
}

// Normalize folds a question for grouping: lower case, accents, apostrophes and punctuation
// dropped, words separated by single spaces, so "What happened on Oct. 21?" and "what happened on
// oct 21" count as one question, and so do "Assange's" and "assanges".
func Normalize(text string) string {
	return strings.Join(textproc.Words(textproc.Fold(apostrophes.Replace(text))), " ")
}

var apostrophes = strings.NewReplacer("'", "", "\u2019", "", "\u02bc", "")

// userKey is what the store keeps about a Discord user id under the STORE_USER_IDS policy.
func (s *Store) userKey(id string) string {
	if id == "" {
		return ""
	}
	switch s.opts.UserIDs {
	case UserIDsRaw:
		return id
	case UserIDsNone:
		return ""
	}
	return s.hashed(id)
}

// hashed is the keyed hash of an id: "h:" and 24 hex digits (96 bits of HMAC-SHA-256).
func (s *Store) hashed(id string) string {
	m := hmac.New(sha256.New, s.hashKey)
	m.Write([]byte(id))
	return "h:" + hex.EncodeToString(m.Sum(nil)[:12])
}

// UserKey returns the key the store keeps for a Discord user id (what export and stats show),
// so an operator can find one user's records, for instance to delete them on request.
func (s *Store) UserKey(id string) string { return s.userKey(id) }
