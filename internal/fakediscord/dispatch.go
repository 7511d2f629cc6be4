package fakediscord

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Interaction types.
const (
	InteractionPing           = 1
	InteractionApplicationCmd = 2
	InteractionComponent      = 3
	InteractionAutocomplete   = 4
	InteractionModalSubmit    = 5
	ComponentButton           = 2
	ComponentStringSelect     = 3
	OptionSubCommand          = 1
	OptionSubCommandGroup     = 2
	OptionString              = 3
	OptionInteger             = 4
	OptionBoolean             = 5
	OptionUser                = 6
	OptionChannel             = 7
	OptionRole                = 8
	OptionMentionable         = 9
	OptionNumber              = 10
	OptionAttachment          = 11
)

// InteractionSpec describes an interaction to dispatch. Build it with
// SlashCommand, Autocomplete, Button, SelectMenu, ComponentInteraction or
// ModalSubmit
// and refine it with the With*/In*/By methods; zero fields get defaults
// (the default guild and channel, the default user, locale en-US).
type InteractionSpec struct {
	Type int
	// Guild interaction unless DM is set; GuildID "" = the default guild.
	GuildID   string
	ChannelID string
	DM        bool
	User      User
	// Permissions is the invoking member's permission bitfield (string).
	Permissions string
	Roles       []string
	Locale      string
	GuildLocale string

	// Application commands and autocomplete.
	CommandName string
	CommandType int // 1 chat input (default), 2 user, 3 message
	Options     []CommandOption
	TargetID    string

	// Components and modals.
	CustomID      string
	ComponentType int
	Values        []string
	// MessageID is the message carrying the component; "" = the latest bot
	// message in the channel that has a component with CustomID.
	MessageID   string
	ModalFields map[string]string

	AppPermissions string
}

// CommandOption is an option value in an application command interaction.
type CommandOption struct {
	Name string
	// Type 0 = taken from the registered command, else inferred from Value.
	Type    int
	Value   any
	Focused bool
	Options []CommandOption

	user          *User
	attachmentURL string
}

// SlashCommand builds a CHAT_INPUT command interaction.
func SlashCommand(name string, opts ...CommandOption) InteractionSpec {
	return InteractionSpec{Type: InteractionApplicationCmd, CommandName: name, CommandType: 1, Options: opts}
}

// Autocomplete builds an APPLICATION_COMMAND_AUTOCOMPLETE interaction; mark
// the option being typed with Focused.
func Autocomplete(name string, opts ...CommandOption) InteractionSpec {
	return InteractionSpec{Type: InteractionAutocomplete, CommandName: name, CommandType: 1, Options: opts}
}

// Button builds a button click.
func Button(customID string) InteractionSpec {
	return ComponentInteraction(customID, ComponentButton)
}

// SelectMenu builds a string select interaction with the chosen values.
func SelectMenu(customID string, values ...string) InteractionSpec {
	return ComponentInteraction(customID, ComponentStringSelect, values...)
}

// ComponentInteraction builds a MESSAGE_COMPONENT interaction.
func ComponentInteraction(customID string, componentType int, values ...string) InteractionSpec {
	return InteractionSpec{Type: InteractionComponent, CustomID: customID, ComponentType: componentType, Values: values}
}

// ModalSubmit builds a MODAL_SUBMIT interaction with text input values by
// custom_id.
func ModalSubmit(customID string, fields map[string]string) InteractionSpec {
	return InteractionSpec{Type: InteractionModalSubmit, CustomID: customID, ModalFields: fields}
}

// Opt is a command option with a value (string, int, bool, float64).
func Opt(name string, value any) CommandOption { return CommandOption{Name: name, Value: value} }

// Focused is the option being typed in an autocomplete interaction.
func Focused(name string, partial any) CommandOption {
	return CommandOption{Name: name, Value: partial, Focused: true}
}

// UserOpt is a USER option (resolved data included).
func UserOpt(name string, u User) CommandOption {
	return CommandOption{Name: name, Type: OptionUser, Value: u.ID, user: &u}
}

// AttachmentOpt is an ATTACHMENT option for a file added with AddAttachment.
func AttachmentOpt(name, attachmentURL string) CommandOption {
	return CommandOption{Name: name, Type: OptionAttachment, attachmentURL: attachmentURL}
}

// SubCommand is a sub-command option.
func SubCommand(name string, opts ...CommandOption) CommandOption {
	return CommandOption{Name: name, Type: OptionSubCommand, Options: opts}
}

