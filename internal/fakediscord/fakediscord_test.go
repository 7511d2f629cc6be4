package fakediscord

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestIdentifyReadyInteractionCallback(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{HeartbeatInterval: 500 * time.Millisecond})
	s := newSession(t, srv)
	got := interactions(s)

	// Commands are registered with the real client (bulk overwrite).
	min := 1
	cmds, err := s.ApplicationCommandBulkOverwrite(srv.AppID(), "", []*discordgo.ApplicationCommand{{
		Name:                     "ask",
		Description:              "Ask the chronology",
		NameLocalizations:        &map[discordgo.Locale]string{discordgo.French: "demander"},
		DefaultMemberPermissions: func() *int64 { p := int64(discordgo.PermissionSendMessages); return &p }(),
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true, MinLength: &min, Autocomplete: true},
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "limit", Description: "How many events"},
		},
	}})
	if err != nil {
		t.Fatalf("bulk overwrite: %v", err)
	}
	if len(cmds) != 1 || cmds[0].ID == "" || cmds[0].ApplicationID != srv.AppID() {
		t.Fatalf("bulk overwrite returned %+v", cmds)
	}
	if reg := srv.Commands(""); len(reg) != 1 || reg[0].Name != "ask" || len(reg[0].Options) != 2 || *reg[0].DefaultMemberPermissions != "2048" {
		t.Fatalf("registered commands: %+v", reg)
	}

	openSession(t, srv, s)
	if s.State.User == nil || s.State.User.ID != srv.BotUserID() || !s.State.User.Bot {
		t.Fatalf("READY user = %+v", s.State.User)
	}
	id := srv.Identify()
	if id.Intents != int64(s.Identify.Intents) || id.Shard != [2]int{0, 1} || !id.TokenHadBotPrefix || !id.Compress {
		t.Fatalf("identify info = %+v", id)
	}

	iid := srv.DispatchInteraction(SlashCommand("ask", Opt("question", "when?"), Opt("limit", 3)).WithLocale("fr"))
	ic := recvInteraction(t, got, 5*time.Second)
	if ic.ID != iid || ic.AppID != srv.AppID() || ic.GuildID != srv.GuildID() || ic.Member == nil || ic.Locale != discordgo.French {
		t.Fatalf("interaction = %+v", ic.Interaction)
	}
	data := ic.ApplicationCommandData()
	if data.ID != cmds[0].ID || data.GetOption("question").StringValue() != "when?" || data.GetOption("limit").IntValue() != 3 {
		t.Fatalf("data = %+v", data)
	}
	err = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         "In September 2016.",
			AllowedMentions: noPings(),
			Embeds:          []*discordgo.MessageEmbed{{Title: "Source", Description: "quote", Fields: []*discordgo.MessageEmbedField{{Name: "Date", Value: "2016-09-20"}}}},
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "More", Style: discordgo.PrimaryButton, CustomID: "more:1"},
			}}},
		},
	})
	if err != nil {
		t.Fatalf("respond: %v", err)
	}
	cb, err := srv.WaitCallback(ctxT(t, 5*time.Second), iid)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Status != http.StatusNoContent || cb.Type != 4 || cb.Message == nil || cb.Message.Content != "In September 2016." || cb.Latency <= 0 {
		t.Fatalf("callback = %+v", cb)
	}
	resp, err := s.InteractionResponse(ic.Interaction)
	if err != nil || resp.Content != "In September 2016." || len(resp.Embeds) != 1 || len(resp.Components) != 1 {
		t.Fatalf("GET @original = %+v, %v", resp, err)
	}

	// A button on that message: the fake finds the message by custom_id.
	bid := srv.DispatchInteraction(Button("more:1"))
	bc := recvInteraction(t, got, 5*time.Second)
	if bc.ID != bid || bc.Message == nil || bc.Message.ID != cb.Message.ID || bc.MessageComponentData().CustomID != "more:1" {
		t.Fatalf("component interaction = %+v", bc.Interaction)
	}
	if err := s.InteractionRespond(bc.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}); err != nil {
		t.Fatal(err)
	}
	content := "Page 2"
	if _, err := s.InteractionResponseEdit(bc.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noPings()}); err != nil {
		t.Fatal(err)
	}
	if m, _ := srv.Message(cb.Message.ID); m.Content != "Page 2" || m.Edits != 1 {
		t.Fatalf("component message after edit: %+v", m)
	}
	if u := srv.Unacknowledged(); len(u) != 0 {
		t.Fatalf("unacknowledged: %v", u)
	}
	srv.AssertNoViolations(t)
}

