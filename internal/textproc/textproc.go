// Package textproc holds the text analysis shared by the knowledge index and the question parser:
// accent folding, tokenization with French elision, stop words, stemming and language guessing.
//
// Stemming is Snowball (github.com/kljensen/snowball); folding is Unicode NFD with combining marks
// removed (golang.org/x/text). Everything else is small enough that a library would cost more than it
// saves; see docs/dependencies.md.
package textproc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/spanish"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and removes diacritics, so "Élection" and "election" compare equal.
// Apostrophe variants are mapped to ASCII "'" so elision is handled the same way for ’ and '.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return lowerASCII(s)
	}
	// Most text is ASCII, Latin letters and punctuation, whose folds are in tables; anything else
	// (another script, a combining mark) folds the whole string the general way.
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		f, ok := foldTable(r)
		if !ok {
			return foldSlow(s)
		}
		b.WriteString(f)
		i += size
	}
	return b.String()
}

// lowerASCII lower-cases an ASCII string, returning it as is when it has no capital: a question is
// folded many times over, and most texts folded are already lower case.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	from := 0 // s[from:i] is written as is
	for ; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b.WriteString(s[from:i])
			b.WriteByte(c + 'a' - 'A')
			from = i + 1
		}
	}
	b.WriteString(s[from:])
	return b.String()
}

// FoldEquals reports whether Fold(s) == folded without building the fold when s is ASCII: actors
// are compared with a question's folded names event after event.
func FoldEquals(s, folded string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return Fold(s) == folded
		}
	}
	// ASCII folds byte for byte, to lower case.
	if len(s) != len(folded) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != folded[i] {
			return false
		}
	}
	return true
}

// AppendFold appends Fold(s) to dst, so a caller folding many texts can reuse one buffer.
func AppendFold(dst []byte, s string) []byte {
	start := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		f, ok := foldTable(r)
		if !ok {
			return append(dst[:start], foldSlow(s)...)
		}
		dst = append(dst, f...)
		i += size
	}
	return dst
}

// foldSlow is Fold for any text: Unicode NFD with combining marks removed.
func foldSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == '‘' || r == 'ʼ' || r == '`':
			b.WriteByte('\'')
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Folds of the Latin-1 Supplement and Latin Extended-A and B blocks, and of General Punctuation,
// each computed by foldSlow: folding a string of such characters one at a time gives what folding it
// whole does, since each decomposes on its own into a base letter and combining marks.
var (
	latinFolds [0x250 - 0x80]string
	punctFolds [0x2070 - 0x2000]string
)

func init() {
	for r := rune(0x80); r < 0x250; r++ {
		latinFolds[r-0x80] = foldSlow(string(r))
	}
	for r := rune(0x2000); r < 0x2070; r++ {
		punctFolds[r-0x2000] = foldSlow(string(r))
	}
}

func foldTable(r rune) (string, bool) {
	switch {
	case r >= 0x80 && r < 0x250:
		return latinFolds[r-0x80], true
	case r >= 0x2000 && r < 0x2070:
		return punctFolds[r-0x2000], true
	case r == 'ʼ':
		return "'", true
	}
	return "", false
}

// Words splits folded text into words: runs of letters and digits. Apostrophes split words, which
// removes French elision (l'élection → l, election) and English possessives (Trump's → trump, s); the
// clitics left over are stop words. Hyphens split too (Royaume-Uni → royaume, uni).
func Words(folded string) []string {
	// A question is split into words a dozen times over: sized once by a count of word starts
	// (ASCII bytes by table; any other byte counts as a letter, an overestimate at worst), the
	// slice is allocated once instead of growing four or five times.
	n, in := 0, false
	for i := 0; i < len(folded); i++ {
		c := folded[i]
		w := c >= utf8.RuneSelf || asciiWord[c]
		if w && !in {
			n++
		}
		in = w
	}
	if n == 0 {
		return nil
	}
	return AppendWords(make([]string, 0, n), folded)
}

