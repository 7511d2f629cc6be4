package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Large knowledge files are decoded in pieces. yaml.v3 builds a node for every key and value of the
// whole document before anything can be checked: for 100,000 events that is over a gigabyte of
// nodes and most of the load time. When a file has the usual layout (a top-level `events:` block
// list, one item per `- ` line at a fixed indentation), its items are cut at those lines into chunks
// of whole items, each decoded as a YAML document of its own, in parallel, and checked as they
// arrive, so only a few chunks' nodes are alive at a time. The rest of the file (format, title,
// source, anchors) is decoded without the items. Lines and columns are those of the whole file.
//
// A cut at an item line is only wrong if that line lies inside a multi-line quoted or flow
// scalar of the previous item, or an alias crosses items; the previous chunk then fails to decode
// (an unterminated scalar, an unknown alias), and any failure makes the loader decode the whole
// file the ordinary way, which also gives the message for a file that is not valid YAML. So the
// split path changes speed and memory, never the result; except that the whole decode refuses,
// for the memory it would take (budget.go), a file of hundreds of megabytes of short values that the
// split path reads a few pieces at a time. TestSplitDecodingMatchesWholeDecoding and
// FuzzLoad check that.

// splitMinItems is how many events a file needs before it is decoded in pieces: below that the
// whole-document decode is as fast.
const splitMinItems = 512

// chunkItems is how many events a chunk holds.
const chunkItems = 256

type split struct {
	rest    []byte // the file without the events' items
	cutLine int    // first line of rest that comes after the removed lines
	removed int    // number of lines removed
	seqLine int    // line and column of the first item, where problems about the list point
	seqCol  int
	indent  int // of the items' dashes
	keyLine int // line of the `events:` key
	items   int
	chunks  []chunk
	nodes   nodeSlabs
	// flow: the events are a flow sequence, cut by splitFlowEvents (flowsplit.go). seqLine and
	// seqCol are then where its `[` is, and rest has the items blanked rather than removed.
	flow bool
}

type chunk struct {
	start, end int // byte offsets of whole lines in the file (of whole items, for a flow sequence)
	line       int // line number of the chunk's first line
	col        int // column of its first item, for a flow sequence
	items      int
}

var errSplit = errors.New("knowledge: file not splittable")

// splitEvents finds the events block of data and cuts it into chunks, or reports false when the
// file does not have the usual layout (or is small), in which case it is decoded whole.
func splitEvents(data []byte, minItems int) (*split, bool) {
	if !plainLineBreaks(data) {
		return nil, false
	}

	const (
		before = iota // before the events key
		first         // after it, before the first item
		inside        // in the items
		after         // after them
	)
	state := before
	sp := &split{}
	indent := -1
	blockStart, blockEnd := -1, -1
	var cur *chunk
	contentSeen := false
	line := 0
	for off := 0; off < len(data); {
		line++
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
			end += off
		} else {
			end = len(data)
		}
		text := bytes.TrimRight(data[off:end], "\r")
		trimmed := bytes.TrimLeft(text, " ")
		ind := len(text) - len(trimmed)
		blank := len(trimmed) == 0 || trimmed[0] == '#'
		if len(trimmed) > 0 && trimmed[0] == '\t' {
			return nil, false
		}
		if !blank && !contentSeen && ind > 0 {
			return nil, false // the top-level mapping must start at column 1
		}
		if !blank && ind == 0 {
			// Document markers and directives: keep the general path for anything unusual.
			switch {
			case bytes.HasPrefix(text, []byte("...")), bytes.HasPrefix(text, []byte("%")):
				return nil, false
			case bytes.HasPrefix(text, []byte("---")):
				if contentSeen || len(bytes.TrimRight(text, " ")) > 3 {
					return nil, false
				}
				off = next
				continue
			}
		}
		switch state {
		case before:
			if !blank && ind == 0 && isEventsKey(text) {
				state = first
				blockStart = next
				sp.keyLine = line
			}
		case first, inside:
			if blank {
				break
			}
			isItem := len(trimmed) > 0 && trimmed[0] == '-' && (len(trimmed) == 1 || trimmed[1] == ' ')
			if state == first {
				if !isItem {
					return nil, false // `events: []`, a mapping, an empty list: the general path reports it
				}
				indent = ind
				sp.seqLine, sp.seqCol, sp.indent = line, ind+1, ind
				state = inside
			}
			switch {
			case ind == indent && isItem:
				if cur == nil || cur.items == chunkItems {
					if cur != nil {
						cur.end = off
					}
					sp.chunks = append(sp.chunks, chunk{start: off, line: line})
					cur = &sp.chunks[len(sp.chunks)-1]
				}
				cur.items++
				sp.items++
			case ind > indent:
				// inside an item
			case ind == 0:
				state = after
				blockEnd = off
			default:
				return nil, false
			}
			if state == after && isEventsKey(text) {
				return nil, false
			}
		case after:
			if !blank && ind == 0 && isEventsKey(text) {
				return nil, false
			}
		}
		if !blank {
			contentSeen = true
		}
		off = next
	}
	if state == before || state == first || sp.items < minItems {
		return nil, false
	}
	if blockEnd < 0 {
		blockEnd = len(data)
	}
	cur.end = blockEnd
	// The lines between the key and the first item (blank or comments) are in no piece; they must
	// still be characters yaml.v3 accepts, as it would have read them.
	if !yamlPrintable(data[blockStart:sp.chunks[0].start]) {
		return nil, false
	}
	sp.removed = bytes.Count(data[blockStart:blockEnd], []byte("\n"))
	sp.cutLine = bytes.Count(data[:blockStart], []byte("\n")) + 1
	sp.rest = make([]byte, 0, blockStart+len(data)-blockEnd)
	sp.rest = append(append(sp.rest, data[:blockStart]...), data[blockEnd:]...)
	return sp, true
}

