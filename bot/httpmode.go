package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The HTTP interactions endpoint. Discord POSTs each interaction, signed with the application's
// Ed25519 key, to the Interactions Endpoint URL and takes the HTTP response body as the interaction's
// first response; later edits go through the webhook endpoints, authenticated by the interaction's
// token. The endpoint shares no state between requests that a replica needs from another (it only
// remembers the interaction ids it handled, to refuse replays), so any number of replicas behind a
// load balancer serve one application.

// Limits of the interactions endpoint.
const (
	// MaxInteractionBody is the largest request body accepted; Discord's interactions are a few KiB.
	MaxInteractionBody = 64 << 10
	// MaxSignatureAge is how old a request's X-Signature-Timestamp may be; older requests are
	// refused as replays.
	MaxSignatureAge = 5 * time.Minute
	// MaxSignatureSkew is how far in the future a timestamp may be, for clocks that disagree a little.
	MaxSignatureSkew = time.Minute
	// DefaultHTTPAckTimeout is how long the endpoint waits for the bot's first response before it
	// answers with a deferral itself; Discord drops the request after 3 seconds.
	DefaultHTTPAckTimeout = 2500 * time.Millisecond
)

// InteractionsHandler returns the HTTP interactions endpoint, to be mounted at the path the
// application's Interactions Endpoint URL names (conventionally /interactions). It accepts only
// POSTs whose Ed25519 signature (X-Signature-Ed25519 over X-Signature-Timestamp + body) verifies with
// publicKey — checked before the body is parsed — with a fresh timestamp and a body of at most
// MaxInteractionBody bytes, and answers 405, 401 or 413 otherwise. A second request for an
// interaction id already handled within the timestamp window (a replay) is refused with 401, as a
// request that fails authentication, and never handled again (see replay.go). It answers PING with PONG and
// hands every other interaction to HandleInteraction: the first response becomes the HTTP response;
// a handler that has not responded within Options.HTTPAckTimeout gets a deferral sent for it, its
// late response edited in. Edits go through rest's webhook endpoints, which need no bot token.
//
// Slash-command questions of a bot serving this endpoint are counted under the entry point http.
func (b *Bot) InteractionsHandler(publicKey ed25519.PublicKey, rest *discordgo.Session) http.Handler {
	b.httpEntry.Store(true)
	timeout := b.opts.HTTPAckTimeout
	if timeout <= 0 {
		timeout = DefaultHTTPAckTimeout
	}
	return &interactionsHandler{b: b, key: publicKey, rest: rest, ackTimeout: timeout, now: time.Now,
		replays: newReplayGuard(MaxSignatureAge+MaxSignatureSkew, DefaultReplayCapacity)}
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
	b          *Bot
	key        ed25519.PublicKey
	rest       *discordgo.Session
	ackTimeout time.Duration
	now        func() time.Time
	replays    *replayGuard
}

var pongBody = []byte(`{"type":1}`)

func (h *interactionsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		httpError(w, http.StatusMethodNotAllowed, "only POST is accepted")
		return
	}
	sigHex, tsText := r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp")
	if sigHex == "" || tsText == "" {
		httpError(w, http.StatusUnauthorized, "missing X-Signature-Ed25519 or X-Signature-Timestamp")
		return
	}
	if r.ContentLength > MaxInteractionBody {
		httpError(w, http.StatusRequestEntityTooLarge, "body too large")
		return
	}
	// The signed message is timestamp + body: read the body right after the timestamp in one buffer.
	msg, err := readSigned(http.MaxBytesReader(w, r.Body, MaxInteractionBody), tsText, r.ContentLength)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			httpError(w, http.StatusRequestEntityTooLarge, "body too large")
			return
		}
		httpError(w, http.StatusBadRequest, "could not read the body")
		return
	}
	body := msg[len(tsText):]
	if !h.fresh(tsText) {
		httpError(w, http.StatusUnauthorized, "stale or invalid timestamp")
		return
	}
	if !verify(h.key, sigHex, msg) {
		httpError(w, http.StatusUnauthorized, "invalid request signature")
		return
	}

	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		httpError(w, http.StatusBadRequest, "the body is not an interaction")
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeBody(w, "application/json", pongBody)
		return
	}
	// Checked after the signature, so only requests Discord signed can enter the set: an
	// attacker cannot fill it with made-up ids to have real interactions refused.
	if !h.replays.first(i.ID, h.now()) {
		h.b.log.Warn("replayed interaction refused", "type", i.Type.String(), "id", i.ID)
		httpError(w, http.StatusUnauthorized, "interaction already handled (replayed request)")
		return
	}
	h.serveInteraction(w, r, &i)
}

// fresh reports whether a Unix-seconds timestamp is within the accepted window.
func (h *interactionsHandler) fresh(ts string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	age := h.now().Sub(time.Unix(sec, 0))
	return age <= MaxSignatureAge && age >= -MaxSignatureSkew
}

