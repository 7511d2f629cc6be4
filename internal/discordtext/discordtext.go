// Package discordtext neutralizes text that reaches Discord from a language model or echoed from a
// user, so that it renders as the words it is and nothing more: no masked links, no raw URLs but
// those the caller allows (the knowledge's own), no mention syntax, no Markdown, no control,
// bidi-override or zero-width characters. allowed_mentions already stops pings; this stops the
// rest — a "[discord.com/security](http://evil.example/login)" from a prompt-injected model rendering
// as a link in the bot's own answer, a role mention highlighting, a spoiler or a heading reshaping
// the answer, a right-to-left override reversing it.
//
// Clean is the one sanitizer; Find reports the constructs Clean would rewrite, for checks that
// reject such text rather than repair it (the model answer verifier).
package discordtext

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is a kind of construct Discord would render as more than text.
type Kind int

// Kinds of constructs.
const (
	// MaskedLink is Markdown's [label](target).
	MaskedLink Kind = iota + 1
	// URL is a raw scheme://… address, which Discord turns into a link.
	URL
	// Mention is @everyone, @here, <@user>, <@!user>, <@&role>, <#channel>, </command:id> or
	// <id:…> (a server navigation link).
	Mention
)

func (k Kind) String() string {
	switch k {
	case MaskedLink:
		return "masked link"
	case URL:
		return "URL"
	case Mention:
		return "mention"
	}
	return "unknown"
}

// Item is one construct found in a text.
type Item struct {
	Kind Kind
	// Text is the construct as written; for a URL, without trailing punctuation.
	Text string
	// Target is the address of a masked link or a URL, "" for a mention.
	Target     string
	Start, End int // byte offsets in the text searched
}

var (
	// reMasked is a masked link; targets may be wrapped in <…> and carry a "title".
	reMasked = regexp.MustCompile(`\[([^\[\]\n]*)\]\(\s*<?([^()<>\s]*)>?(?:\s+"[^"\n]*")?\s*\)`)
	// reURL is anything Discord may read as a link: a scheme, "://", then no spaces. No word
	// boundary is required before it: "_http://x" links too.
	reURL = regexp.MustCompile(`(?i)[a-z][a-z0-9+.\-]*://[^\s<>]*`)
	// reMention is mention syntax: users, roles, channels, slash commands, navigation links, and
	// the @everyone/@here pings (any number of @, any case).
	reMention = regexp.MustCompile(`(?i)<(?:@[!&]?|#|/|id:)[^<>\n]*>|@+(?:everyone|here)`)
)

// urlTail is punctuation that ends a sentence rather than a URL.
const urlTail = `.,;:!?'")]}»”’*_~|`

// Find returns the masked links, URLs and mentions in s, in order, as Clean would see them after
// dropping invisible characters: Find(Invisible(s)) is what to check.
func Find(s string) []Item {
	var out []Item
	masked, urls, mentions := candidates(s)
	if !masked && !urls && !mentions {
		return nil
	}
	for _, m := range reMasked.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, Item{Kind: MaskedLink, Text: s[m[0]:m[1]], Target: s[m[4]:m[5]], Start: m[0], End: m[1]})
	}
	for _, m := range reURL.FindAllStringIndex(s, -1) {
		u := strings.TrimRight(s[m[0]:m[1]], urlTail)
		out = append(out, Item{Kind: URL, Text: u, Target: u, Start: m[0], End: m[0] + len(u)})
	}
	for _, m := range reMention.FindAllStringIndex(s, -1) {
		out = append(out, Item{Kind: Mention, Text: s[m[0]:m[1]], Start: m[0], End: m[1]})
	}
	sortItems(out)
	return out
}

func sortItems(items []Item) {
	// Insertion sort: texts carry a handful of items.
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].Start < items[j-1].Start; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

