package lexicon

import (
	"slices"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// wordsOf returns the words of the entries that are translations (tr true) or synonyms (tr false).
func wordsOf(es []Entry, tr bool) []string {
	var out []string
	for _, e := range es {
		if e.Translation == tr {
			out = append(out, e.Word)
		}
	}
	return out
}

// TestData checks every line of the embedded file: parse is strict (both sides non-empty, no word
// twice on a side, no lone stop word, at most maxSide entries a side), so this is the check that
// an edit of en-fr.txt keeps the file loadable.
func TestData(t *testing.T) {
	l, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if l.lines < 500 {
		t.Errorf("%d concept lines, want at least 500", l.lines)
	}
	// The rules again, line by line, independently of parse, so a change to parse that loosened
	// them would be caught.
	for n, line := range strings.Split(data, "\n") {
		en, fr, ok, err := splitLine(line)
		if err != nil {
			t.Errorf("line %d: %v", n+1, err)
			continue
		}
		if !ok {
			continue
		}
		for _, s := range []string{en, fr} {
			entries := strings.Split(s, ",")
			if len(entries) > maxSide {
				t.Errorf("line %d: %d entries on a side: %q", n+1, len(entries), s)
			}
			seen := map[string]bool{}
			for _, e := range entries {
				w := strings.Join(textproc.Words(textproc.Fold(e)), " ")
				if w == "" {
					t.Errorf("line %d: empty entry in %q", n+1, s)
				}
				if seen[w] {
					t.Errorf("line %d: %q twice", n+1, w)
				}
				seen[w] = true
				if !strings.Contains(w, " ") && textproc.IsStopWord(w) {
					t.Errorf("line %d: stop word %q", n+1, w)
				}
			}
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"no bar", "publish, release", "exactly one '|'"},
		{"two bars", "a | b | c", "exactly one '|'"},
		{"empty english", " | publier", "en side is empty"},
		{"empty french", "publish |   # comment", "fr side is empty"},
		{"empty entry", "publish,, release | publier", "empty entry"},
		{"punctuation only", "publish, ... | publier", "no letters or digits"},
		{"twice after folding", "publish | publié, publie", `"publie" twice`},
		{"stop word", "the, publish | publier", `"the" is a stop word`},
		{"too many", "a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13 | x", "13 en entries"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse(tc.text)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("parse(%q) = %v, want an error containing %q", tc.text, err, tc.want)
			}
			if !strings.Contains(err.Error(), "line 1") {
				t.Errorf("error %q does not name the line", err)
			}
		})
	}
	if _, err := parse("# only a comment\n\npublish, put out | publier # trailing comment\n"); err != nil {
		t.Errorf("comments and blank lines: %v", err)
	}
}

