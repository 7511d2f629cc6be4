package answer

import (
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

func TestPurposeIsReadAsAReason(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Cette mesure vise à donner au régime le monopole de l'hymne", true},
		{"the law was passed in a bid to stop the leaks", true},
		{"he moved so that he could work", true},
		{"ils ont fermé les portes pour empêcher la foule d'entrer", true},
		{"dans le but de rassurer les marchés", true},
		{"thanks to the new filters, the crew survived", true},
		{"the crew returned safely to Earth on April 17", false},
		{"il est parti pour Paris", false},
	} {
		if got := causal(textproc.Fold(c.text)); got != c.want {
			t.Errorf("causal(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