func TestMissingAllowedMentionsIsViolation(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{AllowViolations: true})
	s := newSession(t, srv)
	got := interactions(s)
	openSession(t, srv, s)
	srv.DispatchInteraction(SlashCommand("ask", Opt("question", "who?")).InDM())
	ic := recvInteraction(t, got, 5*time.Second)
	if ic.User == nil || ic.Member != nil || ic.GuildID != "" {
		t.Fatalf("DM interaction = %+v", ic.Interaction)
	}
	err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "<@123> hi"},
	})
	if err != nil {
		t.Fatalf("Discord accepts it, so does the fake: %v", err)
	}
	v, err := srv.WaitViolation(ctxT(t, 5*time.Second), "allowed_mentions is missing")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(v, "/interactions/"+ic.ID+"/{token}/callback") || strings.Contains(v, ic.Token) {
		t.Fatalf("violation should name the endpoint without the token: %s", v)
	}

	// One that could ping is a violation too.
	_, err = s.ChannelMessageSendComplex(srv.ChannelID(), &discordgo.MessageSend{
		Content: "hello", AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{discordgo.AllowedMentionTypeUsers}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !hasViolation(srv.Violations(), "parse=[users] allows pings") {
		t.Fatalf("violations: %v", srv.Violations())
	}
}

func TestContentOver2000IsRefused(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{AllowViolations: true})
	s := newSession(t, srv)
	_, err := s.ChannelMessageSendComplex(srv.ChannelID(), &discordgo.MessageSend{Content: strings.Repeat("é", 2001), AllowedMentions: noPings()})
	re := restErr(t, err)
	if re.Response.StatusCode != http.StatusBadRequest || re.Message == nil || re.Message.Code != 50035 {
		t.Fatalf("got %v", err)
	}
	var body struct {
		Errors map[string]map[string][]map[string]string `json:"errors"`
	}
	_ = json.Unmarshal(re.ResponseBody, &body)
	if body.Errors["content"]["_errors"][0]["code"] != "BASE_TYPE_MAX_LENGTH" {
		t.Fatalf("error body: %s", re.ResponseBody)
	}
	// Exactly 2000 is fine.
	if _, err := s.ChannelMessageSendComplex(srv.ChannelID(), &discordgo.MessageSend{Content: strings.Repeat("é", 2000), AllowedMentions: noPings()}); err != nil {
		t.Fatal(err)
	}
	if v := srv.TakeViolations(); len(v) != 1 || !strings.Contains(v[0], "content: Must be 2000 or fewer in length") {
		t.Fatalf("violations: %v", v)
	}
}

func TestLateCallbackIsRefused(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{AckDeadline: 200 * time.Millisecond, AllowViolations: true})
	s := newSession(t, srv)
	got := interactions(s)
	openSession(t, srv, s)
	iid := srv.DispatchInteraction(SlashCommand("ask"))
	ic := recvInteraction(t, got, 5*time.Second)
	time.Sleep(300 * time.Millisecond)
	err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	re := restErr(t, err)
	if re.Response.StatusCode != http.StatusNotFound || re.Message.Code != 10062 {
		t.Fatalf("got %v", err)
	}
	if u := srv.Unacknowledged(); len(u) != 1 || u[0] != iid {
		t.Fatalf("unacknowledged = %v", u)
	}
	if !hasViolation(srv.Violations(), "Discord allows 200ms") {
		t.Fatalf("violations: %v", srv.Violations())
	}
	// Editing @original of an unacknowledged interaction: Unknown Webhook.
	c := "x"
	_, err = s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &c, AllowedMentions: noPings()})
	if re := restErr(t, err); re.Message.Code != 10015 {
		t.Fatalf("edit before ack: %v", err)
	}
}

