package draft

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/draft/extract"
)

// q quotes s as a YAML double-quoted scalar. Go's quoting is a subset of YAML's escapes; characters
// that look like others (a non-breaking space, a zero-width one) come out escaped, so an author
// reviewing the file sees them.
func q(s string) string { return strconv.Quote(s) }

func (b *builder) write(w *bytes.Buffer) {
	d := b.doc
	title := b.title()
	fmt.Fprintf(w, "# Drafted by `timelinebot draft` from %s. Review it before serving it:\n", describeKind(d.Kind))
	w.WriteString("# dates marked REVIEW below, titles and summaries (the source's own words until you\n")
	w.WriteString("# rewrite them), actors and anchors. Check it with `timelinebot check knowledge.yaml`.\n")
	w.WriteString("format: 1\n")
	fmt.Fprintf(w, "title: %s\n", q(title))
	w.WriteString("source:\n")
	if !b.inline {
		fmt.Fprintf(w, "  path: %s\n", SourceFile)
	}
	fmt.Fprintf(w, "  title: %s\n", q(title))
	fmt.Fprintf(w, "  language: %s\n", b.lang)
	if d.Author != "" {
		fmt.Fprintf(w, "  author: %s\n", q(d.Author))
	}
	attribution := b.attribution()
	if attribution == "" {
		w.WriteString("  # REVIEW: say how the source must be credited (publisher, author, licence).\n")
		attribution = title
	}
	fmt.Fprintf(w, "  attribution: %s\n", q(attribution))
	if d.URL != "" {
		fmt.Fprintf(w, "  url: %s\n", q(d.URL))
	}
	if !b.published.Span().Contains(0) || b.published.Year != 0 {
		if b.published.Year != 0 {
			fmt.Fprintf(w, "  published: %s\n", b.published)
		}
	}
	if b.inline {
		writeText(w, b.text)
	}
	if len(b.anchorsOut) > 0 {
		w.WriteString("anchors:\n")
		w.WriteString("  # Proposed from phrases the text uses for a dated event; add the names people will\n")
		w.WriteString("  # use in questions, in each language they ask in.\n")
		for _, a := range b.anchorsOut {
			fmt.Fprintf(w, "  - id: %s\n    date: %s\n    names:\n", a.id, a.date)
			langs := make([]string, 0, len(a.names))
			for l := range a.names {
				langs = append(langs, l)
			}
			sort.Strings(langs)
			for _, l := range langs {
				quoted := make([]string, len(a.names[l]))
				for i, n := range a.names[l] {
					quoted[i] = q(n)
				}
				fmt.Fprintf(w, "      %s: [%s]\n", l, strings.Join(quoted, ", "))
			}
		}
	}
	w.WriteString("events:\n")
	inContext := false
	for _, e := range b.events {
		if e.context && !inContext {
			inContext = true
			w.WriteString("  # ── Dates mentioned inside entries ──\n")
		}
		b.writeEvent(w, e)
	}
}

// writeText writes the source inline: a literal block when the text can be one (YAML keeps it
// exactly, its blank lines too), else one double-quoted string.
func writeText(w *bytes.Buffer, text string) {
	literal := !strings.ContainsAny(text, "\r\t") && strings.TrimLeft(text, " ") == text
	for _, r := range text {
		if r < 0x20 && r != '\n' || r == 0x7f || r == '\ufeff' || r >= 0x80 && r < 0xa0 {
			literal = false
			break
		}
	}
	if !literal {
		fmt.Fprintf(w, "  text: %s\n", q(text))
		return
	}
	w.WriteString("  text: |-\n")
	for line := range strings.Lines(strings.TrimRight(text, "\n")) {
		line = strings.TrimRight(line, "\n")
		if strings.TrimSpace(line) == "" {
			w.WriteString("\n")
			continue
		}
		w.WriteString("    ")
		w.WriteString(line)
		w.WriteString("\n")
	}
}

func describeKind(k extract.Kind) string {
	switch k {
	case extract.KindHTML:
		return "a web page (its main article, extracted)"
	case extract.KindMarkdown:
		return "a Markdown document"
	}
	return "a plain text"
}

// firstHeading is the heading the document opens with (in its first two paragraphs), if any: a
// heading further down titles a section, not the document.
func (b *builder) firstHeading() string {
	for i := range b.sents {
		if b.sents[i].para > 1 {
			break
		}
		if b.sents[i].heading && !isCredit(b.sents[i].text) {
			return b.sents[i].text
		}
	}
	return ""
}

// title is the document's title: from its metadata, else its first heading, else its first
// sentence of prose.
func (b *builder) title() string {
	if t := firstNonEmpty(b.doc.Title, b.firstHeading()); t != "" {
		return shorten(t, 100)
	}
	for i := range b.sents {
		if !b.sents[i].heading && len(strings.Fields(b.sents[i].text)) >= 6 {
			return shorten(strings.TrimRight(b.sents[i].text, "."), 100)
		}
	}
	return shorten(b.sents[0].text, 100)
}

