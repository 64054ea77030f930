package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/storygen/storygen/internal/resolve"
)

func init() {
	register("check", "report what the entity extraction was unsure of, for entities.toml", runCheck)
}

type checkExample struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Context string `json:"context"`
}

type checkUnlinked struct {
	Kind       string         `json:"kind"`
	Text       string         `json:"text"`
	Count      int            `json:"count"`
	Candidates []string       `json:"candidates"`
	Examples   []checkExample `json:"examples"`
}

type checkLookAlike struct {
	Kind string `json:"kind"`
	A    string `json:"a"`
	B    string `json:"b"`
	Why  string `json:"why"`
}

type checkConflict struct {
	Name  string         `json:"name"`
	Kinds map[string]int `json:"kinds"`
}

type checkRule struct {
	Kind  string `json:"kind"`
	Short string `json:"short"`
	ID    string `json:"id"`
	Count int    `json:"count"`
}

type checkReport struct {
	Stories   int              `json:"stories"`
	Entities  int              `json:"entities"`
	Unlinked  []checkUnlinked  `json:"unlinked"`
	LookAlike []checkLookAlike `json:"lookalike"`
	Conflicts []checkConflict  `json:"conflicts"`
	Rules     []checkRule      `json:"rules"`
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print the report as JSON")
	annPath := fl.String("annotations", "", "entities.toml to apply before checking")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: storygen check [--json] [--annotations FILE] PATH...")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	stories, ix, code := loadResolved("check", fl.Args(), *annPath, stderr)
	if stories == nil && code != 0 {
		return code
	}
	rep := buildReport(stories, ix)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(stderr, "storygen check: %v\n", err)
			return 1
		}
		return code
	}
	writeReport(stdout, rep)
	return code
}

func buildReport(stories []*loaded, ix *resolve.Index) checkReport {
	byPath := map[string]*loaded{}
	for _, l := range stories {
		byPath[l.story.Path] = l
	}
	rep := checkReport{Stories: len(stories), Entities: len(ix.Entities),
		Unlinked: []checkUnlinked{}, LookAlike: []checkLookAlike{}, Conflicts: []checkConflict{}, Rules: []checkRule{}}
	for _, u := range ix.Unlinked {
		cu := checkUnlinked{Kind: u.Kind.String(), Text: u.Text, Count: u.Count,
			Candidates: append([]string{}, u.Candidates...), Examples: []checkExample{}}
		for _, ex := range u.Examples {
			ce := checkExample{Path: ex.Path}
			if l := byPath[ex.Path]; l != nil {
				ce.Line, ce.Context = contextLine(l.story.Text, ex.Start, ex.End)
			}
			cu.Examples = append(cu.Examples, ce)
		}
		rep.Unlinked = append(rep.Unlinked, cu)
	}
	for _, la := range ix.LookAlike {
		rep.LookAlike = append(rep.LookAlike, checkLookAlike{Kind: la.Kind.String(), A: la.A, B: la.B, Why: la.Why})
	}
	for _, c := range ix.Conflicts {
		rep.Conflicts = append(rep.Conflicts, checkConflict{Name: c.Name, Kinds: c.Kinds})
	}
	for _, r := range ix.Rules {
		rep.Rules = append(rep.Rules, checkRule{Kind: r.Kind.String(), Short: r.Short, ID: r.ID, Count: r.Count})
	}
	return rep
}

// contextLine returns the 1-based line of the mention in text and up to
// about 60 bytes either side of it on that line, cut at rune boundaries.
func contextLine(text string, start, end int) (int, string) {
	if start < 0 || end > len(text) || start > end {
		return 0, ""
	}
	line := 1 + strings.Count(text[:start], "\n")
	ls := strings.LastIndexByte(text[:start], '\n') + 1
	le := strings.IndexByte(text[end:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += end
	}
	from, to := start-60, end+60
	pre, post := "…", "…"
	if from <= ls {
		from, pre = ls, ""
	}
	if to >= le {
		to, post = le, ""
	}
	for from > ls && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < le && !utf8.RuneStart(text[to]) {
		to++
	}
	return line, pre + strings.TrimSpace(text[from:start]+"["+text[start:end]+"]"+text[end:to]) + post
}

func writeReport(w io.Writer, rep checkReport) {
	fmt.Fprintf(w, "%d stories, %d entities\n", rep.Stories, rep.Entities)
	fmt.Fprintf(w, "\nShort forms left unlinked (%d) — pin them with aliases in entities.toml:\n", len(rep.Unlinked))
	for _, u := range rep.Unlinked {
		fmt.Fprintf(w, "  %q ×%d (%s)", u.Text, u.Count, u.Kind)
		if len(u.Candidates) > 0 {
			fmt.Fprintf(w, " could be: %s", strings.Join(u.Candidates, ", "))
		}
		fmt.Fprintln(w)
		for _, ex := range u.Examples {
			fmt.Fprintf(w, "      %s:%d: %s\n", ex.Path, ex.Line, ex.Context)
		}
	}
	fmt.Fprintf(w, "\nIds that may be one entity (%d) — join them with [[merge]]:\n", len(rep.LookAlike))
	for _, la := range rep.LookAlike {
		fmt.Fprintf(w, "  %s: %s ~ %s (%s)\n", la.Kind, la.A, la.B, la.Why)
	}
	fmt.Fprintf(w, "\nNames seen as different kinds (%d) — settle them with an entry of the right kind:\n", len(rep.Conflicts))
	for _, c := range rep.Conflicts {
		kinds := make([]string, 0, len(c.Kinds))
		for k := range c.Kinds {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		parts := make([]string, len(kinds))
		for i, k := range kinds {
			parts[i] = fmt.Sprintf("%s %d", k, c.Kinds[k])
		}
		fmt.Fprintf(w, "  %q: %s\n", c.Name, strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "\nArchive-wide rules applied (%d) — pin them before a new story changes them:\n", len(rep.Rules))
	for _, r := range rep.Rules {
		fmt.Fprintf(w, "  %q → %s ×%d (%s; the only full name that fits)\n", r.Short, r.ID, r.Count, r.Kind)
	}
}
