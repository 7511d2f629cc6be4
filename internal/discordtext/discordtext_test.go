package discordtext

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// allowExample allows the URLs a knowledge's passages would contain in these tests.
func allowExample(u string) bool { return u == "https://example.org/article" }

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text is unchanged", "On 21 October 2016, WikiLeaks wrote to Trump Jr. [1]", "On 21 October 2016, WikiLeaks wrote to Trump Jr. [1]"},
		{"French text is unchanged", "Le 9 novembre 2016, « Wow » [2].", "Le 9 novembre 2016, « Wow » [2]."},
		{"the issue's attack", "@everyone <@&ROLE> verify at [discord.com/security](http://evil.example/login) [1]",
			"everyone @role verify at discord.com/security [1]"},
		{"masked link to an allowed address keeps the address", "read [the article](https://example.org/article)", "read the article (https://example.org/article)"},
		{"masked link with <target> and a title", `[x](<http://evil.example> "Official")`, "x"},
		{"masked link hiding a mention", "[<@123>](http://evil.example)", "@user"},
		{"nested masked links", "[a[b](http://evil)](http://evil)", "[ab]((link removed))"},
		{"masked link with parentheses in the address", "[click](http://evil.example/(x))", "[click]((link removed)))"},
		{"masked link without a scheme", "[x](evil.example)", "x"},
		{"raw URL removed", "go to http://evil.example/login now", "go to (link removed) now"},
		{"raw URL keeps its sentence's full stop", "see https://evil.example/x.", "see (link removed)."},
		{"allowed raw URL stays as written", "see https://example.org/article.", "see https://example.org/article."},
		{"other schemes removed", "open steam://run/1 or discord://x", "open (link removed) or (link removed)"},
		{"a URL glued to a word", "_http://evil.example", `\_(link removed)`},
		{"upper-case scheme", "HTTPS://EVIL.EXAMPLE", "(link removed)"},
		{"@everyone and @here", "hey @everyone and @HERE and @@everyone", "hey everyone and HERE and everyone"},
		{"user mentions", "<@123> <@!456>", "@user @user"},
		{"role mention", "<@&789>", "@role"},
		{"channel mention", "<#42>", `\#channel`},
		{"slash command mention", "</reload:1234>", "/reload"},
		{"navigation link", "<id:customize>x", "x"},
		{"timestamps and emoji are escaped", "<t:1:F> <:wow:1>", `\<t:1:F\> \<:wow:1\>`},
		{"zero-width space hiding a mention", "@\u200beveryone <@\u200b&1>", "everyone @role"},
		{"bidi override removed", "abc\u202Edcba\u202C", "abcdcba"},
		{"isolates, marks, BOM and word joiner removed", "\u2066a\u2069\u200e\u200f\ufeffb\u2060c", "abc"},
		{"control characters removed, tab to space, line breaks kept", "a\x00b\x1b[31mc\td\r\ne", "ab[31mc d\ne"},
		{"line separators become line breaks", "a\u2028b", "a\nb"},
		{"invalid UTF-8 dropped", "a\xff\xfeb", "ab"},
		{"emphasis, strike, spoiler, code escaped", "*b* _i_ ~~s~~ ||spoiler|| `code`", `\*b\* \_i\_ \~\~s\~\~ \|\|spoiler\|\| ` + "\\`code\\`"},
		{"code block escaped", "```go\nx\n```", "\\`\\`\\`go\nx\n\\`\\`\\`"},
		{"headings, subtext and lists at line start", "# Big\n## b\n-# small\n- item\n  # indented", "\\# Big\n\\## b\n\\-# small\n\\- item\n  \\# indented"},
		{"a # inside a line stays", "issue #10", "issue #10"},
		{"block quotes", "> quoted\n>>> all", `\> quoted` + "\n" + `\>\>\> all`},
		{"backslashes escaped", `a\*b`, `a\\\*b`},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Clean(tc.in, allowExample); got != tc.want {
				t.Errorf("Clean(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		in   string
		want []string // "kind:text"
	}{
		{"no links here [1].", nil},
		{"@everyone <@&ROLE> verify at [discord.com/security](http://evil.example/login) [1]",
			[]string{"mention:@everyone", "mention:<@&ROLE>", "masked link:[discord.com/security](http://evil.example/login)", "URL:http://evil.example/login"}},
		{"see https://example.org/a, then </x:1>.", []string{"URL:https://example.org/a", "mention:</x:1>"}},
	}
	for _, tc := range tests {
		var got []string
		for _, it := range Find(tc.in) {
			got = append(got, it.Kind.String()+":"+it.Text)
			if tc.in[it.Start:it.End] != it.Text {
				t.Errorf("%q: offsets %d..%d do not give %q", tc.in, it.Start, it.End, it.Text)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Find(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

var (
	reAnyURL     = regexp.MustCompile(`(?i)[a-z][a-z0-9+.\-]*://`)
	reAnyMention = regexp.MustCompile(`(?i)@(everyone|here)`)
)

// checkSafe fails when out, the output of Clean without allowed URLs, could render as more than
// text: every Markdown character escaped, no URL, no ping words, nothing invisible.
func checkSafe(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Clean(%q) = %q: invalid UTF-8", in, out)
	}
	if reAnyURL.MatchString(out) {
		t.Fatalf("Clean(%q) = %q: a URL is left", in, out)
	}
	if reAnyMention.MatchString(out) {
		t.Fatalf("Clean(%q) = %q: a ping word is left", in, out)
	}
	backslashes := 0
	lineStart := true
	for _, r := range out {
		if r != '\n' && (unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r)) {
			t.Fatalf("Clean(%q) = %q: invisible character %U left", in, out, r)
		}
		if lineStart && (r == '#' || r == '-') {
			t.Fatalf("Clean(%q) = %q: a line starts with %q", in, out, r)
		}
		special := strings.ContainsRune("*_~`|<>", r)
		if r == '\\' {
			backslashes++
		} else {
			if special && backslashes%2 == 0 {
				t.Fatalf("Clean(%q) = %q: %q is not escaped", in, out, r)
			}
			backslashes = 0
		}
		switch {
		case r == '\n':
			lineStart = true
		case r != ' ':
			lineStart = false
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"@everyone <@&ROLE> verify at [discord.com/security](http://evil.example/login) [1]",
		"[<@1>](x)", "@@everyone", "<@\u200b1>", "h\u200bttp://x", "[a](http://[b](http://c))", "# x\n> y\n- z",
		"a\\*b", "</a:1>", "<id:home>", "_http://x", "\u202Ertl", "[[x](y)](z)", "<<@1>>", "@<@1>everyone",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Clean(in, nil)
		checkSafe(t, in, out)
		// Cleaning clean text keeps it safe (it escapes the escapes again: not idempotent by design).
		checkSafe(t, out, Clean(out, nil))
	})
}

func BenchmarkClean(b *testing.B) {
	for name, text := range map[string]string{
		"english": strings.Repeat("On 21 October 2016, WikiLeaks wrote to Trump Jr. about the debates [1]. ", 20),
		// Accents and a handle: what the seed's answers look like.
		"french-handle": strings.Repeat("Le 21 octobre 2016, @WikiLeaks écrit à Trump Jr. au sujet des débats « télévisés » [1]. ", 16),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Clean(text, allowExample)
			}
		})
	}
}
