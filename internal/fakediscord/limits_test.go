package fakediscord

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestMessageLimits(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{AllowViolations: true})
	s := newSession(t, srv)
	ok, err := s.ChannelMessageSendComplex(srv.ChannelID(), &discordgo.MessageSend{Content: "base", AllowedMentions: noPings()})
	if err != nil {
		t.Fatal(err)
	}
	row := func(cs ...discordgo.MessageComponent) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: cs}
	}
	btn := func(id string) discordgo.MessageComponent {
		return discordgo.Button{Label: "b", Style: discordgo.SecondaryButton, CustomID: id}
	}
	n := func(k int, f func(i int) *discordgo.MessageEmbed) []*discordgo.MessageEmbed {
		var out []*discordgo.MessageEmbed
		for i := 0; i < k; i++ {
			out = append(out, f(i))
		}
		return out
	}
	fields := func(k int) []*discordgo.MessageEmbedField {
		var out []*discordgo.MessageEmbedField
		for i := 0; i < k; i++ {
			out = append(out, &discordgo.MessageEmbedField{Name: "n", Value: "v"})
		}
		return out
	}
	var opts []discordgo.SelectMenuOption
	for i := 0; i < 26; i++ {
		opts = append(opts, discordgo.SelectMenuOption{Label: fmt.Sprint(i), Value: fmt.Sprint(i)})
	}
	long := func(k int) string { return strings.Repeat("a", k) }
	fail := false
	cases := []struct {
		name   string
		msg    discordgo.MessageSend
		code   int
		inText string
	}{
		{"11 embeds", discordgo.MessageSend{Embeds: n(11, func(int) *discordgo.MessageEmbed { return &discordgo.MessageEmbed{Title: "t"} })}, 50035, "embeds: Must be 10 or fewer"},
		{"title 257", discordgo.MessageSend{Embeds: n(1, func(int) *discordgo.MessageEmbed { return &discordgo.MessageEmbed{Title: long(257)} })}, 50035, "embeds.0.title: Must be 256"},
		{"description 4097", discordgo.MessageSend{Embeds: n(1, func(int) *discordgo.MessageEmbed { return &discordgo.MessageEmbed{Description: long(4097)} })}, 50035, "embeds.0.description: Must be 4096"},
		{"26 fields", discordgo.MessageSend{Embeds: n(1, func(int) *discordgo.MessageEmbed { return &discordgo.MessageEmbed{Fields: fields(26)} })}, 50035, "embeds.0.fields: Must be 25"},
		{"field name 257", discordgo.MessageSend{Embeds: n(1, func(int) *discordgo.MessageEmbed {
			return &discordgo.MessageEmbed{Fields: []*discordgo.MessageEmbedField{{Name: long(257), Value: "v"}}}
		})}, 50035, "embeds.0.fields.0.name: Must be 256"},
		{"field value 1025", discordgo.MessageSend{Embeds: n(1, func(int) *discordgo.MessageEmbed {
			return &discordgo.MessageEmbed{Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: long(1025)}}}
		})}, 50035, "embeds.0.fields.0.value: Must be 1024"},
		{"footer 2049", discordgo.MessageSend{Embeds: n(1, func(int) *discordgo.MessageEmbed {
			return &discordgo.MessageEmbed{Footer: &discordgo.MessageEmbedFooter{Text: long(2049)}}
		})}, 50035, "embeds.0.footer.text: Must be 2048"},
		{"author 257", discordgo.MessageSend{Embeds: n(1, func(int) *discordgo.MessageEmbed {
			return &discordgo.MessageEmbed{Author: &discordgo.MessageEmbedAuthor{Name: long(257)}}
		})}, 50035, "embeds.0.author.name: Must be 256"},
		{"6001 across embeds", discordgo.MessageSend{Embeds: n(2, func(int) *discordgo.MessageEmbed { return &discordgo.MessageEmbed{Title: "x", Description: long(3000)} })}, 50035, "Embed size exceeds maximum size of 6000"},
		{"javascript url", discordgo.MessageSend{Embeds: n(1, func(int) *discordgo.MessageEmbed {
			return &discordgo.MessageEmbed{Title: "t", URL: "javascript:alert(1)"}
		})}, 50035, "embeds.0.url"},
		{"6 rows", discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{row(btn("a")), row(btn("b")), row(btn("c")), row(btn("d")), row(btn("e")), row(btn("f"))}}, 50035, "components: Must be 5 or fewer"},
		{"6 buttons", discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{row(btn("a"), btn("b"), btn("c"), btn("d"), btn("e"), btn("f"))}}, 50035, "components.0.components: Must be between 1 and 5"},
		{"custom_id 101", discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{row(btn(long(101)))}}, 50035, "custom_id: Must be between 1 and 100"},
		{"duplicate custom_id", discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{row(btn("a")), row(btn("a"))}}, 50035, "COMPONENT_CUSTOM_ID_DUPLICATED"},
		{"label 81", discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{row(discordgo.Button{Label: long(81), Style: 1, CustomID: "x"})}}, 50035, "label: Must be 80"},
		{"26 select options", discordgo.MessageSend{Content: "c", Components: []discordgo.MessageComponent{row(discordgo.SelectMenu{CustomID: "s", Options: opts})}}, 50035, "options: Must be between 1 and 25"},
		{"empty", discordgo.MessageSend{}, 50006, "Cannot send an empty message"},
		{"reply to unknown", discordgo.MessageSend{Content: "c", Reference: &discordgo.MessageReference{MessageID: "123"}}, 50035, "message_reference: Unknown message"},
	}
	for _, c := range cases {
		c.msg.AllowedMentions = noPings()
		_, err := s.ChannelMessageSendComplex(srv.ChannelID(), &c.msg)
		re, isREST := err.(*discordgo.RESTError)
		v := srv.TakeViolations()
		switch {
		case !isREST || re.Response.StatusCode != http.StatusBadRequest || re.Message == nil || re.Message.Code != c.code:
			t.Errorf("%s: got %v, want 400 code %d", c.name, err, c.code)
			fail = true
		case len(v) != 1 || !strings.Contains(v[0], c.inText):
			t.Errorf("%s: violations %q, want one containing %q", c.name, v, c.inText)
			fail = true
		}
	}
	if fail {
		return
	}
	// Valid: a reply with replied_user false, a full row of 5 buttons, 25 options.
	m, err := s.ChannelMessageSendComplex(srv.ChannelID(), &discordgo.MessageSend{
		Content:         "reply",
		Reference:       ok.Reference(),
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, RepliedUser: false},
		Components: []discordgo.MessageComponent{
			row(btn("1"), btn("2"), btn("3"), btn("4"), btn("5")),
			row(discordgo.SelectMenu{CustomID: "s", Options: opts[:25], MaxValues: 25}),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.MessageReference == nil || m.MessageReference.MessageID != ok.ID || m.Type != discordgo.MessageTypeReply {
		t.Fatalf("reply = %+v", m)
	}
	got, err := srv.WaitChannelMessage(ctxT(t, time.Second), func(m Message) bool { return m.Content == "reply" })
	if err != nil || got.Reference == nil || len(got.CustomIDs()) != 6 {
		t.Fatalf("stored reply = %+v, %v", got, err)
	}
	// Editing keeps the rules: an edit without allowed_mentions is a violation.
	if _, err := s.ChannelMessageEdit(srv.ChannelID(), m.ID, "edited"); err != nil {
		t.Fatal(err)
	}
	if v := srv.TakeViolations(); len(v) != 1 || !strings.Contains(v[0], "allowed_mentions is missing") {
		t.Fatalf("violations: %v", v)
	}
	if got, _ := srv.Message(m.ID); got.Content != "edited" || got.Edits != 1 {
		t.Fatalf("after edit: %+v", got)
	}
}

func TestTokenLifetimeAndComponentUpdate(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{TokenLifetime: 600 * time.Millisecond, AllowViolations: true})
	s := newSession(t, srv)
	got := interactions(s)
	openSession(t, srv, s)

	srv.DispatchInteraction(SlashCommand("timeline"))
	ic := recvInteraction(t, got, 5*time.Second)
	if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: "Pick a month", AllowedMentions: noPings(), Flags: discordgo.MessageFlagsEphemeral,
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.SelectMenu{CustomID: "month", Options: []discordgo.SelectMenuOption{{Label: "Sept 2016", Value: "2016-09"}, {Label: "Oct 2016", Value: "2016-10"}}},
			}}},
		},
	}); err != nil {
		t.Fatal(err)
	}
	resp, err := srv.WaitResponse(ctxT(t, 2*time.Second), ic.ID)
	if err != nil || !resp.Ephemeral() {
		t.Fatalf("response %+v %v", resp, err)
	}

	// Select -> type 7 update of the same message.
	srv.DispatchInteraction(SelectMenu("month", "2016-10"))
	sel := recvInteraction(t, got, 5*time.Second)
	if v := sel.MessageComponentData().Values; len(v) != 1 || v[0] != "2016-10" || sel.Message.ID != resp.ID {
		t.Fatalf("select = %+v", sel.Interaction)
	}
	if err := s.InteractionRespond(sel.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{Content: "October 2016: …", AllowedMentions: noPings()},
	}); err != nil {
		t.Fatal(err)
	}
	if m, _ := srv.Message(resp.ID); m.Content != "October 2016: …" || len(m.Components) != 0 {
		t.Fatalf("updated message = %+v (discordgo sends components:null, which clears them)", m)
	}

	// After the token lifetime, webhook calls fail with Invalid Webhook Token.
	time.Sleep(700 * time.Millisecond)
	c := "late"
	_, err = s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &c, AllowedMentions: noPings()})
	if re := restErr(t, err); re.Response.StatusCode != 401 || re.Message.Code != 50027 {
		t.Fatalf("expired token: %v", err)
	}
	if v := srv.TakeViolations(); len(v) != 1 || !strings.Contains(v[0], "tokens are valid for 600ms") {
		t.Fatalf("violations: %v", v)
	}
}