func TestSecondCallbackIsRefused(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{AllowViolations: true})
	s := newSession(t, srv)
	got := interactions(s)
	openSession(t, srv, s)
	srv.DispatchInteraction(SlashCommand("ask"))
	ic := recvInteraction(t, got, 5*time.Second)
	if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatal(err)
	}
	err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	if re := restErr(t, err); re.Response.StatusCode != 400 || re.Message.Code != 40060 {
		t.Fatalf("second callback: %v", err)
	}
	// The deferred response is completed by a follow-up (which replaces the
	// loading message).
	m, err := s.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{Content: "done", AllowedMentions: noPings()})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.WaitResponse(ctxT(t, 5*time.Second), ic.ID)
	if err != nil || resp.ID != m.ID || resp.Content != "done" || resp.Loading {
		t.Fatalf("response = %+v, %v (follow-up %s)", resp, err, m.ID)
	}
	if v := srv.TakeViolations(); len(v) != 1 || !strings.Contains(v[0], "40060") {
		t.Fatalf("violations: %v", v)
	}
}

func TestRateLimitHonouredByDiscordgo(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := newSession(t, srv)
	const retry = 300 * time.Millisecond
	srv.RateLimitNext("POST", "/channels/", retry)
	start := time.Now()
	m, err := s.ChannelMessageSendComplex(srv.ChannelID(), &discordgo.MessageSend{Content: "hi", AllowedMentions: noPings()})
	if err != nil {
		t.Fatal(err)
	}
	if m.Content != "hi" || m.Author == nil || m.Author.ID != srv.BotUserID() {
		t.Fatalf("message = %+v", m)
	}
	var posts []Request
	for _, r := range srv.Requests() {
		if r.Method == "POST" {
			posts = append(posts, r)
		}
	}
	if len(posts) != 2 || posts[0].Status != 429 || posts[1].Status != 200 {
		t.Fatalf("requests: %+v", posts)
	}
	if gap := posts[1].Time.Sub(posts[0].Time); gap < retry {
		t.Fatalf("retried after %v, before retry_after %v", gap, retry)
	}
	if !posts[0].AuthorizationOK || posts[0].Header.Get("Authorization") != "" {
		t.Fatal("authorization must be checked and redacted")
	}
	if time.Since(start) > 3*time.Second {
		t.Fatalf("too slow: %v", time.Since(start))
	}
	srv.AssertNoViolations(t)
}

// reconnectHeartbeat is long enough that discordgo's heartbeat goroutine
// does not tick during the 1 s sleep of CloseWithCode: when it does (or when
// the connection is closed before its first beat), its failed write makes it
// Close() the *next* connection with code 1000, which (on Discord as in the
// fake) invalidates the session and loses buffered events. See doc.go.
const reconnectHeartbeat = 3 * time.Second

func TestDropConnectionResumesAndReplays(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{HeartbeatInterval: reconnectHeartbeat, AckDeadline: 10 * time.Second})
	s := newSession(t, srv)
	got := interactions(s)
	openSession(t, srv, s)
	if err := srv.WaitHeartbeats(ctxT(t, 5*time.Second), 1); err != nil {
		t.Fatal(err)
	}

	srv.DropConnection()
	// Sent while the client is disconnected: must be replayed on RESUME.
	iid := srv.DispatchInteraction(SlashCommand("ask", Opt("question", "missed?")))
	if err := srv.WaitResumed(ctxT(t, 10*time.Second), 1); err != nil {
		t.Fatal(err)
	}
	ic := recvInteraction(t, got, 5*time.Second)
	if ic.ID != iid {
		t.Fatalf("replayed %s, want %s", ic.ID, iid)
	}
	if srv.Identifies() != 1 {
		t.Fatalf("identifies = %d, want 1 (resume, not re-identify)", srv.Identifies())
	}
	// And after the resume, live dispatches still arrive.
	srv.DispatchMessage(MessageSpec{Content: "<@" + srv.BotUserID() + "> hello"})
	if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "ok", AllowedMentions: noPings()},
	}); err != nil {
		t.Fatal(err)
	}
	srv.AssertNoViolations(t)
}

