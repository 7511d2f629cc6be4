package answer

import (
	"slices"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

func TestAsksAmountTellsSumsFromCountsAndDurations(t *testing.T) {
	for _, c := range []struct {
		q    string
		want bool
	}{
		{"how much did the whole thing end up costing in the end", true},
		{"how much money came with his nobel prize", true},
		{"how much did eich donate in support of proposition 8?", true},
		{"combien a coûté la mission apollo 13 ?", true},
		{"combien wl a payé don jr pour ses infos ?", true},
		{"combien d'argent il a touché", true},
		{"il gagnait combien le capitaine hazelwood ?", true},
		{"ça a coûté combien au final", true},
		{"quel était le prix du billet ?", true},
		{"what was the price of the notebook", true},
		{"l'équipe de france a gagné combien de championnats d'europe", false},
		{"how much time between the launch and the explosion", false},
		{"how many seats does the theatre have", false},
		{"combien de jours entre le premier et le dernier message", false},
		{"who won the pritzker prize", false},
	} {
		if got := asksAmount(textproc.Fold(c.q)); got != c.want {
			t.Errorf("asksAmount(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}

func TestMoneyIsFoundInEitherOrder(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"the final cost was $102 million", true},
		{"sold for $388,375", true},
		{"il a reçu 1 000 livres", true},
		{"a prize of 30,000 pounds", true},
		{"un budget de 3 millions d'euros", true},
		{"it cost A$3.5 million", true},
		{"the 1,000 seats of the hall", false},
		{"on 3 september 1928", false},
	} {
		if got := reMoney.MatchString(textproc.Fold(c.text)); got != c.want {
			t.Errorf("money in %q = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestAFigureIsWrittenJustBeforeWhatItCounts(t *testing.T) {
	for _, c := range []struct {
		text, stem string
		want       bool
	}{
		{"a large hall seating 3,000 and 2,679 seats", "seat", true},
		{"there were quatre délégations", "delegatio", true},
		{"their only child, robert", "child", true},
		{"the theatre closed in 2017 for new seats", "seat", false},
		{"the seats of 1973", "seat", false},
		{"in 1854 gold miners in ballarat rose", "gold", false},
		{"en 1957 fusees lancees", "fusee", false},
		{"2000 seats were added", "seat", true},
	} {
		if got := writesFigureOf(textproc.Fold(c.text), c.stem); got != c.want {
			t.Errorf("writesFigureOf(%q, %q) = %v, want %v", c.text, c.stem, got, c.want)
		}
	}
}

// The substring test before callsItself splits a passage must let every order word through.
func TestPassageOrderStemsCoverEveryOrderWord(t *testing.T) {
	for w := range passageOrderWords {
		if !slices.ContainsFunc(passageOrderStems, func(st string) bool { return strings.Contains(w, st) }) {
			t.Errorf("order word %q contains no stem of passageOrderStems", w)
		}
	}
}

func TestAdverbForm(t *testing.T) {
	for w, want := range map[string]bool{
		"originally": true, "orignaly": true, "eventually": true, "finalement": true, "recemment": true,
		"constamment": true, "effectivement": true, "politiquement": true,
		"parliament": false, "government": false, "gouvernement": false, "assembly": false, "family": false,
		"monument": false, "mouvement": false, "july": false,
	} {
		if got := adverbForm(w); got != want {
			t.Errorf("adverbForm(%q) = %v, want %v", w, got, want)
		}
	}
}
