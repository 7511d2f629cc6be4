package llm

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

const testSource = `Trump Jr. aurait répondu, "Officieusement je ne sais pas qui c'est mais je vais me renseigner. Merci." Le PAC est un PAC recyclé en faveur de la guerre en Iraq.`

func testVerifier(n int) verifier {
	norm := strings.Join(strings.Fields(testSource), " ")
	return verifier{n: n, contains: func(s string) bool { return strings.Contains(norm, strings.Join(strings.Fields(s), " ")) }}
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name, text string
		n          int
		want       string // renumbered text, or "" when rejected
		cited      []int
		noAnswer   bool
		reason     string
	}{
		{name: "one marker", text: "He replied off the record [2].", n: 3, want: "He replied off the record [1].", cited: []int{1}},
		{name: "renumbered in order of appearance", text: "A [3]. B [1][3]. C [2, 1].", n: 3, want: "A [1]. B [2][1]. C [3][2].", cited: []int{2, 0, 1}},
		{name: "range", text: "A [1-3].", n: 3, want: "A [1][2][3].", cited: []int{0, 1, 2}},
		{name: "duplicate in a group", text: "A [2, 2].", n: 2, want: "A [1].", cited: []int{1}},
		{name: "verbatim quote", text: `He wrote "Officieusement je ne sais pas qui c'est" [1].`, n: 1, want: `He wrote "Officieusement je ne sais pas qui c'est" [1].`, cited: []int{0}},
		{name: "verbatim guillemets with nbsp", text: "Il a écrit «\u00a0Officieusement je ne sais pas qui c'est\u00a0» [1].", n: 1, want: "Il a écrit «\u00a0Officieusement je ne sais pas qui c'est\u00a0» [1].", cited: []int{0}},
		{name: "elided quote", text: `"Officieusement je ne sais pas … je vais me renseigner." [1]`, n: 1, want: `"Officieusement je ne sais pas … je vais me renseigner." [1]`, cited: []int{0}},
		{name: "short translated quote allowed", text: `He said "off the record" [1].`, n: 1, want: `He said "off the record" [1].`, cited: []int{0}},
		{name: "no-answer phrase", text: " NO_ANSWER\n", n: 2, noAnswer: true},
		{name: "no-answer in backticks", text: "`NO_ANSWER`.", n: 2, noAnswer: true},

		{name: "marker out of range", text: "A [1]. B [4].", n: 3, reason: "model cited passage [4], but only 3 were sent"},
		{name: "marker zero", text: "A [0].", n: 3, reason: "model cited passage [0], but only 3 were sent"},
		{name: "range past the end", text: "A [2-5].", n: 3, reason: "model cited passage [4], but only 3 were sent"},
		{name: "no marker", text: "He replied off the record.", n: 3, reason: "model answer has no [n] citation"},
		{name: "bracketed words are not markers", text: "He replied [off the record].", n: 3, reason: "model answer has no [n] citation"},
		{name: "invented quote", text: `He wrote "I will publish everything tomorrow morning" [1].`, n: 1, reason: "model quoted text that is not in the source"},
		{name: "translated long quote", text: `He wrote “Off the record I don't know who that is” [1].`, n: 1, reason: "model quoted text that is not in the source"},
		{name: "elided quote with an invented part", text: `"Officieusement je ne sais pas … and I will leak it all" [1]`, n: 1, reason: "model quoted text that is not in the source"},
		{name: "no-answer mixed", text: "NO_ANSWER, but he replied [1].", n: 1, reason: "model mixed the no-answer phrase with an answer"},
		{name: "empty", text: "  ", n: 1, reason: "model returned an empty answer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, reason := testVerifier(tc.n).check(tc.text)
			if tc.reason != "" {
				if !strings.HasPrefix(reason, tc.reason) {
					t.Errorf("reason %q, want %q", reason, tc.reason)
				}
				return
			}
			if reason != "" {
				t.Fatalf("rejected: %s", reason)
			}
			if got.noAnswer != tc.noAnswer || got.text != tc.want || !reflect.DeepEqual(got.cited, tc.cited) {
				t.Errorf("got %+v, want text %q cited %v noAnswer %v", got, tc.want, tc.cited, tc.noAnswer)
			}
		})
	}
}

// TestPrefix: what streaming may show of a partial reply.
func TestPrefix(t *testing.T) {
	v := testVerifier(3)
	cases := []struct {
		text, shown string
		doomed      bool
	}{
		{"", "", false},
		{"He replied", "", false},
		{"He replied [2]", "He replied [1]", false},
		{"He replied [2]. Then", "He replied [1].", false},
		{"He replied [2]. Then [1", "He replied [1].", false},
		{"He replied [2]. Then he wrote [3], [1]. And", "He replied [1]. Then he wrote [2], [3].", false},
		{`He wrote [1] "Officieusement je ne sais pas qui [2]`, "He wrote [1]", false}, // inside an open quote
		{`He wrote "Officieusement je ne sais pas qui c'est" [2]`, `He wrote "Officieusement je ne sais pas qui c'est" [1]`, false},
		{"N", "", false},
		{"NO_ANS", "", false},
		{"NO_ANSWER", "", false},
		{"He replied [2]. He also [7]", "", true},
		{`He replied [2]. "I will publish everything tomorrow morning" [1]`, "", true},
	}
	for _, tc := range cases {
		shown, doomed := v.prefix(tc.text)
		if shown != tc.shown || doomed != tc.doomed {
			t.Errorf("prefix(%q) = %q, %v; want %q, %v", tc.text, shown, doomed, tc.shown, tc.doomed)
		}
	}
}

func TestStripMarkers(t *testing.T) {
	if got := stripMarkers("He replied [1][2]. Then [3, 4] he wrote."); got != "He replied. Then he wrote." {
		t.Errorf("got %q", got)
	}
}

func TestNeutralize(t *testing.T) {
	got := neutralize("a </question> b < Passages > c </TIMELINE>")
	if got != "a [/question] b [Passages] c [/TIMELINE]" {
		t.Errorf("got %q", got)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := mustTime(t, "Wed, 21 Oct 2015 07:28:00 GMT")
	for v, want := range map[string]float64{"2": 2, "0.5": 0.5, "Wed, 21 Oct 2015 07:28:03 GMT": 3} {
		d, ok := parseRetryAfter(v, now)
		if !ok || d.Seconds() != want {
			t.Errorf("parseRetryAfter(%q) = %v, %v", v, d, ok)
		}
	}
	if _, ok := parseRetryAfter("soon", now); ok {
		t.Error("accepted garbage")
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := http.ParseTime(s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}
