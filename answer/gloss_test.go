package answer

import (
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

func TestGlossedDatesReplaceWhatTheyGloss(t *testing.T) {
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ in, want string }{
		{"after the last debate (oct 19 '16), wats the 1st dm", "after oct 19 '16, wats the 1st dm"},
		{"everything b/w the 1st n the last debates (sept 26 → oct 19 '16)", "everything b/w sept 26 → oct 19 '16"},
		{"entre l'élection et l'investiture de trump (20/01/17), WL a envoyé koi", "entre l'élection et 20/01/17, WL a envoyé koi"},
		{"le lendemain du 2e débat trump-clinton (dim. 9 oct. 16), trump a dit koi", "le lendemain du dim. 9 oct. 16, trump a dit koi"},
		{"le lendemain de la prise de la bastille (14 juillet 1789)", "le lendemain de 14 juillet 1789"},
		// No date of its own, or nothing before it to stand for: the text stands.
		{"le surlendemain du 1er lot podesta (donc 2 jours après), ya un truc ?", "le surlendemain du 1er lot podesta (donc 2 jours après), ya un truc ?"},
		{"après la 2e fournée podesta et avant le soir du vote (les 2 exclus)", "après la 2e fournée podesta et avant le soir du vote (les 2 exclus)"},
		{"what happened (oct 19 '16)", "what happened (oct 19 '16)"},
		{"what did WL write after (oct 19 '16)", "what did WL write after (oct 19 '16)"},
	}
	for _, c := range cases {
		if got := glossedDates(c.in, tl); got != c.want {
			t.Errorf("glossedDates(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
