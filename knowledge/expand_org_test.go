package knowledge

import "testing"

// A thing's name is no short form of the organisation named after it: "the suez canal" is the
// canal, not the Suez Canal Company; a person's short name still expands.
func TestAThingIsNotTheOrganisationNamedAfterIt(t *testing.T) {
	for _, c := range []struct {
		set, text, want string
	}{
		{"suezcanal", "when did the suez canal open", "when did the suez canal open"},
		{"sydneyopera", "when did the sydney opera house open", "when did the sydney opera house open"},
		{"empirestate", "when did the empire state building open", "when did the empire state building open"},
	} {
		if got := testdataTimeline(t, c.set).ExpandNames(c.text); got != c.want {
			t.Errorf("%s: ExpandNames(%q) = %q, want %q", c.set, c.text, got, c.want)
		}
	}
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if got := seed.ExpandNames("what did don jr say"); got != "what did donald trump jr. say" && got != "what did donald trump jr say" {
		t.Errorf("ExpandNames(don jr) = %q, want Donald Trump Jr.", got)
	}
}
