package answer

import (
	"slices"
	"testing"
)

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
		{"2,000.00", "", 2000},
		{"1.000,5", "", 1000.5},
		{"6 500 000", "", 6.5e6},
		{"65", "m", 65e6},
	} {
		if got, ok := figureValue(c.num, c.scale); !ok || got != c.want {
			t.Errorf("figureValue(%q, %q) = %v, %v; want %v", c.num, c.scale, got, ok, c.want)
		}
	}
	if !writesFigure("it cost 65,000,000 dollars", 65e6) || writesFigure("it cost $4 million", 65e6) {
		t.Error("writesFigure does not compare values")
	}
	if !writesFigure("6 500 000 francs", 6.5e6) {
		t.Error("writesFigure misses a figure grouped by spaces")
	}
	if writesFigure("on 20 may the f-16 took off", 20) || writesFigure("the f-16 flew", 16) {
		t.Error("writesFigure takes a day or a name's number for a figure")
	}
}

func TestAQuestionStatesFiguresWithAUnitACurrencyOrAScale(t *testing.T) {
	for _, c := range []struct {
		q    string
		want []float64
	}{
		{"why did raskob sell it for $65 million in 1951", []float64{65e6}},
		{"why did the us give her 10 grams of radium", []float64{10}},
		{"pourquoi 7 500 euros", []float64{7500}},
		{"what happened in 1951 on 3 may", nil},
		{"why did it cost $8bn", []float64{8e9}},
	} {
		var got []float64
		for _, f := range statedFigures(c.q) {
			got = append(got, f.value)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("statedFigures(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}
