// Package tomlpos finds the line on which each key of a TOML document is
// defined. BurntSushi/toml records key positions but keeps them private, and
// "unknown key" and "wrong type" messages are only useful with a line number;
// site.toml, story front matter and entities.toml all need this.
//
// The scanner is lenient: it is run on documents the toml package has already
// accepted, and on anything it does not understand it moves to the next line.
package tomlpos

import (
	"strconv"
	"strings"
)

// Index maps keys to the 1-based line where they are first defined.
type Index struct {
	lines map[string]int
}

// sep joins key pieces; it cannot occur in a key the scanner produces
// unescaped, so joined keys never collide.
const sep = "\x00"

// Elem is the key piece naming element i (0-based) of an array of tables:
// Line([]string{"menu", Elem(1), "name"}) is the line of the second
// [[menu]]'s name. Keys inside inline arrays fall back to the array's line.
func Elem(i int) string {
	return "\x01" + strconv.Itoa(i)
}

// New scans doc once.
func New(doc string) Index {
	s := scanner{doc: doc, line: 1, ix: Index{lines: make(map[string]int)}, count: make(map[string]int)}
	s.run()
	return s.ix
}

// Line returns the line where key (for example ["extract", "captions"]) is
// defined. A key the scanner did not see falls back to its nearest defined
// parent (keys inside inline tables, say); 0 when nothing matches.
func (ix Index) Line(key []string) int {
	for n := len(key); n > 0; n-- {
		if l, ok := ix.lines[strings.Join(key[:n], sep)]; ok {
			return l
		}
	}
	return 0
}

type scanner struct {
	doc   string
	i     int
	line  int
	ix    Index
	count map[string]int // [[table]] headers seen so far
}

func (s *scanner) record(table, key []string) {
	full := make([]string, 0, len(table)+len(key))
	full = append(full, table...)
	full = append(full, key...)
	// Every prefix is defined here at the latest (dotted keys, implicit tables).
	for n := 1; n <= len(full); n++ {
		k := strings.Join(full[:n], sep)
		if _, ok := s.ix.lines[k]; !ok {
			s.ix.lines[k] = s.line
		}
	}
}

func (s *scanner) run() {
	var table, elem []string // elem: table with its element index, for [[table]]
	for s.i < len(s.doc) {
		c := s.doc[s.i]
		switch {
		case c == '\n':
			s.line++
			s.i++
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '#':
			s.skipLine()
		case c == '[':
			s.i++
			array := s.i < len(s.doc) && s.doc[s.i] == '['
			if array {
				s.i++
			}
			table, elem = s.key(), nil
			s.record(nil, table)
			if array {
				k := strings.Join(table, sep)
				elem = append(table[:len(table):len(table)], Elem(s.count[k]))
				s.count[k]++
				s.record(nil, elem)
			}
			s.skipLine()
		default:
			key := s.key()
			s.skipSpace()
			if len(key) == 0 || s.i >= len(s.doc) || s.doc[s.i] != '=' {
				s.skipLine()
				continue
			}
			s.record(table, key)
			if elem != nil {
				s.record(elem, key)
			}
			s.i++
			s.skipValue()
		}
	}
}

// key reads a dotted key of bare, "basic" and 'literal' pieces.
func (s *scanner) key() []string {
	var pieces []string
	for {
		s.skipSpace()
		if s.i >= len(s.doc) {
			return pieces
		}
		switch s.doc[s.i] {
		case '"':
			pieces = append(pieces, s.basicString())
		case '\'':
			pieces = append(pieces, s.literalString())
		default:
			j := s.i
			for j < len(s.doc) && !strings.ContainsRune(" \t\r\n.=]#\"'", rune(s.doc[j])) {
				j++
			}
			if j == s.i {
				return pieces
			}
			pieces = append(pieces, s.doc[s.i:j])
			s.i = j
		}
		s.skipSpace()
		if s.i >= len(s.doc) || s.doc[s.i] != '.' {
			return pieces
		}
		s.i++
	}
}

// basicString reads a one-line "…" string at s.i, decoding the simple escapes.
func (s *scanner) basicString() string {
	var b strings.Builder
	s.i++
	for s.i < len(s.doc) {
		c := s.doc[s.i]
		switch {
		case c == '"':
			s.i++
			return b.String()
		case c == '\n':
			return b.String()
		case c == '\\' && s.i+1 < len(s.doc):
			s.i++
			switch e := s.doc[s.i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
		s.i++
	}
	return b.String()
}

func (s *scanner) literalString() string {
	s.i++
	j := s.i
	for j < len(s.doc) && s.doc[j] != '\'' && s.doc[j] != '\n' {
		j++
	}
	v := s.doc[s.i:j]
	s.i = j
	if s.i < len(s.doc) && s.doc[s.i] == '\'' {
		s.i++
	}
	return v
}

func (s *scanner) skipSpace() {
	for s.i < len(s.doc) && (s.doc[s.i] == ' ' || s.doc[s.i] == '\t') {
		s.i++
	}
}

// skipLine moves to the next '\n' (not past it, so the line is counted).
func (s *scanner) skipLine() {
	if j := strings.IndexByte(s.doc[s.i:], '\n'); j >= 0 {
		s.i += j
	} else {
		s.i = len(s.doc)
	}
}

// skipValue moves past a value, which may span lines inside brackets or
// multi-line strings, counting the lines it crosses.
func (s *scanner) skipValue() {
	depth := 0
	for s.i < len(s.doc) {
		c := s.doc[s.i]
		switch c {
		case '\n':
			if depth == 0 {
				return
			}
			s.line++
			s.i++
		case '#':
			s.skipLine()
			if depth == 0 {
				return
			}
		case '[', '{':
			depth++
			s.i++
		case ']', '}':
			depth--
			s.i++
		case '"', '\'':
			s.skipString(c)
		default:
			s.i++
		}
	}
}

func (s *scanner) skipString(q byte) {
	triple := strings.Repeat(string(q), 3)
	if strings.HasPrefix(s.doc[s.i:], triple) {
		s.i += 3
		for s.i < len(s.doc) {
			if s.doc[s.i] == '\\' && q == '"' {
				if s.i+1 < len(s.doc) && s.doc[s.i+1] == '\n' {
					s.line++
				}
				s.i += 2
				continue
			}
			if strings.HasPrefix(s.doc[s.i:], triple) {
				s.i += 3
				// Up to two more quotes may belong to the content.
				for k := 0; k < 2 && s.i < len(s.doc) && s.doc[s.i] == q; k++ {
					s.i++
				}
				return
			}
			if s.doc[s.i] == '\n' {
				s.line++
			}
			s.i++
		}
		return
	}
	s.i++
	for s.i < len(s.doc) && s.doc[s.i] != '\n' {
		c := s.doc[s.i]
		s.i++
		if c == q {
			return
		}
		if c == '\\' && q == '"' && s.i < len(s.doc) && s.doc[s.i] != '\n' {
			s.i++
		}
	}
}
