package serve

import (
	"context"
	"errors"
	"fmt"
	"github.com/storygen/storygen/internal/site"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher turns file system events under a site into rebuilds.
//
// inotify is not recursive: every folder of the watched trees (the content
// folder, templates/, themes/, static/) has its own watch, added as folders
// appear. The site folder itself is watched for site.toml and for the trees
// being deleted and created again. Events are only triggers: a build reads
// the files afresh, so a lost event name costs nothing, a lost event would.
type Watcher struct {
	s  *Server
	fw *fsnotify.Watcher

	root    string          // the site folder, absolute
	trees   []string        // watched recursively, absolute
	parents map[string]bool // folders watched for their trees' and site.toml's names
	dirs    map[string]bool // folders of the trees being watched

	done chan struct{}
	err  error
}

// treeNames are the folders of the site folder a build reads, besides the
// content folder.
var treeNames = []string{"templates", "themes", "static"}

// Watch starts watching the site's files; builds follow changes until ctx
// is done or Close is called. The watches are in place when it returns.
func (s *Server) Watch(ctx context.Context) (*Watcher, error) {
	root, err := filepath.Abs(s.opts.Root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &Watcher{s: s, fw: fw, root: root, parents: map[string]bool{}, dirs: map[string]bool{}, done: make(chan struct{})}
	w.setTrees()
	if err := w.reconcile(); err != nil {
		_ = fw.Close()
		return nil, err
	}
	go w.loop(ctx)
	return w, nil
}

// Close stops watching and waits for a running build to finish.
func (w *Watcher) Close() error {
	err := w.fw.Close()
	<-w.done
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	return w.err
}

// setTrees derives the watched trees from the last configuration read.
func (w *Watcher) setTrees() {
	w.s.mu.Lock()
	content := w.s.contentDir
	w.s.mu.Unlock()
	if content == "" {
		content = "content"
	}
	if !filepath.IsAbs(content) {
		content = filepath.Join(w.root, content)
	}
	content = filepath.Clean(content)
	// The build reads a content folder that is itself a link (it does not
	// follow links inside it), so the watch follows it too.
	if st, err := os.Lstat(content); err == nil && st.Mode()&os.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(content); err == nil {
			content = real
		}
	}
	trees := []string{content}
	for _, n := range treeNames {
		trees = append(trees, filepath.Join(w.root, n))
	}
	w.trees = trees
}

// reconcile makes the watches match the folders on disk: the site folder,
// each tree's parent, and every folder of every tree. Watches left on
// folders that moved or vanished are removed first, because inotify would
// hand a re-added folder the old watch under its old name.
func (w *Watcher) reconcile() error {
	want := map[string]bool{w.root: true}
	parents := map[string]bool{w.root: true}
	for _, t := range w.trees {
		parents[filepath.Dir(t)] = true
		want[filepath.Dir(t)] = true
		walkDirs(t, want)
	}
	for _, p := range w.fw.WatchList() {
		if !want[p] {
			_ = w.fw.Remove(p)
		}
	}
	w.parents = parents
	w.dirs = map[string]bool{}
	var firstErr error
	for _, p := range sortedKeys(parents) {
		if err := w.fw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) && firstErr == nil {
			firstErr = fmt.Errorf("watch %s: %w", p, err)
		}
	}
	for _, t := range w.trees {
		if err := w.addTree(t); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return firstErr
}

// addTree watches dir and every folder below it. Each folder is watched
// before it is listed: a subfolder made before the listing is found by it,
// one made after is reported by the watch.
func (w *Watcher) addTree(dir string) error {
	st, err := os.Lstat(dir)
	if err != nil || !st.IsDir() {
		return nil // gone already, or a link: the build does not enter links
	}
	if !w.dirs[dir] {
		if err := w.fw.Add(dir); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return fmt.Errorf("watch %s: %w", dir, err)
		}
		w.dirs[dir] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var firstErr error
	for _, e := range entries {
		if e.IsDir() && !skipDir(e.Name()) {
			if err := w.addTree(filepath.Join(dir, e.Name())); err != nil && firstErr == nil {
				firstErr = err
			}
		}
	}
	return firstErr
}

// walkDirs adds dir and its folders to set, skipping version control
// folders and links, as the build does.
func walkDirs(dir string, set map[string]bool) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && p != dir {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && skipDir(d.Name()) {
			return fs.SkipDir
		}
		set[p] = true
		return nil
	})
}

