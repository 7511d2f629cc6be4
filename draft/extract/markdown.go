package extract

import (
	"regexp"
	"strings"
)

var (
	mdImage    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdRefLink  = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdStrong   = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEm       = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]([\s).,;:!?]|$)`)
	mdCode     = regexp.MustCompile("`([^`]+)`")
	mdHeading  = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdListItem = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,3}[.)])\s+`)
	mdRefDef   = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s+\S`)
	mdRule     = regexp.MustCompile(`^\s{0,3}([-*_])(\s*[-*_]){2,}\s*$`)
	mdSetext   = regexp.MustCompile(`^\s{0,3}(=+|-+)\s*$`)
)

// FromMarkdown keeps a Markdown document's words and drops its marks: heading signs, emphasis,
// link targets, images, list bullets and quotation signs. Headings and list items become paragraphs
// of their own; a fenced code block is kept as it is, without its fences.
func FromMarkdown(text string) (*Document, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var paras []string
	headings := map[int]bool{}
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	lines := strings.Split(text, "\n")
	fenced := false
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			flush()
			fenced = !fenced
			continue
		}
		if fenced {
			if trim != "" {
				cur = append(cur, line)
			}
			continue
		}
		switch {
		case trim == "":
			flush()
			continue
		case mdRefDef.MatchString(line), mdRule.MatchString(line):
			flush()
			continue
		case mdSetext.MatchString(line) && len(cur) == 1:
			headings[len(paras)] = true
			flush()
			continue
		}
		if m := mdHeading.FindStringSubmatch(line); m != nil {
			flush()
			headings[len(paras)] = true
			cur = append(cur, inline(m[2]))
			flush()
			continue
		}
		for strings.HasPrefix(strings.TrimLeft(line, " "), ">") {
			line = strings.TrimPrefix(strings.TrimLeft(line, " "), ">")
			line = strings.TrimPrefix(line, " ")
		}
		if loc := mdListItem.FindStringIndex(line); loc != nil {
			flush()
			line = line[loc[1]:]
		}
		if l := inline(line); strings.TrimSpace(l) != "" {
			cur = append(cur, l)
		}
	}
	flush()
	d, err := fromParagraphs(KindMarkdown, paras, headings)
	if err != nil {
		return nil, err
	}
	if len(d.Headings) > 0 {
		for i := range d.Paragraphs {
			if d.Headings[i] {
				d.Title = d.Paragraphs[i]
				break
			}
		}
	}
	return d, nil
}

func inline(s string) string {
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$2")
	s = mdEm.ReplaceAllString(s, "$1$2$3")
	s = strings.ReplaceAll(s, `\*`, "*")
	s = strings.ReplaceAll(s, `\_`, "_")
	return strings.TrimRight(s, " ")
}
