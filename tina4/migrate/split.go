package migrate

import (
	"fmt"
	"strings"
)

// Statement is one statement of a script and the line it starts on.
type Statement struct {
	SQL  string
	Line int
}

// Split splits an SQL script into its statements for an engine ("sqlite",
// "postgres" or "mysql"), the way the engine's own command-line client
// does:
//
//   - statements end at ; outside string literals, quoted identifiers and
//     comments (--, /* */, and # on MySQL, where -- needs a blank after it
//     and /*! ... */ is code);
//   - PostgreSQL dollar-quoted bodies ($$ ... $$, $fn$ ... $fn$) and E'...'
//     escapes are kept whole;
//   - a SQLite CREATE TRIGGER runs to the END that closes its BEGIN;
//   - a line "DELIMITER //" changes the delimiter, as in the mysql client,
//     for MySQL procedures and triggers with compound bodies;
//   - comments before a statement, and a piece with only comments or
//     blanks, are dropped.
//
// An unterminated quote, comment or dollar-quoted body is an error naming
// the line it starts on.
func Split(script, engine string) ([]Statement, error) {
	s := splitter{src: script, engine: engine, delim: ";", line: 1}
	return s.run()
}

type splitter struct {
	src    string
	engine string
	delim  string
	pos    int
	line   int

	out     []Statement
	start   int  // offset of the current statement's first code
	first   int  // line of the current statement's first code
	hasCode bool // the current statement has more than comments and blanks
	words   int  // words seen in the current statement, for CREATE TRIGGER
	trigger bool // inside a SQLite CREATE TRIGGER
	depth   int  // BEGIN/CASE nesting inside a trigger
	prev    string
}

func (s *splitter) run() ([]Statement, error) {
	for s.pos < len(s.src) {
		if !s.hasCode && s.atLineStart() && s.directive() {
			continue
		}
		c := s.src[s.pos]
		var err error
		switch {
		case c == '\n':
			s.line++
			s.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			s.pos++
		case s.lineComment():
			s.skipLine()
		case strings.HasPrefix(s.src[s.pos:], "/*") && !(s.engine == "mysql" && strings.HasPrefix(s.src[s.pos:], "/*!")):
			err = s.blockComment()
		case s.depth == 0 && strings.HasPrefix(s.src[s.pos:], s.delim):
			s.end(s.pos)
			s.pos += len(s.delim)
		default:
			s.code()
			err = s.token()
		}
		if err != nil {
			return nil, err
		}
	}
	s.end(len(s.src))
	return s.out, nil
}

// atLineStart reports whether only blanks precede pos on its line.
func (s *splitter) atLineStart() bool {
	i := strings.LastIndexByte(s.src[:s.pos], '\n') + 1
	return strings.TrimSpace(s.src[i:s.pos]) == ""
}

// directive handles a "DELIMITER x" line at the start of a statement.
func (s *splitter) directive() bool {
	rest := s.src[s.pos:]
	if len(rest) < 10 || !strings.EqualFold(rest[:9], "DELIMITER") || (rest[9] != ' ' && rest[9] != '\t') {
		return false
	}
	line, _, _ := strings.Cut(rest, "\n")
	if d := strings.TrimSpace(line[9:]); d != "" {
		s.delim = d
	}
	s.pos += len(line)
	return true
}

func (s *splitter) code() {
	if !s.hasCode {
		s.hasCode, s.first, s.start = true, s.line, s.pos
	}
}

// end closes the statement running from s.start to at.
func (s *splitter) end(at int) {
	if sql := strings.TrimSpace(s.src[s.start:at]); s.hasCode && sql != "" {
		s.out = append(s.out, Statement{SQL: sql, Line: s.first})
	}
	s.hasCode, s.words, s.trigger, s.depth, s.prev = false, 0, false, 0, ""
}

// lineComment reports whether a comment to the end of the line starts at
// pos: -- (on MySQL only when a blank or the end follows, as there "1--1"
// is arithmetic), or # on MySQL.
func (s *splitter) lineComment() bool {
	rest := s.src[s.pos:]
	if s.engine == "mysql" {
		if rest[0] == '#' {
			return true
		}
		return strings.HasPrefix(rest, "--") && (len(rest) == 2 || rest[2] <= ' ')
	}
	return strings.HasPrefix(rest, "--")
}

func (s *splitter) skipLine() {
	if i := strings.IndexByte(s.src[s.pos:], '\n'); i >= 0 {
		s.pos += i
		return
	}
	s.pos = len(s.src)
}

