package answer

import "testing"

func TestQuiBeforeAVerbIsItsSubject(t *testing.T) {
	for _, c := range []struct {
		before string
		want   bool
	}{
		{"c qui qui a", true},
		{"qui ont", true},
		{"qu'a", false},
		{"quand a", false},
		{"quand est-ce que nintedo a", true},
	} {
		if got := subjectBeforeVerb(c.before); got != c.want {
			t.Errorf("subjectBeforeVerb(%q) = %v, want %v", c.before, got, c.want)
		}
	}
}