func TestRelated(t *testing.T) {
	for _, tc := range []struct {
		name, word, lang string
		// translations and synonyms that must be there, and words that must not
		translations, synonyms, absent []string
	}{
		{"english to french", "publish", "en", []string{"publier", "diffuser"}, []string{"release", "put out"}, nil},
		{"french to english", "publier", "fr", []string{"publish", "release"}, []string{"diffuser"}, nil},
		{"english stem", "published", "en", []string{"publier"}, []string{"release", "publish"}, nil},
		{"french accented plural", "publiés", "fr", []string{"publish"}, []string{"diffuser"}, nil},
		{"french participle generated", "diffusée", "fr", []string{"broadcast", "publish"}, []string{"publier"}, nil},
		// "publient" has a stem of its own, so the generated form is returned with "publier".
		{"returned french forms", "released", "en", []string{"publier", "publient"}, nil, nil},
		{"generated french form asked", "publièrent", "fr", []string{"publish"}, nil, nil},
		{"english irregular", "wrote", "en", []string{"ecrire", "ecrit"}, []string{"pen", "write"}, []string{"written"}},
		{"english irregular by stem", "sends", "en", []string{"envoyer"}, nil, nil},
		// "took" has the stem of "take" (textproc maps irregular forms), so it is not repeated.
		{"french irregular", "pris", "fr", []string{"take"}, []string{"prendre"}, []string{"took"}},
		{"paraphrase", "dropped", "en", []string{"sortir", "paru"}, []string{"came out"}, nil},
		{"greeting", "greeted", "en", []string{"saluer", "salutation"}, nil, nil},
		{"coffin", "coffin", "en", []string{"cercueil"}, []string{"casket"}, nil},
		{"noticed", "noticed", "en", []string{"remarquer"}, []string{"spot"}, nil},
		{"french greeting", "salué", "fr", []string{"greet"}, nil, nil},
		{"won", "won", "en", []string{"gagner", "remporter"}, []string{"victory"}, nil},
		{"lost", "lost", "en", []string{"perdre", "perdu"}, []string{"defeat"}, nil},
		{"chat abbreviation", "govt", "en", []string{"gouvernement"}, []string{"government", "administration"}, nil},
		{"abbreviation of a message", "msg", "en", []string{"message"}, []string{"dm"}, nil},
		// "found": to establish and the past of "find", two lines.
		{"several senses", "found", "en", []string{"fonder", "trouver"}, []string{"establish", "discover"}, nil},
		// "left": the past of "leave" and the side, two lines.
		{"left", "left", "en", []string{"partir", "quitter", "gauche"}, nil, nil},
		{"phrase asked", "put out", "en", []string{"publier"}, []string{"publish", "put out"}, nil},
		{"phrase returned", "tax", "en", []string{"impot"}, nil, nil},
		{"cognate on both sides", "article", "fr", []string{"article", "story"}, []string{"papier"}, nil},
		{"time word", "midnight", "en", []string{"minuit"}, nil, nil},
		{"ago", "ago", "en", []string{"il y a"}, nil, nil},
		{"silence", "silence", "fr", []string{"silence", "quiet"}, nil, nil},
		// A country's exonym is its translation; a name common in another sense has no line.
		{"exonym", "germany", "en", []string{"allemagne"}, nil, nil},
		{"exonym in french", "espagne", "fr", []string{"spain"}, nil, nil},
		{"acronym of a country", "rda", "fr", []string{"east germany", "gdr"}, nil, nil},
		{"no turkey", "turkey", "en", nil, nil, []string{"turquie"}},
		{"chat word for a meeting", "sit down", "en", []string{"reunion", "rencontre"}, []string{"meeting"}, nil},
		// "publication" has the stem of "public"; listed on its own line, it does not reach "peuple".
		{"exact listing wins over a stem collision", "publication", "en", []string{"parution"}, nil, []string{"peuple", "population"}},
		{"chat plural", "dms", "en", []string{"message"}, []string{"direct message"}, nil},
		{"phrase translation", "screenshot", "en", []string{"capture d ecran"}, nil, nil},
		{"regular english inflection", "cancelled", "en", []string{"annuler", "decommander"}, nil, nil},
		{"english word that is a french stop word left out", "cars", "en", []string{"voiture"}, nil, []string{"car"}},
		{"a french noun in -er gets no verb forms", "papier", "fr", []string{"article"}, nil, []string{"papient", "papie"}},
		{"a listed noun does not hide the verb it is a form of", "envoyé", "fr", []string{"send", "envoy"}, nil, nil},
		// Paraphrases of the second extension: a phrasal verb or chat word on its formal sense's line.
		{"phrasal verb, irregular past", "took off", "en", []string{"decoller", "lancement"}, []string{"launch", "lift off"}, nil},
		{"phrasal verb, regular past", "kicked out", "en", []string{"evincer", "virer"}, []string{"oust"}, nil},
		{"phrasal verb of two senses", "blew up", "en", []string{"exploser", "s emporter"}, nil, nil},
		{"chat paraphrase", "freaked out", "en", []string{"paniquer", "flipper"}, []string{"panic"}, nil},
		{"picked up, recovered", "picked up", "en", []string{"recuperer", "repecher"}, []string{"recover"}, nil},
		{"splashdown", "splashdown", "en", []string{"amerrissage"}, []string{"splash down"}, nil},
		{"french slang", "viré", "fr", []string{"oust", "sacked", "get fired"}, nil, nil},
		{"demonym, chat plural", "brits", "en", []string{"britannique"}, []string{"british"}, nil},
		{"french phrase to english", "commission d'enquête", "fr", []string{"review board", "commission of inquiry"}, nil, nil},
		{"boss", "boss", "en", []string{"patron", "pdg"}, []string{"ceo"}, nil},
		// A regular inflection listed on no line still reaches its base's lines by stem.
		{"inflection found by stem", "signing", "en", []string{"signer", "signature"}, nil, []string{"transfert"}},
		// A common word of another sense is kept off a line: "donner" is not "snitch".
		{"common word kept off a slang line", "donner", "fr", []string{"gave"}, nil, []string{"snitch"}},
		{"unknown word", "zzyzx", "en", nil, nil, nil},
		{"stop word", "the", "en", nil, nil, nil},
		{"unknown language", "publish", "de", nil, nil, nil},
		{"wrong language", "publier", "en", nil, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			folded := textproc.Fold(tc.word)
			got := Related(folded, tc.lang)
			if !strings.Contains(folded, " ") {
				if withStem := RelatedStem(folded, textproc.Stem(folded, tc.lang), tc.lang); !slices.Equal(withStem, got) {
					t.Errorf("RelatedStem(%q) = %v, Related = %v", folded, withStem, got)
				}
			}
			if tc.translations == nil && tc.synonyms == nil {
				if got != nil {
					t.Fatalf("Related(%q, %q) = %v, want nil", tc.word, tc.lang, got)
				}
				return
			}
			if cap(got) != len(got) {
				t.Errorf("Related(%q) has room to append (cap %d, len %d): a caller's append would write into the shared answer", tc.word, cap(got), len(got))
			}
			tr, syn := wordsOf(got, true), wordsOf(got, false)
			for _, w := range tc.translations {
				if !slices.Contains(tr, textproc.Fold(w)) {
					t.Errorf("Related(%q, %q) translations %v, want %q among them", tc.word, tc.lang, tr, w)
				}
			}
			for _, w := range tc.synonyms {
				if !slices.Contains(syn, textproc.Fold(w)) {
					t.Errorf("Related(%q, %q) synonyms %v, want %q among them", tc.word, tc.lang, syn, w)
				}
			}
			for _, w := range tc.absent {
				if slices.Contains(tr, w) || slices.Contains(syn, w) {
					t.Errorf("Related(%q, %q) = %v, want no %q", tc.word, tc.lang, got, w)
				}
			}
			seen := map[[2]string]bool{}
			for _, e := range got {
				if e.Translation != (e.Lang != tc.lang) {
					t.Errorf("%+v: Translation disagrees with Lang", e)
				}
				if e.Stem != stemOf(e.Word, e.Lang) {
					t.Errorf("%+v: Stem is not the stem of Word (%q)", e, stemOf(e.Word, e.Lang))
				}
				k := [2]string{e.Lang, e.Stem}
				if seen[k] {
					t.Errorf("%+v: a second entry with the same stem", e)
				}
				seen[k] = true
			}
		})
	}
}

