package fakediscord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// interactionState is the fake's record of one dispatched interaction.
type interactionState struct {
	id, token      string
	typ            int
	name           string // command name or component custom_id
	guildID        string
	channelID      string
	user           User
	dispatched     time.Time
	acked          bool
	ackType        int
	callbacks      []Callback
	originalID     string // message of a type 4/5 response
	componentMsgID string // message a component interaction came from
	followups      []string
	edits          []Edit
}

// InteractionRecord is what the fake knows about a dispatched interaction.
type InteractionRecord struct {
	ID           string
	Token        string
	Type         int
	Name         string // command name, or custom_id for components/modals
	GuildID      string
	ChannelID    string
	User         User
	Dispatched   time.Time
	Acknowledged bool
	// AckType is the callback type that acknowledged it (0 = none).
	AckType     int
	Callbacks   []Callback
	Edits       []Edit
	OriginalID  string
	FollowupIDs []string
}

func (it *interactionState) record() InteractionRecord {
	return InteractionRecord{
		ID: it.id, Token: it.token, Type: it.typ, Name: it.name, GuildID: it.guildID, ChannelID: it.channelID,
		User: it.user, Dispatched: it.dispatched, Acknowledged: it.acked, AckType: it.ackType,
		Callbacks: append([]Callback(nil), it.callbacks...), Edits: append([]Edit(nil), it.edits...),
		OriginalID: it.originalID, FollowupIDs: append([]string(nil), it.followups...),
	}
}

// allowedCallbacks maps interaction type -> callback types Discord accepts.
var allowedCallbacks = map[int]map[int]bool{
	1: {1: true},
	2: {4: true, 5: true, 9: true, 12: true},
	3: {4: true, 5: true, 6: true, 7: true, 9: true, 12: true},
	4: {8: true},
	5: {4: true, 5: true, 6: true, 7: true},
}

