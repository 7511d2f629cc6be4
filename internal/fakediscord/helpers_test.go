package fakediscord

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestMain(m *testing.M) {
	// What the bot's adapter does: speak v10 on the gateway. REST URLs are
	// built at discordgo's init with "v9" and rewritten by the transport.
	discordgo.APIVersion = "10"
	os.Exit(m.Run())
}

// rewriteTransport sends https://discord.com/api/v9/<rest> to <api>/<rest>,
// as the bot's adapter does with DISCORD_API_URL.
type rewriteTransport struct {
	api  string
	base http.RoundTripper
}

func (rt rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	const prefix = "https://discord.com/api/v9/"
	if u := r.URL.String(); strings.HasPrefix(u, prefix) {
		nu, err := url.Parse(rt.api + "/" + strings.TrimPrefix(u, prefix))
		if err != nil {
			return nil, err
		}
		r = r.Clone(r.Context())
		r.URL = nu
		r.Host = nu.Host
	}
	return rt.base.RoundTrip(r)
}

// newSession returns a real discordgo session pointed at the fake (not opened).
func newSession(t *testing.T, srv *Server) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + srv.Token())
	if err != nil {
		t.Fatal(err)
	}
	s.Client = &http.Client{Timeout: 10 * time.Second, Transport: rewriteTransport{api: srv.APIURL(), base: http.DefaultTransport}}
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	s.LogLevel = discordgo.LogError
	return s
}

// openSession opens the session and waits for READY; Close runs at cleanup
// (before the fake shuts down).
func openSession(t *testing.T, srv *Server, s *discordgo.Session) {
	t.Helper()
	if err := s.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
}

func ctxT(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func noPings() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// interactions forwards INTERACTION_CREATE events to a channel.
func interactions(s *discordgo.Session) <-chan *discordgo.InteractionCreate {
	ch := make(chan *discordgo.InteractionCreate, 16)
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { ch <- i })
	return ch
}

func recvInteraction(t *testing.T, ch <-chan *discordgo.InteractionCreate, d time.Duration) *discordgo.InteractionCreate {
	t.Helper()
	select {
	case i := <-ch:
		return i
	case <-time.After(d):
		t.Fatal("no INTERACTION_CREATE reached the discordgo handler")
		return nil
	}
}

func restErr(t *testing.T, err error) *discordgo.RESTError {
	t.Helper()
	re, ok := err.(*discordgo.RESTError)
	if !ok {
		t.Fatalf("want *discordgo.RESTError, got %T: %v", err, err)
	}
	return re
}

func hasViolation(vs []string, substr string) bool {
	for _, v := range vs {
		if strings.Contains(v, substr) {
			return true
		}
	}
	return false
}
