package knowledge_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

// problem is what a test expects of one reported problem. msg is a substring of the message; col 0
// means the column is not checked.
type problem struct {
	line, col int
	field     string
	msg       string
}

func TestLoadReportsEachProblemWithItsLine(t *testing.T) {
	cases := []struct {
		file string
		want []problem
	}{
		{"not-yaml.yaml", []problem{{2, 1, "", "not valid YAML: line 2: found unexpected end of stream"}}},
		{"tabs.yaml", []problem{{4, 1, "", "tabs"}}},
		{"empty.yaml", []problem{{1, 1, "", "the file is empty; start from `timelinebot init DIR`"}}},
		{"only-comments.yaml", []problem{{1, 1, "", "the file is empty"}}},
		{"not-a-mapping.yaml", []problem{{1, 1, "", "must be a mapping of fields (key: value), found a list"}}},
		{"unknown-field.yaml", []problem{
			{10, 5, "events[0]", `missing required field "summary"`},
			{13, 5, "events[0]", `unknown field "sumary"; did you mean "summary"?`},
			{16, 5, "events[0]", `unknown field "colour"; known fields: id, date, time, kind, related, title, actors, summary, summaries, passages`},
		}},
		{"missing-fields.yaml", []problem{
			{1, 1, "", `missing required field "title"`},
			{3, 3, "source", `missing required field "attribution"`},
			{8, 5, "events[0]", `missing required field "title"`},
			{8, 5, "events[0]", `missing required field "summary"`},
			{8, 5, "events[0]", `missing required field "passages"`},
			{10, 5, "events[1]", `missing required field "id"`},
			{10, 5, "events[1]", `missing required field "date"`},
		}},
		{"duplicate-ids.yaml", []problem{{16, 9, "events[1].id", `duplicate id "bridge" (first used at line 10); ids must be unique`}}},
		{"duplicate-key.yaml", []problem{
			{3, 1, "title", "given twice (first at line 2)"},
			{13, 5, "events[0].date", "given twice (first at line 12)"},
		}},
		{"impossible-date.yaml", []problem{
			{11, 11, "events[0].date", `"2016-02-30" is not a real date (February 2016 has 29 days)`},
			{16, 11, "events[1].date", `"2016-13-01" is not a real date: month 13 does not exist (months are 01 to 12)`},
			{21, 11, "events[2].date", `"21/10/2016" is not a date; write YYYY-MM-DD, YYYY-MM or YYYY`},
			{26, 11, "events[3].date", `"2015-02-29" is not a real date (February 2015 has 28 days)`},
		}},
		{"bad-time.yaml", []problem{
			{12, 11, "events[0].time", `"25:00" is not a time; write HH:MM on a 24-hour clock, for example "18:35"`},
			{18, 11, "events[1].time", `"6pm" is not a time`},
		}},
		{"bad-kind.yaml", []problem{{12, 11, "events[0].kind", `"note" is not a kind; use "entry" or "context"`}}},
		{"related-missing.yaml", []problem{{13, 23, "events[0].related[1]", `no event has id "ferry-closes"`}}},
		{"not-verbatim.yaml", []problem{
			{17, 9, "events[0].passages[0]", `not found verbatim in the source (it matches paragraph 1 up to "… le pont a été ouvert ", then the source has "\"au public\" par le maire…" where the passage has "« au public » par le m…"); copy the text exactly (only spacing and line breaks may differ)`},
			{18, 9, "events[0].passages[1]", `(it matches paragraph 2 up to "Le lendemain, il a ", then the source has "été fermé." where the passage has "ete fermé.")`},
			{19, 9, "events[0].passages[2]", "(not even its beginning matches: is it from this source?)"},
		}},
		{"source-path-missing.yaml", []problem{{4, 9, "source.path", `file "nowhere.txt" not found (paths are relative to the knowledge file's folder)`}}},
		{"source-not-utf8.yaml", []problem{{4, 9, "source.path", `"latin1.txt" is not UTF-8 text (from line 1, column 4); convert it`}}},
		{"source-both.yaml", []problem{{8, 9, "source", "give either `path` or `text`, not both"}}},
		{"format-version.yaml", []problem{{1, 9, "format", "is 2 but this build reads format 1; upgrade timelinebot or convert the file"}}},
		{"format-not-number.yaml", []problem{{1, 9, "format", "must be a whole number; this build reads format 1"}}},
		{"no-events.yaml", []problem{{9, 9, "events", "the list is empty; a timeline needs at least one event"}}},
		{"wrong-shapes.yaml", []problem{
			{5, 13, "source.language", `"english" is not a language code; use a two-letter ISO 639-1 code such as en or fr`},
			{7, 8, "source.url", `"example.com/article" is not a web address; write it with http:// or https://, or leave it out`},
			{12, 11, "anchors[0].date", "an anchor needs a full date, YYYY-MM-DD"},
			{14, 7, "anchors[0].names", `"english" is not a language code`},
			{16, 9, "events[0].id", `"Bridge_Opens" is not a valid id: use lower-case letters, digits and hyphens`},
			{19, 13, "events[0].actors", `must be a list, found "Mayor"`},
			{20, 13, "events[0].summary", "must be text, found nothing"},
			{21, 15, "events[0].passages", `must be a list of verbatim quotes from the source, found "On 2 March 1999 the bridge opened."`},
			{22, 5, "events[1]", `must be a mapping of fields (key: value), found "just a string"`},
		}},
		{"many-problems.yaml", []problem{
			{12, 11, "events[0].date", `"1999-02-29" is not a real date (February 1999 has 28 days)`},
			{16, 9, "events[1].id", `duplicate id "first" (first used at line 11)`},
			{18, 5, "events[1]", `unknown field "tiem"; did you mean "time"?`},
			{21, 16, "events[1].passages[0]", `then the source has "opened." where the passage has "was opened."`},
		}},
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".yaml"), func(t *testing.T) {
			path := filepath.Join("testdata", "bad", c.file)
			tl, err := knowledge.LoadFile(path)
			if tl != nil {
				t.Fatalf("loaded a timeline from a bad file")
			}
			var verr *knowledge.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("error %v (%T) is not a *ValidationError", err, err)
			}
			if verr.File != path {
				t.Errorf("File = %q, want %q", verr.File, path)
			}
			if len(verr.Problems) != len(c.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(verr.Problems), len(c.want), strings.Join(verr.Lines(), "\n"))
			}
			for i, w := range c.want {
				p := verr.Problems[i]
				if p.Line != w.line || (w.col != 0 && p.Column != w.col) || p.Field != w.field || !strings.Contains(p.Message, w.msg) {
					t.Errorf("problem %d:\n got %d:%d %s: %s\nwant %d:%d %s: …%s…", i, p.Line, p.Column, p.Field, p.Message, w.line, w.col, w.field, w.msg)
				}
			}
			// Every line of the report names the file and the place.
			for _, l := range verr.Lines() {
				if !strings.HasPrefix(l, path+":") {
					t.Errorf("line %q does not start with the file name", l)
				}
			}
		})
	}
}

