package fakediscord

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Discord's documented limits.
const (
	maxContent          = 2000
	maxEmbeds           = 10
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFields      = 25
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooterText       = 2048
	maxAuthorName       = 256
	maxEmbedTotal       = 6000
	maxActionRows       = 5
	maxRowButtons       = 5
	maxCustomID         = 100
	maxSelectOptions    = 25
	maxButtonLabel      = 80
	maxChoices          = 25
	maxChoiceName       = 100
	maxChoiceValue      = 100
	maxCommandOptions   = 25
	maxCommandName      = 32
	maxCommandDesc      = 100
	maxAttachments      = 10
	flagEphemeral       = 1 << 6
	flagSuppressEmbeds  = 1 << 2
	flagSuppressNotifs  = 1 << 12
	flagComponentsV2    = 1 << 15
	flagIsVoiceMessage  = 1 << 13
)

// validLocales are the locales Discord accepts (AvailableLocalesEnum of the
// OpenAPI description).
var validLocales = map[string]bool{
	"ar": true, "bg": true, "cs": true, "da": true, "de": true, "el": true, "en-GB": true, "en-US": true,
	"es-419": true, "es-ES": true, "fi": true, "fr": true, "he": true, "hi": true, "hr": true, "hu": true,
	"id": true, "it": true, "ja": true, "ko": true, "lt": true, "nl": true, "no": true, "pl": true,
	"pt-BR": true, "ro": true, "ru": true, "sv-SE": true, "th": true, "tr": true, "uk": true, "vi": true,
	"zh-CN": true, "zh-TW": true,
}

// commandNameRe is Discord's CHAT_INPUT name pattern
// ^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$ in Go's syntax.
var commandNameRe = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// fieldError is one entry of a Discord "Invalid Form Body" error.
type fieldError struct {
	path []string
	code string
	msg  string
}

type formErrors struct{ errs []fieldError }

func (f *formErrors) add(path []string, code, format string, args ...any) {
	f.errs = append(f.errs, fieldError{path: append([]string(nil), path...), code: code, msg: fmt.Sprintf(format, args...)})
}

func (f *formErrors) empty() bool { return len(f.errs) == 0 }

// body renders Discord's nested error object:
// {"data":{"content":{"_errors":[{"code":..,"message":..}]}}}.
func (f *formErrors) body() map[string]any {
	root := map[string]any{}
	for _, e := range f.errs {
		node := root
		for _, p := range e.path {
			next, ok := node[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				node[p] = next
			}
			node = next
		}
		list, _ := node["_errors"].([]any)
		node["_errors"] = append(list, map[string]any{"code": e.code, "message": e.msg})
	}
	return root
}

func (f *formErrors) String() string {
	var parts []string
	for _, e := range f.errs {
		p := strings.Join(e.path, ".")
		if p == "" {
			p = "(body)"
		}
		parts = append(parts, fmt.Sprintf("%s: %s (%s)", p, e.msg, e.code))
	}
	return strings.Join(parts, "; ")
}

func with(path []string, more ...string) []string {
	out := make([]string, 0, len(path)+len(more))
	return append(append(out, path...), more...)
}

func runes(s string) int { return utf8.RuneCountInString(s) }

func str(m map[string]any, k string) (string, bool) {
	v, ok := m[k].(string)
	return v, ok
}

func arr(m map[string]any, k string) ([]any, bool) {
	v, ok := m[k].([]any)
	return v, ok
}

func obj(v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	return m, ok
}

func num(m map[string]any, k string) (float64, bool) {
	v, ok := m[k].(float64)
	return v, ok
}

