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
		// What a sign means, a count explained, an intent, a consequence.
		{"La bordure d'hermine représente la fédération des États australiens", true},
		{"a kangaroo and an emu, symbolising progress", true},
		{"une septième pointe a été ajoutée pour symboliser le territoire de Papouasie", true},
		{"the letters stand for the Union", true},
		{"sept branches, une pour chacun des États", true},
		{"seven points, one for each state", true},
		{"wishing to retain Fleming in the team, Wright offered him a post", true},
		{"il les garda en liquide, de sorte que le gouvernement fédéral ne put les toucher", true},
		{"the engineers rejected the plan, citing doubts about the technique", true},
		{"sauf si un représentant du gouvernement est présent", false},
		{"one for the road", false},
	} {
		if got := causal(textproc.Fold(c.text)); got != c.want {
			t.Errorf("causal(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestResultsAndAnnouncedReasonsAreReadAtThePassagesEdges(t *testing.T) {
	for _, c := range []struct {
		folded         string
		result, reason bool
	}{
		{"as a result, the last part of the corps left at 10:00", true, false},
		{"as a result of the attacks, transmissions stopped", false, false},
		{"c'est pourquoi le lancement est repousse", true, false},
		{"nasa had considered a mixture, but rejected it based on two considerations.", false, true},
		{"il l'a refuse pour deux raisons :", false, true},
		{"the two reasons he gave were not convincing", false, false},
	} {
		if got := reOpensOnResult.MatchString(c.folded); got != c.result {
			t.Errorf("reOpensOnResult(%q) = %v, want %v", c.folded, got, c.result)
		}
		if got := reAnnouncesReasons.MatchString(c.folded); got != c.reason {
			t.Errorf("reAnnouncesReasons(%q) = %v, want %v", c.folded, got, c.reason)
		}
	}
}
