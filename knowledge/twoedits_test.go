package knowledge

import "testing"

// A long word with two slips is still the timeline's word; a shorter one is not, since two edits
// there often make another word.
func TestALongWordWithTwoSlipsIsKnown(t *testing.T) {
	bastille, nz := testdataTimeline(t, "bastille"), testdataTimeline(t, "newzealand")
	checkKnown(t, []knownCase{
		{bastille, "revolushion", true}, // révolution
		{nz, "indapendance", true},      // independence
		{nz, "declarasion", true},       // declaration
		{nz, "parlimant", true},         // parliament
		{bastille, "bevolutiom", false}, // two slips, one on the first letter: not looked for
	})
}

// A slip is in the word typed, not in its stem: a stem one edit from one of the timeline's stems
// counts only when the word is a slip from a word the timeline writes, or the two stems part after
// their first letters, where inflections differ. Otherwise a short stem is a quarter changed.
func TestAStemSlipMustBeAWordSlip(t *testing.T) {
	eiffel, nz := testdataTimeline(t, "eiffeltower"), testdataTimeline(t, "newzealand")
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	checkKnown(t, []knownCase{
		{eiffel, "winter", false},   // French stem "wint", one edit from "want"
		{nz, "called", false},       // stem "call", one edit from "gall" (Gallipoli)
		{seed, "courant", false},    // stem "cour", one edit from "jour"
		{seed, "prevenu", false},    // stem "preven", one edit from "reven"
		{nz, "islnds", true},        // one slip from "islands"
		{seed, "voyait", true},      // "voir": the stems part after "voi"
		{eiffel, "structurs", true}, // one slip from "structure"
	})
}

// testdataTimeline loads the knowledge file of the eval set name.
func testdataTimeline(t *testing.T, name string) *Timeline {
	t.Helper()
	tl, err := LoadFile("../eval/testdata/" + name + "/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

type knownCase struct {
	tl   *Timeline
	word string
	want bool
}

// checkKnown checks Known for each case.
func checkKnown(t *testing.T, cases []knownCase) {
	t.Helper()
	for _, c := range cases {
		if got := c.tl.Known(c.word); got != c.want {
			t.Errorf("Known(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}

// A month's name is a date for the question's parser to read, not a word a slip reaches: a name
// the source lacks ("zune", a music player) is no "june", "mai" stays a month of its own.
func TestNoSlipReachesAMonthsName(t *testing.T) {
	ms, sony := testdataTimeline(t, "microsoft"), testdataTimeline(t, "sony")
	checkKnown(t, []knownCase{
		{ms, "zune", false},
		{sony, "zune", false},
		{ms, "windoes", true}, // windows: slips still reach other words
	})
}
