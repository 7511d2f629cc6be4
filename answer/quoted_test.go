package answer

import "testing"

// FuzzMayQuoteWhereverReQuotedMatches checks that the character test before reQuoted never turns
// away a text the pattern matches.
func FuzzMayQuoteWhereverReQuotedMatches(f *testing.F) {
	for _, s := range []string{"Qu'a écrit WikiLeaks le 9 novembre 2016 ?", "what does 'juste droner' mean?", "'vraiment facile et utile'",
		"« Merci »", "«merci beaucoup»", "“hey donald”", "‘hey donald’", `he said "hello there"`, "d'après l'article", "x 'abcdef'",
		"\t'abcdefg'?", "'a'", "''''''''", "l'a 'bcdefgh' i", "’‘", "»«"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if reQuoted.MatchString(s) && !mayQuote(s) {
			t.Fatalf("reQuoted matches %q, mayQuote says it cannot", s)
		}
	})
}