// AppendWords appends the words of folded to out, as Words does, so a caller tokenizing many texts
// can reuse one slice.
func AppendWords(out []string, folded string) []string {
	start := -1
	for i := 0; i < len(folded); {
		// Folded text is nearly all ASCII: its bytes are told apart by a table, and only the
		// rest is decoded and asked of unicode.
		c := folded[i]
		var word bool
		size := 1
		if c < utf8.RuneSelf {
			word = asciiWord[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(folded[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if word {
			if start < 0 {
				start = i
			}
			i += size
			continue
		}
		i += size
		if start >= 0 {
			out = append(out, folded[start:i-size])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, folded[start:])
	}
	return out
}

// asciiWord marks the ASCII bytes that are letters or digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// appendWordsSlow is AppendWords decoding every rune: the reference the fast path is tested
// against.
func appendWordsSlow(out []string, folded string) []string {
	start := -1
	for i, r := range folded {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, folded[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, folded[start:])
	}
	return out
}

// NextWord returns the first word of folded[from:] (a run of letters and digits, as Words splits)
// as offsets into folded, or ok false when there is none.
func NextWord(folded []byte, from int) (start, end int, ok bool) { return nextWord(folded, from) }

// NextWordIn is NextWord for a string, which a caller would otherwise convert to bytes at every
// call (a copy once the text is longer than the compiler's stack buffer).
func NextWordIn(folded string, from int) (start, end int, ok bool) { return nextWord(folded, from) }

// nextWord is NextWord for either form of text: ASCII bytes told by table, others decoded.
func nextWord[T string | []byte](folded T, from int) (start, end int, ok bool) {
	start = -1
	for i := from; i < len(folded); {
		c, size := folded[i], 1
		var word bool
		if c < utf8.RuneSelf {
			word = asciiWord[c]
		} else {
			// The conversion of at most UTFMax bytes stays on the stack.
			var r rune
			r, size = utf8.DecodeRuneInString(string(folded[i:min(i+utf8.UTFMax, len(folded))]))
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if word {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			return start, i, true
		}
		i += size
	}
	if start >= 0 {
		return start, len(folded), true
	}
	return 0, 0, false
}

// HasWord reports whether w is one of Words(folded), without building the list: names are checked
// word by word against every word of a question.
func HasWord(folded, w string) bool {
	for start, end, ok := NextWordIn(folded, 0); ok; start, end, ok = NextWordIn(folded, end) {
		if folded[start:end] == w {
			return true
		}
	}
	return false
}

// LastWord is the last of Words(folded), or "" when it has none.
func LastWord(folded string) string {
	last := ""
	for start, end, ok := NextWordIn(folded, 0); ok; start, end, ok = NextWordIn(folded, end) {
		last = folded[start:end]
	}
	return last
}

// IsPastForm reports whether a folded English word is a verb's past form or participle
// ("contacted", "sent", "written"): what follows "was" in a passive.
func IsPastForm(w string) bool {
	if _, ok := irregular[w]; ok {
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed")
}

// Stem reduces a folded word to its Snowball stem in lang. Languages without a stemmer return the
// word unchanged, so any source language still works, only with exact-word matching.
func Stem(word, lang string) string {
	if len(word) < 3 || isDigits(word) {
		return word
	}
	switch lang {
	case "en":
		if base, ok := irregular[word]; ok {
			word = base
		}
		return english.Stem(word, true)
	case "fr":
		return Fold(french.Stem(frenchInflection(word), true))
	case "es":
		return Fold(spanish.Stem(word, true))
	}
	return word
}

// frenchInflection strips the inflection of a folded French word: a plural, then one ending of
// gender, tense or participle ("rencontrées", "rencontré", "rencontrer" → "rencontr"; "répondu",
// "répondre" → "répond"). Snowball's French stemmer recognizes these endings by their accents
// ("-ée", "-é"), which folding has removed, so on folded words it stems "publié" and "publier"
// apart; stripping the inflection first hands it the same word for every form.
func frenchInflection(w string) string {
	const minStem = 4
	if len(w) > minStem+1 && (w[len(w)-1] == 's' || w[len(w)-1] == 'x') {
		w = w[:len(w)-1]
	}
	for _, suf := range frenchEndings {
		if len(w)-len(suf) >= minStem && strings.HasSuffix(w, suf) {
			if suf == "dre" { // "répondre" → "répond"; "rencontre", "lettre" keep their r
				return w[:len(w)-2]
			}
			w = w[:len(w)-len(suf)]
			break
		}
	}
	// The simple past of narrative prose ("envoya", "employa"; "décidèrent", "arrivèrent"): its
	// forms keep stems of their own otherwise. A word in -érent that is an adjective ("différent",
	// "cohérent") is no verb.
	switch {
	case len(w) >= minStem+2 && strings.HasSuffix(w, "ya"):
		w = w[:len(w)-1]
	case len(w)-5 >= minStem && strings.HasSuffix(w, "erent") && !erentAdjectives[w]:
		w = w[:len(w)-5]
	}
	// Verbs in -oyer write -oie where the ending is silent ("envoyer", "envoie"; "employer", "emploie").
	if strings.HasSuffix(w, "oi") {
		w = w[:len(w)-1] + "y"
	}
	return w
}

// erentAdjectives are the folded French words in -érent that are not verbs in the simple past.
var erentAdjectives = map[string]bool{"different": true, "coherent": true, "adherent": true, "referent": true,
	"inherent": true, "incoherent": true, "indifferent": true, "interferent": true}

// frenchEndings are tried longest first; "-ent" is left alone, being as often a noun's ending
// ("président") as a verb's, and "-re" is an infinitive's only after d ("répondre", "prendre"),
// a noun's otherwise ("rencontre", "lettre").
var frenchEndings = []string{"eraient", "issaient", "issait", "issant", "erait", "aient", "ere", "ait", "ant", "ee", "er", "ez", "dre", "ue", "e", "u"}

// irregular maps English irregular verb forms to their base form, which Snowball leaves apart
// ("lost" and "loses" would otherwise never meet).
var irregular = func() map[string]string {
	m := map[string]string{}
	for _, row := range strings.Split(strings.TrimSpace(`
lose lost|win won|send sent|say said|tell told|write wrote written|give gave given|get got gotten
take took taken|make made|meet met|speak spoke spoken|know knew known|think thought|bring brought
begin began begun|leave left|keep kept|become became|come came|go went gone|see saw seen|run ran
pay paid|sell sold|buy bought|hold held|lead led|feel felt|find found|stand stood
understand understood|hide hid hidden|choose chose chosen|fall fell fallen|grow grew grown
throw threw thrown|drive drove driven|rise rose risen|seek sought|teach taught|fight fought
catch caught|mean meant|spend spent|build built|deal dealt|hear heard|sit sat|forget forgot forgotten
break broke broken|shoot shot|steal stole stolen|wake woke woken|bear bore born|draw drew drawn
fly flew flown|forbid forbade forbidden|forgive forgave forgiven|freeze froze frozen|lie lay lain
ride rode ridden|ring rang rung|sing sang sung|sink sank sunk|swear swore sworn|tear tore torn`), "|") {
		forms := strings.Fields(row)
		for _, f := range forms[1:] {
			m[f] = forms[0]
		}
	}
	return m
}()

// IsLightWord reports whether a folded word is a verb of communication or a generic verb (ask,
// said, wrote, reply, demande, écrit…): a chronology of messages is full of them, in its own
// wording, so a question's choice of verb says little about whether the timeline answers it. They
// rank events like any word but weigh less when judging whether a question is covered.
func IsLightWord(w string) bool {
	_, ok := lightWords[w]
	return ok
}

var lightWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(`
ask asks asked asking say says said saying tell tells told telling write writes wrote written writing
send sends sent sending suggest suggests suggested suggesting propose proposes proposed proposing
want wants wanted wanting reply replies replied replying respond responds responded answer answers
answered mention mentions mentioned talk talks talked message messages messaged dm dmed ping pinged pinging text texted contact contacted
request requests requested share shared sharing post posted
demande demandait demander demandent dit dire disait disent ecrit ecrire ecrivait ecrivent envoye
envoyer envoie envoyait propose proposer proposait suggere suggerer suggerait voulait voulaient voulais veut veulent vouloir
voulu repondu repondre repond parle parler message messages contacte contacter partage partager
sujet concernant
inform informs informed informing warn warns warned notify notifies notified brief briefed
informer informe informait informaient prevenir prevenu previent prevenait avertir averti avertit
do does did done doing make made come comes came happen happens happened go went get gets got gotten getting
fait faire fais font faisait vient venir venu arrive arrivee aller va vont allait allaient
think thinks thought believe believes believed use uses used serve serves served
penser pense pensait pensaient croire croit croyait servir sert servait utiliser utilise utilisait
meet meets met meeting rencontre rencontrer rencontrait`) {
		m[w] = struct{}{}
	}
	return m
}()

// IsDeedWord reports whether a folded word names something one party does to or with another
// (writes, replies, sends, asks, meets, shares, posts), or a deed a question may wrongly give
// someone (tweets, leaks, publishes, pays, hacks, becomes, moves, founds), as opposed to reporting
// or generic verbs (says, talks, does, happens): whether a question's premise holds turns on the
// former.
func IsDeedWord(w string) bool {
	_, ok := deedWords[w]
	return ok
}

var deedWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(`
ask asks asked asking write writes wrote written writing send sends sent sending reply replies replied
replying respond responds responded answer answers answered contact contacted request requests requested
share shared sharing post posted message messaged dm dmed meet meets met
demande demandait demander demandent ecrit ecrire ecrivait ecrivent envoye envoyer envoie envoyait
repondu repondre repond contacte contacter partage partager rencontre rencontrer rencontrait
tweet tweets tweeted tweeting tweete tweeter leak leaks leaked leaking divulgue divulguer fuite
publish publishes published publier publie pay paid payer paye hack hacks hacked pirate pirater
become becomes became devenu devenir devient move moved demenage demenager found founded fonde fonder
map maps mapped cartographie cartographier call calls called phoned appele appeler telephone telephoner
sign signs signed signe signer declare declares declared declarer abolish abolished aboli abolir
invent invents invented invente inventer win wins won gagne gagner kill kills killed tue tuer
buy buys bought achete acheter sell sells sold vend vendu vendre visit visits visited visite visiter
concede concedes conceded concede conceder
react reacts reacted reagi reagir reagit reagissent
think thinks thought pense pensait penser pensaient`) {
		m[w] = struct{}{}
	}
	return m
}()

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IsStopWord reports whether a folded word carries no meaning for retrieval in English or French:
// function words, question words, clitics left by elision, and chat filler.
func IsStopWord(w string) bool {
	// Most words of a question are looked up several times by several checks, and most are no
	// stop word: a bit of stopBits, cleared for every stop word's hash, says so without the map.
	if h := stopHash(w); stopBits[h/64]&(1<<(h%64)) == 0 {
		return false
	}
	_, ok := stopWords[w]
	return ok
}

// stopBits has the bit of stopHash(w) set for every stop word w: a word whose bit is clear is none.
var stopBits = func() (b [stopBitWords]uint64) {
	for w := range stopWords {
		h := stopHash(w)
		b[h/64] |= 1 << (h % 64)
	}
	return b
}()

const stopBitWords = 128 // 8,192 bits for a few hundred stop words: few other words share one

// stopHash hashes a word (FNV-1a of its length and bytes) to a bit of stopBits.
func stopHash(w string) uint32 {
	h := uint32(2166136261) ^ uint32(len(w))
	h *= 16777619
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	return h % (stopBitWords * 64)
}

// NearStopWord reports whether a folded word is one typing slip (an edit, a transposition) away
// from a stop word: "teh", "wat", "wen", "whta" are typed questions' function words.
func NearStopWord(w string) bool {
	if len(w) < 2 || len(w) > 8 {
		return false
	}
	// The keys of Deletions(w), built in a buffer on the stack: a question's every word is tested,
	// and Deletions allocated each key.
	var buf [8]byte
	for i := -1; i < len(w); i++ {
		d := buf[:0]
		if i < 0 {
			d = append(d, w...)
		} else {
			d = append(append(d, w[:i]...), w[i+1:]...)
		}
		for _, s := range stopDeletes[string(d)] {
			if OneEdit(w, s) {
				return true
			}
		}
	}
	return false
}

// stopDeletes maps each stop word of three letters or more, and each with one byte deleted, to the
// stop words it comes from.
var stopDeletes = func() map[string][]string {
	m := map[string][]string{}
	for w := range stopWords {
		if len(w) < 3 {
			continue
		}
		for _, d := range Deletions(w) {
			m[d] = append(m[d], w)
		}
	}
	return m
}()

// Deletions returns s and every string made by deleting one byte of s: the keys of a symmetric
// deletion index, which finds words one edit apart. Bytes rather than runes: words are folded, so
// nearly all are ASCII, and a split rune only yields a key nothing matches.
func Deletions(s string) []string {
	out := make([]string, 0, len(s)+1)
	out = append(out, s)
	for i := 0; i < len(s); i++ {
		out = append(out, s[:i]+s[i+1:])
	}
	return out
}

// OneEdit reports whether a and b differ by at most one insertion, deletion, substitution or
// transposition of adjacent bytes.
func OneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // transposition
	}
	return a[i:] == b[i+1:] // insertion
}

// WithinTwoEdits reports whether a and b are at most two insertions, deletions, substitutions or
// transpositions of adjacent bytes apart (optimal string alignment distance ≤ 2).
func WithinTwoEdits(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 2 {
		return false
	}
	if len(b) > 40 {
		return false // questions' words are short; the rows below are on the stack
	}
	// Three rows of the dynamic programme, on the stack.
	var r0, r1, r2 [41]int
	prev2, prev, cur := r0[:len(b)+1], r1[:len(b)+1], r2[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > 2 {
			return false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)] <= 2
}

// Language guesses whether text is English ("en") or French ("fr") from function words and French
// diacritics. It returns "" when the text gives no evidence either way (a bare date, a name), so the
// caller can fall back on something else, such as the user's Discord locale.
func Language(text string) string {
	folded := Fold(text)
	return LanguageOf(text, folded, Words(folded))
}

// LanguageOf is Language for a caller that has already folded text and split it into words
// (folded is Fold(text), words is Words(folded)): a question is read by several parts of the
// answerer, and each need not fold and split it again.
func LanguageOf(text, folded string, words []string) string {
	en, fr := 0, 0
	for _, r := range text {
		switch r {
		case 'é', 'è', 'ê', 'à', 'ù', 'ç', 'ô', 'î', 'û', 'ë', 'ï', 'â', 'É', 'È', 'À':
			fr++
		}
	}
	if strings.Contains(folded, "qu'") || strings.Contains(folded, "s'est") || strings.Contains(folded, "c'est") {
		fr += 2
	}
	for _, w := range words {
		m := markers[w]
		en += int(m & enMarker)
		fr += int(m >> 1)
	}
	switch {
	case en > fr:
		return "en"
	case fr > en:
		return "fr"
	}
	return ""
}

var enMarkers = weights("what when who whom whose which where why how did does do is are was were the of " +
	"and to in on at about tell me happened say said write wrote ask asked send sent reply replied after before " +
	"between first last most recent day election message with from his her their they he she it")

var frMarkers = weights("que quoi quel quelle quels quelles quand qui ou pourquoi comment est sont etait " +
	"le la les des du au aux un une et en dans sur avec pour par a-t-il ecrit dit demande envoye passe " +
	"entre avant apres premier premiere dernier derniere jour election il elle ils elles lui leur son sa ses " +
	"s'est a-t-elle t-il janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre")

// markers is enMarkers and frMarkers in one table, so a word is looked up once: bit 0 is the English
// weight, bit 1 the French one (each list weighs its words 1).
var markers = func() map[string]uint8 {
	m := make(map[string]uint8, len(enMarkers)+len(frMarkers))
	for w := range enMarkers {
		m[w] |= enMarker
	}
	for w := range frMarkers {
		m[w] |= frMarker
	}
	return m
}()

const (
	enMarker uint8 = 1
	frMarker uint8 = 2
)

func weights(list string) map[string]int {
	m := make(map[string]int)
	for _, w := range strings.Fields(list) {
		m[w] = 1
	}
	return m
}

var stopWords = func() map[string]struct{} {
	m := make(map[string]struct{})
	for _, w := range strings.Fields(stopList) {
		m[w] = struct{}{}
	}
	return m
}()

// Folded (accent-free) forms only.
const stopList = `
a an the of to in on at by for from with about as into onto over under up down out off than then so
and or but nor not no yes if is are was were be been being am do does did doing done have has had having
i me my we us our you your he him his she her it its they them their this that these those there here
what when where which who whom whose why how whatever whenever
can could will would shall should may might must also just only very much many more most some any all
tell told say says please know let lets show give explain describe happen happened happening
s t d l j m n c qu jusqu lorsqu puisqu
le la les un une des du de d au aux et ou mais donc or ni car ne pas plus
je tu il elle on nous vous ils elles me te se moi toi lui leur leurs eux
mon ma mes ton ta tes son sa ses notre nos votre vos ce cet cette ces ca cela ceci
qui que quoi quel quelle quels quelles dont quand comment pourquoi combien
ya es est sont etait etaient ete etre a ai as avons avez ont avait avaient eu y en dans sur sous par pour avec sans
chez vers entre si oui non tout tous toute toutes
dis dites raconte racontez explique expliquez passe passee passes arrive
ever exactly actually really precisely please thanks thank hey hi hello ok okay anything something
everything everyone everybody else anyone anybody someone somebody nobody didnt doesnt wasnt werent isnt arent hasnt havent couldnt wouldnt
lequel laquelle lesquels lesquelles
event events thing things timeline chronology chrono evenement evenements chose choses chronologie truc trucs
exactement vraiment precisement merci bonjour salut svp stp aujourd hui today
koi ki kan quelque quelqu comme
myself yourself himself herself itself ourselves themselves instead rather
tant tellement autant concerne concernant concerning regarding supposed basically
completely totally entirely fully literally personally directly even
completement totalement entierement simplement directement personnellement carrement reellement`

// IsInitial reports whether w is one capital letter and a full stop: the middle initial of
// "Franklin D. Roosevelt", the "G." of "J. G. Tierney", which ends no sentence.
func IsInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && w[size:] == "."
}