func TestConcurrentInteractions(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := newSession(t, srv)
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
			t.Errorf("defer: %v", err)
			return
		}
		q := ic.ApplicationCommandData().GetOption("question").StringValue()
		content := "answer to " + q
		if _, err := s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noPings()}); err != nil {
			t.Errorf("edit: %v", err)
		}
	})
	openSession(t, srv, s)
	const n = 20
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids[i] = srv.DispatchInteraction(SlashCommand("ask", Opt("question", fmt.Sprint("q", i))))
		}()
	}
	wg.Wait()
	for i, id := range ids {
		e, err := srv.WaitOriginalEdit(ctxT(t, 10*time.Second), id)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprint("answer to q", i); e.Message.Content != want {
			t.Fatalf("interaction %d: %q, want %q", i, e.Message.Content, want)
		}
		if r, _ := srv.Interaction(id); r.AckType != 5 || r.Callbacks[0].Latency > time.Second {
			t.Fatalf("record %+v", r)
		}
	}
	if u := srv.Unacknowledged(); len(u) != 0 {
		t.Fatalf("unacknowledged: %v", u)
	}
	srv.AssertNoViolations(t)
}

func TestSpecThatCannotBeLoadedIsAnError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"garbage.json":  "{not json",
		"swagger.json":  `{"swagger":"2.0","info":{"title":"x","version":"1"},"paths":{}}`,
		"noserver.json": `{"openapi":"3.1.0","info":{"title":"x","version":"1"},"servers":[{"url":"https://example.com"}],"paths":{}}`,
	} {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := loadSpec(p); err == nil {
			t.Errorf("%s: loaded without error", name)
		}
	}
}
