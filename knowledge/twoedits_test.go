package knowledge

import "testing"

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
		{bastille, "revolushion", true}, // révolution
		{nz, "indapendance", true},      // independence
		{nz, "declarasion", true},       // declaration
		{nz, "parlimant", true},         // parliament
		{bastille, "bevolutiom", false}, // two slips, one on the first letter: not looked for
	} {
		if got := c.tl.Known(c.word); got != c.want {
			t.Errorf("Known(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}
