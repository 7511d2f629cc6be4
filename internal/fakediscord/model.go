package fakediscord

import (
	"encoding/json"
	"strconv"
	"time"
)

// defaultMemberPermissions is the @everyone permission set of a new guild.
const defaultMemberPermissions = "2222085186637376"

// User is a Discord user as the fake knows it.
type User struct {
	ID         string
	Username   string
	GlobalName string
	Bot        bool
}

func (u User) json() map[string]any {
	m := map[string]any{
		"id":                     u.ID,
		"username":               u.Username,
		"discriminator":          "0",
		"global_name":            nil,
		"avatar":                 nil,
		"avatar_decoration_data": nil,
		"public_flags":           0,
		"flags":                  0,
		"banner":                 nil,
		"accent_color":           nil,
	}
	if u.GlobalName != "" {
		m["global_name"] = u.GlobalName
	}
	if u.Bot {
		m["bot"] = true
	}
	return m
}

func (c *channelInfo) json() map[string]any {
	m := map[string]any{"id": c.ID, "type": c.Type, "flags": 0, "last_message_id": nil}
	if c.GuildID != "" {
		m["guild_id"] = c.GuildID
		m["name"] = c.Name
		m["position"] = 0
		m["permission_overwrites"] = []any{}
		m["nsfw"] = false
		m["parent_id"] = nil
		if c.ParentID != "" {
			m["parent_id"] = c.ParentID
			m["thread_metadata"] = map[string]any{"archived": false, "auto_archive_duration": 1440, "archive_timestamp": timestamp(time.Now()), "locked": false}
		}
		m["topic"] = nil
		m["rate_limit_per_user"] = 0
	}
	return m
}

// Message sources.
const (
	SourceUser        = "user"        // dispatched to the bot with DispatchMessage
	SourceChannel     = "channel"     // POST /channels/{id}/messages
	SourceInteraction = "interaction" // an interaction's original response
	SourceFollowup    = "followup"    // POST /webhooks/{app}/{token}
	SourceComponent   = "component"   // synthesized host message of a component
)

// Message is a message stored by the fake (sent by the bot or dispatched by
// the test).
type Message struct {
	ID        string
	ChannelID string
	GuildID   string
	Source    string
	// InteractionID is set for interaction responses and follow-ups.
	InteractionID string
	Author        User
	Content       string
	Embeds        []Embed
	Components    []Component
	Flags         int
	// AllowedMentions as last sent (nil when absent).
	AllowedMentions *AllowedMentions
	Reference       *MessageReference
	Attachments     []Attachment
	Mentions        []User
	TTS             bool
	// Loading is true for a deferred (type 5) response not yet edited.
	Loading bool
	Deleted bool
	Created time.Time
	Edited  time.Time
	Edits   int
	// Body is the last JSON body that created or edited the message.
	Body json.RawMessage

	rawEmbeds     json.RawMessage
	rawComponents json.RawMessage
	appID         string // webhook_id/application_id of interaction messages
}

// Ephemeral tells whether the message has the EPHEMERAL flag (1<<6).
func (m Message) Ephemeral() bool { return m.Flags&64 != 0 }

// CustomIDs lists the custom_id of every component in the message.
func (m Message) CustomIDs() []string {
	var out []string
	var walk func([]Component)
	walk = func(cs []Component) {
		for _, c := range cs {
			if c.CustomID != "" {
				out = append(out, c.CustomID)
			}
			walk(c.Components)
			if c.Accessory != nil {
				walk([]Component{*c.Accessory})
			}
		}
	}
	walk(m.Components)
	return out
}

// AllowedMentions is the allowed_mentions object of a message body.
type AllowedMentions struct {
	Parse       []string `json:"parse"`
	Users       []string `json:"users"`
	Roles       []string `json:"roles"`
	RepliedUser *bool    `json:"replied_user"`
}

// MessageReference is a message_reference (replies).
type MessageReference struct {
	Type            int    `json:"type,omitempty"`
	MessageID       string `json:"message_id,omitempty"`
	ChannelID       string `json:"channel_id,omitempty"`
	GuildID         string `json:"guild_id,omitempty"`
	FailIfNotExists *bool  `json:"fail_if_not_exists,omitempty"`
}

// Attachment is a file uploaded with a message (multipart) or referenced.
type Attachment struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	Size        int    `json:"size"`
	URL         string `json:"url"`
	ProxyURL    string `json:"proxy_url"`
	ContentType string `json:"content_type,omitempty"`
	Content     []byte `json:"-"`
}

