package bot

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/internal/discordsession"
)

type failingTransport struct{}

func (failingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("connection refused")
}

// An interaction's token is a credential for 15 minutes, and discordgo's network errors quote the
// URL it is part of: the errors the responders return, which the bot logs, must not carry it.
func TestResponderErrorsDoNotCarryTheInteractionToken(t *testing.T) {
	const token = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldHNlY3JldA"
	s, err := discordsession.New(discordsession.Options{Token: "bot-token", APIURL: "http://127.0.0.1:1/api/v10", Transport: failingTransport{}})
	if err != nil {
		t.Fatal(err)
	}
	s.MaxRestRetries = 0
	i := &discordgo.Interaction{ID: "123456789012345678", AppID: "223456789012345678", Token: token, Type: discordgo.InteractionApplicationCommand}
	ctx := context.Background()
	gateway := &restTransport{s: s}
	acked := &restTransport{s: s, first: make(chan *discordgo.InteractionResponse, 1), acked: make(chan struct{})}
	close(acked.acked)
	for name, call := range map[string]func() error{
		"gateway respond": func() error {
			return gateway.respond(ctx, i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
		},
		"gateway edit":     func() error { return gateway.edit(ctx, i, Reply{Content: "x"}.WebhookEdit()) },
		"gateway delete":   func() error { return gateway.deleteOriginal(ctx, i) },
		"gateway followup": func() error { return gateway.followup(ctx, i, &discordgo.WebhookParams{Content: "x"}) },
		"http edit":        func() error { return acked.edit(ctx, i, Reply{Content: "x"}.WebhookEdit()) },
		"http followup":    func() error { return acked.followup(ctx, i, &discordgo.WebhookParams{Content: "x"}) },
	} {
		err := call()
		if err == nil {
			t.Fatalf("%s: want an error from a failing transport", name)
		}
		if strings.Contains(err.Error(), token) {
			t.Errorf("%s: the error carries the interaction token: %v", name, err)
		}
		if !strings.Contains(err.Error(), "connection refused") {
			t.Errorf("%s: the error lost its cause: %v", name, err)
		}
	}
}
