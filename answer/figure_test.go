package answer

import "testing"

func TestFiguresAreReadWithTheirScale(t *testing.T) {
	for _, c := range []struct {
		num, scale string
		want       float64
	}{
		{"65", "million", 65e6},
		{"6.5", "million", 6.5e6},
		{"6,5", "millions", 6.5e6},
		{"100,000", "", 1e5},
		{"1.000.000", "", 1e6},
		{"8", "milliards", 8e9},
	} {
		if got, ok := figureValue(c.num, c.scale); !ok || got != c.want {
			t.Errorf("figureValue(%q, %q) = %v, %v; want %v", c.num, c.scale, got, ok, c.want)
		}
	}
	if !writesFigure("it cost 65,000,000 dollars", 65e6) || writesFigure("it cost $4 million", 65e6) {
		t.Error("writesFigure does not compare values")
	}
}