// Embed is a rich embed.
type Embed struct {
	Title       string       `json:"title,omitempty"`
	Type        string       `json:"type,omitempty"`
	Description string       `json:"description,omitempty"`
	URL         string       `json:"url,omitempty"`
	Timestamp   string       `json:"timestamp,omitempty"`
	Color       int          `json:"color,omitempty"`
	Footer      *EmbedFooter `json:"footer,omitempty"`
	Image       *EmbedMedia  `json:"image,omitempty"`
	Thumbnail   *EmbedMedia  `json:"thumbnail,omitempty"`
	Author      *EmbedAuthor `json:"author,omitempty"`
	Fields      []EmbedField `json:"fields,omitempty"`
	Provider    *EmbedAuthor `json:"provider,omitempty"`
	Video       *EmbedMedia  `json:"video,omitempty"`
}

// EmbedFooter is an embed footer.
type EmbedFooter struct {
	Text    string `json:"text"`
	IconURL string `json:"icon_url,omitempty"`
}

// EmbedMedia is an embed image, thumbnail or video.
type EmbedMedia struct {
	URL string `json:"url"`
}

// EmbedAuthor is an embed author or provider.
type EmbedAuthor struct {
	Name    string `json:"name"`
	URL     string `json:"url,omitempty"`
	IconURL string `json:"icon_url,omitempty"`
}

// EmbedField is an embed field.
type EmbedField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// Component is a message component (action row, button, select, text
// input, and the layout components of components v2, loosely).
type Component struct {
	Type        int            `json:"type"`
	ID          int            `json:"id,omitempty"`
	CustomID    string         `json:"custom_id,omitempty"`
	Style       int            `json:"style,omitempty"`
	Label       string         `json:"label,omitempty"`
	URL         string         `json:"url,omitempty"`
	Disabled    bool           `json:"disabled,omitempty"`
	Placeholder string         `json:"placeholder,omitempty"`
	MinValues   *int           `json:"min_values,omitempty"`
	MaxValues   int            `json:"max_values,omitempty"`
	Options     []SelectOption `json:"options,omitempty"`
	Components  []Component    `json:"components,omitempty"`
	Accessory   *Component     `json:"accessory,omitempty"`
	Content     string         `json:"content,omitempty"`
	Value       string         `json:"value,omitempty"`
	Emoji       map[string]any `json:"emoji,omitempty"`
}

// SelectOption is a string select option.
type SelectOption struct {
	Label       string `json:"label"`
	Value       string `json:"value"`
	Description string `json:"description,omitempty"`
	Default     bool   `json:"default,omitempty"`
}

// Command is a registered application command.
type Command struct {
	ID                       string
	ApplicationID            string
	GuildID                  string
	Version                  string
	Type                     int
	Name                     string
	NameLocalizations        map[string]string
	Description              string
	DescriptionLocalizations map[string]string
	DefaultMemberPermissions *string
	Contexts                 []int
	IntegrationTypes         []int
	NSFW                     bool
	Options                  []CommandOptionDef
	// Raw is the command object as the fake serves it.
	Raw json.RawMessage
}

// CommandOptionDef is an option of a registered command.
type CommandOptionDef struct {
	Type                     int                `json:"type"`
	Name                     string             `json:"name"`
	NameLocalizations        map[string]string  `json:"name_localizations"`
	Description              string             `json:"description"`
	DescriptionLocalizations map[string]string  `json:"description_localizations"`
	Required                 bool               `json:"required"`
	Autocomplete             bool               `json:"autocomplete"`
	Choices                  []CommandChoice    `json:"choices"`
	Options                  []CommandOptionDef `json:"options"`
	MinValue                 *float64           `json:"min_value"`
	MaxValue                 *float64           `json:"max_value"`
	MinLength                *int               `json:"min_length"`
	MaxLength                *int               `json:"max_length"`
	ChannelTypes             []int              `json:"channel_types"`
}

// CommandChoice is a choice of a command option or an autocomplete result.
type CommandChoice struct {
	Name              string            `json:"name"`
	NameLocalizations map[string]string `json:"name_localizations,omitempty"`
	Value             any               `json:"value"`
}

