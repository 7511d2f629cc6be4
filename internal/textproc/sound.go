package textproc

import "strings"

// SoundKey is a rough key of how a folded word sounds in English or French, for the misspellings
// that sound like the word rather than slip a key: "centenère" for "centenaire", "foques" for
// "phoques", "releesed" for "released", "talerand" for "Talleyrand". Spellings of one sound become
// one letter (ph and f, qu and k, a soft c and s, ght and t), doubled letters one, every run of
// vowels one vowel, and a silent final e or s goes. Two words with one key are told apart by
// their vowels' places and their consonants only, so a caller uses the key only where the word is
// otherwise unknown and the key names a single word.
func SoundKey(folded string) string {
	var b strings.Builder
	b.Grow(len(folded))
	w := folded
	var last byte
	put := func(c byte) {
		if c == last {
			return
		}
		b.WriteByte(c)
		last = c
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		next := byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c < 'a' || c > 'z':
			return "" // digits, apostrophes, letters beyond ASCII: no key
		case c == 'p' && next == 'h':
			put('f')
			i++
		case c == 'q' && next == 'u':
			put('k')
			i++
		case c == 'g' && next == 'h' && i+2 < len(w) && w[i+2] == 't':
			put('t')
			i += 2
		case c == 's' && next == 'h':
			put('s')
			i++
		case c == 'c' && (next == 'k' || next == 'h'):
			put('k')
			i++
		case c == 'c' && (next == 'e' || next == 'i' || next == 'y'):
			put('s')
		case c == 'c' || c == 'q':
			put('k')
		case c == 'h':
			// Silent in French, and after a consonant a spelling of another sound.
		case strings.IndexByte("aeiouy", c) >= 0:
			put('a')
		default:
			put(c)
		}
	}
	k := b.String()
	// A silent final s, then a silent final e ("foques", "rite").
	if len(k) > 3 && k[len(k)-1] == 's' {
		k = k[:len(k)-1]
	}
	if len(k) > 3 && k[len(k)-1] == 'a' {
		k = k[:len(k)-1]
	}
	return k
}
