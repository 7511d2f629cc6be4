package config

import (
	"strings"
	"testing"
)

func TestAdminSettings(t *testing.T) {
	full := []string{"DISCORD_CLIENT_SECRET=s3cret", "DISCORD_APPLICATION_ID=223456789012345678", "DISCORD_GUILD_ID=123456789012345678", "ADMIN_BASE_URL=https://bot.example.org/"}
	tests := []struct {
		name    string
		env     []string
		problem string
	}{
		{name: "off", env: nil},
		{name: "admin-link only", env: []string{"HTTP_ADDR=127.0.0.1:8080", "ADMIN_BASE_URL=http://10.0.0.5:8080"}},
		{name: "Discord login", env: full},
		{name: "secret without the rest", env: []string{"DISCORD_CLIENT_SECRET=s3cret"}, problem: "DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, ADMIN_BASE_URL"},
		{name: "secret without the base URL", env: full[:3], problem: "Discord login needs ADMIN_BASE_URL"},
		{name: "base URL not a URL", env: []string{"ADMIN_BASE_URL=bot.example.org"}, problem: "ADMIN_BASE_URL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _, err := Load(Options{Env: tc.env, Dir: t.TempDir()})
			if tc.problem == "" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.problem) {
				t.Fatalf("Load: %v, want a problem naming %q", err, tc.problem)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("the secret is in the message: %v", err)
			}
			_ = c
		})
	}
	c, _, err := Load(Options{Env: append(full, "HTTP_ADDR=:8080"), Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if c.Admin.BaseURL != "https://bot.example.org" || c.Admin.ClientSecret != "s3cret" || !c.AdminEnabled() {
		t.Errorf("loaded %+v, enabled %v", c.Admin, c.AdminEnabled())
	}
	if c, _, _ := Load(Options{Env: []string{"HTTP_ADDR=:8080", "DATABASE_URL=none"}, Dir: t.TempDir()}); c.AdminEnabled() {
		t.Error("the page is on without a database")
	}
}