func commandFromMap(m map[string]any) Command {
	raw, _ := json.Marshal(m)
	var c struct {
		ID                       string             `json:"id"`
		ApplicationID            string             `json:"application_id"`
		GuildID                  string             `json:"guild_id"`
		Version                  string             `json:"version"`
		Type                     int                `json:"type"`
		Name                     string             `json:"name"`
		NameLocalizations        map[string]string  `json:"name_localizations"`
		Description              string             `json:"description"`
		DescriptionLocalizations map[string]string  `json:"description_localizations"`
		DefaultMemberPermissions *string            `json:"default_member_permissions"`
		Contexts                 []int              `json:"contexts"`
		IntegrationTypes         []int              `json:"integration_types"`
		NSFW                     bool               `json:"nsfw"`
		Options                  []CommandOptionDef `json:"options"`
	}
	_ = json.Unmarshal(raw, &c)
	return Command{
		ID: c.ID, ApplicationID: c.ApplicationID, GuildID: c.GuildID, Version: c.Version,
		Type: c.Type, Name: c.Name, NameLocalizations: c.NameLocalizations,
		Description: c.Description, DescriptionLocalizations: c.DescriptionLocalizations,
		DefaultMemberPermissions: c.DefaultMemberPermissions, Contexts: c.Contexts,
		IntegrationTypes: c.IntegrationTypes, NSFW: c.NSFW, Options: c.Options, Raw: raw,
	}
}

// Callback is one POST /interactions/{id}/{token}/callback attempt.
type Callback struct {
	InteractionID string
	Time          time.Time
	// Latency is the time between the INTERACTION_CREATE dispatch and the
	// callback's arrival.
	Latency time.Duration
	Type    int
	// Data is the callback's "data" object (nil when absent).
	Data json.RawMessage
	Body json.RawMessage
	// Status is the HTTP status the fake answered (204 when accepted).
	Status int
	// Message is the message the callback created or updated (types 4, 7).
	Message *Message
	// Choices are the autocomplete results (type 8).
	Choices []CommandChoice
}

// Edit is one accepted edit of an interaction's original response.
type Edit struct {
	Time      time.Time
	MessageID string
	Body      json.RawMessage
	// Message is the message after the edit.
	Message Message
}

func (m *Message) clone() Message {
	c := *m
	c.Embeds = append([]Embed(nil), m.Embeds...)
	c.Components = append([]Component(nil), m.Components...)
	c.Attachments = append([]Attachment(nil), m.Attachments...)
	c.Mentions = append([]User(nil), m.Mentions...)
	return c
}

// json renders the message as Discord's message object.
func (m *Message) json() map[string]any {
	msgType := 0
	if m.Reference != nil {
		msgType = 19
	}
	if m.InteractionID != "" {
		msgType = 20
	}
	embeds := json.RawMessage(`[]`)
	if len(m.rawEmbeds) > 0 && string(m.rawEmbeds) != "null" {
		embeds = m.rawEmbeds
	}
	components := json.RawMessage(`[]`)
	if len(m.rawComponents) > 0 && string(m.rawComponents) != "null" {
		components = m.rawComponents
	}
	mentions := []any{}
	for _, u := range m.Mentions {
		mentions = append(mentions, u.json())
	}
	atts := []any{}
	for _, a := range m.Attachments {
		atts = append(atts, map[string]any{"id": a.ID, "filename": a.Filename, "size": a.Size, "url": a.URL, "proxy_url": a.ProxyURL, "content_type": a.ContentType})
	}
	out := map[string]any{
		"id":               m.ID,
		"type":             msgType,
		"content":          m.Content,
		"channel_id":       m.ChannelID,
		"author":           m.Author.json(),
		"attachments":      atts,
		"embeds":           embeds,
		"mentions":         mentions,
		"mention_roles":    []any{},
		"pinned":           false,
		"mention_everyone": false,
		"tts":              m.TTS,
		"timestamp":        timestamp(m.Created),
		"edited_timestamp": nil,
		"flags":            m.Flags,
		"components":       components,
	}
	if m.Loading {
		out["flags"] = m.Flags | 128 // LOADING
	}
	if !m.Edited.IsZero() {
		out["edited_timestamp"] = timestamp(m.Edited)
	}
	if m.GuildID != "" {
		out["guild_id"] = m.GuildID
	}
	if m.Reference != nil {
		ref := map[string]any{"type": m.Reference.Type, "message_id": m.Reference.MessageID, "channel_id": m.ChannelID}
		if m.Reference.ChannelID != "" {
			ref["channel_id"] = m.Reference.ChannelID
		}
		if m.GuildID != "" {
			ref["guild_id"] = m.GuildID
		}
		out["message_reference"] = ref
	}
	if m.appID != "" {
		out["webhook_id"] = m.appID
		out["application_id"] = m.appID
		out["interaction_metadata"] = map[string]any{"id": m.InteractionID, "type": 2, "user": m.Author.json()}
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
