package knowledge

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yaml.v3 reads about 30 MB of YAML a second: most of the load time of a large knowledge file. The
// events of a knowledge file are written in a small, regular part of YAML (block mappings of
// single-line scalars, quoted strings, flow and block lists of scalars, folded and literal block
// scalars), which decodeItemsFast reads about twenty times faster into the same yaml.Node trees
// yaml.v3 would build: the same kinds, values, lines and columns, and null scalars where yaml.v3
// resolves null. Anything outside that part (anchors, aliases, tags, multi-line plain or quoted
// scalars, nested collections in lists, block scalars with blank or more-indented lines, unusual
// characters) makes it return errUnsupported, and the chunk is decoded by yaml.v3. The two decoders
// are compared on every test file and by FuzzFastYAML.

var errUnsupported = errors.New("knowledge: YAML outside the fast decoder's subset")

type fline struct {
	text   []byte // without the line break
	indent int    // leading spaces
	num    int    // line number in the file
	blank  bool   // empty, spaces only, or a comment
	last   bool   // the last line of the input, without a line break after it
}

type fastDecoder struct {
	lines   []fline
	i       int
	slab    []yaml.Node  // nodes not handed out yet
	ptrSlab []*yaml.Node // room for children slices not handed out yet
	stack   []*yaml.Node // children of the collections being decoded
	used    slabs
	nodes   *nodeSlabs
	flowEnd int // where the last scalar read in a flow sequence ended
}

// nodeSlabs hands out yaml.Nodes, and the slices of their children, in blocks, and takes the
// blocks back once nothing refers to their nodes: decoding a large file then reuses the memory of a
// few chunks' nodes rather than allocating a node for every key and value of the file.
type nodeSlabs struct {
	nodes sync.Pool // of *[]yaml.Node
	ptrs  sync.Pool // of *[]*yaml.Node
	lines sync.Pool // of *[]fline, the decoder's line table
}

const slabSize = 256

// slabs are the blocks a decode used.
type slabs struct {
	nodes [][]yaml.Node
	ptrs  [][]*yaml.Node
}

func (ns *nodeSlabs) getNodes() []yaml.Node {
	if ns != nil {
		if s, ok := ns.nodes.Get().(*[]yaml.Node); ok {
			return *s
		}
	}
	return make([]yaml.Node, slabSize)
}

func (ns *nodeSlabs) getPtrs() []*yaml.Node {
	if ns != nil {
		if s, ok := ns.ptrs.Get().(*[]*yaml.Node); ok {
			return *s
		}
	}
	return make([]*yaml.Node, 4*slabSize)
}

// put returns blocks whose nodes are no longer used.
func (ns *nodeSlabs) put(sl slabs) {
	if ns == nil {
		return
	}
	for _, s := range sl.nodes {
		s = s[:cap(s)]
		clear(s)
		ns.nodes.Put(&s)
	}
	for _, s := range sl.ptrs {
		s = s[:cap(s)]
		clear(s)
		ns.ptrs.Put(&s)
	}
}

// decodeItemsFast decodes src, whole lines of a block sequence of mappings whose dashes are at
// column indent+1 and whose first line is line firstLine of the file, into the sequence's items.
// Their nodes come from ns (which may be nil); the slabs used are returned so the caller can give
// them back once it is done with the nodes.
func decodeItemsFast(src []byte, firstLine, indent int, ns *nodeSlabs) ([]*yaml.Node, slabs, error) {
	d := &fastDecoder{nodes: ns}
	if ns != nil {
		if l, ok := ns.lines.Get().(*[]fline); ok {
			d.lines = (*l)[:0]
		}
	}
	items, err := d.decode(src, firstLine, indent)
	if ns != nil {
		clear(d.lines)
		ns.lines.Put(&d.lines)
	}
	if err != nil {
		ns.put(d.used)
		return nil, slabs{}, err
	}
	return items, d.used, nil
}

