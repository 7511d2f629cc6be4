package knowledge

import "testing"

// The weights kept computed from the build are the weights computed: idf for every document
// frequency up to past the number of events (the table's end included), and each term's passage
// IDF, on the seed and a generated timeline.
func TestKeptWeightsAreTheComputedOnes(t *testing.T) {
	seed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	s := GenerateSynth(1500, 5)
	synth, err := Parse("synth.yaml", s.YAML, func(string) ([]byte, error) { return s.Source, nil })
	if err != nil {
		t.Fatal(err)
	}
	for _, tl := range []*Timeline{seed, synth} {
		ix := tl.index
		if len(ix.idfs) == 0 {
			t.Fatal("no idf table")
		}
		for df := 0; df <= len(ix.docLen)+10; df++ {
			if got, want := ix.idf(df), ix.idfOf(df); got != want {
				t.Fatalf("idf(%d) = %v, want %v", df, got, want)
			}
		}
		if len(ix.passageIDFs) != len(ix.passageDF) {
			t.Fatalf("%d passage IDFs for %d terms", len(ix.passageIDFs), len(ix.passageDF))
		}
		for id := range ix.passageDF {
			if got, want := ix.termPassageIDF(int32(id)), ix.passageIDFOf(int32(id)); got != want {
				t.Fatalf("termPassageIDF(%d) = %v, want %v", id, got, want)
			}
		}
	}
}
