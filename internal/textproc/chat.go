package textproc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unchat rewrites the chat spellings people type on a chat server into the words they stand for
// ("luvs" → "loves", "ppl" → "people", "kesk" → "qu'est-ce que", "pk" → "pourquoi"), so that a
// question reads as written out: its question word is seen, and its words are looked up as the
// source writes them. Only lowercase forms outside quotation marks are rewritten: a capitalized
// one is a name or an acronym ("PK", "Di"), a quoted one is the asker's exact words. Forms that are
// also common words or names in either language ("ms", "pr", "vs", "y") are left alone. The text
// is returned unchanged, without copying, when it has none.
func Unchat(text string) string {
	text = leadingWhy(text)
	var b strings.Builder
	last := 0 // bytes of text before this are in b (or b is unused)
	quoted := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '«', '“', '»', '”', '"':
			switch r {
			case '«', '“':
				quoted = true
			case '»', '”':
				quoted = false
			default:
				quoted = !quoted
			}
			i += size
			continue
		}
		if !isChatByte(r) {
			// A word that starts otherwise ("Qu'a", "Ppl") is skipped whole: its lowercase tail is
			// no word of its own.
			i += size
			if unicode.IsLetter(r) {
				for i < len(text) {
					r2, s2 := utf8.DecodeRuneInString(text[i:])
					if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
						break
					}
					i += s2
				}
			}
			continue
		}
		j := i
		for j < len(text) && isChatByte(rune(text[j])) {
			j++
		}
		// A word glued to letters beyond ASCII ("pkô") is not a chat form.
		if j < len(text) {
			if r2, _ := utf8.DecodeRuneInString(text[j:]); r2 >= utf8.RuneSelf {
				for j < len(text) {
					r2, s2 := utf8.DecodeRuneInString(text[j:])
					if r2 < utf8.RuneSelf && !isChatByte(r2) {
						break
					}
					j += s2
				}
				i = j
				continue
			}
		}
		// Next to a period the letters are an abbreviation ("u.s.", "p.s."), not a word; next to a
		// hyphen, part of one ("u-turn").
		// After a slash, the second half of one ("b/w").
		abbrev := i > 0 && (text[i-1] == '.' || text[i-1] == '-' || text[i-1] == '/') || j+1 < len(text) && (text[j] == '.' && isChatByte(rune(text[j+1])) || text[j] == '-')
		if full, ok := chatForms[text[i:j]]; ok && !quoted && !abbrev {
			if b.Len() == 0 {
				b.Grow(len(text) + 16)
			}
			b.WriteString(text[last:i])
			b.WriteString(full)
			last = j
		}
		i = j
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// leadingWhy reads a question's first word "y" as "why" when an English auxiliary follows it ("y
// did they drop the idea"): elsewhere "y" is the French pronoun ("y a quoi en 1630", "y a-t-il un
// cygne"), so it is left alone.
func leadingWhy(text string) string {
	trimmed := strings.TrimLeft(text, " ")
	rest, ok := strings.CutPrefix(trimmed, "y ")
	if !ok {
		if rest, ok = strings.CutPrefix(trimmed, "Y "); !ok {
			return text
		}
	}
	next, _, _ := strings.Cut(strings.TrimLeft(rest, " "), " ")
	next = strings.ReplaceAll(strings.ToLower(strings.TrimRight(next, "?,")), "’", "'")
	if !whyAuxiliaries[next] {
		return text
	}
	return "why " + rest
}

var whyAuxiliaries = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`did didnt didn't do does doesnt doesn't dont don't is isnt isn't was wasnt
wasn't were werent weren't are arent aren't r would wouldnt wouldn't wud could couldnt couldn't cud should
shouldnt shouldn't shud has hasnt hasn't have havent haven't had hadnt hadn't can cant can't will wont won't`) {
		m[w] = true
	}
	return m
}()

func isChatByte(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }

// chatForms maps chat spellings to what they stand for, in English and French. Each is a form that
// is not also a common word of either language, so rewriting it never changes a question that
// meant the word.
var chatForms = func() map[string]string {
	m := map[string]string{}
	for _, row := range strings.FieldsFunc(`
love: luv|loves: luvs|loved: luvd|people: ppl|please: pls plz|because: cuz coz bcuz
about: abt|from: frm|before: b4|through: thru|though: tho|your: ur|you: u|are: r|going to: gonna|want to: wanna
don't know: dunno|government: govt|message: msg|messages: msgs
tomorrow: tmrw tmr|yesterday: yday|really: rly|birthday: bday|conversation: convo|president: prez
something: sth smth|someone: smb|with: w|years: yrs|year: yr|weeks: wks|combien: cb cmb cbn|tout: tt
est-ce que: esque eske esk|qu'est-ce que: kesk keske kske|qu'est-ce qui: keski|pourquoi: pk pq pkoi pourkoi prq
beaucoup: bcp|quelque chose: qqch qqc|quelqu'un: qqn|toujours: tjrs tjs|maintenant: mtn mnt
jamais: jms jamai|aujourd'hui: auj ajd|désolé: dsl|peut-être: ptet ptetre
je suis: chui chuis|quel: kel|quelle: kelle|quoi: koi|qui: ki|quand: kan qd
comment: komen koment|ce que: ske|que: ke|toujours: tjr|vraiment: vrmt|dit: di|rendez-vous: rdv|days: dayz|dans: ds|avec: avc|parce que: pcq paske
what: wat wut|what's: wats whats|when: wen|how: hw|many: mny|between: btwn|jours: jrs|temps: tps|avec: avk|entre: entr
should: shud shld|could: cud|would: wud|instead: insted|department: dept|locomotives: locos`, func(r rune) bool { return r == '|' || r == '\n' }) {
		full, forms, _ := strings.Cut(row, ":")
		for _, f := range strings.Fields(forms) {
			m[f] = full
		}
	}
	return m
}()
