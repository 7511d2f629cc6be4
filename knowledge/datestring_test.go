package knowledge

import (
	"testing"
	"time"
)

// FuzzDateStringAsFmt checks Date.String, written into a buffer, against its writing by fmt, for
// any fields, in range or not, at every precision.
func FuzzDateStringAsFmt(f *testing.F) {
	for _, d := range []Date{{2016, 10, 21, PrecisionDay}, {2016, 6, 0, PrecisionMonth}, {1642, 0, 0, PrecisionYear},
		{7, 1, 1, PrecisionDay}, {0, 0, 0, PrecisionDay}, {-44, 3, 15, PrecisionDay}, {12345, 1, 2, PrecisionMonth}, {2000, 13, 100, PrecisionDay}} {
		f.Add(d.Year, int(d.Month), d.Day, int(d.Precision))
	}
	f.Fuzz(func(t *testing.T, year, month, day, prec int) {
		d := Date{Year: year, Month: time.Month(month), Day: day, Precision: Precision(prec)}
		if got, want := d.String(), d.formatted(); got != want {
			t.Fatalf("%#v.String() = %q, want %q", d, got, want)
		}
	})
}
