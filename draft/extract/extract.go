// Package extract turns a document a person hands the bot — a saved web page, Markdown or plain text —
// into the plain source text a knowledge file quotes: paragraphs separated by blank lines, wording kept
// exactly, plus whatever the document says about itself (title, language, publication date, address).
//
// For HTML the main article is found by a port of Mozilla's Readability
// (codeberg.org/readeck/go-readability), after the parts that are not prose are removed: references,
// edit links, infoboxes, navigation boxes, tables of contents, captions. The rules are in
// docs/knowledge-format.md ("Drafting a source from a document").
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of document read.
type Kind string

// Kinds of documents.
const (
	KindHTML     Kind = "html"
	KindMarkdown Kind = "markdown"
	KindText     Kind = "text"
)

// Document is a document reduced to its source text.
type Document struct {
	Kind Kind
	// Text is the source text: paragraphs separated by one blank line, ending with a newline.
	Text string
	// Paragraphs are Text's paragraphs, in order (Text is them joined by "\n\n").
	Paragraphs []string
	// Headings marks the paragraphs that were headings of the document (by index in Paragraphs).
	Headings map[int]bool
	// Metadata the document gives about itself; empty when it gives none.
	Title     string
	Language  string // ISO 639-1 code, lower case
	Published string // YYYY-MM-DD
	URL       string
	Author    string
	SiteName  string
}

// MaxSize bounds the documents read: a drafted chronology is read by people, and a larger input is
// almost always the wrong file (a disk image, an archive, a log).
const MaxSize = 8 << 20

// Errors for input that cannot be drafted from; each message says what to do.
var (
	ErrEmpty     = errors.New("the document is empty; give a file with the article's text")
	ErrBinary    = errors.New("this is not a text document (it holds binary data); give the article as plain text, Markdown or a saved HTML page")
	ErrNotUTF8   = errors.New("the text is not UTF-8; convert it first (for example `iconv -f latin1 -t utf-8 FILE`)")
	ErrNoArticle = errors.New("the page has no article text that could be found; save the page with its article (\"Save page as… → Web page, complete\" or the HTML source), or copy the article's text into a .txt file")
	ErrTooLarge  = fmt.Errorf("the document is larger than %d MiB; give the article alone", MaxSize>>20)
)

// Read detects the kind of data (HTML, Markdown or plain text, from name's extension when it has a
// known one, else from the content) and extracts its source text.
func Read(name string, data []byte) (*Document, error) {
	if len(data) > MaxSize {
		return nil, ErrTooLarge
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	if isBinary(data) {
		return nil, ErrBinary
	}
	switch detect(name, data) {
	case KindHTML:
		return FromHTML(data)
	case KindMarkdown:
		if !utf8.Valid(data) {
			return nil, ErrNotUTF8
		}
		return FromMarkdown(string(data))
	default:
		if !utf8.Valid(data) {
			return nil, ErrNotUTF8
		}
		return FromText(string(data))
	}
}

// isBinary reports whether data looks like something other than text: a NUL byte, or many control
// characters, in its first 8 KiB (the test file(1) and git use).
func isBinary(data []byte) bool {
	head := data[:min(len(data), 8<<10)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*100 > len(head)
}

func detect(name string, data []byte) Kind {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"), strings.HasSuffix(lower, ".xhtml"):
		return KindHTML
	case strings.HasSuffix(lower, ".md"), strings.HasSuffix(lower, ".markdown"):
		return KindMarkdown
	case strings.HasSuffix(lower, ".txt"):
		return KindText
	}
	head := strings.ToLower(string(data[:min(len(data), 1024)]))
	head = strings.TrimLeftFunc(head, unicode.IsSpace)
	if strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.HasPrefix(head, "<?xml") && strings.Contains(head, "<html") ||
		strings.Contains(head, "<body") || strings.Contains(head, "<head") {
		return KindHTML
	}
	if looksMarkdown(string(data[:min(len(data), 16<<10)])) {
		return KindMarkdown
	}
	return KindText
}

// looksMarkdown reports whether text uses Markdown headings or links, the marks that would otherwise
// end up in the source text.
func looksMarkdown(text string) bool {
	for line := range strings.Lines(text) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "# ") || strings.HasPrefix(t, "## ") || strings.HasPrefix(t, "### ") {
			return true
		}
		if i := strings.Index(t, "]("); i > 0 && strings.Contains(t[:i], "[") {
			return true
		}
	}
	return false
}

// FromText keeps a plain text as it is — only line endings are made Unix ones — so that passages
// and paragraph numbers refer to the very file the author gave.
func FromText(text string) (*Document, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	d := &Document{Kind: KindText, Headings: map[int]bool{}}
	d.Paragraphs = paragraphs(text)
	if len(d.Paragraphs) == 0 {
		return nil, ErrEmpty
	}
	d.Text = text
	for i, p := range d.Paragraphs {
		if isHeadingLike(p) {
			d.Headings[i] = true
		}
	}
	return d, nil
}

// paragraphs splits text into blocks separated by blank lines, as the knowledge loader numbers them.
func paragraphs(text string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\n")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// isHeadingLike reports whether a plain-text paragraph reads as a heading: one short line without
// final punctuation.
func isHeadingLike(p string) bool {
	if strings.Contains(p, "\n") || utf8.RuneCountInString(p) > 80 {
		return false
	}
	p = strings.TrimSpace(p)
	if p == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(".!?:;,\"»”)…", last) && len(strings.Fields(p)) <= 10
}

// fromParagraphs builds a document from extracted blocks.
func fromParagraphs(kind Kind, paras []string, headings map[int]bool) (*Document, error) {
	d := &Document{Kind: kind, Headings: map[int]bool{}}
	for i, p := range paras {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if headings[i] {
			d.Headings[len(d.Paragraphs)] = true
		}
		d.Paragraphs = append(d.Paragraphs, p)
	}
	if len(d.Paragraphs) == 0 {
		return nil, ErrEmpty
	}
	d.Text = strings.Join(d.Paragraphs, "\n\n") + "\n"
	return d, nil
}
