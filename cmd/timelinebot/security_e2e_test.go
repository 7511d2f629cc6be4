package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/internal/fakediscord"
)

// Attacks and faults of issue 10 on the transport side, against the whole program.

// Discord refusing the command registration with 429 and retry_after 0, for good: `serve` makes a
// bounded number of requests, logs each retry, and fails to start with a message saying why.
func TestServeFailsToStartWhenDiscordKeepsRateLimitingTheCommandRegistration(t *testing.T) {
	for _, mode := range []string{"gateway", "http"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			fake := fakediscord.New(t, fakediscord.Options{})
			fake.RateLimitN("PUT", "/applications/", 0, -1)
			env := []string{
				"DISCORD_TOKEN=" + fake.Token(), "DISCORD_API_URL=" + fake.APIURL(), "DISCORD_GUILD_ID=" + fake.GuildID(),
				"LOG_FORMAT=json",
			}
			if mode == "http" {
				env = append(env, "DISCORD_MODE=http", "HTTP_ADDR=127.0.0.1:0", "DISCORD_APPLICATION_ID="+fake.AppID(),
					"DISCORD_PUBLIC_KEY="+strings.Repeat("ab", 32))
			}
			logs := &syncBuffer{}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			err := run(ctx, []string{"serve"}, env, logs, logs)
			if ctx.Err() != nil {
				t.Fatalf("serve was still trying after 30 s:\n%s", logs.String())
			}
			if err == nil || !strings.Contains(err.Error(), "429 Too Many Requests") || !strings.Contains(err.Error(), "did not start") {
				t.Fatalf("want a failed start naming the 429s, got %v\n%s", err, logs.String())
			}
			puts := 0
			for _, r := range fake.Requests() {
				if r.Method == "PUT" {
					puts++
				}
			}
			if puts != 1+bot.DefaultRateLimitRetries {
				t.Errorf("%d registration requests, want %d", puts, 1+bot.DefaultRateLimitRetries)
			}
			if n := strings.Count(logs.String(), "discord rate limit: retrying"); n != bot.DefaultRateLimitRetries {
				t.Errorf("%d retry log lines, want %d:\n%s", n, bot.DefaultRateLimitRetries, logs.String())
			}
		})
	}
}
