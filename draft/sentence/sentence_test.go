package sentence

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func texts(text string) []string {
	var out []string
	for _, s := range Split(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"plain", "One sentence. Another one! A question? Yes.",
			[]string{"One sentence.", "Another one!", "A question?", "Yes."}},
		{"abbreviations and initials", "Donald Trump Jr. met Mr. Smith and John F. Kennedy Jr. in the U.S. yesterday. Then M. Dupont left.",
			[]string{"Donald Trump Jr. met Mr. Smith and John F. Kennedy Jr. in the U.S. yesterday.", "Then M. Dupont left."}},
		{"Jr. at the end of a sentence", "WikiLeaks wrote to Trump Jr. The site asked for more.",
			[]string{"WikiLeaks wrote to Trump Jr.", "The site asked for more."}},
		{"numbers and addresses", "Firefox 3.6 shipped. See mozilla.org for 1.7.x details.",
			[]string{"Firefox 3.6 shipped.", "See mozilla.org for 1.7.x details."}},
		{"a quotation of several sentences stays whole", `Trump Jr. aurait répondu, "Officieusement je ne sais pas. Merci." Puis rien.`,
			[]string{`Trump Jr. aurait répondu, "Officieusement je ne sais pas. Merci."`, "Puis rien."}},
		{"closing quotes stay with their sentence", `He said "it is done." She left.`,
			[]string{`He said "it is done."`, "She left."}},
		{"guillemets with French spacing", "Il a dit « c'est fini. » Elle est partie.",
			[]string{"Il a dit « c'est fini. »", "Elle est partie."}},
		{"a lower-case word after ? continues", `"Where is it?" he asked. Nobody knew.`,
			[]string{`"Where is it?" he asked.`, "Nobody knew."}},
		{"bullets start sentences", "  • First point without a stop\n  • Second point.",
			[]string{"First point without a stop", "Second point."}},
		{"a paragraph break ends a sentence and an open quote", "He said \"no\n\nThen it ended. Really.",
			[]string{"He said \"no", "Then it ended.", "Really."}},
		{"military ranks and dotted initials", "Union Maj. Gen. George Meade led. Brig. Gen. John Buford held, and Gens. A.P. Hill and J.E.B. Stuart moved. Then it rained.",
			[]string{"Union Maj. Gen. George Meade led.", "Brig. Gen. John Buford held, and Gens. A.P. Hill and J.E.B. Stuart moved.", "Then it rained."}},
		{"no final stop", "A heading", []string{"A heading"}},
		{"ellipsis", "It went on… Then it stopped.", []string{"It went on…", "Then it stopped."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := texts(c.text); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Split(%q)\n got: %q\nwant: %q", c.text, got, c.want)
			}
		})
	}
}

// TestSplitSeedPassages checks that the seed's hand-written passages are whole sentences (or runs
// of them) of the split source: a drafted passage can be what a person would have chosen.
func TestSplitSeedPassages(t *testing.T) {
	data, err := os.ReadFile("../../knowledge/seed/source.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	starts := map[string]bool{}
	for _, s := range Split(text) {
		starts[strings.Join(strings.Fields(text[s.Start:s.End]), " ")] = true
	}
	for _, want := range []string{
		"20 septembre 2016: WikiLeaks contacte Trump Jr. via un message direct sur Twitter.",
		"Trump Jr. aurait répondu, \"Officieusement je ne sais pas qui c'est mais je vais me renseigner. Merci.\"",
		"Trump Jr. n'a pas répondu.",
	} {
		if !starts[want] {
			t.Errorf("%q is not one of the sentences", want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("One. Two? « Trois. » \"Four\n\nFive")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Split(s) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("bad span %v after %d in %q", sp, prev, s)
			}
			prev = sp.End
		}
	})
}