// SubCommandGroup is a sub-command group option.
func SubCommandGroup(name string, subs ...CommandOption) CommandOption {
	return CommandOption{Name: name, Type: OptionSubCommandGroup, Options: subs}
}

// InGuild places the interaction in a guild channel ("" = defaults).
func (i InteractionSpec) InGuild(guildID, channelID string) InteractionSpec {
	i.DM, i.GuildID, i.ChannelID = false, guildID, channelID
	return i
}

// InDM places the interaction in the user's DM with the bot.
func (i InteractionSpec) InDM() InteractionSpec {
	i.DM, i.GuildID, i.ChannelID = true, "", ""
	return i
}

// By sets the invoking user.
func (i InteractionSpec) By(u User) InteractionSpec { i.User = u; return i }

// WithPermissions sets the member's permissions bitfield, e.g. "8" (ADMINISTRATOR).
func (i InteractionSpec) WithPermissions(p string) InteractionSpec { i.Permissions = p; return i }

// WithRoles sets the member's role ids.
func (i InteractionSpec) WithRoles(ids ...string) InteractionSpec { i.Roles = ids; return i }

// WithLocale sets the user's locale.
func (i InteractionSpec) WithLocale(l string) InteractionSpec { i.Locale = l; return i }

// WithGuildLocale sets the guild's preferred locale.
func (i InteractionSpec) WithGuildLocale(l string) InteractionSpec { i.GuildLocale = l; return i }

// OnMessage sets the message that carries the component.
func (i InteractionSpec) OnMessage(id string) InteractionSpec { i.MessageID = id; return i }

