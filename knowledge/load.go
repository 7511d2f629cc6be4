package knowledge

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"iter"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
	"go.yaml.in/yaml/v3"
)

// FormatVersion is the knowledge-file format this build reads.
const FormatVersion = 1

// MaxFileSize bounds a knowledge file or source text, so a wrong path (a disk image, a log) fails
// with a message instead of exhausting memory.
const MaxFileSize = 256 << 20

// Problem is one thing wrong with a knowledge file, located by line and column.
type Problem struct {
	Line, Column int
	Field        string // e.g. events[3].date
	Message      string
}

// ValidationError lists every problem found in a knowledge file. Loading reports all problems at
// once, so an editor can fix a file in one pass.
type ValidationError struct {
	File     string
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problem", e.File, len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteString("s")
	}
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(e.format(p))
	}
	return b.String()
}

// Lines returns each problem as "FILE:LINE:COL: field: message".
func (e *ValidationError) Lines() []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = e.format(p)
	}
	return out
}

// Place returns where problem i is, "FILE:LINE:COL: field", without its message: messages quote the
// file (and, unless parsed with ParseUntrusted, the source), and logs carry no file content.
func (e *ValidationError) Place(i int) string {
	p := e.Problems[i]
	p.Message = ""
	return strings.TrimSuffix(e.format(p), ": ")
}

func (e *ValidationError) format(p Problem) string {
	loc := e.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", e.File, p.Line, p.Column)
	}
	if p.Field == "" {
		return loc + ": " + p.Message
	}
	return loc + ": " + p.Field + ": " + p.Message
}

// SourceReader reads a source text referenced by path, relative to the knowledge file.
type SourceReader func(path string) ([]byte, error)

// LoadFile reads, validates and indexes the knowledge file at path. A source path inside it is
// resolved relative to the file's folder. The file and its source are trusted as the operator's:
// the source may be anywhere (an absolute path, a symbolic link), and problems quote it. Both must
// be regular files (see ReadFile).
func LoadFile(path string) (*Timeline, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load knowledge: %w", err)
	}
	dir := filepath.Dir(path)
	return Parse(path, data, func(rel string) ([]byte, error) {
		if filepath.IsAbs(rel) {
			return ReadFile(rel)
		}
		return ReadFile(filepath.Join(dir, rel))
	})
}

// ParseUntrusted validates and indexes a knowledge file from someone trusted to change the
// knowledge but not to read the server's files: a moderator's upload. Its source.path is resolved
// in dir, and must name a regular file inside it whose path, before and after symbolic links, has
// no hidden part (.env, .git) and no ".."; anything else is refused with ErrSourceOutside.
// Problems never quote the source text, only what the file itself holds: otherwise a passage that
// stops matching would read out the source, a few bytes per try.
func ParseUntrusted(name string, data []byte, dir string) (*Timeline, error) {
	t, err := parse(name, data, func(rel string) ([]byte, error) { return readConfined(dir, rel) }, splitMinItems, true)
	if err != nil {
		return nil, err
	}
	t.build()
	return t, nil
}

// Parse validates and indexes a knowledge file's content. name is used in messages; readSource
// resolves `source.path` (it may be nil when the source is inline).
func Parse(name string, data []byte, readSource SourceReader) (*Timeline, error) {
	t, err := parse(name, data, readSource, splitMinItems, false)
	if err != nil {
		return nil, err
	}
	// data is no longer needed (nor referenced), so the file's bytes can be collected while the
	// index is built.
	t.build()
	return t, nil
}

