package textproc

import "testing"

// nearStopWordByDeletions is NearStopWord as it was written before its keys were built on the
// stack: the reference the fuzz target compares with.
func nearStopWordByDeletions(w string) bool {
	if len(w) < 2 || len(w) > 8 {
		return false
	}
	for _, d := range Deletions(w) {
		for _, s := range stopDeletes[d] {
			if OneEdit(w, s) {
				return true
			}
		}
	}
	return false
}

// FuzzNearStopWordMatchesDeletions checks NearStopWord against the lookup of every key Deletions
// returns, on any word.
func FuzzNearStopWordMatchesDeletions(f *testing.F) {
	for _, s := range []string{"", "a", "teh", "wat", "wen", "whta", "the", "putintrump", "donald", "qu", "abcdefgh", "abcdefghi", "é", "quoi", "qoi"} {
		f.Add(s)
	}
	for w := range stopWords {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if got, want := NearStopWord(w), nearStopWordByDeletions(w); got != want {
			t.Fatalf("NearStopWord(%q) = %v, want %v", w, got, want)
		}
	})
}

func TestNearStopWordDoesNotAllocate(t *testing.T) {
	for _, w := range []string{"teh", "wikileaks", "message", "stone"} {
		if n := testing.AllocsPerRun(100, func() { NearStopWord(w) }); n != 0 {
			t.Errorf("NearStopWord(%q) allocates %v times, want 0", w, n)
		}
	}
}

// FuzzIsStopWordIsTheMap checks that the bit test before the map never turns a stop word away, on
// every stop word and any other word.
func FuzzIsStopWordIsTheMap(f *testing.F) {
	for w := range stopWords {
		f.Add(w)
	}
	for _, w := range []string{"", "wikileaks", "tweet", "roger", "stone", "message", "first", "x", "été", "\xff"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		_, want := stopWords[w]
		if got := IsStopWord(w); got != want {
			t.Fatalf("IsStopWord(%q) = %v, want %v", w, got, want)
		}
	})
}
