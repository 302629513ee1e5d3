package corpus

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Bounds on documents, so one bad file in CORPUS_DIR cannot blow up memory
// or produce passages Discord could never show.
const (
	MaxDocumentBytes = 4 << 20
	MaxPassageBytes  = 4000
	maxFieldBytes    = 500
)

var (
	idRE     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)
	citeRE   = regexp.MustCompile(`\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]`)
	sourceRE = regexp.MustCompile(`^\[(\d{1,3})\]\s+(\S.*)$`)
	urlRE    = regexp.MustCompile(`https?://\S+`)
)

// fields lists the front-matter keys; required ones are marked true.
var fields = map[string]bool{
	"id": true, "kind": true, "title": true, "publisher": true, "date": true, "as_of": true,
	"label": false, "url": false, "note": false, "lang": false, "related": false, "unconfirmed": false,
}

// Languages a document may be written in (front matter "lang"); search has a
// language pack for each.
var Languages = []string{"en", "es"}

// askedPrefix starts an "asked as" line: a question the passage above it
// answers, written from the passage alone, indexed beside it (document
// expansion) and never shown as its text.
const askedPrefix = "? "

// ParseError names the file and line of a malformed document.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Parse reads one document: front matter between "---" lines, then the body.
func Parse(file string, data []byte) (*Document, error) {
	fail := func(line int, format string, args ...any) (*Document, error) {
		return nil, &ParseError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	if len(data) > MaxDocumentBytes {
		return fail(0, "document is %d bytes, more than the limit of %d", len(data), MaxDocumentBytes)
	}
	if !utf8.Valid(data) {
		return fail(0, "document is not valid UTF-8")
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	first, rest, ok := strings.Cut(text, "\n")
	if !ok || strings.TrimSpace(first) != "---" {
		return fail(1, `front matter missing: the file must start with a "---" line`)
	}
	d := &Document{File: file}
	meta := map[string]string{}
	line := 1
	closed := false
	for !closed {
		var l string
		l, rest, ok = strings.Cut(rest, "\n")
		line++
		if !ok && l == "" {
			return fail(line, `front matter not closed: expected a "---" line`)
		}
		if strings.TrimSpace(l) == "---" {
			closed = true
			break
		}
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			if !ok {
				return fail(line, `front matter not closed: expected a "---" line`)
			}
			continue
		}
		key, val, found := strings.Cut(l, ":")
		key = strings.TrimSpace(key)
		if !found {
			return fail(line, "expected \"key: value\", got %q", clip(l))
		}
		if _, known := fields[key]; !known {
			return fail(line, "unknown front-matter key %q (known: id, kind, label, title, publisher, date, url, as_of, note, lang, related, unconfirmed)", clip(key))
		}
		if _, dup := meta[key]; dup {
			return fail(line, "front-matter key %q given twice", key)
		}
		val = unquote(strings.TrimSpace(val))
		if len(val) > maxFieldBytes {
			return fail(line, "value of %q is longer than %d bytes", key, maxFieldBytes)
		}
		meta[key] = val
		if !ok {
			return fail(line, `front matter not closed: expected a "---" line`)
		}
	}
	bodyLine := line + 1
	for key, required := range fields {
		if required && meta[key] == "" {
			return fail(0, "front matter lacks required key %q", key)
		}
	}
	d.ID, d.Kind, d.Title, d.Publisher = meta["id"], meta["kind"], meta["title"], meta["publisher"]
	d.Date, d.AsOf, d.URL, d.Note, d.Label = meta["date"], meta["as_of"], meta["url"], meta["note"], meta["label"]
	if d.Label == "" {
		d.Label = d.Title
	}
	d.Related, d.Unconfirmed = sectionList(meta["related"]), sectionList(meta["unconfirmed"])
	d.Lang = meta["lang"]
	if d.Lang == "" {
		d.Lang = "en"
	}
	if !slices.Contains(Languages, d.Lang) {
		return fail(0, "lang %q is not one of %s", clip(d.Lang), strings.Join(Languages, ", "))
	}
	if !idRE.MatchString(d.ID) {
		return fail(0, "id %q must be lowercase letters, digits and dashes (at most 40)", clip(d.ID))
	}
	for _, k := range []string{"date", "as_of"} {
		if _, err := time.Parse("2006-01-02", meta[k]); err != nil {
			return fail(0, "%s %q is not a date in YYYY-MM-DD form", k, clip(meta[k]))
		}
	}
	if d.URL != "" && !urlRE.MatchString(d.URL) {
		return fail(0, "url %q must start with http:// or https://", clip(d.URL))
	}
	d.Body = rest
	if err := splitBody(d, bodyLine); err != nil {
		return nil, err
	}
	return d, nil
}

func splitBody(d *Document, firstLine int) error {
	section, inSources := "", false
	counts := map[string]int{}
	lines := strings.Split(d.Body, "\n")
	for i, raw := range lines {
		lineNo := firstLine + i
		l := strings.TrimSpace(raw)
		switch {
		case l == "":
			continue
		case strings.HasPrefix(l, "# "):
			if section != "" || len(d.Passages) > 0 {
				return &ParseError{d.File, lineNo, `"# " heading is only allowed before the first passage; use "## " for sections`}
			}
			continue
		case strings.HasPrefix(l, "## "):
			section = strings.TrimSpace(strings.TrimPrefix(l, "## "))
			if section == "" {
				return &ParseError{d.File, lineNo, "empty section heading"}
			}
			inSources = IsSourcesHeading(section)
			continue
		case strings.HasPrefix(l, "#"):
			return &ParseError{d.File, lineNo, "only \"# \" and \"## \" headings are supported"}
		}
		if inSources {
			m := sourceRE.FindStringSubmatch(l)
			if m == nil {
				return &ParseError{d.File, lineNo, `a source line must look like "[3] Title, Outlet, date. https://…"`}
			}
			n, _ := strconv.Atoi(m[1])
			if _, dup := d.Source(n); dup {
				return &ParseError{d.File, lineNo, fmt.Sprintf("source [%d] listed twice", n)}
			}
			d.Sources = append(d.Sources, Source{Num: n, Text: m[2], URL: urlRE.FindString(m[2])})
			continue
		}
		if q, ok := strings.CutPrefix(l, askedPrefix); ok || l == "?" {
			q = strings.TrimSpace(q)
			switch {
			case len(d.Passages) == 0 || d.Passages[len(d.Passages)-1].Section != section:
				return &ParseError{d.File, lineNo, `an "asked as" line ("? question") must follow the passage it belongs to`}
			case q == "":
				return &ParseError{d.File, lineNo, `empty "asked as" line`}
			case len(q) > maxFieldBytes:
				return &ParseError{d.File, lineNo, fmt.Sprintf(`"asked as" line is longer than %d bytes`, maxFieldBytes)}
			}
			last := d.Passages[len(d.Passages)-1]
			last.AskedAs = append(last.AskedAs, q)
			continue
		}
		text := strings.TrimPrefix(strings.TrimPrefix(l, "- "), "* ")
		if len(text) > MaxPassageBytes {
			return &ParseError{d.File, lineNo, fmt.Sprintf("passage is %d bytes; split it (limit %d)", len(text), MaxPassageBytes)}
		}
		counts[section]++
		n := counts[section]
		p := &Passage{Doc: d, Section: section, N: n, Text: text, Line: lineNo, Cites: citations(text), Related: slices.Contains(d.Related, section), Unconfirmed: slices.Contains(d.Unconfirmed, section)}
		if section == "" {
			p.ID = fmt.Sprintf("%s-%d", d.ID, n)
			p.Label = fmt.Sprintf("%s ¶%d", d.Label, n)
		} else {
			p.ID = fmt.Sprintf("%s-%s-%d", d.ID, slug(section), n)
			p.Label = fmt.Sprintf("%s › %s ¶%d", d.Label, section, n)
		}
		d.Passages = append(d.Passages, p)
	}
	if len(d.Passages) == 0 {
		return &ParseError{d.File, 0, "document has no passages"}
	}
	// A misspelt section name would silently rank nothing differently.
	for _, l := range []struct {
		key   string
		names []string
	}{{"related", d.Related}, {"unconfirmed", d.Unconfirmed}} {
		for _, name := range l.names {
			if !slices.ContainsFunc(d.Passages, func(p *Passage) bool { return p.Section == name }) {
				return &ParseError{d.File, 0, fmt.Sprintf("front matter %q names section %q, which the document does not have", l.key, clip(name))}
			}
		}
	}
	// A document with a source list must back every passage with it.
	if len(d.Sources) > 0 {
		for _, p := range d.Passages {
			if len(p.Cites) == 0 {
				return &ParseError{d.File, p.Line, "passage cites no source; add e.g. [1]"}
			}
			for _, n := range p.Cites {
				if _, ok := d.Source(n); !ok {
					return &ParseError{d.File, p.Line, fmt.Sprintf("passage cites [%d], which is not in the Sources list", n)}
				}
			}
		}
	}
	return nil
}

// citations returns the source numbers cited inline, in order, once each.
func citations(text string) []int {
	var out []int
	seen := map[int]bool{}
	for _, m := range citeRE.FindAllStringSubmatch(text, -1) {
		for _, part := range strings.Split(m[1], ",") {
			n, err := strconv.Atoi(strings.TrimSpace(part))
			if err == nil && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// CitationSpans returns the byte ranges of inline citation markers in text,
// so search can ignore "[13]" when someone asks about a 13–0 vote.
func CitationSpans(text string) [][2]int {
	var out [][2]int
	for _, m := range citeRE.FindAllStringIndex(text, -1) {
		out = append(out, [2]int{m[0], m[1]})
	}
	return out
}

// IsSourcesHeading reports whether a section heading starts the numbered
// source list ("Sources", or "Fuentes" in a Spanish document).
func IsSourcesHeading(h string) bool {
	return strings.EqualFold(h, "sources") || strings.EqualFold(h, "fuentes")
}

// slugFold keeps Spanish headings readable in citation ids ("Qué prohíbe"
// → "que-prohibe", not "qu-proh-be").
var slugFold = map[rune]rune{'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u', 'ü': 'u', 'ñ': 'n'}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if f, ok := slugFold[r]; ok {
			r = f
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}

func clip(s string) string {
	if len(s) > 60 {
		r := []rune(s)
		if len(r) > 60 {
			return string(r[:60]) + "…"
		}
	}
	return s
}

// sectionList is a front-matter list of section names, comma-separated.
func sectionList(v string) []string {
	var out []string
	for _, r := range strings.Split(v, ",") {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}