// blockComment skips /* ... */, nested on PostgreSQL.
func (s *splitter) blockComment() error {
	startLine, depth := s.line, 0
	for s.pos < len(s.src) {
		switch {
		case strings.HasPrefix(s.src[s.pos:], "/*") && (depth == 0 || s.engine == "postgres"):
			depth++
			s.pos += 2
		case strings.HasPrefix(s.src[s.pos:], "*/"):
			depth--
			s.pos += 2
			if depth == 0 {
				return nil
			}
		default:
			s.advance()
		}
	}
	return fmt.Errorf("line %d: unterminated /* comment", startLine)
}

// advance moves past one byte, counting lines.
func (s *splitter) advance() {
	if s.src[s.pos] == '\n' {
		s.line++
	}
	s.pos++
}

// token consumes one piece of code: a quoted run, a word, or a character.
func (s *splitter) token() error {
	c := s.src[s.pos]
	switch {
	case c == '\'':
		return s.quoted(c, c, s.backslashes())
	case c == '"':
		return s.quoted(c, c, s.engine == "mysql")
	case c == '`' && s.engine != "postgres":
		return s.quoted(c, c, false)
	case c == '[' && s.engine == "sqlite":
		return s.quoted(c, ']', false)
	case c == '$' && s.engine == "postgres" && !s.afterWordChar():
		if tag, ok := s.dollarTag(); ok {
			return s.dollarBody(tag)
		}
	case isWordStart(c):
		s.word()
		return nil
	}
	s.pos++
	return nil
}

// backslashes reports whether a ' string starting at pos treats \ as an
// escape: always on MySQL, after E on PostgreSQL.
func (s *splitter) backslashes() bool {
	switch s.engine {
	case "mysql":
		return true
	case "postgres":
		return s.pos > 0 && (s.src[s.pos-1] == 'e' || s.src[s.pos-1] == 'E') &&
			(s.pos < 2 || !isWordChar(s.src[s.pos-2]))
	}
	return false
}

// quoted skips a run opened by open up to its closing quote (a doubled quote
// and, when escapes is set, a backslash escape it).
func (s *splitter) quoted(open, closing byte, escapes bool) error {
	startLine := s.line
	s.pos++
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case escapes && c == '\\' && s.pos+1 < len(s.src):
			s.pos++
			s.advance()
		case c == closing && open == closing && s.pos+1 < len(s.src) && s.src[s.pos+1] == closing:
			s.pos += 2
		case c == closing:
			s.pos++
			return nil
		default:
			s.advance()
		}
	}
	return fmt.Errorf("line %d: unterminated %c quote", startLine, open)
}

func (s *splitter) afterWordChar() bool { return s.pos > 0 && isWordChar(s.src[s.pos-1]) }

// dollarTag reads $tag$ at pos.
func (s *splitter) dollarTag() (string, bool) {
	i := s.pos + 1
	if i < len(s.src) && !isWordStart(s.src[i]) && s.src[i] != '$' {
		return "", false // $1 is a parameter, not a tag
	}
	for i < len(s.src) && s.src[i] != '$' && isWordChar(s.src[i]) {
		i++
	}
	if i >= len(s.src) || s.src[i] != '$' {
		return "", false
	}
	return s.src[s.pos : i+1], true
}

// dollarBody skips a dollar-quoted body opened by tag.
func (s *splitter) dollarBody(tag string) error {
	startLine := s.line
	s.pos += len(tag)
	i := strings.Index(s.src[s.pos:], tag)
	if i < 0 {
		return fmt.Errorf("line %d: unterminated %s body", startLine, tag)
	}
	s.line += strings.Count(s.src[s.pos:s.pos+i], "\n")
	s.pos += i + len(tag)
	return nil
}

// word consumes a word and tracks CREATE [TEMP] TRIGGER ... BEGIN ... END on
// SQLite, whose body holds semicolons.
func (s *splitter) word() {
	i := s.pos
	for i < len(s.src) && isWordChar(s.src[i]) && (i == s.pos || !strings.HasPrefix(s.src[i:], s.delim)) {
		i++ // a word ends where the delimiter starts: END$$ with DELIMITER $$
	}
	w := strings.ToUpper(s.src[s.pos:i])
	s.pos = i
	s.words++
	if s.engine != "sqlite" {
		return
	}
	if w == "TRIGGER" && s.words <= 3 && (s.prev == "CREATE" || s.prev == "TEMP" || s.prev == "TEMPORARY") {
		s.trigger = true
	}
	s.prev = w
	if !s.trigger {
		return
	}
	switch w {
	case "BEGIN", "CASE":
		s.depth++
	case "END":
		if s.depth > 0 {
			s.depth--
		}
	}
}

func isWordStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

func isWordChar(c byte) bool { return isWordStart(c) || (c >= '0' && c <= '9') || c == '$' }