func TestReconnectOpcodeResumes(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{HeartbeatInterval: reconnectHeartbeat})
	s := newSession(t, srv)
	msgs := make(chan *discordgo.MessageCreate, 4)
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { msgs <- m })
	openSession(t, srv, s)
	if err := srv.WaitHeartbeats(ctxT(t, 5*time.Second), 1); err != nil {
		t.Fatal(err)
	}
	srv.SendReconnect()
	if err := srv.WaitResumed(ctxT(t, 10*time.Second), 1); err != nil {
		t.Fatal(err)
	}
	// Guild message without MESSAGE_CONTENT intent and without a mention:
	// content is withheld, as on Discord.
	srv.DispatchMessage(MessageSpec{Content: "secret"})
	srv.DispatchMessage(MessageSpec{Content: "hi <@" + srv.BotUserID() + ">"})
	srv.DispatchMessage(MessageSpec{Content: "dm text", DM: true})
	// discordgo runs handlers in goroutines: compare as a set.
	contents := map[string]bool{}
	for i := 0; i < 3; i++ {
		select {
		case m := <-msgs:
			contents[m.Content] = true
			if m.Content == "dm text" && m.GuildID != "" {
				t.Fatal("DM with guild_id")
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("only got %v", contents)
		}
	}
	for _, want := range []string{"", "hi <@" + srv.BotUserID() + ">", "dm text"} {
		if !contents[want] {
			t.Fatalf("contents = %v, missing %q", contents, want)
		}
	}
	srv.AssertNoViolations(t)
}

func TestOpenAPIRejectsMalformedCallback(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{AllowViolations: true})
	if srv.spec == nil {
		t.Skip("Discord's OpenAPI description is not available")
	}
	s := newSession(t, srv)
	got := interactions(s)
	openSession(t, srv, s)
	srv.DispatchInteraction(SlashCommand("ask"))
	ic := recvInteraction(t, got, 5*time.Second)
	_, err := s.RequestWithBucketID("POST", discordgo.EndpointInteractionResponse(ic.ID, ic.Token), map[string]any{"type": "4"}, "cb")
	re := restErr(t, err)
	if re.Response.StatusCode != 400 || re.Message.Code != 50035 || !strings.Contains(string(re.ResponseBody), "OPENAPI_SCHEMA_MISMATCH") {
		t.Fatalf("got %v", err)
	}
	if !hasViolation(srv.Violations(), "does not match Discord's OpenAPI description: POST /interactions/{interaction_id}/{interaction_token}/callback") {
		t.Fatalf("violations: %v", srv.Violations())
	}
	// The refused callback did not acknowledge the interaction.
	if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatalf("valid callback after a refused one: %v", err)
	}
}

