// Package shorten cuts text to a length limit where a reader expects a cut: after a sentence, else
// between words, with a visible mark. The bot keeps every message within Discord's limits with it.
package shorten

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text shortens s to at most max characters (runes), cutting at the end of a sentence if one ends
// in the last third, else at a word boundary, never mid-word, and marks the cut with " […]".
func Text(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	const marker = " […]"
	budget := max - utf8.RuneCountInString(marker)
	if budget <= 0 {
		return string([]rune(s)[:max])
	}
	runes := []rune(s)[:budget]
	cut := string(runes)
	// Prefer a sentence boundary in the last third.
	for i := len(cut) - 1; i > len(cut)*2/3; i-- {
		if (cut[i] == '.' || cut[i] == '!' || cut[i] == '?' || cut[i] == '\n') && (i+1 == len(cut) || cut[i+1] == ' ' || cut[i+1] == '\n') {
			return cut[:i+1] + marker
		}
	}
	// Else a word boundary: drop the partial word at the end.
	if next := []rune(s)[budget]; !unicode.IsSpace(next) {
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > 0 {
			cut = cut[:i]
		}
	}
	return strings.TrimRightFunc(cut, unicode.IsSpace) + marker
}
