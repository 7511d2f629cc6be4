package extract

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// FromHTML extracts the main article of a web page.
func FromHTML(data []byte) (*Document, error) {
	var r io.Reader = bytes.NewReader(data)
	// A page that declares no charset is read as Windows-1252 by the HTML standard's fallback,
	// which garbles every accent of a UTF-8 page saved without its <meta charset> ("supÃ©rieur").
	// A text that is valid UTF-8 throughout is almost never meant as Windows-1252: it is read
	// as UTF-8.
	if _, name, _ := charset.DetermineEncoding(data, "text/html"); name != "windows-1252" || !utf8.Valid(data) {
		cr, err := charset.NewReader(r, "text/html")
		if err != nil {
			return nil, ErrNotUTF8
		}
		r = cr
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, ErrNoArticle
	}
	meta := pageMetadata(doc)
	// Remove what is not prose before Readability runs: it drops class names, after which a
	// reference marker or an infobox can no longer be told from the text.
	prune(doc)
	art, err := readability.FromDocument(doc, nil)
	if err != nil || art.Node == nil {
		return nil, ErrNoArticle
	}
	var w blockWriter
	w.walk(art.Node)
	w.flush()
	paras, headings := dropBackMatter(w.paras, w.levels)
	d, err := fromParagraphs(KindHTML, paras, headings)
	if err != nil || wordCount(paras) < 20 {
		return nil, ErrNoArticle
	}
	d.Title = firstNonEmpty(meta.title, strings.TrimSpace(art.Title()))
	d.Language = firstNonEmpty(normLang(art.Language()), meta.lang)
	d.Author = strings.TrimSpace(art.Byline())
	d.SiteName = strings.TrimSpace(art.SiteName())
	d.URL = meta.url
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		d.Published = t.Format("2006-01-02")
	} else {
		d.Published = meta.published
	}
	d.Title = trimSiteSuffix(d.Title, d.SiteName)
	return d, nil
}

// Classes and ids of page furniture, as MediaWiki (Wikipedia and the many wikis that run it) and
// common blog themes name them. Readability keeps some of these (an infobox is a table full of
// text, a reference marker is inside a paragraph), so they go first.
var (
	pruneClasses = []string{
		"reference", "mw-editsection", "infobox", "navbox", "vertical-navbox", "toc", "thumb",
		"thumbcaption", "hatnote", "reflist", "references", "mw-references-wrap", "noprint", "metadata",
		"sistersitebox", "catlinks", "mw-jump-link", "printfooter", "mbox-small", "ambox", "sidebar",
		"mw-empty-elt", "error", "citation-needed", "wp-caption-text", "share", "sharing", "social",
		"related", "comments", "navigation-not-searchable", "shortdescription", "mw-indicators", "geo-default", "geo-dms", "geo-dec",
	}
	pruneIDs = []string{"toc", "coordinates", "catlinks", "footer", "mw-navigation", "siteSub", "contentSub", "jump-to-nav", "comments"}
	// Elements that never hold the article's prose.
	pruneTags = map[atom.Atom]bool{
		atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Figure: true, atom.Figcaption: true,
		atom.Table: true, atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true, atom.Button: true,
		atom.Iframe: true, atom.Svg: true, atom.Math: true, atom.Img: true, atom.Video: true, atom.Audio: true,
		atom.Caption: true, atom.Template: true, atom.Select: true, atom.Input: true, atom.Textarea: true,
	}
)

func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || c.Type == html.ElementNode && isFurniture(c) {
			n.RemoveChild(c)
		} else {
			prune(c)
		}
		c = next
	}
}

func isFurniture(n *html.Node) bool {
	if pruneTags[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			for _, c := range strings.Fields(a.Val) {
				for _, p := range pruneClasses {
					if c == p {
						return true
					}
				}
			}
		case "id":
			for _, p := range pruneIDs {
				if a.Val == p {
					return true
				}
			}
		case "role":
			if a.Val == "navigation" || a.Val == "note" || a.Val == "complementary" {
				return true
			}
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "hidden":
			return true
		}
	}
	// A bracketed footnote marker such as [1] or [citation needed] in a <sup>.
	if n.DataAtom == atom.Sup {
		t := strings.TrimSpace(textOf(n))
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

// blockWriter turns an article's HTML into paragraphs: each block element (paragraph, heading, list
// item, quotation, preformatted block) is a paragraph of its own; inline text is joined with its
// spacing collapsed, so the wording is the page's and only the layout changes.
type blockWriter struct {
	paras  []string
	levels []int // heading level of each paragraph, 0 for prose
	cur    strings.Builder
	level  int
	pre    int
}

var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Blockquote: true, atom.Pre: true, atom.Dd: true,
	atom.Dt: true, atom.Section: true, atom.Article: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Main: true, atom.Address: true, atom.Hr: true, atom.Tr: true, atom.Td: true, atom.Th: true,
}

var headingLevel = map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}

func (w *blockWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if isFurniture(n) {
			return
		}
		if n.DataAtom == atom.Br {
			if w.pre > 0 {
				w.cur.WriteString("\n")
			} else {
				w.cur.WriteString(" ")
			}
			return
		}
	}
	block := n.Type == html.ElementNode && blockTags[n.DataAtom]
	if block {
		w.flush()
		if l, ok := headingLevel[n.DataAtom]; ok {
			w.level = l
		}
		if n.DataAtom == atom.Pre {
			w.pre++
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
		if n.DataAtom == atom.Pre {
			w.pre--
		}
	}
}