func stemOf(phrase, lang string) string {
	var stems []string
	for _, w := range strings.Fields(phrase) {
		stems = append(stems, textproc.Stem(w, lang))
	}
	return strings.Join(stems, " ")
}

func TestExpand(t *testing.T) {
	type match struct {
		start, end int
		want       string // a related word that must be in the match
	}
	for _, tc := range []struct {
		question, lang string
		want           []match
	}{
		{"When did they put out the tax returns?", "en", []match{{3, 5, "publier"}, {6, 8, "declaration d impots"}}},
		{"Who ran a story about the leak?", "en", []match{{1, 4, "publier un article"}, {6, 7, "fuite"}}},
		{"Quand a-t-il publié la déclaration d'impôts ?", "fr", []match{{4, 5, "publish"}, {6, 9, "tax return"}}},
		{"Qui a salué le candidat à minuit ?", "fr", []match{{2, 3, "greet"}, {4, 5, "candidate"}, {6, 7, "midnight"}}},
		{"Il a envoyé une capture d'écran hier soir", "fr", []match{{2, 3, "send"}, {4, 7, "screenshot"}, {7, 8, "yesterday"}, {8, 9, "evening"}}},
		{"the of and", "en", nil},
		{"", "fr", nil},
		{"xyzzy plugh", "en", nil},
	} {
		t.Run(tc.question, func(t *testing.T) {
			got := Expand(textproc.Fold(tc.question), tc.lang)
			if len(got) != len(tc.want) {
				t.Fatalf("Expand(%q) = %d matches %v, want %d", tc.question, len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				m := got[i]
				if m.Start != w.start || m.End != w.end {
					t.Errorf("match %d covers words [%d, %d), want [%d, %d)", i, m.Start, m.End, w.start, w.end)
				}
				if !slices.ContainsFunc(m.Related, func(e Entry) bool { return e.Word == w.want }) {
					t.Errorf("match %d (%v) lacks %q", i, m.Related, w.want)
				}
			}
		})
	}
}

func FuzzExpand(f *testing.F) {
	for _, s := range []string{
		"When did they put out the tax returns?",
		"Quand a-t-il publié la déclaration d'impôts ?",
		"put out put", "tax", "d'", "l'élection l'élu", "ran a story ran", "\xff\xfe", "",
	} {
		f.Add(s, "en")
		f.Add(s, "fr")
	}
	f.Fuzz(func(t *testing.T, q, lang string) {
		folded := textproc.Fold(q)
		n := len(textproc.Words(folded))
		end := 0
		for _, m := range Expand(folded, lang) {
			if m.Start < end || m.End <= m.Start || m.End > n {
				t.Fatalf("match [%d, %d) after %d in %d words", m.Start, m.End, end, n)
			}
			if len(m.Related) == 0 {
				t.Fatalf("match [%d, %d) with nothing related", m.Start, m.End)
			}
			end = m.End
		}
	})
}

// BenchmarkRelated measures one question word's lookup: Related, which stems a word it does not
// find listed, and RelatedStem, given the stem as a retriever has it.
func BenchmarkRelated(b *testing.B) {
	load()
	for _, bc := range []struct{ name, word, lang string }{
		{"listed", "published", "en"},
		{"listed french", "publie", "fr"},
		{"several lines", "found", "en"},
		{"by stem", "publishing", "en"},
		{"unknown", "zzyzx", "en"},
	} {
		stem := textproc.Stem(bc.word, bc.lang)
		b.Run("Related/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Related(bc.word, bc.lang)
			}
		})
		b.Run("RelatedStem/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				RelatedStem(bc.word, stem, bc.lang)
			}
		})
	}
}

