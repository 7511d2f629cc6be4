package textproc

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestLanguageDetection(t *testing.T) {
	cases := []struct{ text, want string }{
		{"What did WikiLeaks ask for on 21 October 2016?", "en"},
		{"what happened before the election", "en"},
		{"How many followers does Trump Jr. have on Twitter?", "en"},
		{"Tell me about the tax returns", "en"},
		{"Qu'a écrit WikiLeaks le 9 novembre 2016 ?", "fr"},
		{"Que s'est-il passé en novembre 2016 ?", "fr"},
		{"Quel lien Trump Jr. a-t-il tweeté ?", "fr"},
		{"Pourquoi WikiLeaks voulait-il les déclarations d'impôts ?", "fr"},
		{"c'est quoi putintrump", "fr"},
		{"élection", "fr"}, // an accent is evidence
		{"21/10/2016", ""},
		{"WikiLeaks", ""},
		{"Assange", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := Language(c.text); got != c.want {
			t.Errorf("Language(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestFoldRemovesCaseAndAccents(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Élection", "election"},
		{"ÉLECTION présidentielle", "election presidentielle"},
		{"déclarations d’impôts", "declarations d'impots"},
		{"L‘Œuvre", "l'oeuvre"},
		{"Straße", "strasse"},
		{"Zoë, naïve, garçon, Ærø", "zoe, naive, garcon, aerø"}, // ø does not decompose
		{"e\u0301te\u0301", "ete"},                              // decomposed accents
		{"« guillemets » — tiret…", "« guillemets » — tiret…"},
		{"plain ASCII", "plain ascii"},
		{"Москва", "москва"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Fold's tables must give what the general fold gives, on any text.
func TestFoldMatchesTheGeneralFold(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aZé É’'œŒßæçÇ\u0301\u00a0\u2014\u2019…«»ǅǈ̈Å\u2000\u2028Ωж日\xff")
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := r.IntN(12); n > 0; n-- {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Fatalf("Fold(%q) = %q, foldSlow = %q", s, got, want)
		}
	}
	for r := rune(0x80); r < 0x3000; r++ {
		s := "x" + string(r) + "Y"
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Fatalf("Fold(%q) = %q, foldSlow = %q", s, got, want)
		}
	}
}

func TestWordsSplitsOnElisionAndHyphens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"l'election d'hier", []string{"l", "election", "d", "hier"}},
		{"trump's tax returns", []string{"trump", "s", "tax", "returns"}},
		{"royaume-uni, 2016!", []string{"royaume", "uni", "2016"}},
		{"wlsearch.tk", []string{"wlsearch", "tk"}},
		{"  ", nil},
	}
	for _, c := range cases {
		if got := Words(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	buf := make([]string, 0, 4)
	buf = AppendWords(buf, "a b")
	buf = AppendWords(buf, "c")
	if !slices.Equal(buf, []string{"a", "b", "c"}) {
		t.Errorf("AppendWords = %q", buf)
	}
}

func TestStemInEachLanguage(t *testing.T) {
	cases := []struct{ word, lang, want string }{
		{"returns", "en", "return"},
		{"messages", "en", "messag"},
		{"declarations", "fr", "declar"},
		{"elections", "fr", "elect"},
		{"impots", "fr", "impot"},
		{"publicaciones", "es", "public"},
		{"words", "de", "words"}, // no stemmer: unchanged
		{"on", "en", "on"},       // too short to stem
		{"2016", "fr", "2016"},
	}
	for _, c := range cases {
		if got := Stem(c.word, c.lang); got != c.want {
			t.Errorf("Stem(%q, %s) = %q, want %q", c.word, c.lang, got, c.want)
		}
	}
}

// Folded French words lose the accents Snowball reads endings by; every form of a word must still
// stem alike.
func TestFoldedFrenchFormsOfAWordStemAlike(t *testing.T) {
	groups := [][]string{
		{"rencontre", "rencontree", "rencontrees", "rencontrer", "rencontres"},
		{"publie", "publies", "publiee", "publier", "publiait"},
		{"repondu", "repondre", "repondait", "repond"},
		{"envoyer", "envoye", "envoie", "envoyait", "envoya", "envoyerent"}, // the simple past too
		{"decider", "decide", "decida", "deciderent"},
		{"arriver", "arrive", "arriva", "arriverent"},
		{"different", "differente", "differents"}, // an adjective in -érent is no simple past
		{"demande", "demandee", "demander", "demandait", "demandaient"},
		{"connecte", "connectee", "connectees", "connectes"},
		{"premier", "premiere", "premieres"},
		{"lettre", "lettres"},
	}
	for _, g := range groups {
		want := Stem(g[0], "fr")
		for _, w := range g[1:] {
			if got := Stem(w, "fr"); got != want {
				t.Errorf("Stem(%q) = %q, want %q like %q", w, got, want, g[0])
			}
		}
	}
}

func TestStopWords(t *testing.T) {
	// Question words carry no meaning: "what happened", "que s'est-il passé".
	// Nor do indefinite pronouns, contractions typed without their apostrophe, and relative
	// pronouns ("did anyone die", "didnt", "la constellation c'est laquelle").
	for _, w := range []string{"the", "what", "did", "que", "qu", "l", "d", "est", "happened", "please", "passe", "arrive",
		"anyone", "somebody", "didnt", "wasnt", "laquelle", "lesquels"} {
		if !IsStopWord(w) {
			t.Errorf("%q is not a stop word", w)
		}
	}
	for _, w := range []string{"wikileaks", "tax", "impots", "election", "tweet", "assange"} {
		if IsStopWord(w) {
			t.Errorf("%q is a stop word", w)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	for _, s := range []string{"What did WikiLeaks ask for on 21 October 2016?", "Qu'a écrit WikiLeaks le 9 novembre 2016 ?"} {
		b.Run(Language(s), func(b *testing.B) {
			for b.Loop() {
				Fold(s)
			}
		})
	}
}

// AppendFold and NextWord are the allocation-free forms of Fold and Words.
func TestAppendFoldAndNextWordMatchFoldAndWords(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []rune("aZé É’' -.,œß\u0301\u00a0—Ωж日1\xff")
	buf := []byte("junk")
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := r.IntN(14); n > 0; n-- {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		buf = AppendFold(buf[:0], s)
		if string(buf) != Fold(s) {
			t.Fatalf("AppendFold(%q) = %q, Fold = %q", s, buf, Fold(s))
		}
		var words []string
		for start, end, ok := NextWord(buf, 0); ok; start, end, ok = NextWord(buf, end) {
			words = append(words, string(buf[start:end]))
		}
		if want := Words(Fold(s)); !slices.Equal(words, want) {
			t.Fatalf("NextWord on %q = %q, Words = %q", s, words, want)
		}
	}
}

func TestIrregularEnglishVerbsStemLikeTheirBaseForm(t *testing.T) {
	for _, c := range [][2]string{{"lost", "loses"}, {"wrote", "writes"}, {"sent", "sending"}, {"told", "tells"}} {
		if a, b := Stem(c[0], "en"), Stem(c[1], "en"); a != b {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q", c[0], a, c[1], b)
		}
	}
}

func TestSentencesKeepAbbreviationsInitialsAndQuotesWhole(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"Donald Trump Jr. replies. Then he asks.", []string{"Donald Trump Jr. replies.", "Then he asks."}},
		{"The U.S. Senate met. J. Doe spoke.", []string{"The U.S. Senate met.", "J. Doe spoke."}},
		{`He wrote "Thanks. Will do." and left. Done.`, []string{`He wrote "Thanks. Will do." and left.`, "Done."}},
		{"Il a dit « Merci. Bien reçu. » puis rien. Fin.", []string{"Il a dit « Merci. Bien reçu. » puis rien.", "Fin."}},
		{"Version 1.5 shipped. Next.", []string{"Version 1.5 shipped.", "Next."}},
		{`WikiLeaks writes: "Wow." Trump Jr. does not reply.`, []string{`WikiLeaks writes: "Wow."`, "Trump Jr. does not reply."}},
		{"Il écrit « Wow. » Trump Jr. ne répond pas.", []string{"Il écrit « Wow. »", "Trump Jr. ne répond pas."}},
		{`He said "yes." and left.`, []string{`He said "yes." and left.`}},
		{"Il serait « déconcertant ». L'article rappelle.", []string{"Il serait « déconcertant ».", "L'article rappelle."}},
		{`He wrote ("It is done. #Leaks."). Nobody replied.`, []string{`He wrote ("It is done. #Leaks.").`, "Nobody replied."}},
		{`It was "a lie". Then he left.`, []string{`It was "a lie".`, "Then he left."}},
		{"no final stop", []string{"no final stop"}},
		{"", nil},
	}
	for _, tt := range tests {
		got := Sentences(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWithinTwoEdits(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"revolution", "revolushion", true}, // a substitution and an insertion
		{"independence", "indapendance", true},
		{"abcdef", "badcfe", false}, // three transpositions
		{"abcdefgh", "abcdefgh", true},
		{"abcdefgh", "abcdefghijk", false},
		{"ambassador", "ambasador", true},
	} {
		if got := WithinTwoEdits(c.a, c.b); got != c.want {
			t.Errorf("WithinTwoEdits(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestIsInitial(t *testing.T) {
	for w, want := range map[string]bool{"D.": true, "É.": true, "d.": false, "Dr.": false, "D": false, "": false, ".": false} {
		if got := IsInitial(w); got != want {
			t.Errorf("IsInitial(%q) = %v, want %v", w, got, want)
		}
	}
}
