package fakediscord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// msgBody is the typed view of a message-creating or -editing body.
type msgBody struct {
	Content          *string           `json:"content"`
	Embeds           json.RawMessage   `json:"embeds"`
	Components       json.RawMessage   `json:"components"`
	Flags            *int              `json:"flags"`
	AllowedMentions  *AllowedMentions  `json:"allowed_mentions"`
	MessageReference *MessageReference `json:"message_reference"`
	TTS              *bool             `json:"tts"`
	Attachments      json.RawMessage   `json:"attachments"`
	StickerIDs       []string          `json:"sticker_ids"`
	Poll             json.RawMessage   `json:"poll"`
}

func isNullOrEmpty(r json.RawMessage) bool {
	s := string(r)
	return len(r) == 0 || s == "null" || s == "[]"
}

// decodeMsgBody decodes raw (a JSON object); present lists its top-level keys.
func decodeMsgBody(raw []byte) (msgBody, map[string]bool, error) {
	var b msgBody
	if err := json.Unmarshal(raw, &b); err != nil {
		return b, nil, err
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(raw, &keys)
	present := map[string]bool{}
	for k := range keys {
		present[k] = true
	}
	return b, present, nil
}

// apply sets the message fields present in b (all of them for a creation).
func (m *Message) apply(b msgBody, present map[string]bool, files []Attachment, raw []byte, create bool) {
	if create || present["content"] {
		m.Content = ""
		if b.Content != nil {
			m.Content = *b.Content
		}
	}
	if create || present["embeds"] {
		m.rawEmbeds = nil
		m.Embeds = nil
		if !isNullOrEmpty(b.Embeds) {
			m.rawEmbeds = b.Embeds
			_ = json.Unmarshal(b.Embeds, &m.Embeds)
		}
	}
	if create || present["components"] {
		m.rawComponents = nil
		m.Components = nil
		if !isNullOrEmpty(b.Components) {
			m.rawComponents = b.Components
			_ = json.Unmarshal(b.Components, &m.Components)
		}
	}
	if b.Flags != nil {
		if create {
			m.Flags = *b.Flags
		} else {
			// Edits may only toggle SUPPRESS_EMBEDS (and set IS_COMPONENTS_V2).
			m.Flags = m.Flags&^flagSuppressEmbeds | *b.Flags&flagSuppressEmbeds | *b.Flags&flagComponentsV2
		}
	}
	if present["allowed_mentions"] || create {
		m.AllowedMentions = b.AllowedMentions
	}
	if b.TTS != nil && create {
		m.TTS = *b.TTS
	}
	if present["attachments"] && !create {
		// "attachments" in an edit lists the attachments to keep.
		var keep []struct {
			ID json.RawMessage `json:"id"`
		}
		_ = json.Unmarshal(b.Attachments, &keep)
		ids := map[string]bool{}
		for _, k := range keep {
			var s string
			if json.Unmarshal(k.ID, &s) == nil {
				ids[s] = true
			}
		}
		var kept []Attachment
		for _, a := range m.Attachments {
			if ids[a.ID] {
				kept = append(kept, a)
			}
		}
		m.Attachments = kept
	}
	m.Attachments = append(m.Attachments, files...)
	m.Body = append(json.RawMessage(nil), raw...)
	if !create {
		m.Edited = time.Now()
		m.Edits++
		m.Loading = false
	}
}

func (m *Message) empty() bool {
	return m.Content == "" && len(m.Embeds) == 0 && len(m.Components) == 0 && len(m.Attachments) == 0
}

// checkMentionRule records a violation when body m could ping someone.
func (c *reqCtx) checkMentionRule(what string, m map[string]any) {
	if m == nil {
		return
	}
	if p := mentionRule(m); p != "" {
		c.s.violation("%s %s (%s): %s — the bot must never ping anybody", c.r.Method, c.displayPath(), what, p)
	}
}

// checkedMessage applies Discord's message rules and the no-ping rule to the request body, then
// decodes it; what names the kind of message in violations. On a refusal it has answered already.
func (c *reqCtx) checkedMessage(what string) (msgBody, map[string]bool, bool) {
	m := c.obj()
	if m == nil {
		m = map[string]any{}
	}
	fe := &formErrors{}
	messageRules(fe, nil, m)
	if !c.check(fe) {
		return msgBody{}, nil, false
	}
	c.checkMentionRule(what, m)
	return c.decodeMessage()
}

func (c *reqCtx) decodeMessage() (msgBody, map[string]bool, bool) {
	raw := c.body
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	b, present, err := decodeMsgBody(raw)
	if err != nil {
		c.s.violation("%s %s: body fields have wrong types: %v", c.r.Method, c.displayPath(), err)
		writeJSON(c.w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035,
			"errors": map[string]any{"_errors": []any{map[string]any{"code": "TYPE_ERROR", "message": err.Error()}}}})
		return b, nil, false
	}
	return b, present, true
}

