package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The interaction pipeline: one router finds the handler of an interaction by its path, middleware
// wraps it, and one deferral policy delivers what it returns through the transport, gateway or
// HTTP, within Discord's 3-second window. Handlers return the Reply to send and never talk to the
// transport, so they are tested with a recorder and fixtures.

// Handler handles one interaction and returns what to send.
type Handler func(ctx context.Context, in *Interaction) (Reply, error)

// Interaction is one interaction being handled: the event, the variables of its path, the language
// to answer in when the question does not tell, and the delivery its handler may defer early.
type Interaction struct {
	*discordgo.Interaction
	Path string
	Vars map[string]string
	Lang string
	d    *delivery
}

// UserID is the id of the user who interacted, in a server or a DM.
func (in *Interaction) UserID() string {
	if in.Member != nil && in.Member.User != nil {
		return in.Member.User.ID
	}
	if in.User != nil {
		return in.User.ID
	}
	return ""
}

// Option returns the command option named name, looked for in the subcommand too.
func (in *Interaction) Option(name string) *discordgo.ApplicationCommandInteractionDataOption {
	if in.Type != discordgo.InteractionApplicationCommand && in.Type != discordgo.InteractionApplicationCommandAutocomplete {
		return nil
	}
	opts := in.ApplicationCommandData().Options
	for len(opts) == 1 && opts[0].Type == discordgo.ApplicationCommandOptionSubCommand {
		opts = opts[0].Options
	}
	for _, o := range opts {
		if o.Name == name {
			return o
		}
	}
	return nil
}

// String returns a string option's value, trimmed; "" when absent.
func (in *Interaction) String(name string) string {
	if o := in.Option(name); o != nil && o.Type == discordgo.ApplicationCommandOptionString {
		return strings.TrimSpace(o.StringValue())
	}
	return ""
}

// Defer acknowledges the interaction now, for work known to be slow (a streamed answer, a
// reload); ephemeral makes the coming message visible to the asker only.
func (in *Interaction) Defer(ctx context.Context, ephemeral bool) error {
	return in.d.deferNow(ctx, ephemeral)
}

// Edit replaces the deferred response's message while the handler still works (streaming).
func (in *Interaction) Edit(ctx context.Context, r Reply) error {
	return in.d.t.edit(ctx, in.Interaction, r.WebhookEdit())
}

// Private marks the coming reply as ephemeral, so that a deferral the policy sends meanwhile is
// ephemeral too.
func (in *Interaction) Private() { in.d.private.Store(true) }

// router finds handlers by path: "/ask", "/reload/version" (a subcommand), "/event/date" (the
// autocomplete of an option), and custom ids read as paths with variables, "tl:a:{event}:{page}".
type router map[discordgo.InteractionType][]route

type route struct {
	segs []string // literal segments, or {name} variables
	h    Handler
}

func (r router) handle(typ discordgo.InteractionType, pattern string, h Handler) {
	r[typ] = append(r[typ], route{segs: splitPath(pattern), h: h})
}

// splitPath splits a command path at "/" and a custom id at ":", keeping empty segments of custom
// ids ("tl:r::17000:0" has an open start).
func splitPath(p string) []string {
	if strings.HasPrefix(p, "/") {
		return strings.Split(p[1:], "/")
	}
	return strings.Split(p, ":")
}

// lookup finds the handler of path, binding its variables; nil when none matches.
func (r router) lookup(typ discordgo.InteractionType, path string) (Handler, map[string]string) {
	segs := splitPath(path)
next:
	for _, rt := range r[typ] {
		if len(rt.segs) != len(segs) {
			continue
		}
		var vars map[string]string
		for i, s := range rt.segs {
			if strings.HasPrefix(s, "{") {
				if vars == nil {
					vars = map[string]string{}
				}
				vars[s[1:len(s)-1]] = segs[i]
			} else if s != segs[i] {
				continue next
			}
		}
		return rt.h, vars
	}
	return nil, nil
}

// pathOf is an interaction's path: its command, subcommands and focused option, or its custom id.
func pathOf(i *discordgo.Interaction) string {
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		d := i.ApplicationCommandData()
		p := "/" + d.Name
		opts := d.Options
		for len(opts) == 1 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
			p += "/" + opts[0].Name
			opts = opts[0].Options
		}
		for _, o := range opts {
			if o.Focused && i.Type == discordgo.InteractionApplicationCommandAutocomplete {
				p += "/" + o.Name
			}
		}
		return p
	case discordgo.InteractionMessageComponent:
		return i.MessageComponentData().CustomID
	}
	return ""
}

