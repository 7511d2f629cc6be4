package knowledge

import "fmt"

// yaml.v3 builds a yaml.Node of about 200 bytes (with its share of the parser's buffers) for every
// key and value: a file of short values, as flow (`[a, b]`, `{k: v}`) and JSON style make easy,
// costs up to 130 times its size (10 MB of flow-style events took 1 GB). Before a document is
// handed to yaml.v3, its nodes are counted from above, and a document that would need more than
// its budget allows is refused with a message instead of exhausting memory. The split decodes
// (split.go, flowsplit.go) hand yaml.v3 only pieces of a large file, each checked the same way.

// A decode may take nodeCost bytes per node and bytesCost per byte of the document (the values'
// text, the reader's buffers): measured by TestNodeBudgetBoundsMemory on documents of short values,
// where nodes cost most, and of long ones, where the text does.
const (
	nodeCost  = 192
	bytesCost = 8
)

// budgetFactor bounds the memory a yaml.v3 decode may take to budgetFactor times the size of the
// document, or wholeFloor for a whole file (small files of any layout load) and pieceFloor for a
// piece of a split decode (up to 16 are decoded at a time).
const (
	budgetFactor = 24
	wholeFloor   = 64 << 20
	pieceFloor   = 1 << 20
)

// errTooManyNodes reports a document that could take more memory than its budget to decode.
type errTooManyNodes struct {
	size, nodes int
}

func (e *errTooManyNodes) Error() string {
	return fmt.Sprintf("the file may hold up to %d YAML values in its %d bytes, which could take %d MB to read, more than %d times its size. "+
		"Only the items of the top-level events list are read in pieces; anything else (one event, or another list, holding so many values) is read whole, at about %d bytes per value. "+
		"Keep the bulk of the file in events, one item per event (`events:` then `- id: …` items, as `timelinebot init` writes them), or split the file", e.nodes, e.size, memoryFor(e.nodes, e.size)>>20, budgetFactor, nodeCost)
}

func memoryFor(nodes, size int) int { return nodes*nodeCost + size*bytesCost }

// checkNodeBudget refuses a document whose decode by yaml.v3 could take more than the budget:
// budgetFactor times its size, or floor if more.
func checkNodeBudget(data []byte, floor int) error {
	n := maxNodes(data)
	if memoryFor(n, len(data)) > max(budgetFactor*len(data), floor) {
		return &errTooManyNodes{len(data), n}
	}
	return nil
}

// maxNodes bounds from above the number of nodes yaml.v3 builds for data. Every node but the root
// follows an indicator: a flow collection's `[` or `{`, an entry's `,`, a value's `:`, a block
// entry's `-` or an explicit key's `?`. Each is counted for the most nodes it can bring (a `{`
// opens a mapping whose first key may come without a value: three nodes). Quotes, comments and
// block scalars are not parsed, so their indicator-like characters count too: the bound can only be
// too high, never fooled by text that looks quoted to a simple scanner and is not to yaml.v3.
func maxNodes(data []byte) int {
	n := 2
	for i, c := range data {
		switch c {
		case '[', ',':
			n += 2
		case '{':
			n += 3
		case ':':
			if i+1 == len(data) || isNodeSep(data[i+1]) {
				n += 2
			}
		case '-', '?':
			if (i == 0 || isSpace(data[i-1])) && (i+1 == len(data) || isSpace(data[i+1])) {
				n += 2
			}
		}
	}
	return n
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isNodeSep reports whether c, after a ':', makes the ':' a value indicator (in block or flow
// context).
func isNodeSep(c byte) bool {
	return isSpace(c) || c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}
