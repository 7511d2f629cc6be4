package temporal

import (
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

// describe formats the mentions of text as "TEXT=DATE[flags]" for comparison.
func describe(ms []Mention) string {
	var parts []string
	for _, m := range ms {
		s := m.Text + "="
		if m.Resolved {
			s += m.Date.String()
		} else {
			s += "?"
		}
		if m.Time != "" {
			s += "@" + m.Time
		}
		for _, f := range []struct {
			on   bool
			name string
		}{{m.Relative, "rel"}, {m.Inferred, "inferred"}, {m.Vague, "vague"}, {m.Earlier, "earlier"}} {
			if f.on {
				s += "+" + f.name
			}
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " | ")
}

func TestFind(t *testing.T) {
	pub := knowledge.Date{Year: 2017, Month: 11, Day: 13, Precision: knowledge.PrecisionDay}
	cases := []struct {
		name, text string
		published  knowledge.Date
		want       string
	}{
		{"english full dates", "On January 23, 1998, Netscape spoke. It was chosen on February 9th, 2004 and on 3 April 2014.",
			knowledge.Date{}, "January 23, 1998=1998-01-23 | February 9th, 2004=2004-02-09 | 3 April 2014=2014-04-03"},
		{"french full dates", "20 septembre 2016: WikiLeaks écrit. Le 1er novembre 2016, puis le mercredi 16 décembre 2016.",
			knowledge.Date{}, "20 septembre 2016=2016-09-20 | 1er novembre 2016=2016-11-01 | mercredi 16 décembre 2016=2016-12-16"},
		{"numeric and ISO", "Le 14/10/2016 puis le 2016-10-21.", knowledge.Date{}, "14/10/2016=2016-10-14 | 2016-10-21=2016-10-21"},
		{"month and year", "In July 2003 and en juin 2016, then in 2011.", knowledge.Date{},
			"July 2003=2003-07 | juin 2016=2016-06 | 2011=2011"},
		{"a date without its year takes the year of the last full date",
			"11 juillet 2017: WikiLeaks écrit. Une rencontre en juin 2016. Le 11 juillet, WikiLeaks a écrit.", knowledge.Date{},
			"11 juillet 2017=2017-07-11 | juin 2016=2016-06 | 11 juillet=2017-07-11+inferred"},
		{"relative dates in English", "On January 23, 1998, Netscape spoke. One day later, Zawinski registered it. Three weeks later it shipped.",
			knowledge.Date{}, "January 23, 1998=1998-01-23 | One day later=1998-01-24+rel | Three weeks later=1998-02-14+rel"},
		{"relative dates in French", "Le 8 novembre 2016, il écrit. Le lendemain, il répond. La veille, rien.",
			knowledge.Date{}, "8 novembre 2016=2016-11-08 | Le lendemain=2016-11-09+rel | La veille=2016-11-08+rel"},
		{"after a clause names an earlier event", "Le 10 octobre 2016, Trump parle. Ses commentaires surviennent trois jours après que le site publie des emails.",
			knowledge.Date{}, "10 octobre 2016=2016-10-10 | trois jours après=2016-10-07+rel+earlier"},
		{"the message came three days after", "On July 11, 2017, WikiLeaks wrote. The message came three days after the Times published an article.",
			knowledge.Date{}, "July 11, 2017=2017-07-11 | three days after=2017-07-08+rel+earlier"},
		{"vague dates", "At the end of 2013, a deal. As of late 2015, a share. Au début 2014, un départ. In the spring of 2012, a launch.",
			knowledge.Date{}, "At the end of 2013=2013-12+vague | late 2015=2015-12+vague | début 2014=2014-01+vague | In the spring of 2012=2012+vague"},
		{"relative dates before any other count from the publication date", "Le lendemain, il répond.", pub,
			"Le lendemain=2017-11-14+rel"},
		{"a relative date with nothing to count from is reported unresolved", "The next day, it shipped.", knowledge.Date{},
			"The next day=?+rel"},
		{"times of day belong to the day before them", "Le 8 novembre 2016, à 18h35, puis at 6:35 pm.", knowledge.Date{},
			"8 novembre 2016=2016-11-08 | 18h35=2016-11-08@18:35+rel | 6:35 pm=2016-11-08@18:35+rel"},
		{"numbers that are not years", "It cost $1998, US$1,000 and 2000 km; Firefox 3.6 had 1998% more; the election of 2016.", knowledge.Date{},
			""},
		{"may as a verb is not a month", "It may 3 times fail in May 2014.", knowledge.Date{}, "May 2014=2014-05"},
		{"impossible dates are not dates", "On February 30, 2016 and 31/02/2016.", knowledge.Date{}, ""},
		{"a range between two months", "entre septembre 2016 et juillet 2017", knowledge.Date{}, "septembre 2016=2016-09 | juillet 2017=2017-07"},
		{"no-break spaces keep the day", "Ada was born on 10\u00a0December 1815. Le 8\u202fnovembre 2016, il écrit. On 21\u00a0April, a deed.", knowledge.Date{},
			"10\u00a0December 1815=1815-12-10 | 8\u202fnovembre 2016=2016-11-08 | 21\u00a0April=2016-04-21+inferred"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := describe(Find(c.text, Options{Published: c.published}))
			if got != c.want {
				t.Errorf("Find(%q)\n got: %s\nwant: %s", c.text, got, c.want)
			}
		})
	}
}

// TestFindSeedDates checks the relative and year-less dates of the seed article resolve as its
// hand-written knowledge file dates them.
func TestFindSeedDates(t *testing.T) {
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, m := range Find(tl.Source.Text, Options{}) {
		if m.Resolved {
			found[m.Date.String()] = true
		}
	}
	for _, e := range tl.Events {
		if !found[e.Date.String()] {
			t.Errorf("the seed's event %s (%s) has a date the text gives but Find missed", e.ID, e.Date)
		}
	}
}

// FuzzFind: mentions are in order, within the text, and do not overlap.
func FuzzFind(f *testing.F) {
	f.Add("On January 23, 1998, one day later, le lendemain, at the end of 2013, 18h35, 14/10/2016.")
	f.Fuzz(func(t *testing.T, s string) {
		end := 0
		for _, m := range Find(s, Options{}) {
			if m.Start < end || m.End <= m.Start || m.End > len(s) || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad mention %+v after %d in %q", m, end, s)
			}
			end = m.End
		}
	})
}