// readSigned returns ts followed by everything read from body; size is the announced length
// (-1 when unknown), used to allocate once.
func readSigned(body io.Reader, ts string, size int64) ([]byte, error) {
	n := 512
	if size > 0 && size <= MaxInteractionBody {
		n = int(size) + 1 // +1 so that reading to EOF needs no growth
	}
	buf := append(make([]byte, 0, len(ts)+n), ts...)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow
		}
		m, err := body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// verify checks an Ed25519 signature (hex) over msg, the timestamp followed by the body.
func verify(key ed25519.PublicKey, sigHex string, msg []byte) bool {
	if len(key) != ed25519.PublicKeySize || len(sigHex) != 2*ed25519.SignatureSize {
		return false
	}
	var sig [ed25519.SignatureSize]byte
	if _, err := hex.Decode(sig[:], []byte(sigHex)); err != nil {
		return false
	}
	return ed25519.Verify(key, msg, sig[:])
}

// serveInteraction runs the interaction through the bot in a goroutine, counted as in flight, and
// answers the request with its first response, a deferral made on its behalf when it takes too
// long, or a notice when it ends without responding.
func (h *interactionsHandler) serveInteraction(w http.ResponseWriter, r *http.Request, i *discordgo.Interaction) {
	hr := newHTTPResponder(h.rest, i.Type)
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.b.track(func(ctx context.Context) { h.b.HandleInteraction(ctx, i, hr) }, func() {
			_ = hr.respond(context.Background(), i, restartingResponse(i))
		})
	}()

	timer := time.NewTimer(h.ackTimeout)
	defer timer.Stop()
	var resp *discordgo.InteractionResponse
	select {
	case resp = <-hr.first:
	case <-done:
		select {
		case resp = <-hr.first:
		default:
			resp = hr.deferOnBehalf(failedResponse(i))
			h.b.log.Warn("interaction handled without a response", "type", i.Type.String(), "id", i.ID)
		}
	case <-timer.C:
		resp = hr.deferOnBehalf(deferralFor(i))
		h.b.log.Warn("interaction not answered in time; deferred on its behalf", "type", i.Type.String(), "id", i.ID, "after", h.ackTimeout)
	case <-r.Context().Done():
		hr.abandon(r.Context().Err())
		return
	}
	hr.written(writeResponse(w, resp))
}

// restartingResponse tells the user the bot is shutting down and turned the interaction away.
func restartingResponse(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: Notice(tr(localeLang(i), "The bot is restarting; please ask again in a moment.", "Le bot redémarre ; réessayez dans un instant.")).ResponseData()}
}

// failedResponse answers an interaction the bot handled without responding (an error it logged).
func failedResponse(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return restartingResponse(i)
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: Notice(tr(localeLang(i), "Sorry, something went wrong. Please try again.", "Désolé, une erreur s'est produite. Réessayez, s'il vous plaît.")).ResponseData()}
}