func skipDir(name string) bool { return name == ".git" || name == ".hg" || name == ".svn" }

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// inTree reports whether p is one of the trees or inside one.
func (w *Watcher) inTree(p string) bool {
	for _, t := range w.trees {
		if p == t || strings.HasPrefix(p, t+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// relevant decides whether an event can change the site, adding and
// removing watches as folders come and go. dirty is set when the watches
// need a full reconcile.
func (w *Watcher) relevant(ev fsnotify.Event) (relevant, dirty bool) {
	p := filepath.Clean(ev.Name)
	if !w.inTree(p) {
		// The site folder and the trees' parents: only site.toml and the
		// trees themselves matter (not public/, not .git).
		if !w.parents[filepath.Dir(p)] {
			return false, false
		}
		if filepath.Dir(p) == w.root && filepath.Base(p) == "site.toml" {
			return true, false
		}
		return false, false
	}
	for _, seg := range strings.Split(p, string(filepath.Separator)) {
		if skipDir(seg) {
			return false, false
		}
	}
	if w.dirs[p] && ev.Has(fsnotify.Remove|fsnotify.Rename) {
		// A folder went away or moved: drop its watches and those below,
		// now, before a folder of the same inode can be added again.
		for d := range w.dirs {
			if d == p || strings.HasPrefix(d, p+string(filepath.Separator)) {
				_ = w.fw.Remove(d)
				delete(w.dirs, d)
			}
		}
		return true, false
	}
	if site.IgnoredName(filepath.Base(p)) {
		return false, false
	}
	if ev.Has(fsnotify.Create) {
		if err := w.addTree(p); err != nil {
			dirty = true
		}
	}
	return true, dirty
}

// loop gathers events into batches and builds each batch once it has been
// quiet for the debounce period, or after MaxWait of continuous changes.
// Builds run beside the loop so that events keep being read (a full
// inotify queue loses them); changes during a build make the next batch.
func (w *Watcher) loop(ctx context.Context) {
	defer close(w.done)
	var (
		pending  = map[string]bool{}
		first    time.Time // first change of the pending batch
		deadline time.Time // MaxWait after first
		due      bool      // the debounce ended while a build ran
		building bool
		timer    = time.NewTimer(time.Hour)
		built    = make(chan struct{})
		errs     = w.fw.Errors
	)
	timer.Stop()
	start := func() {
		changed := len(pending)
		debounce := time.Since(first)
		pending = map[string]bool{}
		due, building = false, true
		go func() {
			w.s.Rebuild(changed, debounce)
			built <- struct{}{}
		}()
	}
	note := func(name string) {
		now := time.Now()
		if len(pending) == 0 {
			first = now
			deadline = now.Add(w.s.opts.MaxWait)
		}
		pending[name] = true
		due = false
		next := now.Add(w.s.opts.Debounce)
		if next.After(deadline) {
			next = deadline
		}
		timer.Reset(time.Until(next))
	}
	for {
		select {
		case <-ctx.Done():
			_ = w.fw.Close()
			if building {
				<-built
			}
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				if building {
					<-built
				}
				return
			}
			rel, dirty := w.relevant(ev)
			if dirty {
				w.reconcileLogged()
			}
			if rel {
				note(ev.Name)
			}
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: watch whatever exists now and build.
				fmt.Fprintf(w.s.opts.Log, "watch: %v; rescanning\n", err)
				w.reconcileLogged()
				note("(overflow)")
				continue
			}
			fmt.Fprintf(w.s.opts.Log, "watch: %v\n", err)
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			if building {
				due = true
				continue
			}
			start()
		case <-built:
			building = false
			// The configuration may have moved the content folder.
			before := w.trees
			w.setTrees()
			if !equalStrings(before, w.trees) {
				w.reconcileLogged()
			}
			if due && len(pending) > 0 {
				start()
			}
		}
	}
}

func (w *Watcher) reconcileLogged() {
	if err := w.reconcile(); err != nil {
		fmt.Fprintf(w.s.opts.Log, "watch: %v\n", err)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