// parse decodes and validates, and versions the timeline; the caller indexes it. A file of at least
// splitMin events is decoded in pieces (see split.go); splitMin 0 forces the whole-document decode,
// for tests that compare the two. blind keeps the source's text out of problems (see ParseUntrusted).
func parse(name string, data []byte, readSource SourceReader, splitMin int, blind bool) (*Timeline, error) {
	// The content hash covers the file and the source text; hash the file while it is decoded.
	hashed := make(chan hash.Hash, 1)
	go func() {
		h := sha256.New()
		h.Write(data)
		h.Write([]byte{0})
		hashed <- h
	}()
	read := textReader(readSource)
	if off, ok := invalidUTF8(data); ok {
		// yaml.v3 would say "invalid leading UTF-8 octet" without saying where.
		p := &parser{file: name}
		line, col := position(data, off)
		p.problemf(line, col, "", "not valid UTF-8 (byte 0x%02x); save the file as UTF-8 (for example with iconv -f latin1 -t utf-8)", data[off])
		return nil, p.err()
	}
	if splitMin > 0 {
		sp, ok := splitEvents(data, splitMin)
		if !ok {
			sp, ok = splitFlowEvents(data, splitMin)
		}
		if ok {
			if t, err, ok := parseSplit(name, data, sp, read, blind); ok {
				return finish(t, err, hashed, name)
			}
		}
	}

	p := &parser{file: name, blind: blind}
	var root yaml.Node
	if err := safeUnmarshal(data, &root, wholeFloor); err != nil {
		var budget *errTooManyNodes
		if errors.As(err, &budget) {
			p.problemf(1, 1, "", "%v", err)
			return nil, p.err()
		}
		line := yamlErrorLine(err)
		msg := "not valid YAML: " + cleanYAMLError(err)
		if tabIndented(data, line) {
			msg += " (YAML does not allow tabs for indentation; indent with spaces)"
		}
		p.problemf(line, 1, "", "%s", msg)
		return nil, p.err()
	}
	if len(root.Content) == 0 {
		p.problemf(1, 1, "", "the file is empty; start from `timelinebot init DIR`")
		return nil, p.err()
	}
	t := p.timeline(root.Content[0], read, nil)
	return finish(t, p.err(), hashed, name)
}

// parseSplit loads a file decoded in pieces (see split.go). ok is false when the pieces do not
// decode, and the file must be decoded whole.
func parseSplit(name string, data []byte, sp *split, read textSource, blind bool) (_ *Timeline, _ error, ok bool) {
	root, err := sp.decodeRest()
	if err != nil {
		return nil, nil, false
	}
	p := &parser{file: name, split: sp, data: data, blind: blind}
	t := p.timeline(root, read, sp)
	if p.splitErr != nil {
		return nil, nil, false
	}
	return t, p.err(), true
}

// finish versions a valid timeline.
func finish(t *Timeline, err error, hashed <-chan hash.Hash, name string) (*Timeline, error) {
	if err != nil {
		return nil, err
	}
	h := <-hashed
	// Hash the source in pieces: converting it to []byte whole would copy it.
	var buf [32 << 10]byte
	for text := t.Source.Text; text != ""; {
		n := copy(buf[:], text)
		h.Write(buf[:n])
		text = text[n:]
	}
	t.Version = hex.EncodeToString(h.Sum(nil))[:12]
	t.Origin = name
	t.LoadedAt = time.Now()
	return t, nil
}

// textSource reads a source text as a string.
type textSource func(path string) (string, error)

// textReader adapts r, reading each path once and keeping the text rather than the bytes: falling
// back from the split decode must not read the source twice, nor keep two copies of it alive.
func textReader(r SourceReader) textSource {
	if r == nil {
		return nil
	}
	type result struct {
		text string
		err  error
	}
	cache := map[string]result{}
	return func(path string) (string, error) {
		if c, ok := cache[path]; ok {
			return c.text, c.err
		}
		data, err := r(path)
		var text string
		if err == nil {
			if off, bad := invalidUTF8(data); bad {
				line, col := position(data, off)
				err = &notUTF8Error{line, col}
			} else {
				text = string(data)
			}
		}
		cache[path] = result{text, err}
		return text, err
	}
}

// notUTF8Error says where a source text stops being UTF-8.
type notUTF8Error struct{ line, col int }

func (e *notUTF8Error) Error() string {
	return fmt.Sprintf("not UTF-8 (line %d, column %d)", e.line, e.col)
}

// invalidUTF8 returns the offset of the first byte of data that is not UTF-8. A file starting with
// a UTF-16 byte order mark is left to yaml.v3, which reads UTF-16.
func invalidUTF8(data []byte) (int, bool) {
	if utf8.Valid(data) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		return 0, false
	}
	for off := 0; off < len(data); {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size == 1 {
			return off, true
		}
		off += size
	}
	return 0, false
}

// position returns the 1-based line and column of byte offset off of data, the column counted in
// characters as yaml.v3 counts it.
func position(data []byte, off int) (line, col int) {
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return bytes.Count(data[:start], []byte{'\n'}) + 1, utf8.RuneCount(data[start:off]) + 1
}

// maxProblems is how many problems a ValidationError lists at most; the rest are counted.
const maxProblems = 1000