// deferralFor is the deferral the endpoint sends when the bot is slow: a loading message for a
// command, a silent acknowledgement for a component (whose message the late response then edits),
// no choices for an autocomplete (which cannot be deferred).
func deferralFor(i *discordgo.Interaction) *discordgo.InteractionResponse {
	switch i.Type {
	case discordgo.InteractionMessageComponent:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	case discordgo.InteractionApplicationCommandAutocomplete:
		return restartingResponse(i)
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
}

// writeResponse writes an interaction response as the HTTP response: JSON, or multipart when it
// carries files.
func writeResponse(w http.ResponseWriter, resp *discordgo.InteractionResponse) error {
	if resp.Data != nil && len(resp.Data.Files) > 0 {
		ct, body, err := discordgo.MultipartBodyWithJSON(resp, resp.Data.Files)
		if err != nil {
			httpError(w, http.StatusInternalServerError, "could not encode the response")
			return fmt.Errorf("encode interaction response: %w", err)
		}
		return writeBody(w, ct, body)
	}
	body, err := json.Marshal(resp)
	if err != nil {
		httpError(w, http.StatusInternalServerError, "could not encode the response")
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

func httpError(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg+"\n")
}

// httpResponder is the responder of one HTTP interaction: its first response is handed to the HTTP
// handler to become the response body; later edits go through the REST session's webhook
// endpoints once that body is written.
type httpResponder struct {
	rest  *discordgo.Session
	typ   discordgo.InteractionType
	first chan *discordgo.InteractionResponse // capacity 1: the first response
	acked chan struct{}                       // closed once the HTTP response is written (or abandoned)

	mu       sync.Mutex
	state    respState
	lateUsed bool  // a late response was turned into an edit of the deferral
	ackErr   error // why the HTTP response could not be delivered
}

type respState int

const (
	respNone      respState = iota // nothing sent yet
	respOffered                    // the bot's first response was handed to the HTTP handler
	respDeferred                   // the handler answered on the bot's behalf
	respAbandoned                  // the request went away before any response
)

func newHTTPResponder(rest *discordgo.Session, typ discordgo.InteractionType) *httpResponder {
	return &httpResponder{rest: rest, typ: typ, first: make(chan *discordgo.InteractionResponse, 1), acked: make(chan struct{})}
}

// errAlreadyAcknowledged is what Discord answers a second response to an interaction.
var errAlreadyAcknowledged = errors.New("interaction has already been acknowledged")

func (r *httpResponder) respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	r.mu.Lock()
	switch {
	case r.state == respNone:
		r.state = respOffered
		r.mu.Unlock()
		r.first <- resp
		return r.waitAcked(ctx)
	case r.state == respDeferred && !r.lateUsed:
		r.lateUsed = true
		r.mu.Unlock()
		return r.late(ctx, i, resp)
	case r.state == respAbandoned:
		err := r.ackErr
		r.mu.Unlock()
		return err
	}
	r.mu.Unlock()
	return errAlreadyAcknowledged
}

// late delivers a response that came after the endpoint deferred on the bot's behalf: a message
// (type 4) or an update (type 7) becomes an edit of the deferred response; a deferral is already
// done. An ephemeral flag cannot be honoured: the deferral was public.
func (r *httpResponder) late(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	switch resp.Type {
	case discordgo.InteractionResponseDeferredChannelMessageWithSource, discordgo.InteractionResponseDeferredMessageUpdate:
		return r.waitAcked(ctx)
	case discordgo.InteractionResponseUpdateMessage:
		return r.editOriginal(ctx, i, dataEdit(resp.Data))
	case discordgo.InteractionResponseChannelMessageWithSource:
		d := resp.Data
		if d == nil {
			d = &discordgo.InteractionResponseData{}
		}
		params := &discordgo.WebhookParams{Content: d.Content, Embeds: d.Embeds, Components: d.Components,
			Files: d.Files, AllowedMentions: d.AllowedMentions, Flags: d.Flags}
		switch {
		case r.typ == discordgo.InteractionMessageComponent:
			// The endpoint deferred an update of the component's message (type 6): that message is
			// someone's public answer, so a new message (a notice, an ephemeral view) must be a
			// follow-up, never an edit of it.
			if err := r.waitAcked(ctx); err != nil {
				return err
			}
			if r.rest == nil {
				return errors.New("follow-up: no REST session to reach Discord's webhook endpoints")
			}
			_, err := r.rest.FollowupMessageCreate(i, true, params, discordgo.WithContext(ctx))
			return scrubToken(err, i)
		case d.Flags&discordgo.MessageFlagsEphemeral != 0:
			// The endpoint's deferral (type 5) was public; an ephemeral reply must not become public.
			return r.retractWith(ctx, i, params)
		}
		return r.editOriginal(ctx, i, dataEdit(d))
	}
	return fmt.Errorf("response type %d came after the 3-second window and cannot be deferred", resp.Type)
}

// dataEdit turns response data into an edit of the original message that replaces all of it.
func dataEdit(d *discordgo.InteractionResponseData) *discordgo.WebhookEdit {
	if d == nil {
		d = &discordgo.InteractionResponseData{}
	}
	content, embeds, comps := d.Content, d.Embeds, d.Components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &comps, Files: d.Files, AllowedMentions: d.AllowedMentions}
}

func (r *httpResponder) editOriginal(ctx context.Context, i *discordgo.Interaction, edit *discordgo.WebhookEdit) error {
	if err := r.waitAcked(ctx); err != nil {
		return err
	}
	if r.rest == nil {
		return errors.New("edit interaction response: no REST session to reach Discord's webhook endpoints")
	}
	_, err := r.rest.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx))
	return scrubToken(err, i)
}

func (r *httpResponder) retractWith(ctx context.Context, i *discordgo.Interaction, followup *discordgo.WebhookParams) error {
	if err := r.waitAcked(ctx); err != nil {
		return err
	}
	if r.rest == nil {
		return errors.New("retract interaction response: no REST session to reach Discord's webhook endpoints")
	}
	return retractVia(ctx, r.rest, i, followup)
}

// waitAcked waits until the first response reached the HTTP response.
func (r *httpResponder) waitAcked(ctx context.Context) error {
	select {
	case <-r.acked:
	case <-ctx.Done():
		return ctx.Err()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ackErr
}

// deferOnBehalf is called by the HTTP handler when the bot has not responded in time (or ended
// without responding): it returns the bot's response if it came meanwhile, else marks the
// interaction deferred and returns fallback.
func (r *httpResponder) deferOnBehalf(fallback *discordgo.InteractionResponse) *discordgo.InteractionResponse {
	r.mu.Lock()
	if r.state == respOffered {
		r.mu.Unlock()
		return <-r.first // handed over just now
	}
	r.state = respDeferred
	r.mu.Unlock()
	return fallback
}

// written records that the HTTP response was written, with the error if it could not be.
func (r *httpResponder) written(err error) {
	r.mu.Lock()
	r.ackErr = err
	r.mu.Unlock()
	close(r.acked)
}

// abandon records that the request went away (Discord gave up) before any response: every later
// response fails.
func (r *httpResponder) abandon(cause error) {
	r.mu.Lock()
	r.state = respAbandoned
	r.ackErr = fmt.Errorf("the interaction request was abandoned before a response: %w", cause)
	r.mu.Unlock()
	close(r.acked)
}