// BenchmarkExpand measures a whole question of 18 words: Expand (tokenizes and stems) and
// ExpandWords (given the words and stems).
func BenchmarkExpand(b *testing.B) {
	load()
	q := textproc.Fold("When did they put out the tax returns of the candidate, and who ran a story about the leak?")
	words := textproc.Words(q)
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = textproc.Stem(w, "en")
	}
	b.Run("Expand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Expand(q, "en")
		}
	})
	b.Run("ExpandWords", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ExpandWords(words, stems, "en")
		}
	})
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPhrasesFindsOnlyMultiWordEntries(t *testing.T) {
	for _, tc := range []struct {
		question, lang string
		want           [][2]int
	}{
		{"When did they put out the tax returns?", "en", [][2]int{{3, 5}, {6, 8}}},
		{"did don jr say WL had reached out to him", "en", [][2]int{{6, 8}}},
		{"Quand a-t-il publié la déclaration d'impôts ?", "fr", [][2]int{{6, 9}}},
		{"Qui a salué le candidat ?", "fr", nil},
		{"out", "en", nil},
	} {
		folded := textproc.Fold(tc.question)
		words := textproc.Words(folded)
		stems := make([]string, len(words))
		for i, w := range words {
			stems[i] = textproc.Stem(w, tc.lang)
		}
		var got [][2]int
		for _, m := range Phrases(words, stems, tc.lang) {
			got = append(got, [2]int{m.Start, m.End})
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Phrases(%q) = %v, want %v", tc.question, got, tc.want)
		}
	}
}