type parser struct {
	file     string
	problems []Problem
	// blind keeps the source's text out of problems: the file comes from someone not trusted to
	// read it (see ParseUntrusted).
	blind bool
	// unlisted counts the problems found past maxProblems.
	unlisted int
	// split and data are set when the events are decoded in pieces; splitErr records that a piece
	// did not decode.
	split    *split
	data     []byte
	splitErr error
}

func (p *parser) problemf(line, col int, field, format string, args ...any) {
	if len(p.problems) >= maxProblems {
		// A file of a million wrong items would otherwise make a million messages.
		p.unlisted++
		return
	}
	p.problems = append(p.problems, Problem{Line: line, Column: col, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) at(n *yaml.Node, f field, format string, args ...any) {
	p.problemf(n.Line, n.Column, f.String(), format, args...)
}

// field names a place in the file for messages, such as events[3].passages[0] or source.path. It
// is a value made of parts, formatted only when a problem is reported: checking a large file visits
// millions of fields and reports few problems.
type field struct {
	list string // "events", "anchors", a top-level key, or "" for the top level
	i    int    // index in list, or -1
	key  string // a field of list[i] (or of list), possibly dotted: "names.en"
	j    int    // index in key's list, or -1
}

func top(name string) field         { return field{list: name, i: -1, j: -1} }
func item(list string, i int) field { return field{list: list, i: i, j: -1} }
func (f field) at(j int) field      { f.j = j; return f }
func (f field) with(key string) field {
	if f.j >= 0 {
		return top(f.String() + "." + key)
	}
	if f.key != "" {
		key = f.key + "." + key
	}
	f.key = key
	return f
}

func (f field) String() string {
	s := f.list
	if f.i >= 0 {
		s += "[" + strconv.Itoa(f.i) + "]"
	}
	if f.key != "" {
		if s != "" {
			s += "."
		}
		s += f.key
	}
	if f.j >= 0 {
		s += "[" + strconv.Itoa(f.j) + "]"
	}
	return s
}

func (p *parser) err() error {
	if len(p.problems) == 0 {
		return nil
	}
	// Checks run field by field, not line by line; an editor fixes a file top to bottom.
	sort.SliceStable(p.problems, func(i, j int) bool {
		a, b := p.problems[i], p.problems[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	if p.unlisted > 0 {
		last := p.problems[len(p.problems)-1]
		p.problems = append(p.problems, Problem{Line: last.Line, Column: last.Column,
			Message: fmt.Sprintf("and %d more problems not listed; fix these first", p.unlisted)})
	}
	return &ValidationError{File: p.file, Problems: p.problems}
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

func yamlErrorLine(err error) int {
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return n
	}
	return 0
}

// tabIndented reports whether the 1-based line of data starts with whitespace holding a tab.
func tabIndented(data []byte, line int) bool {
	for n := 1; n < line && len(data) > 0; n++ {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return false
		}
		data = data[i+1:]
	}
	for _, c := range data {
		switch c {
		case '\t':
			return true
		case ' ':
			continue
		}
		return false
	}
	return false
}

func cleanYAMLError(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	return yamlLineRe.ReplaceAllString(strings.TrimPrefix(s, "unmarshal errors:\n  "), "line $1")
}

// seenKeys records the key nodes of a mapping: known[i]'s node in known, and unknown ones apart.
type seenKeys struct {
	names   []string
	known   [16]*yaml.Node
	unknown []*yaml.Node
}

func (s *seenKeys) get(key string) *yaml.Node {
	for i, name := range s.names {
		if name == key {
			return s.known[i]
		}
	}
	for _, k := range s.unknown {
		if k.Value == key {
			return k
		}
	}
	return nil
}

// fields walks a mapping node, calling set for each known key and reporting unknown and duplicate
// keys. It returns the key nodes seen so callers can point at a missing field's parent. known has
// at most 16 names.
func (p *parser) fields(n *yaml.Node, path field, known []string, set func(key string, k, v *yaml.Node)) seenKeys {
	seen := seenKeys{names: known}
	if n.Kind != yaml.MappingNode {
		p.at(n, path, "must be a mapping of fields (key: value), found %s", kindName(n))
		return seen
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if prev := seen.get(key); prev != nil {
			p.at(k, path.with(key), "given twice (first at line %d)", prev.Line)
			continue
		}
		if idx := slices.Index(known, key); idx >= 0 {
			seen.known[idx] = k
		} else {
			seen.unknown = append(seen.unknown, k)
		}
		if !contains(known, key) {
			msg := fmt.Sprintf("unknown field %q", key)
			if s := suggest(key, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; known fields: " + strings.Join(known, ", ")
			}
			p.at(k, path, "%s", msg)
			continue
		}
		set(key, k, v)
	}
	return seen
}

func (p *parser) require(n *yaml.Node, path field, seen seenKeys, names ...string) {
	for _, name := range names {
		if seen.get(name) == nil && n.Kind == yaml.MappingNode {
			p.at(n, path, "missing required field %q", name)
		}
	}
}

func (p *parser) str(n *yaml.Node, f field) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.at(n, f, "must be text, found %s", kindName(n))
		return ""
	}
	if !utf8.ValidString(n.Value) {
		p.at(n, f, "is not valid UTF-8")
		return ""
	}
	return n.Value
}

func (p *parser) nonEmpty(n *yaml.Node, f field) string {
	s := strings.TrimSpace(p.str(n, f))
	if s == "" && n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		p.at(n, f, "must not be empty")
	}
	return s
}

func (p *parser) strList(n *yaml.Node, f field) []string {
	if n.Kind != yaml.SequenceNode {
		p.at(n, f, "must be a list, found %s", kindName(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for i, c := range n.Content {
		if s := p.nonEmpty(c, f.at(i)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (p *parser) langMap(n *yaml.Node, f field, each func(lang string, k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.at(n, f, "must be a mapping from language code to text, found %s", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !langRe.MatchString(k.Value) {
			p.at(k, f, "%q is not a language code; use a two-letter ISO 639-1 code such as en or fr", k.Value)
			continue
		}
		each(k.Value, k, v)
	}
}

var (
	idRe   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,79}$`)
	langRe = regexp.MustCompile(`^[a-z]{2}$`)
	timeRe = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
)

func (p *parser) timeline(n *yaml.Node, readSource textSource, sp *split) *Timeline {
	t := &Timeline{}
	var sourceNode, eventsNode *yaml.Node
	format := 0
	seen := p.fields(n, top(""), []string{"format", "title", "source", "anchors", "events"}, func(key string, k, v *yaml.Node) {
		switch key {
		case "format":
			if _, err := fmt.Sscan(v.Value, &format); err != nil || v.Kind != yaml.ScalarNode {
				p.at(v, top("format"), "must be a whole number; this build reads format %d", FormatVersion)
			} else if format != FormatVersion {
				p.at(v, top("format"), "is %d but this build reads format %d; upgrade timelinebot or convert the file", format, FormatVersion)
			}
		case "title":
			t.Title = p.nonEmpty(v, top("title"))
		case "source":
			sourceNode = v
		case "anchors":
			t.Anchors = p.anchors(v)
		case "events":
			eventsNode = v
		}
	})
	p.require(n, top(""), seen, "format", "title", "source", "events")
	if sourceNode != nil {
		t.Source = p.source(sourceNode, readSource)
	}
	switch {
	case sp != nil:
		seq := &yaml.Node{Kind: yaml.SequenceNode, Line: sp.seqLine, Column: sp.seqCol}
		t.Events = p.events(seq, sp.items, func(yield func(*yaml.Node) bool) {
			p.splitErr = sp.each(p.data, yield)
		}, &t.Source)
	case eventsNode != nil && eventsNode.Kind == yaml.SequenceNode:
		t.Events = p.events(eventsNode, len(eventsNode.Content), slices.Values(eventsNode.Content), &t.Source)
	case eventsNode != nil:
		p.at(eventsNode, top("events"), "must be a list of events, found %s", kindName(eventsNode))
	}
	return t
}

func (p *parser) source(n *yaml.Node, readSource textSource) Source {
	var s Source
	var pathNode, textNode *yaml.Node
	seen := p.fields(n, top("source"), []string{"path", "text", "title", "language", "author", "attribution", "url", "published"}, func(key string, k, v *yaml.Node) {
		f := top("source").with(key)
		switch key {
		case "path":
			pathNode, s.Path = v, p.nonEmpty(v, f)
		case "text":
			textNode, s.Text = v, p.str(v, f)
		case "title":
			s.Title = p.nonEmpty(v, f)
		case "language":
			s.Language = p.nonEmpty(v, f)
			if s.Language != "" && !langRe.MatchString(s.Language) {
				p.at(v, f, "%q is not a language code; use a two-letter ISO 639-1 code such as en or fr", s.Language)
			}
		case "author":
			s.Author = p.str(v, f)
		case "attribution":
			s.Attribution = p.nonEmpty(v, f)
		case "url":
			s.URL = p.str(v, f)
			if s.URL != "" && !strings.HasPrefix(s.URL, "http://") && !strings.HasPrefix(s.URL, "https://") {
				p.at(v, f, "%q is not a web address; write it with http:// or https://, or leave it out", s.URL)
			}
		case "published":
			s.Published = p.str(v, f)
			if d, err := ParseDate(s.Published); err != nil {
				p.at(v, f, "%v", err)
			} else if d.Precision != PrecisionDay {
				p.at(v, f, "%q must be a full date, YYYY-MM-DD", s.Published)
			}
		}
	})
	p.require(n, top("source"), seen, "title", "language", "attribution")
	switch {
	case pathNode != nil && textNode != nil:
		p.at(textNode, top("source"), "give either `path` or `text`, not both")
	case pathNode == nil && textNode == nil:
		if n.Kind == yaml.MappingNode {
			p.at(n, top("source"), "missing the source text: add `path: FILE` (relative to this file) or `text: |` with the text")
		}
	case pathNode != nil && s.Path != "":
		if readSource == nil {
			p.at(pathNode, top("source").with("path"), "cannot read %q: this knowledge was given without a folder; inline the text with `text: |`", s.Path)
			break
		}
		text, err := readSource(s.Path)
		var bad *notUTF8Error
		switch {
		case errors.Is(err, os.ErrNotExist):
			p.at(pathNode, top("source").with("path"), "file %q not found (paths are relative to the knowledge file's folder)", s.Path)
		case errors.As(err, &bad):
			p.at(pathNode, top("source").with("path"), "%q is not UTF-8 text (from line %d, column %d); convert it (for example with iconv) and try again", s.Path, bad.line, bad.col)
		case errors.Is(err, ErrSourceOutside):
			p.at(pathNode, top("source").with("path"), "%q: %v", s.Path, err)
		case err != nil:
			p.at(pathNode, top("source").with("path"), "cannot read %q: %v", s.Path, err)
		default:
			s.Text = text
		}
	}
	if (pathNode != nil || textNode != nil) && strings.TrimSpace(s.Text) == "" && len(p.problems) == 0 {
		p.at(n, top("source"), "the source text is empty")
	}
	s.norm = normalize(s.Text)
	return s
}

func (p *parser) anchors(n *yaml.Node) []Anchor {
	if n.Kind != yaml.SequenceNode {
		p.at(n, top("anchors"), "must be a list, found %s", kindName(n))
		return nil
	}
	var out []Anchor
	ids := map[string]int{}
	for i, an := range n.Content {
		path := item("anchors", i)
		a := Anchor{Names: map[string][]string{}}
		seen := p.fields(an, path, []string{"id", "date", "names"}, func(key string, k, v *yaml.Node) {
			f := path.with(key)
			switch key {
			case "id":
				a.ID = p.nonEmpty(v, f)
				if a.ID != "" && !idRe.MatchString(a.ID) {
					p.at(v, f, "%q is not a valid id: use lower-case letters, digits and hyphens", a.ID)
				} else if line, dup := ids[a.ID]; dup {
					p.at(v, f, "duplicate anchor id %q (first used at line %d)", a.ID, line)
				}
				ids[a.ID] = v.Line
			case "date":
				d, err := ParseDate(p.str(v, f))
				if err != nil {
					p.at(v, f, "%v", err)
				} else if d.Precision != PrecisionDay {
					p.at(v, f, "an anchor needs a full date, YYYY-MM-DD")
				}
				a.Date = d
			case "names":
				p.langMap(v, f, func(lang string, k, v *yaml.Node) {
					a.Names[lang] = p.strList(v, f.with(lang))
				})
			}
		})
		p.require(an, path, seen, "id", "date", "names")
		out = append(out, a)
	}
	return out
}

var eventFields = []string{"id", "date", "time", "kind", "related", "title", "actors", "summary", "summaries", "passages"}

// events checks the events list n, whose count items come from items (the list's own nodes, or the
// pieces of a split decode). It keeps no reference to an item's nodes once it has checked the item:
// a split decode recycles them.
func (p *parser) events(n *yaml.Node, count int, items iter.Seq[*yaml.Node], src *Source) []*Event {
	if count == 0 {
		p.at(n, top("events"), "the list is empty; a timeline needs at least one event")
	}
	events := make([]*Event, 0, min(count, 1<<16))
	ids := make(map[string]int, count)
	// References to other events are checked once every id is known. They are kept as values, not
	// nodes: the nodes of a split decode are recycled once their event is checked.
	type rel struct {
		id           string
		path         field
		line, column int
	}
	var relatedRefs []rel
	i := -1
	for en := range items {
		i++
		path := item("events", i)
		e := &Event{Kind: KindEntry, Line: en.Line}
		seen := p.fields(en, path, eventFields, func(key string, k, v *yaml.Node) {
			f := path.with(key)
			switch key {
			case "id":
				e.ID = p.nonEmpty(v, f)
				if e.ID == "" {
					return
				}
				if !idRe.MatchString(e.ID) {
					p.at(v, f, "%q is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit, at most 80 characters", e.ID)
				} else if line, dup := ids[e.ID]; dup {
					p.at(v, f, "duplicate id %q (first used at line %d); ids must be unique", e.ID, line)
				} else {
					ids[e.ID] = v.Line
				}
			case "date":
				d, err := ParseDate(p.str(v, f))
				if err != nil {
					p.at(v, f, "%v", err)
				}
				e.Date = d
			case "time":
				e.Time = p.str(v, f)
				if e.Time != "" && !timeRe.MatchString(e.Time) {
					p.at(v, f, "%q is not a time; write HH:MM on a 24-hour clock, for example \"18:35\"", e.Time)
				}
			case "kind":
				switch k := p.str(v, f); Kind(k) {
				case KindEntry, KindContext:
					e.Kind = Kind(k)
				default:
					p.at(v, f, "%q is not a kind; use %q or %q", k, KindEntry, KindContext)
				}
			case "related":
				e.Related = p.strList(v, f)
				if v.Kind == yaml.SequenceNode {
					for i, c := range v.Content {
						relatedRefs = append(relatedRefs, rel{c.Value, f.at(i), c.Line, c.Column})
					}
				}
			case "title":
				e.Title = p.nonEmpty(v, f)
				if utf8.RuneCountInString(e.Title) > 100 {
					p.at(v, f, "is %d characters; keep titles to 100 (they label buttons and autocomplete)", utf8.RuneCountInString(e.Title))
				}
			case "actors":
				e.Actors = p.strList(v, f)
			case "summary":
				e.Summary = collapse(p.nonEmpty(v, f))
			case "summaries":
				e.Summaries = map[string]string{}
				p.langMap(v, f, func(lang string, k, v *yaml.Node) {
					e.Summaries[lang] = collapse(p.nonEmpty(v, f.with(lang)))
				})
			case "passages":
				e.Passages = p.passages(v, f, src)
			}
		})
		p.require(en, path, seen, "id", "date", "title", "summary", "passages")
		// A file with problems yields no timeline: its events need not be kept, and a file of a
		// million short wrong items would otherwise cost a million Events.
		if len(p.problems) == 0 {
			events = append(events, e)
		} else {
			events = nil
		}
	}
	for _, r := range relatedRefs {
		if _, ok := ids[r.id]; !ok && r.id != "" {
			p.problemf(r.line, r.column, r.path.String(), "no event has id %q", r.id)
		}
	}
	sortEvents(events)
	return events
}

func (p *parser) passages(n *yaml.Node, list field, src *Source) []Passage {
	if n.Kind != yaml.SequenceNode {
		p.at(n, list, "must be a list of verbatim quotes from the source, found %s", kindName(n))
		return nil
	}
	if len(n.Content) == 0 {
		p.at(n, list, "needs at least one verbatim passage of the source")
	}
	out := make([]Passage, 0, len(n.Content))
	for i, c := range n.Content {
		f := list.at(i)
		text := collapse(p.nonEmpty(c, f))
		if text == "" {
			continue
		}
		if src.norm == nil || src.norm.text == "" {
			// The source itself failed to load; that problem is already reported.
			out = append(out, Passage{Text: text})
			continue
		}
		pos, para, ok := src.norm.find(text)
		if !ok {
			p.at(c, f, "not found verbatim in the source%s; copy the text exactly (only spacing and line breaks may differ)", src.norm.hint(text, p.blind))
			continue
		}
		// The same characters, shared with the source rather than kept twice.
		out = append(out, Passage{Text: src.norm.text[pos : pos+len(text)], Paragraph: para})
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest returns the known name closest to s when it is plausibly a typo of it.
func suggest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := levenshtein.ComputeDistance(s, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}
