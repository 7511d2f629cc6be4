package textproc

import "testing"

func TestUnchatWritesOutChatSpellings(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"english chat verb", "wen did trmp say he luvs wikileaks", "when did trmp say he loves wikileaks"},
		{"english question words", "wats the oldest thing, wat r they", "what's the oldest thing, what are they"},
		{"french question word", "kesk WL a di sur l'Australie", "qu'est-ce que WL a dit sur l'Australie"},
		{"several forms", "pk ppl r mad abt it", "pourquoi people are mad about it"},
		{"counting words", "hw mny days btwn the two", "how many days between the two"},
		{"french counting words", "cb de jrs entr le dm et la demande, cb de tps avk lui", "combien de jours entre le dm et la demande, combien de temps avec lui"},
		{"capitalized is a name or an acronym", "what did PK and Di say", "what did PK and Di say"},
		{"quoted words are the asker's own", `who wrote "luv u"? and « pk » ?`, `who wrote "luv u"? and « pk » ?`},
		{"abbreviation with periods", "what about the u.s. election, u know", "what about the u.s. election, you know"},
		{"part of a longer word", "uplink ppls pkg", "uplink ppls pkg"},
		{"glued to an accented letter", "ué pké", "ué pké"},
		{"nothing to rewrite", "What happened on 3 October 2016?", "What happened on 3 October 2016?"},
		{"inside a word that starts with a capital", "Qu'a répondu Ppl ?", "Qu'a répondu Ppl ?"},
		{"part of a hyphenated word", "did he make a u-turn", "did he make a u-turn"},
		{"a French word that is also chat elsewhere", "jusqu'au bout", "jusqu'au bout"},
		{"at the very end", "did WL write b4", "did WL write before"},
		{"units and counts", "cb de jours, 4 yrs later, 2 wks after", "combien de jours, 4 years later, 2 weeks after"},
		{"a lone w is with", "did he stick w his story", "did he stick with his story"},
		{"tt is tout", "le tt 1er msg", "le tout 1er message"},
		{"frm is from", "hw long frm the dm til the wow", "how long from the dm til the wow"},
		{"esque is est-ce que", "kan esque le sceau est apparu", "quand est-ce que le sceau est apparu"},
		{"ke is que", "kan est ce ke le sénat a voté", "quand est ce que le sénat a voté"},
		{"a leading y before an auxiliary is why", "y did they drop the plan, y r u sure", "why did they drop the plan, y are you sure"},
		{"a capital Y and a curly apostrophe", "  Y didn’t they stop", "why didn’t they stop"},
		{"a leading y elsewhere is the French pronoun", "y a quoi en 1630, y a-t-il un cygne", "y a quoi en 1630, y a-t-il un cygne"},
		{"the second half of a slashed abbreviation", "anything b/w the two, stick w/ it", "anything b/w the two, stick with/ it"},
	} {
		if got := Unchat(c.in); got != c.want {
			t.Errorf("%s: Unchat(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestUnchatDoesNotCopyTextWithoutChat(t *testing.T) {
	in := "What did WikiLeaks ask for on 21 October 2016?"
	if n := testing.AllocsPerRun(100, func() { _ = Unchat(in) }); n != 0 {
		t.Errorf("Unchat allocates %v times on a text with no chat form", n)
	}
}

func FuzzUnchat(f *testing.F) {
	for _, s := range []string{"luvs", "kesk «pk» ppl", "u.s.", "\xff pk", "é pk é", `"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Unchat(s)
		if out == s {
			return
		}
		// Rewriting only ever replaces lowercase ASCII words: what is left of the text is kept.
		if len(out) < len(s)-5 {
			t.Fatalf("Unchat(%q) = %q lost text", s, out)
		}
	})
}