func (w *blockWriter) text(s string) {
	if w.pre > 0 {
		w.cur.WriteString(s)
		return
	}
	// Collapse runs of spacing to one space, keeping non-breaking spaces (the loader treats them as
	// spacing too, and a writer may have meant them).
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			w.cur.WriteByte(' ')
			space = false
		}
		w.cur.WriteRune(r)
	}
	if space {
		w.cur.WriteByte(' ')
	}
}

func (w *blockWriter) flush() {
	t := w.cur.String()
	w.cur.Reset()
	if w.pre == 0 {
		t = strings.Join(strings.Fields(t), " ")
	} else {
		t = strings.Trim(t, "\n")
		// A blank line would split the block into two paragraphs.
		t = blankLines.ReplaceAllString(t, "\n")
	}
	level := w.level
	w.level = 0
	if strings.TrimSpace(t) == "" {
		return
	}
	w.paras = append(w.paras, t)
	w.levels = append(w.levels, level)
}

var blankLines = regexp.MustCompile(`\n[ \t]*\n+`)

// backMatter are headings of sections that hold no prose of the article: lists of references and
// links. Such a section is dropped up to the next heading of the same or a higher level.
var backMatter = map[string]bool{
	"references": true, "see also": true, "external links": true, "notes": true, "further reading": true,
	"bibliography": true, "sources": true, "citations": true, "footnotes": true, "notes and references": true,
	"références": true, "notes et références": true, "voir aussi": true, "liens externes": true,
	"bibliographie": true, "articles connexes": true, "notes et sources": true, "sources et références": true,
	"contents": true, "sommaire": true, "navigation menu": true, "menu de navigation": true,
}

func dropBackMatter(paras []string, levels []int) ([]string, map[int]bool) {
	var out []string
	headings := map[int]bool{}
	skipping := 0 // level of the heading being skipped, 0 when not skipping
	for i, p := range paras {
		l := levels[i]
		if l > 0 && skipping > 0 && l <= skipping {
			skipping = 0
		}
		if skipping > 0 {
			continue
		}
		if l > 0 && backMatter[strings.ToLower(strings.TrimRightFunc(p, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }))] {
			skipping = l
			continue
		}
		if l > 0 {
			headings[len(out)] = true
		}
		out = append(out, p)
	}
	return out, headings
}

func wordCount(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(strings.Fields(p))
	}
	return n
}

type metadata struct {
	title, lang, url, published string
}

var (
	// MediaWiki's footer gives the revision's date: "This page was last modified on 28 October 2016"
	// (older) or "last edited on 26 September 2019".
	lastEditedRe = regexp.MustCompile(`last (?:modified|edited) on (\d{1,2}) ([A-Z][a-z]+) (\d{4})`)
	months       = map[string]string{"January": "01", "February": "02", "March": "03", "April": "04", "May": "05", "June": "06",
		"July": "07", "August": "08", "September": "09", "October": "10", "November": "11", "December": "12"}
	isoDateRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})`)
)

// pageMetadata reads what Readability does not: the page's declared language, its canonical
// address, a <time> or meta publication date, and MediaWiki's revision date.
func pageMetadata(doc *html.Node) metadata {
	var m metadata
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = normLang(attr(n, "lang"))
				}
			case atom.Link:
				if attr(n, "rel") == "canonical" && m.url == "" {
					m.url = attr(n, "href")
				}
			case atom.Meta:
				p := attr(n, "property") + attr(n, "name") + attr(n, "itemprop")
				c := attr(n, "content")
				switch p {
				case "og:url":
					if m.url == "" {
						m.url = c
					}
				case "og:title":
					if m.title == "" {
						m.title = strings.TrimSpace(c)
					}
				case "article:published_time", "datePublished", "date", "DC.date", "dc.date", "pubdate":
					if mm := isoDateRe.FindStringSubmatch(c); mm != nil && m.published == "" {
						m.published = mm[1]
					}
				}
			case atom.Time:
				if mm := isoDateRe.FindStringSubmatch(attr(n, "datetime")); mm != nil && m.published == "" && attr(n, "pubdate") != "" {
					m.published = mm[1]
				}
			case atom.Li, atom.Div, atom.Span:
				if id := attr(n, "id"); id == "footer-info-lastmod" && m.published == "" {
					if mm := lastEditedRe.FindStringSubmatch(textOf(n)); mm != nil {
						if mo, ok := months[mm[2]]; ok {
							m.published = mm[3] + "-" + mo + "-" + pad2(mm[1])
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(doc)
	if !strings.HasPrefix(m.url, "http://") && !strings.HasPrefix(m.url, "https://") {
		m.url = ""
	}
	return m
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// normLang reduces a language tag ("en-GB", "fr_FR") to its ISO 639-1 code, or "" when it is not one.
func normLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// trimSiteSuffix drops " - Wikipedia" and the like from a page title.
func trimSiteSuffix(title, site string) string {
	for _, sep := range []string{" - ", " — ", " – ", " | "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			tail := strings.TrimSpace(title[i+len(sep):])
			if site != "" && strings.EqualFold(tail, site) || len(strings.Fields(tail)) <= 3 && strings.Contains(strings.ToLower(tail), "wiki") {
				return strings.TrimSpace(title[:i])
			}
		}
	}
	return title
}