// ---- channel messages ----

func (s *Server) handleChannelPost(c *reqCtx) {
	cid := c.params[0]
	s.mu.Lock()
	ch, ok := s.channels[cid]
	s.mu.Unlock()
	if !ok {
		c.fail(http.StatusNotFound, 10003, "Unknown Channel", "posting to a channel the bot never saw (use AddChannel for configured channels)")
		return
	}
	b, present, ok := c.checkedMessage("channel message")
	if !ok {
		return
	}
	msg := &Message{ID: newSnowflake(), ChannelID: cid, GuildID: ch.GuildID, Source: SourceChannel, Author: s.BotUser(), Created: c.arrival}
	msg.apply(b, present, c.files, c.body, true)
	if msg.Flags&flagEphemeral != 0 {
		s.violation("%s %s: the EPHEMERAL flag only works on interaction responses; Discord drops it and posts the message publicly", c.r.Method, c.displayPath())
		msg.Flags &^= flagEphemeral
	}
	if msg.empty() && len(b.StickerIDs) == 0 && isNullOrEmpty(b.Poll) {
		c.fail(http.StatusBadRequest, 50006, "Cannot send an empty message", "no content, embeds, components or files")
		return
	}
	if ref := b.MessageReference; ref != nil && ref.Type == 0 {
		s.mu.Lock()
		target, found := s.messages[ref.MessageID]
		found = found && !target.Deleted && target.ChannelID == cid
		s.mu.Unlock()
		if !found {
			if ref.FailIfNotExists == nil || *ref.FailIfNotExists {
				fe := &formErrors{}
				fe.add([]string{"message_reference"}, "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
				c.check(fe)
				return
			}
		} else {
			msg.Reference = ref
		}
	}
	s.storeMessage(msg)
	s.mu.Lock()
	out := msg.json()
	s.mu.Unlock()
	writeJSON(c.w, http.StatusOK, out)
}

func (s *Server) storeMessage(m *Message) {
	s.mu.Lock()
	s.messages[m.ID] = m
	s.msgOrder = append(s.msgOrder, m.ID)
	// waiters are woken once the response is flushed (serveHTTP)
	s.mu.Unlock()
}

func (s *Server) handleChannelMessage(c *reqCtx) {
	cid, mid := c.params[0], c.params[1]
	s.mu.Lock()
	msg, ok := s.messages[mid]
	if ok && (msg.ChannelID != cid || msg.Deleted) {
		ok = false
	}
	s.mu.Unlock()
	if !ok {
		c.fail(http.StatusNotFound, 10008, "Unknown Message", fmt.Sprintf("message %s does not exist in channel %s", mid, cid))
		return
	}
	if s.readOrDelete(c, msg) {
		return
	}
	switch c.r.Method {
	case http.MethodPatch:
		if msg.Author.ID != s.opts.BotUserID {
			c.fail(http.StatusForbidden, 50005, "Cannot edit a message authored by another user", "editing a message the bot did not write")
			return
		}
		s.editMessage(c, msg, "channel message edit", nil)
	}
}

// editMessage validates and applies an edit body to msg and answers with
// the edited message. onEdit runs under s.mu after the edit.
func (s *Server) editMessage(c *reqCtx, msg *Message, what string, onEdit func(Edit)) {
	b, present, ok := c.checkedMessage(what)
	if !ok {
		return
	}
	s.mu.Lock()
	next := msg.clone()
	next.apply(b, present, c.files, c.body, false)
	if next.empty() {
		s.mu.Unlock()
		c.fail(http.StatusBadRequest, 50006, "Cannot send an empty message", "the edit leaves the message without content, embeds, components or files")
		return
	}
	*msg = next
	if onEdit != nil {
		onEdit(Edit{Time: c.arrival, MessageID: msg.ID, Body: append(json.RawMessage(nil), c.body...), Message: msg.clone()})
	}
	// waiters are woken once the response is flushed (serveHTTP)
	out := msg.json()
	s.mu.Unlock()
	writeJSON(c.w, http.StatusOK, out)
}

// ---- waiting and inspection ----

// Messages returns every stored message (sent by the bot or dispatched by
// the test), in creation order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.msgOrder))
	for _, id := range s.msgOrder {
		out = append(out, s.messages[id].clone())
	}
	return out
}

