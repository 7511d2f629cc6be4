package knowledge

import (
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// A long word with two slips is still the timeline's word; a shorter one is not, since two edits
// there often make another word.
func TestALongWordWithTwoSlipsIsKnown(t *testing.T) {
	bastille, err := LoadFile("../eval/testdata/bastille/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	nz, err := LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tl   *Timeline
		word string
		want bool
	}{
		{bastille, "revolushion", true},     // révolution
		{nz, "indapendance", true},          // independence
		{nz, "declarasion", true},           // declaration
		{nz, "parlimant", true},             // parliament
		{bastille, "xqzrevolushion", false}, // a slip on the first letters is not looked for
	} {
		if got := c.tl.Known(c.word); got != c.want {
			t.Errorf("Known(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}

func TestWithinTwoEdits(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"revolution", "revolushion", true}, // a substitution and an insertion
		{"independence", "indapendance", true},
		{"abcdef", "badcfe", false}, // three transpositions
		{"abcdefgh", "abcdefgh", true},
		{"abcdefgh", "abcdefghijk", false},
		{"ambassador", "ambasador", true},
	} {
		if got := textproc.WithinTwoEdits(c.a, c.b); got != c.want {
			t.Errorf("WithinTwoEdits(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
