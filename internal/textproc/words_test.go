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

// FuzzNextWordInHasWordLastWordMatchWords checks the allocation-free word readers against Words,
// on any text, valid UTF-8 or not.
func FuzzNextWordInHasWordLastWordMatchWords(f *testing.F) {
	for _, s := range []string{"", "donald trump jr.", "l'election de 2016", "royaume-uni", "naïve café 3e",
		"\xff\xfeab", "a\u00a0b", "日本語 text", "x", "  trailing  ", "ǅ ŉ ﬁ", "a\x80b"} {
		f.Add(s, "b")
	}
	f.Fuzz(func(t *testing.T, s, w string) {
		want := Words(s)
		var got []string
		for start, end, ok := NextWordIn(s, 0); ok; start, end, ok = NextWordIn(s, end) {
			got = append(got, s[start:end])
		}
		if !slices.Equal(got, want) {
			t.Fatalf("NextWordIn on %q = %q, Words = %q", s, got, want)
		}
		last := ""
		if len(want) > 0 {
			last = want[len(want)-1]
		}
		if got := LastWord(s); got != last {
			t.Fatalf("LastWord(%q) = %q, want %q", s, got, last)
		}
		for _, x := range append(want, w) {
			if got := HasWord(s, x); got != slices.Contains(want, x) {
				t.Fatalf("HasWord(%q, %q) = %v, want %v", s, x, got, !got)
			}
		}
	})
}

func TestHasWordAndLastWord(t *testing.T) {
	tests := []struct {
		text, word string
		has        bool
		last       string
	}{
		{"donald trump jr.", "jr", true, "jr"},
		{"donald trump jr.", "trum", false, "jr"},
		{"royaume-uni", "uni", true, "uni"},
		{"l'election", "l", true, "election"},
		{"", "a", false, ""},
		{"  ...  ", "", false, ""},
		{"café noir", "café", true, "noir"},
	}
	for _, tt := range tests {
		if got := HasWord(tt.text, tt.word); got != tt.has {
			t.Errorf("HasWord(%q, %q) = %v, want %v", tt.text, tt.word, got, tt.has)
		}
		if got := LastWord(tt.text); got != tt.last {
			t.Errorf("LastWord(%q) = %q, want %q", tt.text, got, tt.last)
		}
	}
}

// FuzzFoldEqualsIsFoldThenCompare checks FoldEquals against comparing with Fold, on pairs of texts
// and on a text against its own fold.
func FuzzFoldEqualsIsFoldThenCompare(f *testing.F) {
	for _, p := range [][2]string{{"WikiLeaks", "wikileaks"}, {"Donald Trump Jr.", "donald trump jr."}, {"Élection", "election"},
		{"abc", "abd"}, {"", ""}, {"A", ""}, {"aÉ", "ae"}, {"xÉ", "ye"}, {"ß", "ss"}, {"\xff", "\xff"}, {"Zé", "ze"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, s, folded string) {
		for _, x := range []string{folded, Fold(s)} {
			if got, want := FoldEquals(s, x), Fold(s) == x; got != want {
				t.Fatalf("FoldEquals(%q, %q) = %v, want %v", s, x, got, want)
			}
		}
	})
}

// The one-lookup marker table weighs each word as the two lists do.
func TestMarkersWeighAsTheTwoLists(t *testing.T) {
	for _, list := range []map[string]int{enMarkers, frMarkers} {
		for w := range list {
			m := markers[w]
			if en, fr := int(m&enMarker), int(m>>1); en != enMarkers[w] || fr != frMarkers[w] {
				t.Errorf("markers[%q] = en %d fr %d, want en %d fr %d", w, en, fr, enMarkers[w], frMarkers[w])
			}
		}
	}
	if len(markers) > len(enMarkers)+len(frMarkers) {
		t.Errorf("markers has %d words, more than the lists' %d", len(markers), len(enMarkers)+len(frMarkers))
	}
}

// NextWord and NextWordIn share one body; neither allocates, on ASCII or not.
func TestNextWordDoesNotAllocate(t *testing.T) {
	b, s := []byte("élection à Wellington, 1840"), "élection à Wellington, 1840"
	if n := testing.AllocsPerRun(100, func() {
		for start, end, ok := NextWord(b, 0); ok; start, end, ok = NextWord(b, end) {
			_ = start
		}
		for start, end, ok := NextWordIn(s, 0); ok; start, end, ok = NextWordIn(s, end) {
			_ = start
		}
	}); n != 0 {
		t.Errorf("reading words allocates %v times", n)
	}
}
