package textproc

import (
	"slices"
	"strings"
	"testing"
)

// FuzzWordsMatchesDecodingEveryRune checks the ASCII fast path of AppendWords against the plain
// loop over runes, on any text, valid UTF-8 or not.
func FuzzWordsMatchesDecodingEveryRune(f *testing.F) {
	for _, s := range []string{"", "what did wikileaks say on dec 16", "l'élection de 2016", "Royaume-Uni", "naïve café 3e",
		"\xff\xfeab", "a\u00a0b", "日本語 text", "x", "  trailing  ", "ǅ ŉ ﬁ", "a\x80b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := AppendWords(nil, s), appendWordsSlow(nil, s); !slices.Equal(got, want) {
			t.Fatalf("Words(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkWords(b *testing.B) {
	const q = "what was the first message wikileaks sent to donald trump jr. on 21 october 2016?"
	var out []string
	for b.Loop() {
		out = AppendWords(out[:0], q)
	}
}

// FuzzFoldOfASCIIIsLowerCase checks Fold's ASCII path against strings.ToLower.
func FuzzFoldOfASCIIIsLowerCase(f *testing.F) {
	for _, s := range []string{"", "What WAS the First message?", "already lower", "A", "z", "MiXeD 123 _-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return
			}
		}
		if got, want := Fold(s), strings.ToLower(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}