// isEventsKey reports whether a line at column 0 is `events:` with nothing after it but a comment.
func isEventsKey(text []byte) bool {
	rest, ok := bytes.CutPrefix(text, []byte("events:"))
	if !ok {
		return false
	}
	t := bytes.TrimLeft(rest, " ")
	return len(t) == 0 || (t[0] == '#' && len(t) < len(rest))
}

// decodeRest decodes the file without its events' items, with line numbers of the whole file.
func (sp *split) decodeRest() (*yaml.Node, error) {
	if sp.flow {
		return sp.decodeFlowRest()
	}
	var root yaml.Node
	if err := safeUnmarshal(sp.rest, &root, wholeFloor); err != nil {
		return nil, err
	}
	// The cut must have removed the value of the top-level events key and nothing else: the rest is
	// a mapping at column 1 whose events key is where the splitter found it, with no value.
	if len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode || root.Content[0].Column != 1 {
		return nil, errSplit
	}
	m := root.Content[0]
	found := false
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Value == "events" {
			if found || k.Line != sp.keyLine || k.Column != 1 || v.Kind != yaml.ScalarNode || v.Tag != "!!null" || v.Value != "" {
				return nil, errSplit
			}
			found = true
		}
	}
	if !found {
		return nil, errSplit
	}
	walk(&root, func(n *yaml.Node) {
		if n.Line >= sp.cutLine {
			n.Line += sp.removed
		}
	})
	return m, nil
}

func (sp *split) decodeChunk(data []byte, c chunk) ([]*yaml.Node, slabs, error) {
	// The fast decoder's nodes cost about as much as yaml.v3's: the same budget holds for both.
	if sp.flow {
		items, err := decodeFlowChunk(data, c)
		return items, slabs{}, err
	}
	if err := checkNodeBudget(data[c.start:c.end], pieceFloor); err != nil {
		return nil, slabs{}, err
	}
	items, used, err := decodeItemsFast(data[c.start:c.end], c.line, sp.indent, &sp.nodes)
	if err == nil && len(items) == c.items {
		return items, used, nil
	}
	sp.nodes.put(used)
	items, err = decodeChunk(data, c)
	return items, slabs{}, err
}

func decodeChunk(data []byte, c chunk) ([]*yaml.Node, error) {
	var doc yaml.Node
	if err := safeUnmarshal(data[c.start:c.end], &doc, pieceFloor); err != nil {
		return nil, err
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.SequenceNode || len(doc.Content[0].Content) != c.items {
		return nil, errSplit
	}
	walk(&doc, func(n *yaml.Node) { n.Line += c.line - 1 })
	return doc.Content[0].Content, nil
}

func walk(n *yaml.Node, f func(*yaml.Node)) {
	f(n)
	for _, c := range n.Content {
		walk(c, f)
	}
}

// safeUnmarshal is yaml.Unmarshal, with a panic of the YAML library (on input it does not expect)
// turned into an error: a bad knowledge file must never bring the bot down. A document that could
// take more memory than its budget (see budget.go; floor for a small one) is refused with an
// *errTooManyNodes before it is decoded.
func safeUnmarshal(data []byte, n *yaml.Node, floor int) (err error) {
	if err := checkNodeBudget(data, floor); err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML reader failed on this file (%v)", r)
		}
	}()
	return yaml.Unmarshal(data, n)
}

// each decodes the chunks in parallel and calls yield with each event's node, in file order, until
// yield returns false. It returns an error when a chunk does not decode, after which the caller
// must fall back to decoding the whole file. At most a few chunks are decoded ahead of yield.
func (sp *split) each(data []byte, yield func(*yaml.Node) bool) error {
	workers := max(1, min(runtime.GOMAXPROCS(0), 8))
	window := 2 * workers
	type result struct {
		items []*yaml.Node
		slabs slabs
		err   error
	}
	results := make([]chan result, len(sp.chunks))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	jobs := make(chan int)
	tokens := make(chan struct{}, window)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		for i := range sp.chunks {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				items, slabs, err := sp.decodeChunk(data, sp.chunks[i])
				results[i] <- result{items, slabs, err}
			}
		}()
	}
	defer func() {
		close(stop)
		wg.Wait()
	}()
	for i := range sp.chunks {
		r := <-results[i]
		<-tokens
		if r.err != nil {
			return r.err
		}
		for _, n := range r.items {
			if !yield(n) {
				return nil
			}
		}
		// yield's caller keeps no node once it has checked an event (see parser.events).
		sp.nodes.put(r.slabs)
	}
	return nil
}
