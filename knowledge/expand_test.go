package knowledge

import (
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/internal/textproc"
)

// expandNamesPlain is ExpandNames as it was, copying every text: the reference the version that
// copies only from the first short form on is checked against. A name written in full is not a
// short form, and alone changes nothing.
func expandNamesPlain(t *Timeline, folded string) string {
	if len(t.names.names) == 0 {
		return folded
	}
	words := textproc.Words(folded)
	var b strings.Builder
	changed := false
	for i := 0; i < len(words); i++ {
		w := words[i]
		if n, k := t.matchName(words[i:]); k > 0 {
			if full := strings.Join(textproc.Words(n.full), " "); strings.Join(words[i:min(len(words), i+strings.Count(full, " ")+1)], " ") == full {
				b.WriteString(full) // written in full: kept as written
				b.WriteByte(' ')
				i += strings.Count(full, " ")
				continue
			}
			b.WriteString(n.full)
			b.WriteByte(' ')
			i += k - 1
			changed = true
			continue
		}
		b.WriteString(w)
		b.WriteByte(' ')
	}
	if !changed {
		return folded
	}
	return strings.TrimSpace(b.String())
}

func FuzzExpandNamesAsBefore(f *testing.F) {
	tl, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"", "what did wl write to don jr?", "wl", "c ki natalia", "don jr a fini par tweeter le lien de wl",
		"what did roger stone tweet?", "kushner fwd the wl email", "  wl,, don jr.  ", "nyt wl dm", "donald trump jr. and wl?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := textproc.Fold(s)
		if got, want := tl.ExpandNames(folded), expandNamesPlain(tl, folded); got != want {
			t.Fatalf("ExpandNames(%q) = %q, want %q", folded, got, want)
		}
	})
}
