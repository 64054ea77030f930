package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/storygen/storygen/internal/annotate"
	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/resolve"
	"github.com/storygen/storygen/internal/story"
)

func init() {
	register("extract", "print the entities, dates and quotes of stories as JSON lines", runExtract)
}

type jsonEntity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Kind  string `json:"kind"`
	ID    string `json:"id"`
}

type jsonDate struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Value string `json:"value"`
}

type jsonQuote struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
}

type jsonStory struct {
	Path     string       `json:"path"`
	Date     string       `json:"date"`
	Title    string       `json:"title"`
	Entities []jsonEntity `json:"entities"`
	Dates    []jsonDate   `json:"dates"`
	Quotes   []jsonQuote  `json:"quotes"`
}

// loaded is one story file parsed and extracted.
type loaded struct {
	story    *story.Story
	result   *extract.Result
	warnings []story.Warning
	err      error
}

func runExtract(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("extract", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "jsonl", "output format (jsonl)")
	annPath := fl.String("annotations", "", "entities.toml to apply (default: none, the machine alone)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: storygen extract [--format jsonl] [--annotations FILE] PATH...")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *format != "jsonl" {
		fmt.Fprintf(stderr, "storygen extract: unknown format %q (jsonl)\n", *format)
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	stories, _, code := loadResolved("extract", fl.Args(), *annPath, stderr)
	if stories == nil && code != 0 {
		return code
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, l := range stories {
		if err := enc.Encode(storyJSON(l)); err != nil {
			fmt.Fprintf(stderr, "storygen extract: %v\n", err)
			return 1
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "storygen extract: %v\n", err)
		return 1
	}
	return code
}

// loadResolved reads the stories at paths, applies the annotations file
// (none when annPath is ""), and resolves ids across them: what extract and
// check both start from. A non-zero code with nil stories means stop.
func loadResolved(cmd string, paths []string, annPath string, stderr io.Writer) ([]*loaded, *resolve.Index, int) {
	stories, code := loadArchive(paths, stderr)
	if stories == nil && code != 0 {
		return nil, nil, code
	}
	ann, err := loadAnnotations(annPath)
	if err != nil {
		fmt.Fprintf(stderr, "storygen %s: %v\n", cmd, err)
		return nil, nil, 1
	}
	return stories, resolveArchive(stories, ann), code
}

func loadAnnotations(path string) (*annotate.Set, error) {
	if path == "" {
		return nil, nil
	}
	return annotate.Load(path)
}

// loadArchive finds the story files under paths, parses and extracts them
// in parallel, prints parse warnings, and returns them in path order.
func loadArchive(paths []string, stderr io.Writer) ([]*loaded, int) {
	files, err := storyFiles(paths)
	if err != nil {
		fmt.Fprintf(stderr, "storygen: %v\n", err)
		return nil, 1
	}
	out := make([]*loaded, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				l := &loaded{}
				data, err := os.ReadFile(files[i])
				if err != nil {
					l.err = fmt.Errorf("reading story: %w", err)
				} else {
					l.story, l.warnings = story.Parse(filepath.ToSlash(files[i]), data)
					l.result = extract.Extract(l.story)
				}
				out[i] = l
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	code := 0
	kept := out[:0]
	for i, l := range out {
		for _, w := range l.warnings {
			fmt.Fprintln(stderr, w.String())
		}
		if l.err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", files[i], l.err)
			code = 1
			continue
		}
		kept = append(kept, l)
	}
	return kept, code
}

func resolveArchive(stories []*loaded, ann *annotate.Set) *resolve.Index {
	docs := make([]resolve.Doc, len(stories))
	for i, l := range stories {
		docs[i] = resolve.Doc{Path: l.story.Path, Date: l.story.Date, Result: l.result}
	}
	return resolve.Resolve(docs, ann)
}

// storyFiles expands files and folders into the sorted list of *.txt files.
func storyFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("story path: %w", err)
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(d.Name(), ".txt") && !strings.HasPrefix(d.Name(), ".") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walking %s: %w", p, err)
		}
	}
	sort.Strings(files)
	// the same file named twice is one story
	uniq := files[:0]
	for i, f := range files {
		if i == 0 || f != files[i-1] {
			uniq = append(uniq, f)
		}
	}
	return uniq, nil
}

func storyJSON(l *loaded) jsonStory {
	s, r := l.story, l.result
	js := jsonStory{Path: s.Path, Title: s.Title, Entities: []jsonEntity{}, Dates: []jsonDate{}, Quotes: []jsonQuote{}}
	if !s.Undated() {
		js.Date = s.Date.Format("2006-01-02")
	}
	for _, m := range r.Mentions {
		js.Entities = append(js.Entities, jsonEntity{Start: s.FileOffset(int(m.Start)), End: s.FileOffset(int(m.End)),
			Text: m.Text.String(), Kind: m.Kind.String(), ID: m.ID.String()})
	}
	for _, d := range r.Dates {
		js.Dates = append(js.Dates, jsonDate{Start: s.FileOffset(int(d.Start)), End: s.FileOffset(int(d.End)), Text: d.Text, Value: d.Value})
	}
	for _, q := range r.Quotes {
		sp := ""
		if q.Speaker >= 0 && q.Speaker < len(r.Mentions) {
			sp = r.Mentions[q.Speaker].ID.String()
		}
		js.Quotes = append(js.Quotes, jsonQuote{Start: s.FileOffset(q.Start), End: s.FileOffset(q.End), Speaker: sp, Text: q.Text})
	}
	return js
}
