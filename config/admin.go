package config

import "strings"

// Admin holds the settings of the moderators' web page (package admin), served under /admin/ on
// HTTP_ADDR.
type Admin struct {
	// ClientSecret is the Discord application's OAuth2 client secret, for "Log in with Discord"
	// (DISCORD_CLIENT_SECRET).
	ClientSecret string
	// BaseURL is the page's public URL without /admin, used for the OAuth2 redirect and login
	// links (ADMIN_BASE_URL).
	BaseURL string
}

// AdminEnabled reports whether serve serves the moderators' page: it needs the listener and the
// database it reads.
func (c Config) AdminEnabled() bool { return c.HTTP.Addr != "" && c.DatabaseEnabled() }

// adminSettings are the Admin page group of the table.
func adminSettings() []*setting {
	return []*setting{
		def("Admin page", "DISCORD_CLIENT_SECRET", "", "secret",
			`OAuth2 client secret of the Discord application (developer portal → OAuth2 → Client Secret), for "Log in with Discord" on the moderators' page (/admin/ on HTTP_ADDR). Needs DISCORD_APPLICATION_ID, DISCORD_GUILD_ID and ADMIN_BASE_URL, and ADMIN_BASE_URL/admin/oauth/callback added to the portal's Redirects. Empty: log in with `+"`timelinebot admin-link`"+` only.`, true,
			func(c *Config, raw, _ string) error { c.Admin.ClientSecret = strings.TrimSpace(raw); return nil },
			func(c *Config) string { return c.Admin.ClientSecret },
			func(c *Config) error {
				if c.Admin.ClientSecret == "" {
					return nil
				}
				var missing []string
				for _, m := range []struct{ name, v string }{
					{"DISCORD_APPLICATION_ID", c.Discord.ApplicationID}, {"DISCORD_GUILD_ID", c.Discord.GuildID}, {"ADMIN_BASE_URL", c.Admin.BaseURL},
				} {
					if m.v == "" {
						missing = append(missing, m.name)
					}
				}
				if len(missing) > 0 {
					return bad("Discord login needs "+strings.Join(missing, ", "),
						"set them (the client id is the application id, moderators are checked in the home server, Discord redirects back to ADMIN_BASE_URL), or leave DISCORD_CLIENT_SECRET empty and log in with `timelinebot admin-link`")
				}
				return nil
			},
		),
		def("Admin page", "ADMIN_BASE_URL", "", "url",
			`Public URL of the moderators' page without /admin, e.g. https://bot.example.org: the OAuth2 redirect and admin-link links are built on it, and session cookies are Secure when it is https. Empty: admin-link prints http://HTTP_ADDR/admin/….`, false,
			func(c *Config, raw, _ string) error {
				if raw == "" {
					c.Admin.BaseURL = ""
					return nil
				}
				u, err := parseURL(strings.TrimSuffix(raw, "/"))
				c.Admin.BaseURL = u
				return err
			},
			func(c *Config) string { return c.Admin.BaseURL },
			func(c *Config) error { return nil },
		),
	}
}