func (d *fastDecoder) decode(src []byte, firstLine, indent int) ([]*yaml.Node, error) {
	if !yamlPrintable(src) {
		return nil, errUnsupported
	}
	d.lines = slices.Grow(d.lines[:0], bytes.Count(src, []byte{'\n'})+1)
	num := firstLine
	for off := 0; off < len(src); num++ {
		end := bytes.IndexByte(src[off:], '\n')
		l := fline{num: num}
		if end < 0 {
			l.text, l.last, off = src[off:], true, len(src)
		} else {
			l.text, off = src[off:off+end], off+end+1
		}
		if n := len(l.text); n > 0 && l.text[n-1] == '\r' {
			l.text = l.text[:n-1]
		}
		for l.indent < len(l.text) && l.text[l.indent] == ' ' {
			l.indent++
		}
		rest := l.text[l.indent:]
		if len(rest) > 0 && rest[0] == '\t' {
			return nil, errUnsupported
		}
		l.blank = len(rest) == 0 || rest[0] == '#'
		d.lines = append(d.lines, l)
	}
	var items []*yaml.Node
	for d.i < len(d.lines) {
		l := d.lines[d.i]
		if l.blank {
			d.i++
			continue
		}
		if l.indent != indent || !dashAt(l.text, indent) || len(l.text) <= indent+2 {
			return nil, errUnsupported
		}
		item, err := d.mapping(indent+2, true)
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	return items, nil
}

func dashAt(text []byte, i int) bool {
	return i < len(text) && text[i] == '-' && (i+1 == len(text) || text[i+1] == ' ')
}

func (d *fastDecoder) node() *yaml.Node {
	if len(d.slab) == 0 {
		d.slab = d.nodes.getNodes()
		d.used.nodes = append(d.used.nodes, d.slab)
	}
	n := &d.slab[0]
	d.slab = d.slab[1:]
	return n
}

// children moves the children pushed on the stack since base into a slice of the pointer slab.
func (d *fastDecoder) children(base int) []*yaml.Node {
	n := len(d.stack) - base
	if n == 0 {
		return nil
	}
	if len(d.ptrSlab) < n {
		if n > 4*slabSize/2 {
			d.ptrSlab = make([]*yaml.Node, n) // a huge collection: its own slice
		} else {
			d.ptrSlab = d.nodes.getPtrs()
			d.used.ptrs = append(d.used.ptrs, d.ptrSlab)
		}
	}
	out := d.ptrSlab[:n:n]
	d.ptrSlab = d.ptrSlab[n:]
	copy(out, d.stack[base:])
	clear(d.stack[base:])
	d.stack = d.stack[:base]
	return out
}

// column is the 1-based column yaml.v3 gives to byte offset off of text: it counts characters.
func column(text []byte, off int) int {
	for _, c := range text[:off] {
		if c >= utf8.RuneSelf {
			return utf8.RuneCount(text[:off]) + 1
		}
	}
	return off + 1
}

// mapping decodes a block mapping whose keys are at offset k. When inline, its first key follows
// "- " on the current line.
func (d *fastDecoder) mapping(k int, inline bool) (*yaml.Node, error) {
	m := d.node()
	m.Kind, m.Tag = yaml.MappingNode, "!!map"
	base := len(d.stack)
	defer func() { m.Content = d.children(base) }()
	first := true
	for d.i < len(d.lines) {
		l := d.lines[d.i]
		if !(first && inline) {
			if l.blank {
				d.i++
				continue
			}
			if l.indent < k {
				break
			}
			if l.indent > k {
				return nil, errUnsupported
			}
		}
		if first {
			m.Line, m.Column = l.num, column(l.text, k)
			first = false
		}
		key, val, err := d.entry(k)
		if err != nil {
			return nil, err
		}
		d.stack = append(d.stack, key, val)
	}
	return m, nil
}

// entry decodes "key: value" at offset k of the current line, and the lines its value spans.
func (d *fastDecoder) entry(k int) (key, val *yaml.Node, err error) {
	l := d.lines[d.i]
	t := l.text
	j := k
	for j < len(t) && (isKeyByte(t[j]) || j > k && t[j] == '-') {
		j++
	}
	// yaml.v3 refuses implicit keys of 1024 characters or more; knowledge keys are short.
	if j == k || j-k > 128 || j >= len(t) || t[j] != ':' || (j+1 < len(t) && t[j+1] != ' ') {
		return nil, nil, errUnsupported
	}
	key = d.node()
	key.Kind, key.Tag, key.Value = yaml.ScalarNode, "!!str", string(t[k:j])
	key.Line, key.Column = l.num, column(t, k)
	colon := j
	j++
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if j == len(t) || t[j] == '#' {
		if colon+1 == len(t) {
			// "key:" alone: a nested collection on the next lines, or null.
			d.i++
			val, err = d.nested(k, l, colon)
			return key, val, err
		}
		return nil, nil, errUnsupported
	}
	switch t[j] {
	case '|', '>':
		val, err = d.blockScalar(k, j)
		return key, val, err
	case '[':
		val, err = d.flowSeq(j)
	default:
		val, err = d.scalar(l, j, false)
	}
	if err != nil {
		return nil, nil, err
	}
	d.i++
	return key, val, d.noContinuation(k)
}

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// noContinuation fails when the next content line is indented deeper than k: a multi-line scalar,
// or an error yaml.v3 should report.
func (d *fastDecoder) noContinuation(k int) error {
	for j := d.i; j < len(d.lines); j++ {
		if !d.lines[j].blank {
			if d.lines[j].indent > k {
				return errUnsupported
			}
			return nil
		}
	}
	return nil
}

// nested decodes the value of "key:" (at offset k of line l) from the lines that follow.
func (d *fastDecoder) nested(k int, l fline, colon int) (*yaml.Node, error) {
	j := d.i
	for j < len(d.lines) && d.lines[j].blank {
		j++
	}
	if j < len(d.lines) {
		n := d.lines[j]
		switch {
		case n.indent >= k && dashAt(n.text, n.indent):
			d.i = j
			return d.blockSeq(n.indent)
		case n.indent > k:
			d.i = j
			return d.mapping(n.indent, false)
		}
	}
	v := d.node()
	v.Kind, v.Tag = yaml.ScalarNode, "!!null"
	v.Line, v.Column = l.num, column(l.text, colon+1)
	return v, nil
}

// blockSeq decodes a block sequence of scalars whose dashes are at offset s.
func (d *fastDecoder) blockSeq(s int) (*yaml.Node, error) {
	seq := d.node()
	seq.Kind, seq.Tag = yaml.SequenceNode, "!!seq"
	base := len(d.stack)
	defer func() { seq.Content = d.children(base) }()
	for d.i < len(d.lines) {
		l := d.lines[d.i]
		if l.blank {
			d.i++
			continue
		}
		if l.indent < s || !dashAt(l.text, l.indent) {
			break
		}
		if l.indent > s {
			return nil, errUnsupported
		}
		if seq.Line == 0 {
			seq.Line, seq.Column = l.num, column(l.text, s)
		}
		j := s + 2
		for j < len(l.text) && l.text[j] == ' ' {
			j++
		}
		if j >= len(l.text) || l.text[j] == '#' || l.text[j] == '[' || l.text[j] == '|' || l.text[j] == '>' {
			return nil, errUnsupported
		}
		v, err := d.scalar(l, j, false)
		if err != nil {
			return nil, err
		}
		d.stack = append(d.stack, v)
		d.i++
		if err := d.noContinuation(s); err != nil {
			return nil, err
		}
	}
	return seq, nil
}

// scalar decodes the single-line scalar at offset j of l: plain, double- or single-quoted. In a
// flow sequence (flow), a plain scalar ends at ',' or ']' and the returned node's end is reported
// through d.flowEnd.
func (d *fastDecoder) scalar(l fline, j int, flow bool) (*yaml.Node, error) {
	t := l.text
	v := d.node()
	v.Kind, v.Tag = yaml.ScalarNode, "!!str"
	v.Line, v.Column = l.num, column(t, j)
	var end int
	switch t[j] {
	case '"':
		s, e, ok := doubleQuoted(t, j)
		if !ok {
			return nil, errUnsupported
		}
		v.Value, end = s, e
	case '\'':
		s, e, ok := singleQuoted(t, j)
		if !ok {
			return nil, errUnsupported
		}
		v.Value, end = s, e
	default:
		if !plainStart(t, j) {
			return nil, errUnsupported
		}
		e := j
		for e < len(t) {
			c := t[e]
			if c == '#' && t[e-1] == ' ' {
				break
			}
			if c == '\t' {
				return nil, errUnsupported // tabs end plain scalars and start comments in ways not worth copying
			}
			if c == ':' && (e+1 == len(t) || t[e+1] == ' ' || flow) {
				return nil, errUnsupported
			}
			if flow && (c == ',' || c == ']' || c == '[' || c == '{' || c == '}') {
				break
			}
			e++
		}
		val := bytes.TrimRight(t[j:e], " ")
		v.Value = string(val)
		if isNull(v.Value) {
			v.Tag = "!!null"
		}
		end = j + len(val)
	}
	if flow {
		d.flowEnd = end
		return v, nil
	}
	if !restIsComment(t, end) {
		return nil, errUnsupported
	}
	return v, nil
}

// plainStart reports whether a plain scalar may start at t[j]: not with an indicator.
func plainStart(t []byte, j int) bool {
	switch t[j] {
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '-', '?', ':':
		return j+1 < len(t) && t[j+1] != ' '
	}
	return true
}

func isNull(s string) bool {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// restIsComment reports whether t from end holds only spaces and, after one, a comment.
func restIsComment(t []byte, end int) bool {
	i := end
	for i < len(t) && t[i] == ' ' {
		i++
	}
	return i == len(t) || t[i] == '#' && i > end
}

// flowSeq decodes a one-line flow sequence of scalars starting at offset j of the current line.
func (d *fastDecoder) flowSeq(j int) (*yaml.Node, error) {
	l := d.lines[d.i]
	t := l.text
	seq := d.node()
	seq.Kind, seq.Tag, seq.Style = yaml.SequenceNode, "!!seq", yaml.FlowStyle
	seq.Line, seq.Column = l.num, column(t, j)
	base := len(d.stack)
	defer func() { seq.Content = d.children(base) }()
	i := j + 1
	for {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		if i >= len(t) {
			return nil, errUnsupported
		}
		if t[i] == ']' {
			if len(d.stack) > base {
				return nil, errUnsupported // a trailing comma
			}
			i++
			break
		}
		v, err := d.scalar(l, i, true)
		if err != nil {
			return nil, err
		}
		d.stack = append(d.stack, v)
		i = d.flowEnd
		for i < len(t) && t[i] == ' ' {
			i++
		}
		if i >= len(t) {
			return nil, errUnsupported
		}
		if t[i] == ']' {
			i++
			break
		}
		if t[i] != ',' {
			return nil, errUnsupported
		}
		i++
	}
	if !restIsComment(t, i) {
		return nil, errUnsupported
	}
	return seq, nil
}

// blockScalar decodes a literal (|) or folded (>) block scalar whose indicator is at offset j of
// the current line, for a key at offset k. Only the plain case is handled: clip or strip chomping,
// no indentation indicator, every content line at the same indentation and none blank.
func (d *fastDecoder) blockScalar(k, j int) (*yaml.Node, error) {
	l := d.lines[d.i]
	t := l.text
	literal := t[j] == '|'
	strip := false
	h := j + 1
	if h < len(t) && t[h] == '-' {
		strip = true
		h++
	}
	if h < len(t) && t[h] != ' ' || !restIsComment(t, h) {
		return nil, errUnsupported
	}
	v := d.node()
	v.Kind, v.Tag = yaml.ScalarNode, "!!str"
	v.Line, v.Column = l.num, column(t, j)
	if literal {
		v.Style = yaml.LiteralStyle
	} else {
		v.Style = yaml.FoldedStyle
	}
	d.i++
	indent := -1
	var b []byte
	last := d.i
	for d.i < len(d.lines) {
		c := d.lines[d.i]
		if len(c.text) == c.indent { // empty or spaces only
			if indent < 0 || c.indent > indent || c.last {
				return nil, errUnsupported // spaces beyond the indentation are content
			}
			break
		}
		if indent < 0 {
			if c.indent <= k {
				return nil, errUnsupported // no content: yaml.v3's rules for empty block scalars apply
			}
			indent = c.indent
		}
		if c.indent < indent {
			break
		}
		if c.indent > indent || c.last {
			return nil, errUnsupported
		}
		if len(b) > 0 {
			if literal {
				b = append(b, '\n')
			} else {
				b = append(b, ' ')
			}
		}
		b = append(b, c.text[indent:]...)
		d.i++
		last = d.i
	}
	if indent < 0 {
		return nil, errUnsupported // no content
	}
	// Blank lines after the content belong to no one; but a blank line followed by more content of
	// this scalar would be a paragraph break, which this decoder does not fold.
	for e := d.i; e < len(d.lines); e++ {
		c := d.lines[e]
		if len(c.text) == c.indent {
			if c.indent > indent || c.last {
				return nil, errUnsupported
			}
			continue
		}
		if c.indent >= indent {
			return nil, errUnsupported
		}
		break
	}
	d.i = last
	if !strip {
		b = append(b, '\n')
	}
	v.Value = string(b)
	return v, d.noContinuation(k)
}

// doubleQuoted decodes a double-quoted scalar that ends on its line, returning its value and the
// offset after the closing quote.
func doubleQuoted(t []byte, j int) (string, int, bool) {
	// Most quoted strings have no escape: their value is the bytes between the quotes.
	if k := bytes.IndexAny(t[j+1:], "\"\\"); k >= 0 && t[j+1+k] == '"' {
		return string(t[j+1 : j+1+k]), j + 2 + k, true
	}
	var b []byte
	i := j + 1
	for i < len(t) {
		c := t[i]
		switch {
		case c == '"':
			return string(b), i + 1, true
		case c == '\\':
			if i+1 >= len(t) {
				return "", 0, false
			}
			i++
			if r, ok := simpleEscapes[t[i]]; ok {
				b = utf8.AppendRune(b, r)
				i++
				continue
			}
			var width int
			switch t[i] {
			case 'x':
				width = 2
			case 'u':
				width = 4
			case 'U':
				width = 8
			default:
				return "", 0, false
			}
			if i+1+width > len(t) {
				return "", 0, false
			}
			n, err := strconv.ParseUint(string(t[i+1:i+1+width]), 16, 32)
			if err != nil || !utf8.ValidRune(rune(n)) {
				return "", 0, false
			}
			b = utf8.AppendRune(b, rune(n))
			i += 1 + width
		default:
			b = append(b, c)
			i++
		}
	}
	return "", 0, false
}

var simpleEscapes = map[byte]rune{
	'0': 0, 'a': '\a', 'b': '\b', 't': '\t', '\t': '\t', 'n': '\n', 'v': '\v', 'f': '\f', 'r': '\r',
	'e': 0x1b, ' ': ' ', '"': '"', '\\': '\\', 'N': 0x85, '_': 0xa0, 'L': 0x2028, 'P': 0x2029,
}

// singleQuoted decodes a single-quoted scalar that ends on its line.
func singleQuoted(t []byte, j int) (string, int, bool) {
	var b []byte
	for i := j + 1; i < len(t); i++ {
		if t[i] == '\'' {
			if i+1 < len(t) && t[i+1] == '\'' {
				b = append(b, '\'')
				i++
				continue
			}
			return string(b), i + 1, true
		}
		b = append(b, t[i])
	}
	return "", 0, false
}

// yamlPrintable reports whether src holds only characters yaml.v3 accepts and reads the same way
// in every position: printable characters, tab, line feed and carriage return before a line feed;
// no byte order mark.
func yamlPrintable(src []byte) bool {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return false
			}
			if c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
				return false // a line break of its own
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 || r <= 0x9f || r >= 0xd800 && r <= 0xdfff || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}
