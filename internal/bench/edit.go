package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/storygen/storygen/internal/config"
	"github.com/storygen/storygen/internal/site"
)

// EditResult is the one-story edit benchmark: serve's rebuild after one
// story's body changed.
type EditResult struct {
	Command string `json:"command"`
	// WarmS is the first, full build through the Builder.
	WarmS    float64 `json:"warm_s"`
	WarmCPUS float64 `json:"warm_cpu_s"`
	// EditMS are the rebuilds' wall times, one per edited story, in order;
	// EditCPUMS their CPU time (user+sys of the whole process, which does
	// nothing else meanwhile): on a loaded machine the steadier figure.
	EditMS      []float64 `json:"edit_ms"`
	EditCPUMS   []float64 `json:"edit_cpu_ms"`
	MedianMS    float64   `json:"median_ms"`
	P95MS       float64   `json:"p95_ms"`
	MedianCPUMS float64   `json:"median_cpu_ms"`
	P95CPUMS    float64   `json:"p95_cpu_ms"`
	// Load is the load average before each edit.
	Load []LoadAvg `json:"load_avg"`
	// ProcessRSSMiB is the peak resident set of the whole measuring process
	// (the harness included) after the edits: what a serve process holds.
	ProcessRSSMiB float64 `json:"process_rss_mib"`
	// HeapInuseMiB is the Go heap in use after the last rebuild.
	HeapInuseMiB float64 `json:"heap_inuse_mib"`
}

// editSentence is appended to a story's last paragraph; i keeps each edit
// distinct so no cache can hand back the previous bytes.
func editSentence(i int) string {
	return fmt.Sprintf(" The council published revision %d of the report.", i+1)
}

// MeasureEdits warms a site.Builder with one build of root, then appends a
// sentence to the body of edits different stories, one at a time, timing
// each rebuild the way serve does it (site.toml read again, live reload
// on). Every story is restored afterwards, also on error.
func MeasureEdits(root string, edits int) (res *EditResult, err error) {
	cfgPath := filepath.Join(root, "site.toml")
	opts := func() (site.Options, error) {
		cfg, err := config.Load(cfgPath)
		if err != nil {
			return site.Options{}, err
		}
		return site.Options{Root: root, Config: cfg, LiveReload: true}, nil
	}
	o, err := opts()
	if err != nil {
		return nil, err
	}
	stories, err := storyFiles(filepath.Join(root, o.Config.ContentDir))
	if err != nil {
		return nil, err
	}
	if len(stories) == 0 {
		return nil, fmt.Errorf("no stories under %s", root)
	}
	edits = min(edits, len(stories))
	res = &EditResult{Command: fmt.Sprintf(
		"in-process: config.Load(%q) + site.NewBuilder().Build(site.Options{Root: %q, LiveReload: true}) after appending a sentence to one story (%d stories, one each)",
		cfgPath, root, edits)}

	b := site.NewBuilder()
	start, cpu0 := time.Now(), selfCPU()
	if _, _, err := b.Build(o); err != nil {
		return nil, fmt.Errorf("warm build: %w", err)
	}
	res.WarmS = time.Since(start).Seconds()
	res.WarmCPUS = (selfCPU() - cpu0).Seconds()

	originals := map[string][]byte{}
	defer func() {
		if rerr := restoreEdits(root); rerr != nil && err == nil {
			err = rerr
		}
	}()

	for i := range edits {
		// Spread the edits over the archive, not the first few files.
		p := stories[i*len(stories)/edits]
		old, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("edit: %w", err)
		}
		originals[p] = old
		// The originals go to disk before the edit: an interrupted run is
		// repaired by the next Ensure.
		if err := saveOriginals(root, originals); err != nil {
			return nil, err
		}
		sentence := editSentence(i)
		edited := appendToFirstParagraph(old, sentence)
		if err := os.WriteFile(p, edited, 0o644); err != nil {
			return nil, fmt.Errorf("edit: %w", err)
		}
		load, _ := ReadLoadAvg()
		start, cpu0 := time.Now(), selfCPU()
		o, err := opts()
		if err != nil {
			return nil, err
		}
		mem, _, err := b.Build(o)
		if err != nil {
			return nil, fmt.Errorf("rebuild after editing %s: %w", p, err)
		}
		res.EditMS = append(res.EditMS, float64(time.Since(start).Microseconds())/1000)
		res.EditCPUMS = append(res.EditCPUMS, float64((selfCPU()-cpu0).Microseconds())/1000)
		res.Load = append(res.Load, load)
		// The rebuild must show the edit, or it measured nothing. Checked on
		// the first and last edit only: scanning the site costs seconds.
		if i == 0 || i == edits-1 {
			if !memContains(mem, strings.TrimSpace(sentence)) {
				return nil, fmt.Errorf("rebuild after editing %s: the new sentence is on no page", p)
			}
		}
	}
	res.MedianMS = Median(res.EditMS)
	res.P95MS = Percentile(res.EditMS, 95)
	res.MedianCPUMS = Median(res.EditCPUMS)
	res.P95CPUMS = Percentile(res.EditCPUMS, 95)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	res.HeapInuseMiB = float64(ms.HeapInuse) / (1 << 20)
	res.ProcessRSSMiB = float64(selfMaxRSS()) / 1024
	return res, nil
}

// appendToFirstParagraph adds sentence at the end of the story's first line,
// which is always body text (the last line is often a photo caption).
func appendToFirstParagraph(story []byte, sentence string) []byte {
	end := bytes.IndexByte(story, '\n')
	if end < 0 {
		end = len(story)
	}
	if end > 0 && story[end-1] == '\r' {
		end--
	}
	out := make([]byte, 0, len(story)+len(sentence))
	out = append(out, story[:end]...)
	out = append(out, sentence...)
	return append(out, story[end:]...)
}

func memContains(m *site.Memory, s string) bool {
	needle := []byte(s)
	for _, data := range m.Files {
		if bytes.Contains(data, needle) {
			return true
		}
	}
	return false
}

// storyFiles lists the .txt stories under content, sorted.
func storyFiles(content string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".txt") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing stories: %w", err)
	}
	slices.Sort(out)
	return out, nil
}

// saveOriginals writes the edited stories' original bytes (by absolute
// path) to the edit marker.
func saveOriginals(root string, originals map[string][]byte) error {
	data, err := json.Marshal(originals)
	if err != nil {
		return fmt.Errorf("edit marker: %w", err)
	}
	if err := os.WriteFile(filepath.Join(root, editMarker), data, 0o644); err != nil {
		return fmt.Errorf("edit marker: %w", err)
	}
	return nil
}

// restoreEdits puts back the stories recorded in root's edit marker and
// removes it; no marker, nothing to do.
func restoreEdits(root string) error {
	marker := filepath.Join(root, editMarker)
	data, err := os.ReadFile(marker)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("edit marker: %w", err)
	}
	var originals map[string][]byte
	if err := json.Unmarshal(data, &originals); err != nil {
		return fmt.Errorf("edit marker %s: %w", marker, err)
	}
	for _, p := range slices.Sorted(maps.Keys(originals)) {
		if err := os.WriteFile(p, originals[p], 0o644); err != nil {
			return fmt.Errorf("restoring %s: %w", p, err)
		}
	}
	if err := os.Remove(marker); err != nil {
		return fmt.Errorf("edit marker: %w", err)
	}
	return nil
}