// Message returns a stored message by id.
func (s *Server) Message(id string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[id]
	if !ok {
		return Message{}, false
	}
	return m.clone(), true
}

// WaitChannelMessage waits until a message posted by the bot with POST
// /channels/{id}/messages satisfies pred (nil = any) in its current state
// (edits are taken into account) and returns it.
func (s *Server) WaitChannelMessage(ctx context.Context, pred func(Message) bool) (Message, error) {
	return s.waitMessage(ctx, "a channel message", func(m *Message) bool { return m.Source == SourceChannel }, pred)
}

// WaitMessage waits until any message sent by the bot (channel message,
// interaction response or follow-up, not loading) satisfies pred.
func (s *Server) WaitMessage(ctx context.Context, pred func(Message) bool) (Message, error) {
	return s.waitMessage(ctx, "a bot message", func(m *Message) bool {
		return (m.Source == SourceChannel || m.Source == SourceInteraction || m.Source == SourceFollowup) && !m.Loading
	}, pred)
}

func (s *Server) waitMessage(ctx context.Context, what string, filter func(*Message) bool, pred func(Message) bool) (Message, error) {
	for {
		s.mu.Lock()
		var cands []Message
		for _, id := range s.msgOrder {
			if m := s.messages[id]; !m.Deleted && filter(m) {
				cands = append(cands, m.clone())
			}
		}
		ch, closed := s.changed, s.closed
		s.mu.Unlock()
		// pred runs without the lock, so it may call the Server's methods.
		for _, m := range cands {
			if pred == nil || pred(m) {
				return m, nil
			}
		}
		if closed {
			return Message{}, fmt.Errorf("fakediscord: waiting for %s: server closed", what)
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return Message{}, fmt.Errorf("fakediscord: waiting for %s: %w", what, ctx.Err())
		}
	}
}

// readOrDelete answers GET and DELETE of a message (channel message or interaction webhook message
// alike) and reports whether it did.
func (s *Server) readOrDelete(c *reqCtx, msg *Message) bool {
	switch c.r.Method {
	case http.MethodGet:
		if !c.checkOpenAPI() {
			return true
		}
		s.mu.Lock()
		out := msg.json()
		s.mu.Unlock()
		writeJSON(c.w, http.StatusOK, out)
	case http.MethodDelete:
		if !c.checkOpenAPI() {
			return true
		}
		s.mu.Lock()
		msg.Deleted = true
		// waiters are woken once the response is flushed (serveHTTP)
		s.mu.Unlock()
		c.w.WriteHeader(http.StatusNoContent)
	default:
		return false
	}
	return true
}