func TestProblemsAreReportedInFileOrder(t *testing.T) {
	_, err := knowledge.LoadFile(filepath.Join("testdata", "bad", "wrong-shapes.yaml"))
	var verr *knowledge.ValidationError
	if !errors.As(err, &verr) {
		t.Fatal(err)
	}
	for i := 1; i < len(verr.Problems); i++ {
		a, b := verr.Problems[i-1], verr.Problems[i]
		if a.Line > b.Line || a.Line == b.Line && a.Column > b.Column {
			t.Errorf("problem at %d:%d reported before %d:%d", a.Line, a.Column, b.Line, b.Column)
		}
	}
}

func TestValidationErrorFormatsOneLinePerProblem(t *testing.T) {
	e := &knowledge.ValidationError{File: "k.yaml", Problems: []knowledge.Problem{
		{Line: 41, Column: 11, Field: "events[3].date", Message: `"2016-02-30" is not a real date`},
		{Line: 0, Field: "", Message: "no line"},
	}}
	want := "k.yaml: 2 problems\nk.yaml:41:11: events[3].date: \"2016-02-30\" is not a real date\nk.yaml: no line"
	if got := e.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	one := &knowledge.ValidationError{File: "k.yaml", Problems: e.Problems[:1]}
	if got := one.Error(); !strings.HasPrefix(got, "k.yaml: 1 problem\n") {
		t.Errorf("Error() = %q, want singular", got)
	}
}

