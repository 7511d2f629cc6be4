package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/internal/signedrequest"
)

// The HTTP interactions endpoint. Discord POSTs each interaction, signed with the application's
// Ed25519 key, to the Interactions Endpoint URL and takes the HTTP response body as the interaction's
// first response; later edits go through the webhook endpoints, authenticated by the interaction's
// token. The endpoint shares no state between requests that a replica needs from another (it only
// remembers the interaction ids it handled, to refuse replays), so any number of replicas behind a
// load balancer serve one application.

// Limits of the interactions endpoint (package internal/signedrequest checks them).
const (
	// MaxInteractionBody is the largest request body accepted; Discord's interactions are a few KiB.
	MaxInteractionBody = signedrequest.MaxBody
	// MaxSignatureAge is how old a request's X-Signature-Timestamp may be; older requests are
	// refused as replays.
	MaxSignatureAge = signedrequest.MaxAge
	// MaxSignatureSkew is how far in the future a timestamp may be, for clocks that disagree a little.
	MaxSignatureSkew = signedrequest.MaxSkew
	// DefaultHTTPAckTimeout bounds how long an interaction through the endpoint may go without a
	// response before it is deferred; Discord drops the request after 3 seconds.
	DefaultHTTPAckTimeout = 2500 * time.Millisecond
)

// InteractionsHandler returns the HTTP interactions endpoint, to be mounted at the path the
// application's Interactions Endpoint URL names (conventionally /interactions). It accepts only
// POSTs whose Ed25519 signature (X-Signature-Ed25519 over X-Signature-Timestamp + body) verifies with
// publicKey — checked before the body is parsed — with a fresh timestamp and a body of at most
// MaxInteractionBody bytes, and answers 405, 401 or 413 otherwise. A second request for an
// interaction id already handled within the timestamp window (a replay) is refused with 401, as a
// request that fails authentication, and never handled again (internal/signedrequest). It answers PING with PONG and
// hands every other interaction to the bot: the first response becomes the HTTP response, deferred
// by the bot's one deferral policy after Options.AckBudget and within Options.HTTPAckTimeout; later edits go through rest's webhook endpoints, which need no bot token.
//
// Slash-command questions of a bot serving this endpoint are counted under the entry point http.
func (b *Bot) InteractionsHandler(publicKey ed25519.PublicKey, rest *discordgo.Session) http.Handler {
	b.httpEntry.Store(true)
	timeout := b.opts.HTTPAckTimeout
	if timeout <= 0 {
		timeout = DefaultHTTPAckTimeout
	}
	if rest != nil {
		b.rest.Store(rest)
	}
	return &interactionsHandler{b: b, verifier: signedrequest.NewVerifier(publicKey), rest: rest, budget: timeout}
}

// RegisterCommands installs the bot's commands with one bulk overwrite through the REST session s,
// in DISCORD_GUILD_ID when set, else globally; the gateway mode does it on READY, the HTTP mode at
// start. appID is the application's id, "" to ask Discord (GET /applications/@me).
func (b *Bot) RegisterCommands(ctx context.Context, s *discordgo.Session, appID string) error {
	if appID != "" {
		b.appID.Store(appID)
	}
	return b.register(ctx, s)
}

type interactionsHandler struct {
	b        *Bot
	verifier *signedrequest.Verifier
	rest     *discordgo.Session
	budget   time.Duration
}

var pongBody = []byte(`{"type":1}`)

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
		writeBody(w, "application/json", pongBody)
		return
	}
	// Checked after the signature, so only requests Discord signed can enter the set: an
	// attacker cannot fill it with made-up ids to have real interactions refused.
	if !h.verifier.First(i.ID) {
		h.b.log.Warn("replayed interaction refused", "type", i.Type.String(), "id", i.ID)
		signedrequest.Error(w, http.StatusUnauthorized, "interaction already handled (replayed request)")
		return
	}
	h.serveInteraction(w, r, &i)
}

// serveInteraction runs the interaction through the bot in a goroutine, counted as in flight, and
// answers the request with its first response.
func (h *interactionsHandler) serveInteraction(w http.ResponseWriter, r *http.Request, i *discordgo.Interaction) {
	t := &httpTransport{rest: restResponder{h.rest}, first: make(chan *discordgo.InteractionResponse, 1), acked: make(chan struct{})}
	go h.b.track(func(ctx context.Context) { h.b.handleInteraction(ctx, i, t, h.budget) }, func() {
		_ = t.respond(context.Background(), i, restarting(i))
	})
	select {
	case resp := <-t.first:
		t.written(writeResponse(w, resp))
	case <-r.Context().Done():
		t.written(fmt.Errorf("the interaction request was abandoned before a response: %w", r.Context().Err()))
	}
}

// writeResponse writes an interaction response as the HTTP response: JSON, or multipart when it
// carries files.
func writeResponse(w http.ResponseWriter, resp *discordgo.InteractionResponse) error {
	if resp.Data != nil && len(resp.Data.Files) > 0 {
		ct, body, err := discordgo.MultipartBodyWithJSON(resp, resp.Data.Files)
		if err != nil {
			signedrequest.Error(w, http.StatusInternalServerError, "could not encode the response")
			return fmt.Errorf("encode interaction response: %w", err)
		}
		return writeBody(w, ct, body)
	}
	body, err := json.Marshal(resp)
	if err != nil {
		signedrequest.Error(w, http.StatusInternalServerError, "could not encode the response")
		return fmt.Errorf("encode interaction response: %w", err)
	}
	return writeBody(w, "application/json", body)
}

func writeBody(w http.ResponseWriter, contentType string, body []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("write interaction response: %w", err)
	}
	// Send it now: the bot may edit the response right after, and Discord must have it first.
	if err := http.NewResponseController(w).Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("flush interaction response: %w", err)
	}
	return nil
}

// httpTransport delivers one HTTP interaction: its first response is handed to the HTTP handler
// to become the response body; the rest go through the REST session's webhook endpoints once that
// body is written (Discord must have the response before it can be edited).
type httpTransport struct {
	rest   restResponder
	first  chan *discordgo.InteractionResponse // capacity 1
	acked  chan struct{}                       // closed once the HTTP response is written (or abandoned)
	ackErr error                               // why it could not be; read after acked is closed
}

func (t *httpTransport) respond(ctx context.Context, _ *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	t.first <- resp
	return t.waitAcked(ctx)
}

func (t *httpTransport) edit(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	return t.then(ctx, func() error { return t.rest.edit(ctx, i, e) })
}

func (t *httpTransport) followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error {
	return t.then(ctx, func() error { return t.rest.followup(ctx, i, p) })
}

func (t *httpTransport) deleteOriginal(ctx context.Context, i *discordgo.Interaction) error {
	return t.then(ctx, func() error { return t.rest.deleteOriginal(ctx, i) })
}

// then calls f once the first response is written, unless it could not be.
func (t *httpTransport) then(ctx context.Context, f func() error) error {
	if err := t.waitAcked(ctx); err != nil {
		return err
	}
	if t.rest.s == nil {
		return errors.New("no REST session to reach Discord's webhook endpoints")
	}
	return f()
}

func (t *httpTransport) waitAcked(ctx context.Context) error {
	select {
	case <-t.acked:
		return t.ackErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (t *httpTransport) written(err error) {
	t.ackErr = err
	close(t.acked)
}
