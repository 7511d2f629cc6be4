package question

import (
	"slices"
	"testing"
	"time"
)

// MonthWords, kept by month, gives the words monthNames has for each month, as reading the map did.
func TestMonthWordsAreTheMapsWords(t *testing.T) {
	for m := time.January; m <= time.December; m++ {
		var want []string
		for w, mm := range monthNames {
			if mm == m {
				want = append(want, w)
			}
		}
		slices.Sort(want)
		if got := slices.Sorted(slices.Values(MonthWords(m))); !slices.Equal(got, want) || len(got) == 0 {
			t.Errorf("MonthWords(%v) = %q, want %q", m, got, want)
		}
	}
}
