package extract

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestReadRefusesWhatIsNotAnArticle(t *testing.T) {
	cases := []struct {
		name string
		file string
		data []byte
		want error
	}{
		{"empty", "a.txt", nil, ErrEmpty},
		{"only spacing", "a.txt", []byte(" \n\n\t \n"), ErrEmpty},
		{"binary", "a.txt", []byte("PK\x03\x04\x00\x00binary zip"), ErrBinary},
		{"binary with no NUL", "a.bin", bytes.Repeat([]byte{1, 2, 3, 'a'}, 200), ErrBinary},
		{"not UTF-8", "a.txt", []byte("caf\xe9 cr\xe8me, le 3 mai 2016"), ErrNotUTF8},
		{"too large", "a.txt", bytes.Repeat([]byte("a "), MaxSize/2+1), ErrTooLarge},
		{"a page with no article", "a.html", []byte("<html><body><nav><a href=/>Home</a></nav><script>x()</script></body></html>"), ErrNoArticle},
		{"a page that is only an image", "", []byte("<!DOCTYPE html><html><body><img src=a.png></body></html>"), ErrNoArticle},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(c.file, c.data)
			if !errors.Is(err, c.want) {
				t.Fatalf("Read: got %v, want %v", err, c.want)
			}
		})
	}
}

func TestReadKeepsPlainTextAsItIs(t *testing.T) {
	text := "Title line\r\n\r\nFirst paragraph, on\r\ntwo lines.\r\n\r\n\r\nSecond paragraph."
	d, err := Read("notes.txt", []byte("\xef\xbb\xbf"+text))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Title line\n\nFirst paragraph, on\ntwo lines.\n\n\nSecond paragraph."; d.Text != want {
		t.Errorf("Text = %q, want %q", d.Text, want)
	}
	if len(d.Paragraphs) != 3 || !d.Headings[0] || d.Headings[1] {
		t.Errorf("Paragraphs = %q, headings %v", d.Paragraphs, d.Headings)
	}
}