func TestAutocompleteAndCommandRules(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{AllowViolations: true})
	s := newSession(t, srv)
	got := interactions(s)

	// Uppercase name, bad locale, over-long description: refused.
	_, err := s.ApplicationCommandBulkOverwrite(srv.AppID(), srv.GuildID(), []*discordgo.ApplicationCommand{{
		Name: "Ask", Description: strings.Repeat("d", 101),
		NameLocalizations: &map[discordgo.Locale]string{"xx": "demander"},
	}})
	re := restErr(t, err)
	if re.Response.StatusCode != 400 || re.Message.Code != 50035 {
		t.Fatalf("got %v", err)
	}
	for _, want := range []string{"0.name: Command name \"Ask\" must be lowercase", "0.description: Must be between 1 and 100", "0.name_localizations.xx: Invalid locale"} {
		if !hasViolation(srv.Violations(), want) {
			t.Fatalf("missing %q in %v", want, srv.Violations())
		}
	}
	if _, err := s.ApplicationCommandBulkOverwrite(srv.AppID(), srv.GuildID(), []*discordgo.ApplicationCommand{{
		Name: "ask", Description: "Ask", Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: "date", Description: "A date", Autocomplete: true}},
	}}); err != nil {
		t.Fatal(err)
	}
	if len(srv.Commands(srv.GuildID())) != 1 || len(srv.Commands("")) != 0 {
		t.Fatal("guild command not stored per guild")
	}
	list, err := s.ApplicationCommands(srv.AppID(), srv.GuildID())
	if err != nil || len(list) != 1 || list[0].GuildID != srv.GuildID() {
		t.Fatalf("GET guild commands: %+v %v", list, err)
	}
	srv.TakeViolations()

	openSession(t, srv, s)
	srv.DispatchInteraction(Autocomplete("ask", Focused("date", "2016-")))
	ic := recvInteraction(t, got, 5*time.Second)
	if ic.Type != discordgo.InteractionApplicationCommandAutocomplete || !ic.ApplicationCommandData().Options[0].Focused {
		t.Fatalf("autocomplete = %+v", ic.Interaction)
	}
	var choices []*discordgo.ApplicationCommandOptionChoice
	for i := 0; i < 26; i++ {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: "2016-09", Value: "2016-09"})
	}
	err = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: &discordgo.InteractionResponseData{Choices: choices}})
	if re := restErr(t, err); re.Message.Code != 50035 {
		t.Fatalf("26 choices: %v", err)
	}
	if err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: &discordgo.InteractionResponseData{Choices: choices[:25]}}); err != nil {
		t.Fatal(err)
	}
	if r, _ := srv.Interaction(ic.ID); r.AckType != 8 || len(r.Callbacks) != 2 || len(r.Callbacks[1].Choices) != 25 {
		t.Fatalf("record = %+v", r)
	}
	if v := srv.TakeViolations(); len(v) != 1 || !strings.Contains(v[0], "data.choices: Must be 25 or fewer") {
		t.Fatalf("violations: %v", v)
	}
}

func TestAuthAndRoutes(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{AllowViolations: true})
	s := newSession(t, srv)
	app, err := s.Application("@me")
	if err != nil || app.ID != srv.AppID() {
		t.Fatalf("application: %+v %v", app, err)
	}
	me, err := s.User("@me")
	if err != nil || me.ID != srv.BotUserID() || !me.Bot {
		t.Fatalf("users/@me: %+v %v", me, err)
	}
	gb, err := s.GatewayBot()
	if err != nil || !strings.HasPrefix(gb.URL, "ws://127.0.0.1:") || gb.Shards != 1 {
		t.Fatalf("gateway/bot: %+v %v", gb, err)
	}

	// A reply to a user's message.
	srv.TakeViolations()
	bad := newSession(t, srv)
	bad.Token = srv.Token() // no "Bot " prefix
	_, err = bad.User("@me")
	if re := restErr(t, err); re.Response.StatusCode != 401 {
		t.Fatalf("no Bot prefix: %v", err)
	}
	if !hasViolation(srv.TakeViolations(), "without the \"Bot \" prefix") {
		t.Fatal("401 not recorded as a violation")
	}

	// Unknown route: Discord's 404 shape.
	_, err = s.Request("GET", discordgo.EndpointAPI+"nope/123", nil)
	if re := restErr(t, err); re.Response.StatusCode != 404 || re.Message.Message != "404: Not Found" || re.Message.Code != 0 {
		t.Fatalf("unknown route: %v", err)
	}
	srv.TakeViolations()

	// Attachments are served without auth.
	u := srv.AddAttachment("knowledge.yaml", []byte("events: []\n"))
	resp, err := http.Get(u)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("attachment: %v %v", resp, err)
	}
	resp.Body.Close()
}