func (s *Server) handleCallback(c *reqCtx) {
	id, token := c.params[0], c.params[1]
	s.mu.Lock()
	it := s.interactions[id]
	s.mu.Unlock()
	if it == nil || it.token != token {
		c.fail(http.StatusNotFound, 10062, "Unknown interaction", "no interaction with this id and token was dispatched")
		return
	}
	m := c.obj()
	cb := Callback{InteractionID: id, Time: c.arrival, Latency: c.arrival.Sub(it.dispatched), Body: append(json.RawMessage(nil), c.body...)}
	if t, ok := num(m, "type"); ok {
		cb.Type = int(t)
	}
	if d, ok := m["data"]; ok && d != nil {
		cb.Data, _ = json.Marshal(d)
	}
	sw := c.w.(*statusWriter)
	defer func() {
		cb.Status = sw.status
		s.mu.Lock()
		it.callbacks = append(it.callbacks, cb)
		// waiters are woken once the response is flushed (serveHTTP)
		s.mu.Unlock()
	}()
	if cb.Latency > s.opts.AckDeadline {
		c.fail(http.StatusNotFound, 10062, "Unknown interaction",
			fmt.Sprintf("interaction %s acknowledged %v after dispatch; Discord allows %v (defer with type 5/6 first when the answer takes longer)", id, cb.Latency.Round(time.Millisecond), s.opts.AckDeadline))
		return
	}
	s.mu.Lock()
	acked := it.acked
	s.mu.Unlock()
	if acked {
		c.fail(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.", fmt.Sprintf("second callback for interaction %s (use PATCH @original or a follow-up after the first)", id))
		return
	}

	fe := &formErrors{}
	data, _ := obj(m["data"])
	_, isNum := m["type"].(float64)
	switch {
	case m == nil:
		fe.add(nil, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
	case !isNum && s.spec == nil:
		// Without the OpenAPI description, check the type ourselves.
		fe.add([]string{"type"}, "NUMBER_TYPE_COERCE", "Value %v is not int.", m["type"])
	case isNum:
		switch cb.Type {
		case 1, 5, 6, 9, 12:
		case 4, 7:
			if data != nil {
				messageRules(fe, []string{"data"}, data)
			}
		case 8:
			if data != nil {
				autocompleteRules(fe, []string{"data"}, data)
			}
		default:
			fe.add([]string{"type"}, "BASE_TYPE_CHOICES", "Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.")
		}
		if cb.Type == 9 {
			modalRules(fe, []string{"data"}, data)
		}
		if fe.empty() && !allowedCallbacks[it.typ][cb.Type] {
			fe.add([]string{"type"}, "INTERACTION_CALLBACK_TYPE_INVALID", "Callback type %d is not valid for an interaction of type %d.", cb.Type, it.typ)
		}
	}
	if !c.check(fe) {
		return
	}
	if cb.Type == 4 || cb.Type == 7 {
		c.checkMentionRule(fmt.Sprintf("callback type %d", cb.Type), data)
	}
	var b msgBody
	var present map[string]bool
	var dataRaw []byte
	if data != nil {
		dataRaw, _ = json.Marshal(data)
		var err error
		if b, present, err = decodeMsgBody(dataRaw); err != nil && (cb.Type == 4 || cb.Type == 7 || cb.Type == 5) {
			fe.add([]string{"data"}, "TYPE_ERROR", "%v", err)
			c.check(fe)
			return
		}
	}

	s.mu.Lock()
	if it.acked { // raced with a concurrent callback
		s.mu.Unlock()
		c.fail(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.", fmt.Sprintf("concurrent second callback for interaction %s", id))
		return
	}
	var resMsg *Message
	switch cb.Type {
	case 4:
		msg := &Message{ID: newSnowflake(), ChannelID: it.channelID, GuildID: it.guildID, Source: SourceInteraction,
			InteractionID: id, Author: s.BotUser(), Created: c.arrival, appID: s.opts.AppID}
		msg.apply(b, present, c.files, dataRaw, true)
		if msg.empty() {
			s.mu.Unlock()
			c.fail(http.StatusBadRequest, 50006, "Cannot send an empty message", "callback type 4 without content, embeds, components or files")
			return
		}
		s.messages[msg.ID] = msg
		s.msgOrder = append(s.msgOrder, msg.ID)
		it.originalID = msg.ID
		resMsg = msg
	case 5:
		flags := 0
		if b.Flags != nil {
			flags = *b.Flags & flagEphemeral
		}
		msg := &Message{ID: newSnowflake(), ChannelID: it.channelID, GuildID: it.guildID, Source: SourceInteraction,
			InteractionID: id, Author: s.BotUser(), Created: c.arrival, Loading: true, Flags: flags, appID: s.opts.AppID}
		s.messages[msg.ID] = msg
		s.msgOrder = append(s.msgOrder, msg.ID)
		it.originalID = msg.ID
		resMsg = msg
	case 7:
		target := s.messages[it.componentMsgID]
		if target == nil {
			s.mu.Unlock()
			c.fail(http.StatusBadRequest, 50035, "Invalid Form Body", "callback type 7 for an interaction that has no message to update")
			return
		}
		if data != nil {
			next := target.clone()
			next.apply(b, present, c.files, dataRaw, false)
			if next.empty() {
				s.mu.Unlock()
				c.fail(http.StatusBadRequest, 50006, "Cannot send an empty message", "callback type 7 leaves the message empty")
				return
			}
			*target = next
		}
		resMsg = target
	case 8:
		var d struct {
			Choices []CommandChoice `json:"choices"`
		}
		_ = json.Unmarshal(dataRaw, &d)
		cb.Choices = d.Choices
	}
	it.acked = true
	it.ackType = cb.Type
	if resMsg != nil {
		snapshot := resMsg.clone()
		cb.Message = &snapshot
	}
	var out map[string]any
	if c.r.URL.Query().Get("with_response") == "true" {
		out = map[string]any{"interaction": map[string]any{"id": id, "type": it.typ}}
		if resMsg != nil {
			out["interaction"].(map[string]any)["response_message_id"] = resMsg.ID
			out["interaction"].(map[string]any)["response_message_loading"] = resMsg.Loading
			out["interaction"].(map[string]any)["response_message_ephemeral"] = resMsg.Ephemeral()
			out["resource"] = map[string]any{"type": cb.Type, "message": resMsg.json()}
		} else {
			out["resource"] = map[string]any{"type": cb.Type}
		}
	}
	s.mu.Unlock()
	if out != nil {
		writeJSON(c.w, http.StatusOK, out)
		return
	}
	c.w.WriteHeader(http.StatusNoContent)
}

// webhookInteraction authenticates an interaction webhook route by its
// application id and token.
func (c *reqCtx) webhookInteraction() (*interactionState, bool) {
	s := c.s
	app, token := c.params[0], c.params[1]
	if app != s.opts.AppID {
		c.fail(http.StatusNotFound, 10015, "Unknown Webhook", fmt.Sprintf("webhook id %s is not the application id %s (interaction webhooks use the application id)", app, s.opts.AppID))
		return nil, false
	}
	s.mu.Lock()
	it := s.byToken[token]
	s.mu.Unlock()
	if it == nil {
		c.fail(http.StatusUnauthorized, 50027, "Invalid Webhook Token", "no interaction has this token")
		return nil, false
	}
	if age := c.arrival.Sub(it.dispatched); age > s.opts.TokenLifetime {
		c.fail(http.StatusUnauthorized, 50027, "Invalid Webhook Token",
			fmt.Sprintf("interaction %s's token used %v after dispatch; tokens are valid for %v", it.id, age.Round(time.Millisecond), s.opts.TokenLifetime))
		return nil, false
	}
	return it, true
}

func (s *Server) handleWebhookMessage(c *reqCtx) {
	it, ok := c.webhookInteraction()
	if !ok {
		return
	}
	isOriginal := c.route.segs[4] == "@original"
	s.mu.Lock()
	acked, ackType := it.acked, it.ackType
	var target string
	switch {
	case isOriginal && (ackType == 4 || ackType == 5):
		target = it.originalID
	case isOriginal && (ackType == 6 || ackType == 7):
		target = it.componentMsgID
	case !isOriginal:
		mid := c.params[2]
		if mid == it.originalID || mid == it.componentMsgID {
			target, isOriginal = mid, true
		}
		for _, f := range it.followups {
			if f == mid {
				target = mid
			}
		}
	}
	msg := s.messages[target]
	deleted := msg != nil && msg.Deleted
	s.mu.Unlock()
	if isOriginal && !acked {
		c.fail(http.StatusNotFound, 10015, "Unknown Webhook", fmt.Sprintf("%s of @original before interaction %s was acknowledged (send a callback first)", c.r.Method, it.id))
		return
	}
	if msg == nil || deleted {
		why := "no such message for this interaction"
		if isOriginal && target == "" {
			why = fmt.Sprintf("interaction %s was acknowledged with type %d, which has no message", it.id, ackType)
		}
		c.fail(http.StatusNotFound, 10008, "Unknown Message", why)
		return
	}
	if s.readOrDelete(c, msg) {
		return
	}
	switch c.r.Method {
	case http.MethodPatch:
		var onEdit func(Edit)
		if isOriginal {
			onEdit = func(e Edit) { it.edits = append(it.edits, e) }
		}
		s.editMessage(c, msg, "interaction webhook edit", onEdit)
	}
}

func (s *Server) handleFollowup(c *reqCtx) {
	it, ok := c.webhookInteraction()
	if !ok {
		return
	}
	s.mu.Lock()
	acked := it.acked
	s.mu.Unlock()
	if !acked {
		c.fail(http.StatusNotFound, 10015, "Unknown Webhook", fmt.Sprintf("follow-up for interaction %s before it was acknowledged (send a callback first)", it.id))
		return
	}
	b, present, ok := c.checkedMessage("follow-up")
	if !ok {
		return
	}
	s.mu.Lock()
	var msg *Message
	if orig := s.messages[it.originalID]; orig != nil && orig.Loading && !orig.Deleted && it.ackType == 5 {
		// Discord: the first follow-up after a deferred response replaces the
		// loading message (keeping its ephemeral state). Once the loading message
		// is deleted, a follow-up is a new message with its own flags (the usual
		// way to turn a public deferral into an ephemeral error).
		next := orig.clone()
		flags := next.Flags
		next.apply(b, present, c.files, c.body, false)
		next.Flags = flags
		next.Edits, next.Edited = 0, time.Time{}
		msg = orig
		*msg = next
	} else {
		msg = &Message{ID: newSnowflake(), ChannelID: it.channelID, GuildID: it.guildID, Source: SourceFollowup,
			InteractionID: it.id, Author: s.BotUser(), Created: c.arrival, appID: s.opts.AppID}
		msg.apply(b, present, c.files, c.body, true)
		msg.Flags &= flagEphemeral | flagSuppressEmbeds | flagSuppressNotifs | flagComponentsV2
	}
	if msg.empty() {
		s.mu.Unlock()
		c.fail(http.StatusBadRequest, 50006, "Cannot send an empty message", "follow-up without content, embeds, components or files")
		return
	}
	if _, exists := s.messages[msg.ID]; !exists {
		s.messages[msg.ID] = msg
		s.msgOrder = append(s.msgOrder, msg.ID)
	}
	it.followups = append(it.followups, msg.ID)
	// waiters are woken once the response is flushed (serveHTTP)
	out := msg.json()
	s.mu.Unlock()
	if c.r.URL.Query().Get("wait") == "true" {
		writeJSON(c.w, http.StatusOK, out)
		return
	}
	c.w.WriteHeader(http.StatusNoContent)
}

// ---- inspection and waiting ----

// Interaction returns the fake's record of a dispatched interaction.
func (s *Server) Interaction(id string) (InteractionRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.interactions[id]
	if !ok {
		return InteractionRecord{}, false
	}
	return it.record(), true
}

// Unacknowledged lists the ids of dispatched interactions that never got an
// accepted callback.
func (s *Server) Unacknowledged() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, id := range s.intOrder {
		if !s.interactions[id].acked {
			out = append(out, id)
		}
	}
	return out
}

func (s *Server) waitInteraction(ctx context.Context, id, what string, check func(*interactionState) bool) (InteractionRecord, error) {
	return waitFor(ctx, s, what+" of interaction "+id, func() (InteractionRecord, bool) {
		it := s.interactions[id]
		if it == nil || !check(it) {
			return InteractionRecord{}, false
		}
		return it.record(), true
	})
}

// WaitCallback waits for the first callback attempt on the interaction
// (whatever its outcome: see Callback.Status) and returns it.
func (s *Server) WaitCallback(ctx context.Context, interactionID string) (Callback, error) {
	r, err := s.waitInteraction(ctx, interactionID, "a callback", func(it *interactionState) bool { return len(it.callbacks) > 0 })
	if err != nil {
		return Callback{}, err
	}
	return r.Callbacks[0], nil
}

// WaitOriginalEdit waits for the first accepted edit of the interaction's
// original response (PATCH .../messages/@original).
func (s *Server) WaitOriginalEdit(ctx context.Context, interactionID string) (Edit, error) {
	r, err := s.waitInteraction(ctx, interactionID, "an edit of @original", func(it *interactionState) bool { return len(it.edits) > 0 })
	if err != nil {
		return Edit{}, err
	}
	return r.Edits[0], nil
}

// WaitFollowup waits for the first follow-up message of the interaction.
func (s *Server) WaitFollowup(ctx context.Context, interactionID string) (Message, error) {
	r, err := s.waitInteraction(ctx, interactionID, "a follow-up", func(it *interactionState) bool { return len(it.followups) > 0 })
	if err != nil {
		return Message{}, err
	}
	m, _ := s.Message(r.FollowupIDs[0])
	return m, nil
}

// WaitResponse waits until the user can see an answer to the interaction:
// a type 4 response, a deferred response that was edited or replaced by a
// follow-up, a type 7 update, or a follow-up message. It returns that
// message in its current state.
func (s *Server) WaitResponse(ctx context.Context, interactionID string) (Message, error) {
	var id string
	_, err := s.waitInteraction(ctx, interactionID, "a visible response", func(it *interactionState) bool {
		if o := s.messages[it.originalID]; o != nil && !o.Loading {
			id = o.ID
			return true
		}
		if it.ackType == 7 || (it.ackType == 6 && len(it.edits) > 0) {
			id = it.componentMsgID
			return true
		}
		if len(it.followups) > 0 {
			id = it.followups[0]
			return true
		}
		return false
	})
	if err != nil {
		return Message{}, err
	}
	m, _ := s.Message(id)
	return m, nil
}