func TestReadMarkdown(t *testing.T) {
	md := "# The launch\n\nOn **3 March 2014**, the [team](https://example.com) shipped *it*.\n![logo](a.png)\n\n" +
		"## Later\n\n- first item\n- second item\n\n> quoted text\n\n```\ncode  kept\n```\n"
	d, err := Read("post.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"The launch", "On 3 March 2014, the team shipped it.", "Later", "first item", "second item", "quoted text", "code  kept"}
	if strings.Join(d.Paragraphs, "|") != strings.Join(want, "|") {
		t.Errorf("Paragraphs =\n%q\nwant\n%q", d.Paragraphs, want)
	}
	if !d.Headings[0] || !d.Headings[2] || d.Headings[1] || d.Title != "The launch" {
		t.Errorf("headings %v, title %q", d.Headings, d.Title)
	}
}

func TestReadDetectsHTMLWithoutExtension(t *testing.T) {
	page := `<!doctype html><html lang="fr-FR"><head><title>Un article — Le Site</title>
<meta property="og:site_name" content="Le Site"><meta property="article:published_time" content="2016-11-13T10:00:00Z">
<link rel="canonical" href="https://example.com/article"></head><body>
<nav><ul><li><a href="/">Accueil</a></li></ul></nav>
<article><h1>Un article</h1>
<p>Le 20 septembre 2016, WikiLeaks a contacté Trump Jr. via un message direct sur Twitter.<sup class="reference"><a href="#cite-1">[1]</a></sup> Il a répondu le jour même, d'après les documents obtenus par le magazine.</p>
<figure><img src="a.jpg"><figcaption>Une légende à ne pas garder.</figcaption></figure>
<h2>Suite</h2>
<p>Le 3 octobre 2016, WikiLeaks a écrit de nouveau [2] pour demander de promouvoir une histoire publiée le matin même par un site conservateur.</p>
<h2>Références</h2><ol><li>Une référence, consultée en 2017.</li></ol>
</article><footer>Tous droits réservés</footer></body></html>`
	d, err := Read("-", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != KindHTML || d.Language != "fr" || d.Published != "2016-11-13" || d.URL != "https://example.com/article" {
		t.Errorf("metadata: kind %s, language %q, published %q, url %q", d.Kind, d.Language, d.Published, d.URL)
	}
	for _, gone := range []string{"[1]", "légende", "Accueil", "Références", "référence", "droits"} {
		if strings.Contains(d.Text, gone) {
			t.Errorf("the text keeps %q:\n%s", gone, d.Text)
		}
	}
	for _, kept := range []string{"Le 20 septembre 2016, WikiLeaks a contacté Trump Jr. via un message direct sur Twitter. Il a répondu", "\n\nSuite\n\n", "de nouveau [2] pour"} {
		if !strings.Contains(d.Text, kept) {
			t.Errorf("the text lost %q:\n%s", kept, d.Text)
		}
	}
}

// TestReadWikipediaPage checks the extraction of a saved Wikipedia page against the source text a
// person made from it by hand (../testdata/mozilla/source.txt): the same paragraphs, word for word.
func TestReadWikipediaPage(t *testing.T) {
	page, err := os.ReadFile("../testdata/wikipedia-mozilla.html")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../testdata/mozilla/source.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read("wikipedia-mozilla.html", page)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Mozilla" || d.Language != "en" || d.Published != "2016-10-28" || d.URL != "https://en.wikipedia.org/wiki/Mozilla" {
		t.Errorf("metadata: title %q, language %q, published %q, url %q", d.Title, d.Language, d.Published, d.URL)
	}
	got := map[string]bool{}
	for _, p := range d.Paragraphs {
		got[p] = true
	}
	missing := 0
	wantParas := strings.Split(strings.TrimSpace(string(want)), "\n\n")
	for _, p := range wantParas {
		if !got[p] {
			missing++
			t.Logf("missing paragraph: %q", p)
		}
	}
	// The hand-made text keeps one heading ("Community") that Readability drops with its empty section.
	if missing > 1 {
		t.Errorf("%d of %d hand-extracted paragraphs are not in the extraction", missing, len(wantParas))
	}
	if len(d.Paragraphs) > len(wantParas)+2 {
		t.Errorf("the extraction has %d paragraphs, the hand-made text %d: furniture kept?", len(d.Paragraphs), len(wantParas))
	}
}

func TestIsBinaryAllowsFormFeedsAndTabs(t *testing.T) {
	if isBinary([]byte("a\tb\fc\r\nd")) {
		t.Error("text with tabs and a form feed was taken for binary")
	}
}

func TestReadAPageWithoutACharsetByItsBytes(t *testing.T) {
	// Nothing declares the charset and the first kilobyte, which the HTML standard's sniffing
	// looks at, is plain ASCII: the accents further on are UTF-8 when the page is valid UTF-8,
	// Windows-1252 when it is not.
	head := `<!doctype html><html lang="fr"><head><title>Le drapeau</title><style>` + strings.Repeat("p { margin: 0 }\n", 80) + `</style></head><body><article><h1>Le drapeau</h1>`
	body := `<p>Le 3 septembre 1901, le drapeau fut hissé pour la première fois au sommet du Royal Exhibition Building de Melbourne, devant une foule nombreuse réunie pour l'événement.</p><p>Le 14 février 1954, la reine donna son accord à la loi sur les drapeaux, votée l'année précédente par le Parlement fédéral.</p></article></body></html>`
	for _, c := range []struct {
		name string
		page []byte
	}{
		{"utf-8", []byte(head + body)},
		{"windows-1252", latin1(head + body)},
	} {
		d, err := Read("page.html", c.page)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !strings.Contains(d.Text, "hissé pour la première fois") || strings.Contains(d.Text, "Ã") {
			t.Errorf("%s: accents garbled:\n%s", c.name, d.Text)
		}
	}
}

// latin1 encodes s, whose runes are all below U+0100, one byte a rune (as Windows-1252 does them).
func latin1(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}