func TestLoadGoodFiles(t *testing.T) {
	t.Run("inline source", func(t *testing.T) {
		tl, err := knowledge.LoadFile(filepath.Join("testdata", "good", "minimal.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if tl.Title != "Minimal timeline" || len(tl.Events) != 1 || tl.Source.Path != "" {
			t.Errorf("got %q with %d events, path %q", tl.Title, len(tl.Events), tl.Source.Path)
		}
		e := tl.Event("bridge-opens")
		if e == nil || e.Kind != knowledge.KindEntry || e.Passages[0].Paragraph != 1 {
			t.Errorf("event = %+v", e)
		}
		if tl.Origin != filepath.Join("testdata", "good", "minimal.yaml") || len(tl.Version) != 12 {
			t.Errorf("origin %q version %q", tl.Origin, tl.Version)
		}
	})
	t.Run("source by path, events sorted", func(t *testing.T) {
		tl, err := knowledge.LoadFile(filepath.Join("testdata", "good", "with-path.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range tl.Events {
			ids = append(ids, e.ID)
		}
		// Events sort by the first day they cover (the year 1999 starts on 1 January, March on
		// 1 March), then by time.
		want := "year march a-morning b-later-same-day"
		if got := strings.Join(ids, " "); got != want {
			t.Errorf("order %q, want %q", got, want)
		}
		if s := tl.Source; s.Author != "Someone" || s.URL != "https://example.com/chronicle" || s.Published != "1999-03-05" || s.Language != "en" {
			t.Errorf("source = %+v", s)
		}
		if got := tl.Event("b-later-same-day").Passages[0].Text; got != "the bridge opened." {
			t.Errorf("passage whitespace not collapsed: %q", got)
		}
		if got, lang := tl.Event("a-morning").SummaryIn("fr"); got != "Le pont a ouvert le matin." || lang != "fr" {
			t.Errorf("SummaryIn(fr) = %q, %q", got, lang)
		}
		if got, lang := tl.Event("march").SummaryIn("fr"); lang != "en" || got != "The month of the opening." {
			t.Errorf("SummaryIn(fr) without a French summary = %q, %q", got, lang)
		}
		if len(tl.Anchors) != 1 || tl.Anchors[0].Names["fr"][0] != "l'ouverture" {
			t.Errorf("anchors = %+v", tl.Anchors)
		}
		if e := tl.Event("year"); e.Date.Precision != knowledge.PrecisionYear || e.Date.String() != "1999" {
			t.Errorf("year event date = %+v", e.Date)
		}
	})
}

func TestSeedTimelineIsValidAndComplete(t *testing.T) {
	tl, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	if tl.Origin != "embedded" {
		t.Errorf("Origin = %q", tl.Origin)
	}
	// Every dated entry of the article and every date it mentions inside an entry.
	entries := []string{"2016-09-20", "2016-10-03", "2016-10-12", "2016-10-14", "2016-10-21", "2016-11-08", "2016-11-09", "2016-12-16", "2017-07-11"}
	context := []string{"2016-06", "2016-10-07", "2016-10-10", "2017-07-08", "2017-11-13"}
	dates := map[string]knowledge.Kind{}
	for _, e := range tl.Events {
		dates[e.Date.String()] = e.Kind
		for _, p := range e.Passages {
			if !tl.Source.Contains(p.Text) {
				t.Errorf("%s: passage not verbatim: %q", e.ID, p.Text)
			}
			if p.Paragraph < 1 || !strings.Contains(strings.Join(strings.Fields(tl.Source.Paragraph(p.Paragraph)+" "+tl.Source.Paragraph(p.Paragraph+1)), " "), p.Text[:min(len(p.Text), 20)]) {
				t.Errorf("%s: paragraph %d does not hold %q", e.ID, p.Paragraph, p.Text)
			}
		}
	}
	for _, d := range entries {
		if dates[d] != knowledge.KindEntry {
			t.Errorf("no entry dated %s", d)
		}
	}
	for _, d := range context {
		if dates[d] != knowledge.KindContext {
			t.Errorf("no context event dated %s", d)
		}
	}
}

func TestWriteDefaultThenLoadIt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	written, err := knowledge.WriteDefault(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 || filepath.Base(written[0]) != knowledge.DefaultFile {
		t.Fatalf("written = %v", written)
	}
	tl, err := knowledge.LoadFile(written[0])
	if err != nil {
		t.Fatal(err)
	}
	def, _ := knowledge.Default()
	if tl.Version != def.Version || len(tl.Events) != len(def.Events) {
		t.Errorf("written knowledge differs from the embedded one: version %s vs %s", tl.Version, def.Version)
	}
	if _, err := knowledge.WriteDefault(dir); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("second WriteDefault: err = %v, want a refusal to overwrite", err)
	}
	// Any file in the folder is a reason to refuse; an empty folder is fine.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if _, err := knowledge.WriteDefault(other); err == nil || !strings.Contains(err.Error(), "is not empty; choose a new or empty folder") {
		t.Errorf("WriteDefault into a non-empty folder: err = %v", err)
	}
	if _, err := knowledge.WriteDefault(t.TempDir()); err != nil {
		t.Errorf("WriteDefault into an empty folder: %v", err)
	}
	file := filepath.Join(other, "notes.txt")
	if _, err := knowledge.WriteDefault(file); err == nil {
		t.Errorf("WriteDefault onto a file: no error")
	}
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := knowledge.LoadFile(filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v, want ErrNotExist", err)
	}
	if _, err := knowledge.LoadFile(dir); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("folder: err = %v", err)
	}
}