// isCredit reports whether a line is a picture credit ("John Sommers II/Getty Images").
func isCredit(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"getty", "images", "afp", "reuters", "photo", "crédit", "credit", "©", "shutterstock", "associated press"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

func (b *builder) attribution() string {
	d := b.doc
	var parts []string
	if d.SiteName != "" {
		parts = append(parts, d.SiteName)
	}
	if d.Title != "" && d.Kind == extract.KindHTML {
		parts = append(parts, fmt.Sprintf("%q", d.Title))
	}
	if d.Author != "" {
		parts = append(parts, d.Author)
	}
	if b.published.Year != 0 && len(parts) > 0 {
		parts = append(parts, b.published.String())
	}
	if strings.Contains(strings.ToLower(d.URL), "wikipedia.org") {
		return strings.Join(append([]string{"Wikipedia contributors"}, parts...), ", ") + ", CC BY-SA"
	}
	return strings.Join(parts, ", ")
}

func (b *builder) writeEvent(w *bytes.Buffer, e *event) {
	w.WriteString("\n")
	if note := e.reviewNote(); note != "" {
		fmt.Fprintf(w, "  # REVIEW: %s\n", note)
	}
	fmt.Fprintf(w, "  - id: %s\n", e.id)
	fmt.Fprintf(w, "    date: %q\n", e.date.String())
	if e.time != "" {
		fmt.Fprintf(w, "    time: %q\n", e.time)
	}
	if e.context {
		w.WriteString("    kind: context\n")
		if e.related != nil {
			fmt.Fprintf(w, "    related: [%s]\n", e.related.id)
		}
	}
	fmt.Fprintf(w, "    title: %s\n", q(e.title))
	if len(e.actors) > 0 {
		quoted := make([]string, len(e.actors))
		for i, a := range e.actors {
			quoted[i] = q(a)
		}
		fmt.Fprintf(w, "    actors: [%s]\n", strings.Join(quoted, ", "))
	}
	fmt.Fprintf(w, "    summary: %s\n", q(e.summary))
	if len(e.summaries) > 0 {
		w.WriteString("    summaries:\n")
		langs := make([]string, 0, len(e.summaries))
		for l := range e.summaries {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			fmt.Fprintf(w, "      %s: %s\n", l, q(e.summaries[l]))
		}
	}
	w.WriteString("    passages:\n")
	for _, idx := range e.sents {
		fmt.Fprintf(w, "      - %s\n", q(b.sents[idx].text))
	}
}

// reviewNote says why an event's date needs a person's eye, or "".
func (e *event) reviewNote() string {
	var why []string
	if e.vague {
		why = append(why, fmt.Sprintf("%q is approximate; the date is the %s that contains it", e.mention.Text, precisionName(e)))
	}
	if e.period {
		why = append(why, fmt.Sprintf("%q starts a period; the event is dated by its start", e.mention.Text))
	}
	if e.relative {
		why = append(why, fmt.Sprintf("%q was counted from %s", e.mention.Text, e.mention.Base))
	}
	if e.inferred {
		why = append(why, fmt.Sprintf("%q gives no year; %d was taken from the dates before it", e.mention.Text, e.date.Year))
	}
	return strings.Join(why, "; ")
}

func precisionName(e *event) string {
	switch e.date.Precision {
	case 1:
		return "month"
	case 2:
		return "year"
	}
	return "day"
}

// Report says what a draft found and what a person should review.
type Report struct {
	Kind            extract.Kind
	Language        string
	LanguageGuessed bool
	Published       string
	Title           string
	Paragraphs      int
	Sentences       int
	Words           int
	Events, Entries int
	Context         int
	Anchors         int
	// Unresolved lists dates the draft could not work out, with where they are.
	Unresolved []string
	// Review lists what to check, most important first.
	Review []string
	// Model says what the model did, when one was used.
	Model   string
	Elapsed time.Duration
}

func (b *builder) report() Report {
	r := Report{Language: b.lang, Title: b.title(), Paragraphs: len(paragraphSpans(b.text)),
		Sentences: len(b.sents), Words: len(strings.Fields(b.text)), Anchors: len(b.anchorsOut), Unresolved: b.unresolved}
	for _, e := range b.events {
		r.Events++
		if e.context {
			r.Context++
		} else {
			r.Entries++
		}
		if note := e.reviewNote(); note != "" {
			r.Review = append(r.Review, fmt.Sprintf("%s (%s): %s", e.id, e.date, note))
		}
	}
	return r
}

// Write prints the report for a person.
func (r Report) Write(w interface{ Write([]byte) (int, error) }) {
	var b strings.Builder
	lang := r.Language
	if r.LanguageGuessed {
		lang += " (guessed; set --lang if wrong)"
	}
	fmt.Fprintf(&b, "Drafted %d events (%d entries, %d context) and %d anchors from %s: %d paragraphs, %d sentences, %d words; language %s",
		r.Events, r.Entries, r.Context, r.Anchors, r.Kind, r.Paragraphs, r.Sentences, r.Words, lang)
	if r.Published != "" {
		fmt.Fprintf(&b, ", published %s", r.Published)
	}
	b.WriteString(".\n")
	if r.Model != "" {
		fmt.Fprintf(&b, "Model: %s\n", r.Model)
	}
	if len(r.Unresolved) > 0 {
		fmt.Fprintf(&b, "\nDates it could not resolve (%d):\n", len(r.Unresolved))
		for _, u := range r.Unresolved {
			fmt.Fprintf(&b, "  - %s\n", u)
		}
	}
	if len(r.Review) > 0 {
		fmt.Fprintf(&b, "\nDates to review (%d, marked REVIEW in the file):\n", len(r.Review))
		for _, u := range r.Review {
			fmt.Fprintf(&b, "  - %s\n", u)
		}
	}
	b.WriteString("\nTo review: every title and summary")
	if r.Model == "" || strings.HasPrefix(r.Model, "not used") {
		b.WriteString(" (the source's own words; write them in English and in other languages if you like)")
	}
	b.WriteString(", the actors, the anchors (add the names people will use), and which context events to keep.\n")
	w.Write([]byte(b.String()))
}
