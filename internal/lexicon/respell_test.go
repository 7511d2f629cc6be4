package lexicon

import "testing"

func TestRespellFindsTheOneEntryALetterWasLeftOutOfOrSwappedIn(t *testing.T) {
	for _, c := range []struct {
		typed, want string
	}{
		{"calld", "called"},   // a letter left out
		{"publsh", "publish"}, // a letter left out
		{"lawer", "lawyer"},
		{"pubilsh", "publish"}, // two letters swapped
		{"envoyr", "envoyer"},  // French too
		{"sory", ""},           // "sorry" or "story": no guess
		{"besides", ""},        // a real word one strike from "resides" is not a slip
		{"werent", ""},         // nor one letter too many
		{"publish", ""},        // an entry is no slip
		{"cal", ""},            // too short to tell
		{"xqzvw", ""},          // no entry near
		{"", ""},
	} {
		got, ok := Respell(c.typed)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Respell(%q) = %q, %v; want %q", c.typed, got, ok, c.want)
		}
	}
}

func BenchmarkRespell(b *testing.B) {
	Respell("calld") // the index is built once, at first use
	b.ReportAllocs()
	for b.Loop() {
		Respell("publsh")
		Respell("werent")
	}
}