// Invisible returns s as valid UTF-8 without the characters that do not show but change how text
// reads or matches: control characters (a tab becomes a space; line breaks stay), format characters
// (bidi overrides and isolates, zero-width space and joiners, word joiner, BOM, soft hyphen, tags),
// and the line and paragraph separators, which become line breaks.
func Invisible(s string) string {
	if visible(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// visible reports whether Invisible leaves s as it is, the common case: valid UTF-8 without a
// character it drops or changes. ASCII is checked byte by byte, without decoding.
func visible(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		// Accented letters (U+00A0 to U+05FF) and dashes and quotes (U+2010 to U+2027), most of what
		// is not ASCII in an answer, are never dropped but for the soft hyphen: no table to search.
		if (r >= 0xa0 && r < 0x600 && r != 0xad) || (r >= 0x2010 && r <= 0x2027) {
			i += n
			continue
		}
		if (r == utf8.RuneError && n == 1) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			return false
		}
		i += n
	}
	return true
}

// Clean returns s neutralized for Discord. allowURL says whether a URL may stay as it is (the
// renderer allows those the knowledge's passages contain); nil allows none. Masked links become
// their label, followed by the address in parentheses when it is allowed; other URLs become
// "(link removed)"; mentions become plain words (@user, @role, #channel, /command; "everyone" and
// "here" lose their @); Markdown characters are escaped with a backslash, which Discord hides, so
// the text reads the same but formats nothing. Line breaks are kept; callers wanting one line
// join them.
func Clean(s string, allowURL func(string) bool) string {
	if allowURL == nil {
		allowURL = func(string) bool { return false }
	}
	s = Invisible(s)
	// Rewriting one construct can form another ("[<@1>](x)" leaves "<@1>", "@@everyone" leaves
	// "@everyone"), so the rewrites repeat until nothing changes; each pass shortens the constructs,
	// and the last resort below ends any input that keeps changing.
	for range 8 {
		next := neutralize(s, allowURL)
		if next == s {
			return escape(s, allowURL)
		}
		s = next
	}
	s = strings.NewReplacer("<", "", ">", "", "@", "", "://", " ").Replace(neutralize(s, allowURL))
	return escape(s, allowURL)
}

// candidates says which constructs s may hold, by the substrings each needs: the regular
// expressions cost far more than these scans, and most text holds none.
func candidates(s string) (masked, urls, mentions bool) {
	return strings.Contains(s, "]("), strings.Contains(s, "://"), mayMention(s)
}

// mayMention reports whether s may hold what reMention matches: a "<" before "@", "#", "/" or
// "id:", or "@" before "everyone" or "here" in any case. A handle such as @WikiLeaks or an e-mail
// address, common in answers, then costs no regular expression.
func mayMention(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			if i+1 < len(s) && strings.IndexByte("@#/iI", s[i+1]) >= 0 {
				return true
			}
		case '@':
			rest := strings.TrimLeft(s[i+1:], "@")
			if hasPrefixFold(rest, "everyone") || hasPrefixFold(rest, "here") {
				return true
			}
		}
	}
	return false
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; the letters of "everyone" and "here" have
// no other case folding.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// neutralize rewrites masked links, disallowed URLs and mentions, one pass.
func neutralize(s string, allowURL func(string) bool) string {
	// Rewriting only removes or reorders what s holds, so what s may hold bounds what each step
	// needs to look for.
	masked, urls, mentions := candidates(s)
	if masked {
		s = neutralizeMasked(s, allowURL)
	}
	if urls {
		s = reURL.ReplaceAllStringFunc(s, func(m string) string {
			u := strings.TrimRight(m, urlTail)
			if allowURL(u) {
				return m
			}
			return "(link removed)" + m[len(u):]
		})
	}
	if mentions {
		s = reMention.ReplaceAllStringFunc(s, mentionWords)
	}
	return s
}

