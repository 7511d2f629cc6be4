package shorten

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTruncateKeepsWithinLimitAndNeverCutsMidWord(t *testing.T) {
	words := strings.Repeat("lorem ipsum dolor sit amet, consectetur adipiscing elit ", 100)
	sentences := strings.Repeat("First sentence ends here. Second one is a little longer than that. ", 60)
	for _, tc := range []struct {
		name string
		in   string
		max  int
	}{
		{"words", words, 100},
		{"sentences", sentences, 2000},
		{"accented", strings.Repeat("élection présidentielle américaine ", 80), 1024},
		{"short", "short text", 2000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Text(tc.in, tc.max)
			if n := utf8.RuneCountInString(got); n > tc.max {
				t.Fatalf("%d runes, want at most %d", n, tc.max)
			}
			if utf8.RuneCountInString(tc.in) <= tc.max {
				if got != tc.in {
					t.Fatalf("text within the limit was changed: %q", got)
				}
				return
			}
			if !strings.HasSuffix(got, "[…]") {
				t.Fatalf("cut text has no visible marker: %q", got[len(got)-20:])
			}
			body := strings.TrimSuffix(strings.TrimSuffix(got, "[…]"), " ")
			if !strings.HasPrefix(tc.in, body) {
				t.Fatalf("truncated text is not a prefix of the original")
			}
			// The character after the kept text in the original is a space or the kept text ends a sentence.
			rest := tc.in[len(body):]
			if rest != "" && !strings.HasPrefix(rest, " ") && !strings.HasSuffix(body, ".") {
				t.Fatalf("cut mid-word: ...%q | %q...", body[len(body)-10:], rest[:10])
			}
		})
	}
}

func TestTruncatePrefersASentenceBoundary(t *testing.T) {
	in := strings.Repeat("A sentence of some length. ", 10)
	got := Text(in, 200)
	if !strings.HasSuffix(got, ". […]") {
		t.Fatalf("want a cut after a full stop, got %q", got)
	}
}
