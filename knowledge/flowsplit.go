package knowledge

import (
	"bytes"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Files in flow or JSON style (`events: [{id: …}, …]`, `{"events": [{"id": …}, …]}`) are decoded in
// pieces too, for the same reason as block lists (split.go): yaml.v3 takes about 200 bytes per
// value, so a whole-file decode of a large one would take tens of times its size. splitFlowEvents
// finds the flow sequence that is the value of the top-level `events` key, and cuts it at the
// commas between its items into chunks of whole items. Each chunk is decoded on its own as the
// document "[" + items + "]", its lines and columns moved to the file's. The rest of the file is
// the file with the items' text blanked (every character but line breaks made a space), so it
// decodes with the same lines and columns, `events` being an empty flow sequence.
//
// Finding the items needs quotes and comments told apart from structure, which takes a scanner of
// flow YAML. It is simple and may be wrong on unusual text (a tag or an anchor before a quoted
// scalar, say); a wrong cut makes a chunk fail to decode or decode to another number of items,
// and any failure makes the loader decode the whole file. FuzzLoad compares both decodes.

// splitFlowEvents is splitEvents for a top-level events key whose value is a flow sequence.
func splitFlowEvents(data []byte, minItems int) (*split, bool) {
	if !plainLineBreaks(data) || bytes.Contains(data, []byte("\n%")) || bytes.HasPrefix(data, []byte("%")) {
		return nil, false
	}
	open, keyLine, ok := flowEventsOpen(data)
	if !ok {
		return nil, false
	}
	sc := flowScanner{data: data}
	sc.seek(open)
	sp := &split{flow: true, keyLine: keyLine, seqLine: sc.line, seqCol: sc.column()}
	var cur *chunk
	itemStart, lastEnd := -1, -1 // the current item's first byte, and the end of its last significant one
	var itemLine, itemCol int
	endItem := func() bool {
		if itemStart < 0 {
			return false
		}
		if cur == nil || cur.items == chunkItems {
			sp.chunks = append(sp.chunks, chunk{start: itemStart, line: itemLine, col: itemCol})
			cur = &sp.chunks[len(sp.chunks)-1]
		}
		cur.items++
		cur.end = lastEnd
		sp.items++
		itemStart = -1
		return true
	}
	sc.i, sc.prev = open+1, '['
	depth := 1
	closed := -1
	for closed < 0 {
		start, tok, ok := sc.next()
		if !ok {
			return nil, false // unterminated: the whole decode reports it
		}
		switch {
		case tok == ',' && depth == 1:
			if !endItem() {
				return nil, false // an empty entry: the whole decode reports it
			}
			continue
		case tok == ']' && depth == 1:
			endItem() // none after a trailing comma
			closed = start
			continue
		case tok == '[' || tok == '{':
			depth++
		case tok == ']' || tok == '}':
			depth--
		}
		if itemStart < 0 {
			itemStart, itemLine = start, sc.tokLine
			if cur == nil || cur.items == chunkItems {
				itemCol = sc.columnAt(start) // only a chunk's first item needs one
			}
		}
		lastEnd = sc.i
	}
	if sp.items < minItems {
		return nil, false
	}
	// The rest: the items blanked, character by character, line breaks kept.
	rest := make([]byte, 0, len(data))
	rest = append(rest, data[:open+1]...)
	for i := open + 1; i < closed; {
		c := data[i]
		if c == '\n' || c == '\r' {
			rest = append(rest, c)
			i++
			continue
		}
		_, size := utf8.DecodeRune(data[i:])
		rest = append(rest, ' ')
		i += size
	}
	sp.rest = append(rest, data[closed:]...)
	return sp, true
}

// plainLineBreaks reports whether data breaks lines only with \n or \r\n: YAML 1.1's other line
// breaks would make line numbers disagree between the pieces and the whole decode.
func plainLineBreaks(data []byte) bool {
	if bytes.Contains(data, []byte("\u0085")) || bytes.Contains(data, []byte("\u2028")) || bytes.Contains(data, []byte("\u2029")) {
		return false
	}
	for i := bytes.IndexByte(data, '\r'); i >= 0; {
		if i+1 >= len(data) || data[i+1] != '\n' {
			return false
		}
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return true
}

// flowEventsOpen finds the `[` opening the value of the top-level events key: on a line
// `events: [` of a block mapping, or after `events:` (quoted or not) directly inside a top-level
// flow mapping, as JSON has it.
func flowEventsOpen(data []byte) (open, keyLine int, ok bool) {
	sc := flowScanner{data: data}
	if _, tok, ok := sc.next(); ok && tok == '{' {
		// A flow mapping: look for the key at depth 1.
		depth := 1
		expectKey := true
		for depth > 0 {
			start, tok, ok := sc.next()
			if !ok {
				return 0, 0, false
			}
			switch tok {
			case '{', '[':
				depth++
				expectKey = false
			case '}', ']':
				depth--
			case ',':
				expectKey = depth == 1
			case ':':
				expectKey = false
			default:
				if depth == 1 && expectKey && isEventsToken(data[start:sc.i]) {
					line := sc.tokLine
					if _, t, ok := sc.next(); !ok || t != ':' {
						return 0, 0, false
					}
					if at, t, ok := sc.next(); ok && t == '[' {
						return at, line, true
					}
					return 0, 0, false
				}
				expectKey = false
			}
		}
		return 0, 0, false
	}
	// A block mapping: the line `events: [` at column 1, once.
	found := -1
	for off, line := 0, 1; off < len(data); line++ {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		text := data[off:next]
		if rest, ok := bytes.CutPrefix(text, []byte("events:")); ok {
			if t := bytes.TrimLeft(rest, " "); len(t) > 0 && t[0] == '[' && len(t) < len(rest) {
				if found >= 0 {
					return 0, 0, false
				}
				found, keyLine = off+len(text)-len(t), line
			}
		}
		off = next
	}
	return found, keyLine, found >= 0
}

func isEventsToken(t []byte) bool {
	return string(t) == "events" || string(t) == `"events"` || string(t) == "'events'"
}

// flowScanner reads flow YAML token by token: indicators ([ ] { } , :), quoted scalars and runs of
// plain text, skipping spaces, line breaks and comments, and counting lines.
type flowScanner struct {
	data      []byte
	i         int
	line      int // of data[i]
	lineStart int // offset of the line's first byte
	prev      byte
	tokLine   int // where the last token began

	// colOff and col: the column of offset colOff, on the current line; columnAt counts on from it,
	// so that columns asked in order cost one pass over a line, however long (JSON files are often
	// one line).
	colOff, col int
}

// seek moves to offset off, counting lines from the start.
func (s *flowScanner) seek(off int) {
	s.line = 1 + bytes.Count(s.data[:off], []byte{'\n'})
	s.lineStart = bytes.LastIndexByte(s.data[:off], '\n') + 1
	s.i = off
}

func (s *flowScanner) column() int { return s.columnAt(s.i) }

// columnAt returns the column of offset off, on the current line and at or after any offset asked
// before on it.
func (s *flowScanner) columnAt(off int) int {
	if s.colOff < s.lineStart || s.col == 0 {
		s.colOff, s.col = s.lineStart, 1
	}
	s.col += utf8.RuneCount(s.data[s.colOff:off])
	s.colOff = off
	return s.col
}

func (s *flowScanner) newline(at int) {
	s.line++
	s.lineStart = at + 1
}

// next returns the next token's offset and, for an indicator, its byte (0 for a scalar); ok is
// false at the end of the data or in an unterminated quoted scalar.
func (s *flowScanner) next() (start int, tok byte, ok bool) {
	if s.line == 0 {
		s.line = 1
	}
	d := s.data
	for s.i < len(d) {
		c := d[s.i]
		switch {
		case c == '\n':
			s.newline(s.i)
			s.i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
			continue
		case c == '#' && (s.i == 0 || isSpace(d[s.i-1])):
			for s.i < len(d) && d[s.i] != '\n' {
				s.i++
			}
			continue
		}
		start = s.i
		s.tokLine = s.line
		switch {
		case c == '[' || c == ']' || c == '{' || c == '}' || c == ',':
			s.i++
			s.prev = c
			return start, c, true
		case c == ':' && (s.i+1 == len(d) || isNodeSep(d[s.i+1]) || s.prev == '"' || s.prev == '\''):
			s.i++
			s.prev = c
			return start, c, true
		case (c == '"' || c == '\'') && (s.prev == 0 || bytes.IndexByte([]byte("[{,:"), s.prev) >= 0):
			if !s.quoted(c) {
				return 0, 0, false
			}
			s.prev = c
			return start, 0, true
		}
		// Plain text, up to an indicator that ends it in flow context.
		for s.i < len(d) {
			c := d[s.i]
			if c == '\n' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' ||
				c == ':' && (s.i+1 == len(d) || isNodeSep(d[s.i+1])) ||
				c == '#' && isSpace(d[s.i-1]) {
				break
			}
			s.i++
		}
		s.prev = 'a'
		return start, 0, true
	}
	return 0, 0, false
}

// quoted moves past the quoted scalar starting at s.i, counting its line breaks.
func (s *flowScanner) quoted(q byte) bool {
	d := s.data
	for s.i++; s.i < len(d); s.i++ {
		switch c := d[s.i]; {
		case c == '\n':
			s.newline(s.i)
		case q == '"' && c == '\\':
			s.i++
			if s.i < len(d) && d[s.i] == '\n' {
				s.newline(s.i)
			}
		case c == q:
			if q == '\'' && s.i+1 < len(d) && d[s.i+1] == '\'' {
				s.i++
				continue
			}
			s.i++
			return true
		}
	}
	return false
}

// decodeFlowRest decodes the rest of a flow-split file: the same lines and columns as the file,
// with the events an empty flow sequence where the items were.
func (sp *split) decodeFlowRest() (*yaml.Node, error) {
	var root yaml.Node
	if err := safeUnmarshal(sp.rest, &root, wholeFloor); err != nil {
		return nil, err
	}
	if len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return nil, errSplit
	}
	m := root.Content[0]
	found := false
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Value == "events" {
			if found || k.Line != sp.keyLine || v.Kind != yaml.SequenceNode || len(v.Content) != 0 ||
				v.Line != sp.seqLine || v.Column != sp.seqCol {
				return nil, errSplit
			}
			found = true
		}
	}
	if !found {
		return nil, errSplit
	}
	return m, nil
}

// decodeFlowChunk decodes a chunk of a flow sequence's items, as the document "[" + items + "]",
// with the lines and columns they have in the file: on the chunk's first line, columns are moved by
// where its first item is; on the lines after, they are the file's already. (Padding the first line
// with spaces instead would cost, in a one-line JSON file, the whole line again for every chunk.)
func decodeFlowChunk(data []byte, c chunk) ([]*yaml.Node, error) {
	doc := make([]byte, 0, c.end-c.start+2)
	doc = append(append(append(doc, '['), data[c.start:c.end]...), ']')
	var n yaml.Node
	if err := safeUnmarshal(doc, &n, pieceFloor); err != nil {
		return nil, err
	}
	if len(n.Content) != 1 || n.Content[0].Kind != yaml.SequenceNode || len(n.Content[0].Content) != c.items {
		return nil, errSplit
	}
	walk(&n, func(n *yaml.Node) {
		if n.Line == 1 {
			n.Column += c.col - 2
		}
		n.Line += c.line - 1
	})
	return n.Content[0].Content, nil
}