func TestParseWithoutSourceReaderRefusesAPath(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "good", "with-path.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = knowledge.Parse("k.yaml", data, nil)
	var verr *knowledge.ValidationError
	if !errors.As(err, &verr) || !strings.Contains(verr.Problems[0].Message, "inline the text with `text: |`") {
		t.Errorf("err = %v", err)
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in, want, err string
	}{
		{"2016-10-21", "2016-10-21", ""},
		{"2016-02-29", "2016-02-29", ""},
		{"2016-10", "2016-10", ""},
		{"2016", "2016", ""},
		{"2016-02-30", "", "February 2016 has 29 days"},
		{"2015-02-29", "", "February 2015 has 28 days"},
		{"2016-13", "", "month 13 does not exist"},
		{"2016-00-10", "", "month 0 does not exist"},
		{"2016-10-00", "", "October 2016 has 31 days"},
		{"0000-01-01", "", "year 0 does not exist"},
		{"2016-1-2", "", "write YYYY-MM-DD"},
		{"16-10-21", "", "write YYYY-MM-DD"},
		{"2016-10-21-01", "", "write YYYY-MM-DD"},
		{"", "", "write YYYY-MM-DD"},
		{"october", "", "write YYYY-MM-DD"},
		{"2016-+1-01", "", "write YYYY-MM-DD"},
		{"+016-01-01", "", "write YYYY-MM-DD"},
	}
	for _, c := range cases {
		d, err := knowledge.ParseDate(c.in)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("ParseDate(%q): %v", c.in, err)
		case c.err == "" && d.String() != c.want:
			t.Errorf("ParseDate(%q) = %s, want %s", c.in, d, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ParseDate(%q) error = %v, want …%s…", c.in, err, c.err)
		}
	}
}

func TestDateSpans(t *testing.T) {
	cases := []struct{ date, from, to string }{
		{"2016-10-21", "2016-10-21", "2016-10-21"},
		{"2016-02", "2016-02-01", "2016-02-29"},
		{"2016-12", "2016-12-01", "2016-12-31"},
		{"2017", "2017-01-01", "2017-12-31"},
	}
	for _, c := range cases {
		d, err := knowledge.ParseDate(c.date)
		if err != nil {
			t.Fatal(err)
		}
		s := d.Span()
		if s.From.String() != c.from || s.To.String() != c.to {
			t.Errorf("%s spans %s..%s, want %s..%s", c.date, s.From, s.To, c.from, c.to)
		}
	}
}