// DispatchInteraction sends INTERACTION_CREATE with a fresh id and token and
// returns the interaction id. The acknowledgement deadline runs from now.
func (s *Server) DispatchInteraction(spec InteractionSpec) string {
	if spec.User.ID == "" {
		spec.User = s.defaultUser
	}
	if spec.User.Username == "" {
		spec.User.Username = "user" + spec.User.ID
	}
	if spec.Locale == "" {
		spec.Locale = "en-US"
	}
	if !validLocales[spec.Locale] {
		s.tb.Errorf("fakediscord: InteractionSpec locale %q is not a Discord locale", spec.Locale)
	}
	if spec.Permissions == "" {
		spec.Permissions = defaultMemberPermissions
	}
	if spec.CommandType == 0 {
		spec.CommandType = 1
	}
	var ch *channelInfo
	if spec.DM {
		ch = s.dmChannel(spec.User)
		spec.GuildID = ""
	} else {
		if spec.GuildID == "" {
			spec.GuildID = s.GuildID()
		}
		if spec.ChannelID == "" && spec.GuildID == s.GuildID() {
			spec.ChannelID = s.defaultChannelID
		}
		if spec.ChannelID == "" {
			spec.ChannelID = s.AddChannel(spec.GuildID, "channel")
		}
		if spec.GuildLocale == "" {
			spec.GuildLocale = "en-US"
		}
		s.mu.Lock()
		ch = s.channels[spec.ChannelID]
		if ch == nil {
			ch = &channelInfo{ID: spec.ChannelID, GuildID: spec.GuildID, Type: 0, Name: "channel"}
			s.channels[ch.ID] = ch
		}
		s.mu.Unlock()
	}
	s.mu.Lock()
	if _, ok := s.users[spec.User.ID]; !ok {
		s.users[spec.User.ID] = spec.User
	}
	s.mu.Unlock()

	id, token := newSnowflake(), newInteractionToken()
	it := &interactionState{id: id, token: token, typ: spec.Type, guildID: spec.GuildID, channelID: ch.ID, user: spec.User}
	p := map[string]any{
		"id":                    id,
		"application_id":        s.opts.AppID,
		"type":                  spec.Type,
		"token":                 token,
		"version":               1,
		"channel_id":            ch.ID,
		"channel":               ch.json(),
		"locale":                spec.Locale,
		"entitlements":          []any{},
		"attachment_size_limit": 10485760,
		"app_permissions":       "2248473465835073",
	}
	if spec.AppPermissions != "" {
		p["app_permissions"] = spec.AppPermissions
	}
	if spec.DM {
		p["user"] = spec.User.json()
		p["context"] = 1
		p["authorizing_integration_owners"] = map[string]any{"0": spec.User.ID}
	} else {
		roles := spec.Roles
		if roles == nil {
			roles = []string{}
		}
		p["guild_id"] = spec.GuildID
		p["guild"] = map[string]any{"id": spec.GuildID, "locale": spec.GuildLocale, "features": []any{}}
		p["guild_locale"] = spec.GuildLocale
		p["member"] = map[string]any{
			"user": spec.User.json(), "roles": roles, "permissions": spec.Permissions,
			"joined_at": timestamp(time.Now().Add(-48 * time.Hour)), "nick": nil, "avatar": nil,
			"deaf": false, "mute": false, "flags": 0, "pending": false, "premium_since": nil,
			"communication_disabled_until": nil, "unusual_dm_activity_until": nil, "banner": nil,
		}
		p["context"] = 0
		p["authorizing_integration_owners"] = map[string]any{"0": spec.GuildID}
	}
	switch spec.Type {
	case InteractionApplicationCmd, InteractionAutocomplete:
		it.name = spec.CommandName
		p["data"] = s.commandData(spec)
	case InteractionComponent:
		it.name = spec.CustomID
		data := map[string]any{"custom_id": spec.CustomID, "component_type": spec.ComponentType}
		if spec.ComponentType != ComponentButton {
			vals := spec.Values
			if vals == nil {
				vals = []string{}
			}
			data["values"] = vals
		}
		p["data"] = data
		msg := s.componentMessage(spec, ch)
		it.componentMsgID = msg.ID
		s.mu.Lock()
		p["message"] = msg.json()
		s.mu.Unlock()
	case InteractionModalSubmit:
		it.name = spec.CustomID
		rows := []any{}
		for k, v := range spec.ModalFields {
			rows = append(rows, map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": k, "value": v}}})
		}
		p["data"] = map[string]any{"custom_id": spec.CustomID, "components": rows}
		if spec.MessageID != "" {
			s.mu.Lock()
			if m := s.messages[spec.MessageID]; m != nil {
				it.componentMsgID = m.ID
				p["message"] = m.json()
			}
			s.mu.Unlock()
		}
	case InteractionPing:
	default:
		s.tb.Errorf("fakediscord: DispatchInteraction: unknown interaction type %d", spec.Type)
	}

	s.mu.Lock()
	it.dispatched = time.Now()
	s.interactions[id] = it
	s.byToken[token] = it
	s.intOrder = append(s.intOrder, id)
	s.notifyLocked()
	s.mu.Unlock()
	if _, err := s.dispatchEvent("INTERACTION_CREATE", p, spec.GuildID, 0); err != nil {
		s.tb.Errorf("fakediscord: DispatchInteraction: %v", err)
	}
	return id
}

// commandData renders data for a command or autocomplete interaction,
// taking option types from the registered command when there is one.
func (s *Server) commandData(spec InteractionSpec) map[string]any {
	s.mu.Lock()
	cmd := s.lookupCommandLocked(spec.GuildID, spec.CommandName, spec.CommandType)
	s.mu.Unlock()
	data := map[string]any{"name": spec.CommandName, "type": spec.CommandType}
	var defs []CommandOptionDef
	if cmd != nil {
		c := commandFromMap(cmd)
		data["id"] = c.ID
		if c.GuildID != "" {
			data["guild_id"] = c.GuildID
		}
		defs = c.Options
	} else {
		data["id"] = newSnowflake()
		s.logf("dispatching /%s, which is not a registered command", spec.CommandName)
	}
	resolved := map[string]map[string]any{}
	opts := s.renderOptions(spec, spec.Options, defs, resolved)
	if len(opts) > 0 {
		data["options"] = opts
	}
	if spec.TargetID != "" {
		data["target_id"] = spec.TargetID
	}
	if len(resolved) > 0 {
		r := map[string]any{}
		for k, v := range resolved {
			r[k] = v
		}
		data["resolved"] = r
	}
	return data
}

func (s *Server) renderOptions(spec InteractionSpec, opts []CommandOption, defs []CommandOptionDef, resolved map[string]map[string]any) []any {
	out := []any{}
	for _, o := range opts {
		var def *CommandOptionDef
		for i := range defs {
			if defs[i].Name == o.Name {
				def = &defs[i]
			}
		}
		t := o.Type
		if t == 0 && def != nil {
			t = def.Type
		}
		if t == 0 {
			t = inferOptionType(o.Value)
		}
		m := map[string]any{"name": o.Name, "type": t}
		switch t {
		case OptionSubCommand, OptionSubCommandGroup:
			var sub []CommandOptionDef
			if def != nil {
				sub = def.Options
			}
			if len(o.Options) > 0 || t == OptionSubCommand {
				m["options"] = s.renderOptions(spec, o.Options, sub, resolved)
			}
		case OptionUser, OptionMentionable:
			m["value"] = fmt.Sprint(o.Value)
			if o.user != nil {
				if resolved["users"] == nil {
					resolved["users"] = map[string]any{}
				}
				resolved["users"][o.user.ID] = o.user.json()
				if !spec.DM {
					if resolved["members"] == nil {
						resolved["members"] = map[string]any{}
					}
					resolved["members"][o.user.ID] = map[string]any{"roles": []any{}, "joined_at": timestamp(time.Now().Add(-72 * time.Hour)), "permissions": defaultMemberPermissions, "nick": nil, "avatar": nil, "flags": 0, "pending": false}
				}
				s.mu.Lock()
				s.users[o.user.ID] = *o.user
				s.mu.Unlock()
			}
		case OptionAttachment:
			a, ok := s.attachmentByURL(o.attachmentURL)
			if !ok {
				s.tb.Errorf("fakediscord: AttachmentOpt(%q): URL not returned by AddAttachment", o.Name)
			}
			m["value"] = a.ID
			if resolved["attachments"] == nil {
				resolved["attachments"] = map[string]any{}
			}
			resolved["attachments"][a.ID] = map[string]any{
				"id": a.ID, "filename": a.Filename, "size": len(a.Content), "url": a.URL, "proxy_url": a.URL,
				"content_type": a.ContentType, "ephemeral": true,
			}
		default:
			m["value"] = optionValue(t, o.Value, o.Focused)
		}
		if o.Focused {
			m["focused"] = true
		}
		out = append(out, m)
	}
	return out
}

func inferOptionType(v any) int {
	switch v.(type) {
	case int, int64, int32, uint, uint64:
		return OptionInteger
	case bool:
		return OptionBoolean
	case float64, float32:
		return OptionNumber
	default:
		return OptionString
	}
}

// optionValue converts a Go value to the JSON value Discord sends for the
// option type; focused (autocomplete) values are the raw typed text.
func optionValue(t int, v any, focused bool) any {
	if focused {
		return fmt.Sprint(v)
	}
	switch t {
	case OptionInteger:
		switch x := v.(type) {
		case string:
			n, _ := strconv.ParseInt(x, 10, 64)
			return n
		}
		return v
	case OptionNumber:
		switch x := v.(type) {
		case string:
			f, _ := strconv.ParseFloat(x, 64)
			return f
		}
		return v
	case OptionBoolean:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// componentMessage finds (or synthesizes) the bot message a component
// interaction comes from.
func (s *Server) componentMessage(spec InteractionSpec, ch *channelInfo) *Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	if spec.MessageID != "" {
		if m := s.messages[spec.MessageID]; m != nil {
			return m
		}
		s.tb.Errorf("fakediscord: component interaction on unknown message %s", spec.MessageID)
	}
	for i := len(s.msgOrder) - 1; i >= 0; i-- {
		m := s.messages[s.msgOrder[i]]
		if m.Deleted || m.ChannelID != ch.ID || m.Author.ID != s.opts.BotUserID {
			continue
		}
		for _, id := range m.CustomIDs() {
			if id == spec.CustomID {
				return m
			}
		}
	}
	// Synthesize a message carrying the component.
	comp := Component{Type: spec.ComponentType, CustomID: spec.CustomID}
	switch spec.ComponentType {
	case ComponentButton:
		comp.Style, comp.Label = 1, spec.CustomID
	case ComponentStringSelect:
		for _, v := range spec.Values {
			comp.Options = append(comp.Options, SelectOption{Label: v, Value: v})
		}
	}
	m := &Message{ID: newSnowflake(), ChannelID: ch.ID, GuildID: ch.GuildID, Source: SourceComponent,
		Author: s.BotUser(), Content: "(message with component " + spec.CustomID + ")", Created: time.Now(),
		Components: []Component{{Type: 1, Components: []Component{comp}}}}
	m.rawComponents = mustJSON(m.Components)
	s.messages[m.ID] = m
	s.msgOrder = append(s.msgOrder, m.ID)
	return m
}

// MessageSpec describes a user message to dispatch as MESSAGE_CREATE.
type MessageSpec struct {
	// ID "" = fresh snowflake.
	ID string
	// DM sends it in the author's DM with the bot; otherwise GuildID/ChannelID
	// ("" = the defaults).
	DM        bool
	GuildID   string
	ChannelID string
	Author    User
	Content   string
	// Mentions lists mentioned users; mentions written in Content as <@id>
	// are added automatically.
	Mentions []User
	// ReplyTo is the id of the message this one replies to.
	ReplyTo string
}

var mentionRe = regexp.MustCompile(`<@!?(\d+)>`)

// DispatchMessage sends MESSAGE_CREATE as Discord would: only when the
// session has GUILD_MESSAGES (guild) or DIRECT_MESSAGES (DM) intent, and
// with empty content in guilds when the session lacks MESSAGE_CONTENT and
// the bot is not mentioned. It returns the message id.
func (s *Server) DispatchMessage(spec MessageSpec) string {
	if spec.Author.ID == "" {
		spec.Author = s.defaultUser
	}
	if spec.Author.Username == "" {
		spec.Author.Username = "user" + spec.Author.ID
	}
	if spec.ID == "" {
		spec.ID = newSnowflake()
	}
	var ch *channelInfo
	if spec.DM {
		ch = s.dmChannel(spec.Author)
	} else {
		if spec.GuildID == "" {
			spec.GuildID = s.GuildID()
		}
		if spec.ChannelID == "" {
			spec.ChannelID = s.defaultChannelID
		}
		s.mu.Lock()
		ch = s.channels[spec.ChannelID]
		if ch == nil {
			ch = &channelInfo{ID: spec.ChannelID, GuildID: spec.GuildID, Name: "channel"}
			s.channels[ch.ID] = ch
		}
		s.mu.Unlock()
	}
	mentions := append([]User(nil), spec.Mentions...)
	seen := map[string]bool{}
	for _, u := range mentions {
		seen[u.ID] = true
	}
	s.mu.Lock()
	if _, ok := s.users[spec.Author.ID]; !ok {
		s.users[spec.Author.ID] = spec.Author
	}
	for _, mm := range mentionRe.FindAllStringSubmatch(spec.Content, -1) {
		if seen[mm[1]] {
			continue
		}
		seen[mm[1]] = true
		u, ok := s.users[mm[1]]
		if !ok {
			u = User{ID: mm[1], Username: "user" + mm[1]}
		}
		mentions = append(mentions, u)
	}
	s.mu.Unlock()
	mentionsBot := seen[s.opts.BotUserID]

	msg := &Message{ID: spec.ID, ChannelID: ch.ID, GuildID: ch.GuildID, Source: SourceUser, Author: spec.Author,
		Content: spec.Content, Mentions: mentions, Created: time.Now()}
	if spec.ReplyTo != "" {
		msg.Reference = &MessageReference{MessageID: spec.ReplyTo, ChannelID: ch.ID, GuildID: ch.GuildID}
	}
	s.storeMessage(msg)

	s.mu.Lock()
	s.notifyLocked()
	p := msg.json()
	if ch.GuildID != "" {
		p["member"] = map[string]any{"roles": []any{}, "joined_at": timestamp(time.Now().Add(-48 * time.Hour)), "deaf": false, "mute": false, "flags": 0, "pending": false, "nick": nil, "avatar": nil, "premium_since": nil}
	}
	if spec.ReplyTo != "" {
		if ref := s.messages[spec.ReplyTo]; ref != nil {
			p["referenced_message"] = ref.json()
		} else {
			p["referenced_message"] = nil
		}
	}
	s.mu.Unlock()
	p["nonce"] = strconv.FormatInt(time.Now().UnixNano(), 10)

	intent := int64(intentDirectMessages)
	if ch.GuildID != "" {
		intent = intentGuildMessages
	}
	intents, ok := s.sessionIntents(ch.GuildID)
	if !ok {
		s.tb.Errorf("fakediscord: DispatchMessage: %v", errNoSession)
		return spec.ID
	}
	if ch.GuildID != "" && intents&intentMessageContent == 0 && !mentionsBot && spec.Author.ID != s.opts.BotUserID {
		// Without MESSAGE_CONTENT, guild messages that do not mention the bot
		// arrive with empty content, embeds, attachments and components.
		p["content"] = ""
		p["embeds"] = []any{}
		p["attachments"] = []any{}
		p["components"] = []any{}
	}
	delivered, err := s.dispatchEvent("MESSAGE_CREATE", p, ch.GuildID, intent)
	if err != nil {
		s.tb.Errorf("fakediscord: DispatchMessage: %v", err)
	} else if !delivered {
		s.logf("MESSAGE_CREATE %s not delivered: the session lacks intent %d", spec.ID, intent)
	}
	return spec.ID
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