func neutralizeMasked(s string, allowURL func(string) bool) string {
	return reMasked.ReplaceAllStringFunc(s, func(m string) string {
		sub := reMasked.FindStringSubmatch(m)
		label, target := strings.TrimSpace(sub[1]), sub[2]
		if target != "" && allowURL(target) {
			if label == "" {
				return target
			}
			return label + " (" + target + ")"
		}
		return label
	})
}

// mentionWords turns mention syntax into plain words.
func mentionWords(m string) string {
	lower := strings.ToLower(m)
	switch {
	case strings.HasPrefix(lower, "<@&"):
		return "@role"
	case strings.HasPrefix(lower, "<@"):
		return "@user"
	case strings.HasPrefix(lower, "<#"):
		return "#channel"
	case strings.HasPrefix(lower, "</"):
		name, _, _ := strings.Cut(m[2:len(m)-1], ":")
		return "/" + strings.TrimSpace(strings.Map(plainRune, name))
	case strings.HasPrefix(lower, "<id:"):
		return ""
	}
	return strings.TrimLeft(m, "@")
}

// plainRune keeps letters, digits, spaces, - and _ of a command name.
func plainRune(r rune) rune {
	if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '-' || r == '_' {
		return r
	}
	return -1
}

// markdown are the characters escaped everywhere: emphasis, strike-through, spoilers, code,
// escapes themselves, and < > (mentions, timestamps, custom emoji, block quotes). Brackets are
// left alone: a masked link needs an http(s) address, every address but the allowed ones is gone
// by then, and the [n] citation markers stay as the model and the tests write them.
const markdown = "\\*_~`|<>"

// escape backslash-escapes Markdown outside the allowed URLs left in s, and the characters that
// only act at the start of a line (headings, subtext, block quotes, lists).
func escape(s string, allowURL func(string) bool) string {
	if !needsEscape(s) {
		return s // the common case: an allowed URL is written as it is, and there is nothing else to do
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	rest := s
	for rest != "" {
		var loc []int
		if strings.Contains(rest, "://") {
			loc = reURL.FindStringIndex(rest)
		}
		if loc == nil {
			escapeText(&b, rest, b.Len() == 0 || strings.HasSuffix(b.String(), "\n"))
			break
		}
		u := strings.TrimRight(rest[loc[0]:loc[1]], urlTail)
		escapeText(&b, rest[:loc[0]], b.Len() == 0 || strings.HasSuffix(b.String(), "\n"))
		if allowURL(u) {
			b.WriteString(u) // a link Discord must read as written
		} else {
			escapeText(&b, u, false) // unreachable after neutralize; kept inert all the same
		}
		rest = rest[loc[0]+len(u):]
	}
	return b.String()
}

// needsEscape reports whether escapeText would change any part of s: a Markdown character, or a
// "#" or "-" starting a line (after spaces). When it would not, escape returns s as it is.
func needsEscape(s string) bool {
	lineStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if escapeAlways[c] {
			return true
		}
		if lineStart {
			if c == ' ' {
				continue
			}
			if c == '#' || c == '-' {
				return true
			}
			lineStart = false
		}
		if c == '\n' {
			lineStart = true
		}
	}
	return false
}

func escapeText(b *strings.Builder, s string, lineStart bool) {
	// Every character escaped is ASCII, and bytes of multi-byte UTF-8 sequences are all >= 0x80, so
	// the text is scanned byte by byte and copied in runs.
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		esc := escapeAlways[c]
		if lineStart {
			switch {
			case c == ' ':
				// Leading spaces do not stop a heading or a list from forming.
				continue
			case c == '#' || c == '-':
				esc = true
			}
			lineStart = false
		}
		if c == '\n' {
			lineStart = true
		}
		if esc {
			b.WriteString(s[run:i])
			b.WriteByte('\\')
			run = i
		}
	}
	b.WriteString(s[run:])
}

// escapeAlways marks the bytes of markdown.
var escapeAlways = func() (t [256]bool) {
	for i := 0; i < len(markdown); i++ {
		t[markdown[i]] = true
	}
	return t
}()