func maxLen(fe *formErrors, path []string, s string, max int) {
	if runes(s) > max {
		fe.add(path, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", max)
	}
}

func lenBetween(fe *formErrors, path []string, s string, min, max int) {
	if n := runes(s); n < min || n > max {
		fe.add(path, "BASE_TYPE_BAD_LENGTH", "Must be between %d and %d in length.", min, max)
	}
}

// messageRules checks a message-creating or -editing body (channel message,
// webhook execute/edit, interaction callback data) against Discord's limits.
// It does not check allowed_mentions' no-ping product rule (see mentionRule).
func messageRules(fe *formErrors, path []string, m map[string]any) {
	if c, ok := str(m, "content"); ok {
		maxLen(fe, with(path, "content"), c, maxContent)
	}
	flags := 0
	if f, ok := num(m, "flags"); ok {
		flags = int(f)
	}
	if embeds, ok := arr(m, "embeds"); ok {
		embedRules(fe, with(path, "embeds"), embeds)
	}
	if comps, ok := arr(m, "components"); ok {
		componentRules(fe, with(path, "components"), comps, flags&flagComponentsV2 != 0)
	}
	if atts, ok := arr(m, "attachments"); ok && len(atts) > maxAttachments {
		fe.add(with(path, "attachments"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", maxAttachments)
	}
	if am, ok := obj(m["allowed_mentions"]); ok {
		allowedMentionsRules(fe, with(path, "allowed_mentions"), am)
	}
}

func embedRules(fe *formErrors, path []string, embeds []any) {
	if len(embeds) > maxEmbeds {
		fe.add(path, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", maxEmbeds)
	}
	total := 0
	for i, e := range embeds {
		em, ok := obj(e)
		if !ok {
			continue
		}
		p := with(path, itoa(i))
		if t, ok := str(em, "title"); ok {
			maxLen(fe, with(p, "title"), t, maxEmbedTitle)
			total += runes(t)
		}
		if d, ok := str(em, "description"); ok {
			maxLen(fe, with(p, "description"), d, maxEmbedDescription)
			total += runes(d)
		}
		if u, ok := str(em, "url"); ok && u != "" {
			urlRule(fe, with(p, "url"), u, false)
		}
		if c, ok := num(em, "color"); ok && (c < 0 || c > 0xFFFFFF) {
			fe.add(with(p, "color"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215.")
		}
		if fields, ok := arr(em, "fields"); ok {
			if len(fields) > maxEmbedFields {
				fe.add(with(p, "fields"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", maxEmbedFields)
			}
			for j, f := range fields {
				fm, ok := obj(f)
				if !ok {
					continue
				}
				fp := with(p, "fields", itoa(j))
				name, _ := str(fm, "name")
				value, _ := str(fm, "value")
				if name == "" {
					fe.add(with(fp, "name"), "BASE_TYPE_REQUIRED", "This field is required")
				}
				if value == "" {
					fe.add(with(fp, "value"), "BASE_TYPE_REQUIRED", "This field is required")
				}
				maxLen(fe, with(fp, "name"), name, maxFieldName)
				maxLen(fe, with(fp, "value"), value, maxFieldValue)
				total += runes(name) + runes(value)
			}
		}
		if f, ok := obj(em["footer"]); ok {
			t, _ := str(f, "text")
			if t == "" {
				fe.add(with(p, "footer", "text"), "BASE_TYPE_REQUIRED", "This field is required")
			}
			maxLen(fe, with(p, "footer", "text"), t, maxFooterText)
			total += runes(t)
		}
		if a, ok := obj(em["author"]); ok {
			n, _ := str(a, "name")
			if n == "" {
				fe.add(with(p, "author", "name"), "BASE_TYPE_REQUIRED", "This field is required")
			}
			maxLen(fe, with(p, "author", "name"), n, maxAuthorName)
			total += runes(n)
			if u, ok := str(a, "url"); ok && u != "" {
				urlRule(fe, with(p, "author", "url"), u, false)
			}
		}
		for _, k := range []string{"image", "thumbnail"} {
			if im, ok := obj(em[k]); ok {
				if u, ok := str(im, "url"); ok {
					urlRule(fe, with(p, k, "url"), u, true)
				}
			}
		}
	}
	if total > maxEmbedTotal {
		fe.add(path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of %d", maxEmbedTotal)
	}
}

func urlRule(fe *formErrors, path []string, u string, allowAttachment bool) {
	pu, err := url.Parse(u)
	if err != nil || pu.Host == "" && pu.Scheme != "attachment" {
		fe.add(path, "URL_TYPE_INVALID_URL", "Not a well formed URL.")
		return
	}
	switch pu.Scheme {
	case "http", "https":
	case "attachment":
		if !allowAttachment {
			fe.add(path, "URL_TYPE_INVALID_SCHEME", "Scheme %q is not supported. Scheme must be one of ('http', 'https').", pu.Scheme)
		}
	default:
		fe.add(path, "URL_TYPE_INVALID_SCHEME", "Scheme %q is not supported. Scheme must be one of ('http', 'https').", pu.Scheme)
	}
}

func isSelect(t int) bool { return t == 3 || t == 5 || t == 6 || t == 7 || t == 8 }

func componentRules(fe *formErrors, path []string, comps []any, v2 bool) {
	seen := map[string]bool{}
	var checkCustomID func(p []string, c map[string]any, required bool)
	checkCustomID = func(p []string, c map[string]any, required bool) {
		id, ok := str(c, "custom_id")
		if !ok || id == "" {
			if required {
				fe.add(with(p, "custom_id"), "BASE_TYPE_REQUIRED", "This field is required")
			}
			return
		}
		lenBetween(fe, with(p, "custom_id"), id, 1, maxCustomID)
		if seen[id] {
			fe.add(with(p, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
		}
		seen[id] = true
	}
	if v2 {
		// Components v2 (flag IS_COMPONENTS_V2): up to 40 components in total;
		// only custom_id rules and leaf limits are checked here.
		count := 0
		var walk func(p []string, list []any)
		walk = func(p []string, list []any) {
			for i, x := range list {
				c, ok := obj(x)
				if !ok {
					continue
				}
				count++
				cp := with(p, itoa(i))
				t, _ := num(c, "type")
				switch int(t) {
				case 2:
					buttonRules(fe, cp, c, checkCustomID)
				case 3, 5, 6, 7, 8:
					selectRules(fe, cp, c, int(t), checkCustomID)
				}
				if sub, ok := arr(c, "components"); ok {
					walk(with(cp, "components"), sub)
				}
				if acc, ok := obj(c["accessory"]); ok {
					walk(with(cp, "accessory"), []any{acc})
				}
			}
		}
		walk(path, comps)
		if count > 40 {
			fe.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 40 or fewer in length.")
		}
		return
	}
	if len(comps) > maxActionRows {
		fe.add(path, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", maxActionRows)
	}
	for i, r := range comps {
		row, ok := obj(r)
		if !ok {
			continue
		}
		rp := with(path, itoa(i))
		if t, _ := num(row, "type"); int(t) != 1 {
			fe.add(with(rp, "type"), "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,); top-level components must be action rows unless the IS_COMPONENTS_V2 flag is set.")
			continue
		}
		children, _ := arr(row, "components")
		if len(children) < 1 || len(children) > maxRowButtons {
			fe.add(with(rp, "components"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and %d in length.", maxRowButtons)
		}
		selects := 0
		for j, x := range children {
			c, ok := obj(x)
			if !ok {
				continue
			}
			cp := with(rp, "components", itoa(j))
			t, _ := num(c, "type")
			switch {
			case int(t) == 2:
				buttonRules(fe, cp, c, checkCustomID)
			case isSelect(int(t)):
				selects++
				selectRules(fe, cp, c, int(t), checkCustomID)
			case int(t) == 4:
				fe.add(with(cp, "type"), "COMPONENT_INVALID_TYPE", "Text inputs are only valid in modals.")
			default:
				fe.add(with(cp, "type"), "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (2, 3, 5, 6, 7, 8).")
			}
		}
		if selects > 0 && len(children) > 1 {
			fe.add(with(rp, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width")
		}
	}
}

func buttonRules(fe *formErrors, p []string, c map[string]any, checkCustomID func([]string, map[string]any, bool)) {
	style, _ := num(c, "style")
	if l, ok := str(c, "label"); ok {
		maxLen(fe, with(p, "label"), l, maxButtonLabel)
	}
	_, hasEmoji := obj(c["emoji"])
	if lbl, _ := str(c, "label"); lbl == "" && !hasEmoji && int(style) != 6 {
		fe.add(with(p, "label"), "BASE_TYPE_REQUIRED", "A button needs a label or an emoji")
	}
	u, hasURL := str(c, "url")
	switch int(style) {
	case 1, 2, 3, 4:
		checkCustomID(p, c, true)
		if hasURL && u != "" {
			fe.add(with(p, "url"), "BUTTON_URL_NOT_ALLOWED", "Non-link buttons cannot have a url")
		}
	case 5:
		if !hasURL || u == "" {
			fe.add(with(p, "url"), "BASE_TYPE_REQUIRED", "This field is required")
		} else {
			urlRule(fe, with(p, "url"), u, false)
		}
		if id, _ := str(c, "custom_id"); id != "" {
			fe.add(with(p, "custom_id"), "BUTTON_CUSTOM_ID_NOT_ALLOWED", "Link buttons cannot have a custom_id")
		}
	case 6:
	default:
		fe.add(with(p, "style"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.")
	}
}

func selectRules(fe *formErrors, p []string, c map[string]any, t int, checkCustomID func([]string, map[string]any, bool)) {
	checkCustomID(p, c, true)
	if ph, ok := str(c, "placeholder"); ok {
		maxLen(fe, with(p, "placeholder"), ph, 150)
	}
	opts, _ := arr(c, "options")
	if t == 3 {
		if len(opts) < 1 || len(opts) > maxSelectOptions {
			fe.add(with(p, "options"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and %d in length.", maxSelectOptions)
		}
		values := map[string]bool{}
		for i, o := range opts {
			om, ok := obj(o)
			if !ok {
				continue
			}
			op := with(p, "options", itoa(i))
			l, _ := str(om, "label")
			v, _ := str(om, "value")
			lenBetween(fe, with(op, "label"), l, 1, 100)
			lenBetween(fe, with(op, "value"), v, 1, 100)
			if d, ok := str(om, "description"); ok {
				maxLen(fe, with(op, "description"), d, 100)
			}
			if values[v] {
				fe.add(with(op, "value"), "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED", "Select component option value cannot be duplicated")
			}
			values[v] = true
		}
	}
	minV, hasMin := num(c, "min_values")
	maxV, hasMax := num(c, "max_values")
	if hasMin && (minV < 0 || minV > 25) {
		fe.add(with(p, "min_values"), "NUMBER_TYPE_MAX", "int value should be between 0 and 25.")
	}
	if hasMax && (maxV < 1 || maxV > 25) {
		fe.add(with(p, "max_values"), "NUMBER_TYPE_MAX", "int value should be between 1 and 25.")
	}
	if t == 3 && hasMax && int(maxV) > len(opts) {
		fe.add(with(p, "max_values"), "BASE_TYPE_MAX", "max_values must be less than or equal to the number of options.")
	}
}

// allowedMentionsRules checks what Discord itself rejects in allowed_mentions.
func allowedMentionsRules(fe *formErrors, path []string, am map[string]any) {
	parse, _ := arr(am, "parse")
	kinds := map[string]bool{}
	for i, p := range parse {
		s, _ := p.(string)
		if s != "users" && s != "roles" && s != "everyone" {
			fe.add(with(path, "parse", itoa(i)), "BASE_TYPE_CHOICES", "Value must be one of ('roles', 'users', 'everyone').")
		}
		kinds[s] = true
	}
	if users, ok := arr(am, "users"); ok {
		if kinds["users"] && len(users) > 0 {
			fe.add(with(path, "parse"), "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", "parse:[\"users\"] and users: [ids...] are mutually exclusive.")
		}
		if len(users) > 100 {
			fe.add(with(path, "users"), "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
		}
	}
	if roles, ok := arr(am, "roles"); ok {
		if kinds["roles"] && len(roles) > 0 {
			fe.add(with(path, "parse"), "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", "parse:[\"roles\"] and roles: [ids...] are mutually exclusive.")
		}
		if len(roles) > 100 {
			fe.add(with(path, "roles"), "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
		}
	}
}

// mentionRule checks the product rule that every message body carries an
// allowed_mentions that pings no one. It returns "" when the body complies.
func mentionRule(m map[string]any) string {
	raw, present := m["allowed_mentions"]
	if !present {
		return "allowed_mentions is missing (Discord then pings everyone mentioned); send {\"parse\":[]}"
	}
	am, ok := obj(raw)
	if !ok {
		return "allowed_mentions is null (Discord then pings everyone mentioned); send {\"parse\":[]}"
	}
	var problems []string
	if parse, ok := arr(am, "parse"); ok && len(parse) > 0 {
		problems = append(problems, fmt.Sprintf("parse=%v allows pings", parse))
	}
	if users, ok := arr(am, "users"); ok && len(users) > 0 {
		problems = append(problems, fmt.Sprintf("users=%v allows pinging those users", users))
	}
	if roles, ok := arr(am, "roles"); ok && len(roles) > 0 {
		problems = append(problems, fmt.Sprintf("roles=%v allows pinging those roles", roles))
	}
	if ru, ok := am["replied_user"].(bool); ok && ru {
		problems = append(problems, "replied_user=true pings the author of the replied-to message")
	}
	if len(problems) == 0 {
		return ""
	}
	return "allowed_mentions could ping: " + strings.Join(problems, "; ")
}

// autocompleteRules checks a type 8 callback's data.
func autocompleteRules(fe *formErrors, path []string, data map[string]any) {
	choices, _ := arr(data, "choices")
	if len(choices) > maxChoices {
		fe.add(with(path, "choices"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", maxChoices)
	}
	choiceRules(fe, with(path, "choices"), choices)
}

func choiceRules(fe *formErrors, path []string, choices []any) {
	for i, c := range choices {
		cm, ok := obj(c)
		if !ok {
			continue
		}
		cp := with(path, itoa(i))
		name, _ := str(cm, "name")
		lenBetween(fe, with(cp, "name"), name, 1, maxChoiceName)
		if nl, ok := obj(cm["name_localizations"]); ok {
			localizationRules(fe, with(cp, "name_localizations"), nl, func(p []string, v string) { lenBetween(fe, p, v, 1, maxChoiceName) })
		}
		switch v := cm["value"].(type) {
		case string:
			maxLen(fe, with(cp, "value"), v, maxChoiceValue)
		case float64:
		case nil:
			fe.add(with(cp, "value"), "BASE_TYPE_REQUIRED", "This field is required")
		default:
			fe.add(with(cp, "value"), "BASE_TYPE_CHOICES", "Value must be a string, an integer or a number.")
		}
	}
}

// modalRules checks a type 9 callback's data.
func modalRules(fe *formErrors, path []string, data map[string]any) {
	id, _ := str(data, "custom_id")
	lenBetween(fe, with(path, "custom_id"), id, 1, maxCustomID)
	title, _ := str(data, "title")
	lenBetween(fe, with(path, "title"), title, 1, 45)
	comps, _ := arr(data, "components")
	if len(comps) < 1 || len(comps) > 5 {
		fe.add(with(path, "components"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
	}
}

func localizationRules(fe *formErrors, path []string, m map[string]any, value func([]string, string)) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !validLocales[k] {
			fe.add(with(path, k), "LOCALE_INVALID", "Invalid locale %q; Discord accepts: %s.", k, localeList())
			continue
		}
		if m[k] == nil {
			continue
		}
		v, ok := m[k].(string)
		if !ok {
			fe.add(with(path, k), "BASE_TYPE_STRING", "Must be a string.")
			continue
		}
		value(with(path, k), v)
	}
}

func localeList() string {
	l := make([]string, 0, len(validLocales))
	for k := range validLocales {
		l = append(l, k)
	}
	sort.Strings(l)
	return strings.Join(l, ", ")
}

func chatNameRule(fe *formErrors, path []string, name string) {
	if !commandNameRe.MatchString(name) {
		fe.add(path, "APPLICATION_COMMAND_INVALID_NAME", "Command name %q is invalid: it must match ^[-_\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$.", name)
		return
	}
	if strings.ToLower(name) != name {
		fe.add(path, "APPLICATION_COMMAND_INVALID_NAME", "Command name %q must be lowercase.", name)
	}
}

// commandRules checks one application command object (bulk overwrite item
// or single create/edit); it returns the command's type and name.
func commandRules(fe *formErrors, path []string, c map[string]any) (int, string) {
	t := 1
	if v, ok := num(c, "type"); ok {
		t = int(v)
	}
	if t < 1 || t > 4 {
		fe.add(with(path, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4}.")
	}
	name, _ := str(c, "name")
	desc, _ := str(c, "description")
	size := 0
	if t == 1 {
		chatNameRule(fe, with(path, "name"), name)
		lenBetween(fe, with(path, "description"), desc, 1, maxCommandDesc)
		size += runes(name) + runes(desc)
	} else {
		lenBetween(fe, with(path, "name"), name, 1, maxCommandName)
		if desc != "" {
			fe.add(with(path, "description"), "APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED", "Only chat input commands have descriptions.")
		}
	}
	if nl, ok := obj(c["name_localizations"]); ok {
		localizationRules(fe, with(path, "name_localizations"), nl, func(p []string, v string) {
			if t == 1 {
				chatNameRule(fe, p, v)
			} else {
				lenBetween(fe, p, v, 1, maxCommandName)
			}
		})
	}
	if dl, ok := obj(c["description_localizations"]); ok {
		localizationRules(fe, with(path, "description_localizations"), dl, func(p []string, v string) {
			lenBetween(fe, p, v, 1, maxCommandDesc)
		})
	}
	if dmp, ok := c["default_member_permissions"]; ok && dmp != nil {
		switch v := dmp.(type) {
		case string:
			if _, err := strconv.ParseUint(v, 10, 64); err != nil {
				fe.add(with(path, "default_member_permissions"), "NUMBER_TYPE_COERCE", "Value %q is not int.", v)
			}
		case float64:
		default:
			fe.add(with(path, "default_member_permissions"), "NUMBER_TYPE_COERCE", "Value is not int.")
		}
	}
	opts, _ := arr(c, "options")
	if len(opts) > 0 && t != 1 {
		fe.add(with(path, "options"), "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED", "Only chat input commands have options.")
	}
	size += optionRules(fe, with(path, "options"), opts, 0)
	if size > 4000 {
		fe.add(path, "APPLICATION_COMMAND_TOO_LARGE", "Command exceeds maximum size (4000)")
	}
	return t, name
}

// optionRules checks a list of command options at nesting depth (0 = the
// command's own options) and returns the characters they count toward the
// 4000-character command size.
func optionRules(fe *formErrors, path []string, opts []any, depth int) int {
	if len(opts) > maxCommandOptions {
		fe.add(path, "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", maxCommandOptions)
	}
	size := 0
	names := map[string]bool{}
	seenOptional := false
	hasSub, hasOther := false, false
	for i, o := range opts {
		om, ok := obj(o)
		if !ok {
			continue
		}
		p := with(path, itoa(i))
		ot := 0
		if v, ok := num(om, "type"); ok {
			ot = int(v)
		}
		if ot < 1 || ot > 11 {
			fe.add(with(p, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.")
		}
		name, _ := str(om, "name")
		desc, _ := str(om, "description")
		chatNameRule(fe, with(p, "name"), name)
		lenBetween(fe, with(p, "description"), desc, 1, maxCommandDesc)
		size += runes(name) + runes(desc)
		if names[name] {
			fe.add(with(p, "name"), "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS", "Option name %q is already used in these options.", name)
		}
		names[name] = true
		if nl, ok := obj(om["name_localizations"]); ok {
			localizationRules(fe, with(p, "name_localizations"), nl, func(pp []string, v string) { chatNameRule(fe, pp, v) })
		}
		if dl, ok := obj(om["description_localizations"]); ok {
			localizationRules(fe, with(p, "description_localizations"), dl, func(pp []string, v string) { lenBetween(fe, pp, v, 1, maxCommandDesc) })
		}
		switch ot {
		case 1, 2:
			hasSub = true
			if ot == 2 && depth > 0 || ot == 1 && depth > 1 {
				fe.add(with(p, "type"), "APPLICATION_COMMAND_OPTION_INVALID_NESTING", "Sub-commands and groups cannot be nested this way.")
			}
			sub, _ := arr(om, "options")
			if ot == 2 {
				for j, so := range sub {
					if sm, ok := obj(so); ok {
						if st, _ := num(sm, "type"); int(st) != 1 {
							fe.add(with(p, "options", itoa(j), "type"), "APPLICATION_COMMAND_OPTION_INVALID_NESTING", "A sub-command group may only contain sub-commands.")
						}
					}
				}
			}
			size += optionRules(fe, with(p, "options"), sub, depth+1)
		default:
			hasOther = true
			if sub, _ := arr(om, "options"); len(sub) > 0 {
				fe.add(with(p, "options"), "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED", "Only sub-commands and groups have options.")
			}
			req, _ := om["required"].(bool)
			if req && seenOptional {
				fe.add(with(p, "required"), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options.")
			}
			if !req {
				seenOptional = true
			}
			choices, _ := arr(om, "choices")
			if len(choices) > 0 {
				if ot != 3 && ot != 4 && ot != 10 {
					fe.add(with(p, "choices"), "APPLICATION_COMMAND_OPTION_CHOICES_NOT_ALLOWED", "Only string, integer and number options have choices.")
				}
				if ac, _ := om["autocomplete"].(bool); ac {
					fe.add(with(p, "autocomplete"), "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES_EXCLUSIVE", "Autocomplete and choices are mutually exclusive.")
				}
				if len(choices) > maxChoices {
					fe.add(with(p, "choices"), "BASE_TYPE_MAX_LENGTH", "Must be %d or fewer in length.", maxChoices)
				}
				choiceRules(fe, with(p, "choices"), choices)
				for _, c := range choices {
					if cm, ok := obj(c); ok {
						n, _ := str(cm, "name")
						size += runes(n) + runes(fmt.Sprint(cm["value"]))
					}
				}
			}
			if ac, _ := om["autocomplete"].(bool); ac && ot != 3 && ot != 4 && ot != 10 {
				fe.add(with(p, "autocomplete"), "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID_TYPE", "Only string, integer and number options can autocomplete.")
			}
		}
	}
	if hasSub && hasOther {
		fe.add(path, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-commands and groups cannot be mixed with other options.")
	}
	return size
}
