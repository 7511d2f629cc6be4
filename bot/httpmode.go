package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/internal/discordsession"
	"github.com/timelinebot/timelinebot/internal/signedrequest"
)

// DefaultHTTPAckTimeout bounds how long an interaction may go without a response before it is
// deferred; Discord drops the HTTP request after 3 seconds.
const DefaultHTTPAckTimeout = 2500 * time.Millisecond

// InteractionsHandler returns the HTTP interactions endpoint, mounted at the path the application's
// Interactions Endpoint URL names (conventionally /interactions). Discord POSTs each interaction
// there, signed (checked by internal/signedrequest, which also refuses replays), and takes the
// response body as its first response; later ones go through rest's webhook endpoints, which need
// no bot token. Replicas share nothing but Discord, so any number serve one application behind a
// load balancer. Slash-command questions of a bot serving this endpoint count under the entry http.
func (b *Bot) InteractionsHandler(publicKey ed25519.PublicKey, rest *discordgo.Session) http.Handler {
	b.httpEntry.Store(true)
	if rest != nil {
		b.rest.Store(rest)
	}
	return &interactionsHandler{b: b, verifier: signedrequest.NewVerifier(publicKey)}
}

type interactionsHandler struct {
	b        *Bot
	verifier *signedrequest.Verifier
}

func (h *interactionsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, ok := h.verifier.Body(w, r)
	if !ok {
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		signedrequest.Error(w, http.StatusBadRequest, "the body is not an interaction")
		return
	}
	if i.Type == discordgo.InteractionPing {
		_ = writeResponse(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	// Checked after the signature, so only requests Discord signed can enter the set: an
	// attacker cannot fill it with made-up ids to have real interactions refused.
	if !h.verifier.First(i.ID) {
		h.b.log.Warn("replayed interaction refused", "type", i.Type.String(), "id", i.ID)
		signedrequest.Error(w, http.StatusUnauthorized, "interaction already handled (replayed request)")
		return
	}
	// The bot handles it in its own goroutine; the request waits for the first response.
	t := &restTransport{s: h.b.rest.Load(), first: make(chan *discordgo.InteractionResponse, 1), acked: make(chan struct{})}
	go h.b.track(func(ctx context.Context) { h.b.handleInteraction(ctx, &i, t, h.b.opts.HTTPAckTimeout) },
		func() { _ = t.respond(context.Background(), &i, restarting(&i)) })
	select {
	case resp := <-t.first:
		t.ackErr = writeResponse(w, resp)
	case <-r.Context().Done():
		t.ackErr = fmt.Errorf("the interaction request was abandoned before a response: %w", r.Context().Err())
	}
	close(t.acked)
}

var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeResponse writes an interaction response as the HTTP response, JSON or multipart when it
// carries files, and flushes it: the bot may edit the response right after, and Discord must have
// it first.
func writeResponse(w http.ResponseWriter, resp *discordgo.InteractionResponse) error {
	ct, body, err := "application/json", []byte(nil), error(nil)
	if resp.Data != nil && len(resp.Data.Files) > 0 {
		ct, body, err = discordgo.MultipartBodyWithJSON(resp, resp.Data.Files)
	} else {
		// Encoded into a buffer kept for the next response: no body allocated per request.
		buf := bodies.Get().(*bytes.Buffer)
		defer func() { buf.Reset(); bodies.Put(buf) }()
		err = json.NewEncoder(buf).Encode(resp)
		body = bytes.TrimSuffix(buf.Bytes(), []byte("\n")) // as json.Marshal writes it
	}
	if err != nil {
		signedrequest.Error(w, http.StatusInternalServerError, "could not encode the response")
		return fmt.Errorf("encode interaction response: %w", err)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("write interaction response: %w", err)
	}
	if err := http.NewResponseController(w).Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("flush interaction response: %w", err)
	}
	return nil
}

// restTransport delivers an interaction's responses through a session's REST client. On the HTTP
// endpoint (first set) the first response is handed over to become the HTTP body, and the rest
// wait until it is written: Discord must have the response before it can be edited.
type restTransport struct {
	s      *discordgo.Session
	first  chan *discordgo.InteractionResponse // capacity 1
	acked  chan struct{}                       // closed once the HTTP response is written (or abandoned)
	ackErr error                               // why it could not be; read after acked is closed
}

func (t *restTransport) respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	if t.first == nil {
		return discordsession.ScrubToken(t.s.InteractionRespond(i, resp, discordgo.WithContext(ctx)), i.Token)
	}
	t.first <- resp
	return t.wait(ctx)
}

func (t *restTransport) edit(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	return t.then(ctx, i, func() error { _, err := t.s.InteractionResponseEdit(i, e, discordgo.WithContext(ctx)); return err })
}

func (t *restTransport) followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error {
	return t.then(ctx, i, func() error { _, err := t.s.FollowupMessageCreate(i, true, p, discordgo.WithContext(ctx)); return err })
}

func (t *restTransport) deleteOriginal(ctx context.Context, i *discordgo.Interaction) error {
	return t.then(ctx, i, func() error { return t.s.InteractionResponseDelete(i, discordgo.WithContext(ctx)) })
}

// then calls f once the first response is written, unless it could not be.
func (t *restTransport) then(ctx context.Context, i *discordgo.Interaction, f func() error) error {
	if err := t.wait(ctx); err != nil {
		return err
	}
	if t.s == nil {
		return errors.New("no REST session to reach Discord's webhook endpoints")
	}
	return discordsession.ScrubToken(f(), i.Token)
}

func (t *restTransport) wait(ctx context.Context) error {
	if t.acked == nil {
		return nil
	}
	select {
	case <-t.acked:
		return t.ackErr
	case <-ctx.Done():
		return ctx.Err()
	}
}