// guarded is the middleware around every handler: a panic (a bug triggered by one unexpected
// payload) costs that interaction, not the bot, and an error is logged while the asker sees the
// generic notice.
func (b *Bot) guarded(next Handler) Handler {
	return func(ctx context.Context, in *Interaction) (r Reply, err error) {
		defer func() {
			if v := recover(); v != nil {
				b.log.Error("handler panicked", "path", in.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				err = fmt.Errorf("handler panicked: %v", v)
			}
			if err != nil {
				b.log.Error("interaction failed", "type", in.Type.String(), "path", in.Path, "id", in.ID, "user", in.UserID(), "err", err)
				r, err = notice(in.Lang, Refusal{Code: CodeFailed}), nil
			}
		}()
		return next(ctx, in)
	}
}

// transport delivers an interaction's responses; it decides nothing.
type transport interface {
	// respond sends the first response (the HTTP body, or the callback over REST).
	respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error
	edit(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error
	followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error
	deleteOriginal(ctx context.Context, i *discordgo.Interaction) error
}

// delivery is the one deferral policy: the handler's reply is sent as the first response when it
// comes within the budget; past the budget (or when the handler asks) the interaction is deferred
// and the reply then edits the deferred message, or follows it up.
type delivery struct {
	t       transport
	i       *discordgo.Interaction
	start   time.Time
	onAck   func(time.Duration)
	private atomic.Bool // set by the handler, read by the deferral timer

	mu       sync.Mutex
	deferred bool // a deferral was sent, ephemeral when ephDefer
	ephDefer bool
	done     bool // the reply was sent, or an autocomplete's empty choices
}

func (d *delivery) first(ctx context.Context, resp *discordgo.InteractionResponse) error {
	if d.onAck != nil {
		d.onAck(time.Since(d.start))
	}
	return d.t.respond(ctx, d.i, resp)
}

// deferNow sends the deferral fitting the interaction: a loading message for a command, a silent
// acknowledgement for a component (whose message a late update then edits), an empty choice list
// for an autocomplete (which cannot be deferred).
func (d *delivery) deferNow(ctx context.Context, ephemeral bool) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.deferred || d.done {
		return nil
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	switch d.i.Type {
	case discordgo.InteractionMessageComponent:
		resp.Type = discordgo.InteractionResponseDeferredMessageUpdate
	case discordgo.InteractionApplicationCommandAutocomplete:
		d.done = true
		return d.first(ctx, autocompleteResponse(nil))
	default:
		if d.ephDefer = ephemeral || d.private.Load(); d.ephDefer {
			resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
		}
	}
	d.deferred = true
	if err := d.first(ctx, resp); err != nil {
		return fmt.Errorf("defer: %w", err)
	}
	return nil
}

// run runs h under the policy and delivers its reply. A deferral the timer fails to send is
// reported by the reply's delivery, which fails the same way.
func (d *delivery) run(ctx context.Context, in *Interaction, h Handler, budget time.Duration) error {
	timer := time.AfterFunc(budget, func() { _ = d.deferNow(ctx, false) })
	r, err := h(ctx, in)
	timer.Stop()
	if err != nil {
		return err
	}
	return d.deliver(ctx, r)
}

func (d *delivery) deliver(ctx context.Context, r Reply) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case d.done:
		return nil // an autocomplete answered empty on time; its late choices are dropped
	case !d.deferred:
		d.done = true
		return d.first(ctx, r.response(d.i.Type))
	}
	d.done = true
	switch {
	case r.Choices != nil:
		return nil
	case d.i.Type == discordgo.InteractionMessageComponent && !r.Update:
		// The deferral (type 6) acknowledged an update of the component's message, someone's
		// public answer: a new message (a notice, an ephemeral view) follows up instead.
		return d.t.followup(ctx, d.i, r.WebhookParams())
	case r.Ephemeral && !d.ephDefer:
		// The public "thinking…" message gives way to an ephemeral one: deleted, then followed up.
		if err := d.t.deleteOriginal(ctx, d.i); err != nil {
			return err
		}
		return d.t.followup(ctx, d.i, r.WebhookParams())
	}
	return d.t.edit(ctx, d.i, r.WebhookEdit())
}
