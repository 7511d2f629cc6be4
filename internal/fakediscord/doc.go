// Package fakediscord is a protocol-faithful fake of the parts of Discord's
// REST API v10 and gateway that timelinebot uses, served on httptest, for
// end-to-end tests of the real discordgo client (no mocks of discordgo).
//
// # Pointing discordgo at it
//
// discordgo v0.29.0 builds its REST URLs at package init from APIVersion
// "9" (https://discord.com/api/v9/...); setting discordgo.APIVersion = "10"
// later only changes the gateway's ?v= parameter. The bot's adapter therefore
// rewrites https://discord.com/api/v9/<rest> to APIURL()+"/<rest>" in the
// session's HTTP transport. GET /gateway returns GatewayURL(); discordgo adds
// a trailing slash and "?v=10&encoding=json" (both /gateway and /gateway/
// are served). The session must be created with "Bot "+Token(): discordgo
// sends Session.Token verbatim as the Authorization header and as the
// IDENTIFY token.
//
// # What it serves
//
// REST (under /api/v10): GET /gateway and /gateway/bot; GET /users/@me and
// /users/{id}; POST /users/@me/channels; GET /applications/@me and
// /oauth2/applications/@me; global and guild application commands (GET,
// bulk-overwrite PUT, POST, GET/PATCH/DELETE by id); POST
// /interactions/{id}/{token}/callback (types 1, 4, 5, 6, 7, 8, 9, honouring
// ?with_response=true); GET/PATCH/DELETE /webhooks/{app}/{token}/messages/
// @original and .../messages/{id}; POST /webhooks/{app}/{token} (follow-ups,
// ?wait=true); GET /channels/{id}; POST /channels/{id}/typing; POST
// /channels/{id}/messages (JSON or multipart with payload_json and files,
// message_reference replies); GET/PATCH/DELETE /channels/{id}/messages/{id}.
// Files added with AddAttachment (and files uploaded by the bot) are served
// at /attachments/... without authentication. Other routes answer 404
// {"message":"404: Not Found","code":0} and record a violation. Every REST
// response carries X-RateLimit-Limit/-Remaining/-Reset/-Reset-After/-Bucket
// headers; RateLimitNext makes one request (RateLimitN any number, or all)
// answer 429 with Retry-After,
// X-RateLimit-Scope and {"message":"You are being rate limited.",
// "retry_after":<seconds>,"global":false}.
//
// Gateway (/gateway, gorilla/websocket): HELLO with the configured heartbeat
// interval; IDENTIFY (token, intents, shard, compress, large_threshold) then
// READY (v, user, unavailable guild stubs, session_id, resume_gateway_url,
// application{id,flags}) and GUILD_CREATE per guild when the GUILDS intent is
// set; heartbeat ACKs; RESUME with replay of the dispatches after the given
// sequence then RESUMED; INVALID_SESSION when the session is unknown,
// invalidated or its replay buffer no longer reaches back; op 7 RECONNECT,
// op 9 INVALID_SESSION and close codes on demand. Identify "compress": true
// (discordgo's default) gets zlib-compressed binary dispatch frames, and
// ?compress=zlib-stream gets transport compression. Closing with 1000/1001
// invalidates the session, as on Discord. INTERACTION_CREATE is always
// delivered; MESSAGE_CREATE needs GUILD_MESSAGES or DIRECT_MESSAGES, and
// without MESSAGE_CONTENT a guild message that does not mention the bot
// arrives with empty content, as on Discord.
//
// # What it enforces
//
// Each refusal answers like Discord and records a violation (Violations,
// AssertNoViolations, WaitViolation, TakeViolations); unless
// Options.AllowViolations is set, violations left at cleanup fail the test.
//
//   - Authorization: "Bot <token>" on every REST route except attachments
//     (401 {"message":"401: Unauthorized","code":0}); interaction callbacks and
//     webhooks are authenticated by the URL token (a wrong header sent there
//     is recorded).
//   - Interactions: acknowledgement within Options.AckDeadline (3 s) of the
//     dispatch, else 404 Unknown interaction (10062); one callback only (400
//     code 40060); callback type valid for the interaction type; @original and
//     follow-ups only after the acknowledgement (404 Unknown Webhook, 10015);
//     interaction tokens valid for Options.TokenLifetime (15 min; 401 Invalid
//     Webhook Token, 50027). Unacknowledged lists interactions never
//     acknowledged.
//   - Messages: content <= 2000 characters; no empty message (50006); <= 10
//     embeds, title <= 256, description <= 4096, <= 25 fields, field name
//     <= 256 and value <= 1024 (both required), footer <= 2048, author name
//     <= 256, <= 6000 characters across all embeds, http(s) URLs; <= 5 action
//     rows of <= 5 buttons (or one select), custom_id <= 100 and unique,
//     button label <= 80, link buttons with a url and no custom_id, select
//     menus with 1..25 options; replies to existing messages only;
//     allowed_mentions rules Discord itself applies (parse values, parse vs
//     users/roles exclusivity). Errors use Discord's shape {"message":
//     "Invalid Form Body","code":50035,"errors":{...{"_errors":[...]}}}.
//   - The product rule, not Discord's: every message-creating or -editing
//     body (callbacks 4 and 7, follow-ups, webhook edits, channel messages
//     and edits) carries allowed_mentions that pings no one (object present,
//     parse empty or absent, no users, no roles, replied_user false or
//     absent). Discord accepts such bodies, and so does the fake; only a
//     violation is recorded. Likewise the EPHEMERAL flag on a channel message
//     (Discord drops it and posts publicly).
//   - Autocomplete results: <= 25 choices, names 1..100, string values <= 100.
//     Modals: custom_id 1..100, title 1..45, 1..5 rows.
//   - Application commands: CHAT_INPUT names matching
//     ^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$ and lowercase, descriptions
//     1..100, <= 25 options, required options first, choices and autocomplete
//     exclusive, sub-command nesting, unique names, localization keys among
//     Discord's locales, 4000 characters per command.
//   - Every request is validated against Discord's official OpenAPI 3.1
//     description (../shared/discord-api-spec/openapi.json beside the
//     repository, loaded once per process): kin-openapi routes the request and
//     checks path and query parameters; the JSON body is checked with the same
//     JSON Schema 2020-12 engine, schemas compiled once (see openapi.go).
//     When the file is absent, validation is skipped and logged once per
//     server; a file that exists but cannot be used fails the test.
//
// # Inspecting and waiting
//
// Requests returns every REST request (Authorization redacted to two
// booleans). WaitCallback, WaitOriginalEdit, WaitFollowup, WaitResponse,
// Interaction, WaitChannelMessage, WaitMessage, Messages, Commands and
// WaitCommands expose what the bot did; WaitReady, WaitResumed,
// WaitIdentified, WaitHeartbeats and Identify what it did on the gateway.
// Everything is safe for concurrent use.
//
// # What it does not cover
//
// Voice, presences, guild member requests (accepted and ignored), threads,
// reactions, stickers, polls' contents, permissions and role hierarchies,
// real rate-limit bucket accounting (only the headers and injected 429s),
// global rate limits, the 10,000-invalid-requests ban, HTTP interactions
// (webhook endpoint mode with Ed25519 signatures), ETF encoding,
// zstd-stream, sharding beyond routing guild events by
// (guild_id >> 22) % num_shards, entitlements and components v2 layouts
// (accepted with the IS_COMPONENTS_V2 flag, checked only for custom_id
// rules and the 40-component total).
//
// # discordgo v0.29.0 quirks worth knowing
//
//   - READY's resume_gateway_url is ignored: discordgo resumes on the URL it
//     first connected to (the fake accepts RESUME there).
//   - The heartbeat goroutine starts after Open returns and Close sleeps 1 s
//     after sending its close frame. If the connection is closed before the
//     first heartbeat, or a heartbeat falls in that second, the failed write
//     makes discordgo Close() the *next* connection with code 1000, which
//     invalidates the session on Discord (and here): buffered events are
//     lost and the bot re-IDENTIFYs, sometimes after a few rounds. Tests that
//     drop or reconnect the gateway wait for WaitHeartbeats(ctx, 1) first and
//     use a heartbeat interval of a few seconds.
//   - discordgo ignores close codes: it tries to reconnect even after 4004
//     (authentication failed) or 4014 (disallowed intents).
//   - InteractionResponseData has no omitempty on content, components and
//     embeds: a type 7 update always replaces all three (null clears them).
//   - MessageEdit serializes its ID and Channel fields into the PATCH body
//     (Discord ignores unknown fields; so does the fake).
//   - An autocomplete result with zero choices is sent without "choices"
//     (omitempty); Discord and the fake accept it.
//   - Application command default_member_permissions is sent as a string,
//     which the OpenAPI document (integer) does not allow though Discord
//     does; the validator converts digit strings before checking.
//   - IDENTIFY properties use the legacy "$os"/"$browser"/"$device" keys.
package fakediscord
