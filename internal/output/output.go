// Package output writes the publish folder (public/) so that at every instant
// it holds either the complete previous build or the complete new one.
//
// A build is written into a staging folder beside the publish folder
// (".public.staging-<pid>-<random>"). Files whose bytes equal the previous
// build's file at the same path are hard-linked from it instead of rewritten.
// Commit swaps the two folders with one renameat2(RENAME_EXCHANGE) and then
// deletes the previous tree, so the new folder holds exactly the files of
// this build. A build killed at any point, even by SIGKILL, leaves the
// previous site in place; the next Begin removes whatever it left behind.
// Where the exchange is unavailable (other OSes, some filesystems) the swap
// is two renames; a crash between them leaves the previous build at
// ".public.old-*", which the next Begin puts back.
//
// An flock on the parent folder keeps two builds of one publish folder from
// running at once. Only Begin's parent folder is touched outside public/:
// the staging and old folders named above, nothing else.
//
// Usage:
//
//	tx, err := output.Begin(output.Options{Dir: "public", SiteRoot: ".", ContentDir: "content"})
//	if err != nil { ... }
//	defer tx.Abort() // no-op after a Commit
//	... tx.WriteFile("people/mike-pompeo/index.html", html) from many goroutines ...
//	stats, err := tx.Commit()
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// Options say where to publish. SiteRoot and ContentDir are only used to
// refuse a publish folder whose replacement would delete the site itself.
type Options struct {
	// Dir is the publish folder, usually "<site>/public".
	Dir string
	// SiteRoot and ContentDir, when set, may not be the publish folder or lie
	// inside it; ContentDir may not contain it either.
	SiteRoot   string
	ContentDir string
	// Sync flushes the staged tree to disk before the swap, so the guarantee
	// also holds across a power loss, not only a crash of the process.
	Sync bool
	// Hook, if set, is called at each stage of Commit (the Stage constants);
	// crash tests use it to kill the process at a chosen instant.
	Hook func(stage string)
}

// Stages of Commit reported to Options.Hook, in order.
const (
	StageStaged     = "staged"      // every file is in the staging folder
	StageBeforeSwap = "before-swap" // staged tree synced (if Sync), swap next
	StageMidSwap    = "mid-swap"    // fallback swap only: public moved aside, new not yet in place
	StageAfterSwap  = "after-swap"  // new build published, previous not yet deleted
)

// Stats summarise a committed build.
type Stats struct {
	Written int   // files written with new bytes
	Linked  int   // unchanged files hard-linked from the previous build
	Removed int   // files of the previous build that this build no longer has
	Bytes   int64 // bytes written; linked files cost nothing and are not counted
}

// Writer is what a build needs from an output; an in-memory variant for
// serve can implement it too.
type Writer interface {
	WriteFile(rel string, data []byte) error
	CopyFile(rel, src string) error
}

var _ Writer = (*Tx)(nil)

// exchange is a variable so tests can exercise the fallback swap.
var exchange = renameExchange

var (
	errNoExchange = errors.New("atomic exchange not supported")
	errLocked     = errors.New("locked")
)

// Tx is one build of the publish folder. WriteFile and CopyFile are safe for
// concurrent use; Commit and Abort must be called after they have returned.
type Tx struct {
	opts    Options
	dir     string // absolute publish folder
	parent  string
	base    string
	id      string
	staging string
	hasOld  bool // dir held a previous build when Begin ran
	unlock  func()

	done atomic.Bool

	paths   sync.Map // rel → struct{}: every file of this build
	dirs    sync.Map // rel dir → struct{}: created in staging
	oldDirs sync.Map // rel dir → bool: a real directory (not a link) in the previous build

	written, linked atomic.Int64
	bytes           atomic.Int64

	errMu    sync.Mutex
	firstErr error
}

func stagingPrefix(base string) string { return "." + base + ".staging-" }
func oldPrefix(base string) string     { return "." + base + ".old-" }

// Begin checks the publish folder, removes what an interrupted earlier build
// left beside it, and creates a fresh staging folder. Only one Tx per
// publish folder can be open at a time, across processes.
func Begin(opts Options) (*Tx, error) {
	dir, err := checkDir(opts)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	t := &Tx{opts: opts, dir: dir, parent: filepath.Dir(dir), base: filepath.Base(dir)}
	if err := os.MkdirAll(t.parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: creating %s: %w", t.parent, err)
	}
	t.unlock, err = lockDir(t.parent)
	if errors.Is(err, errLocked) {
		return nil, fmt.Errorf("output: another build is writing %s", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("output: locking %s: %w", t.parent, err)
	}
	if err := t.cleanup(); err != nil {
		t.unlock()
		return nil, err
	}
	t.id = fmt.Sprintf("%d-%08x", os.Getpid(), rand.Uint32())
	t.staging = filepath.Join(t.parent, stagingPrefix(t.base)+t.id)
	if err := os.Mkdir(t.staging, 0o755); err != nil {
		t.unlock()
		return nil, fmt.Errorf("output: creating staging folder: %w", err)
	}
	if fi, err := os.Lstat(dir); err == nil && fi.IsDir() {
		t.hasOld = true
	}
	return t, nil
}

// cleanup removes staging and old folders of interrupted builds. If the
// publish folder is missing while an old folder exists, a fallback swap was
// interrupted between its two renames: the old folder is the complete
// previous build and goes back in place.
func (t *Tx) cleanup() error {
	ents, err := os.ReadDir(t.parent)
	if err != nil {
		return fmt.Errorf("output: looking for leftovers in %s: %w", t.parent, err)
	}
	var stale, olds []string
	for _, e := range ents {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, stagingPrefix(t.base)):
			stale = append(stale, name)
		case strings.HasPrefix(name, oldPrefix(t.base)):
			olds = append(olds, name)
		}
	}
	if len(olds) > 0 {
		if _, err := os.Lstat(t.dir); errors.Is(err, fs.ErrNotExist) {
			if len(olds) > 1 {
				return fmt.Errorf("output: %s is missing and %d previous builds (%s) are beside it; move the one to keep to %s",
					t.dir, len(olds), strings.Join(olds, ", "), t.base)
			}
			if err := os.Rename(filepath.Join(t.parent, olds[0]), t.dir); err != nil {
				return fmt.Errorf("output: restoring interrupted swap: %w", err)
			}
			olds = nil
		}
	}
	for _, name := range append(stale, olds...) {
		if err := os.RemoveAll(filepath.Join(t.parent, name)); err != nil {
			return fmt.Errorf("output: removing leftover of an interrupted build: %w", err)
		}
	}
	return nil
}

// WriteFile adds a file with the given bytes to the build. rel is
// slash-separated and relative to the publish folder (see CheckRel); parent
// folders are created as needed (mode 0755, files 0644, before umask).
func (t *Tx) WriteFile(rel string, data []byte) error {
	if err := t.claim(rel); err != nil {
		return t.fail(err)
	}
	if old := t.openOld(rel, int64(len(data))); old != nil {
		same := equalBytes(old, data)
		old.Close()
		if same && t.link(rel) {
			return nil
		}
	}
	p := filepath.Join(t.staging, filepath.FromSlash(rel))
	created, err := writeNew(p, data)
	switch {
	case errors.Is(err, fs.ErrExist) && !created:
		return t.fail(fmt.Errorf("output: %s is both a file and a folder in this build", rel))
	case err != nil:
		if created {
			os.Remove(p)
		}
		t.paths.Delete(rel)
		return t.fail(fmt.Errorf("output: writing %s: %w", rel, err))
	}
	t.written.Add(1)
	t.bytes.Add(int64(len(data)))
	return nil
}

// CopyFile adds a copy of the file src (a static asset) to the build. The
// copy is a new inode: hard-linking the source itself would let an in-place
// edit of the source change the published site outside a build.
func (t *Tx) CopyFile(rel, src string) error {
	if err := t.claim(rel); err != nil {
		return t.fail(err)
	}
	in, err := os.Open(src)
	if err != nil {
		return t.fail(fmt.Errorf("output: %s: %w", rel, err))
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return t.fail(fmt.Errorf("output: %s: %w", rel, err))
	}
	if !fi.Mode().IsRegular() {
		return t.fail(fmt.Errorf("output: %s: source %s is not a regular file", rel, src))
	}
	if old := t.openOld(rel, fi.Size()); old != nil {
		same := equalReaders(old, in)
		old.Close()
		if same && t.link(rel) {
			return nil
		}
		if _, err := in.Seek(0, io.SeekStart); err != nil {
			return t.fail(fmt.Errorf("output: %s: %w", rel, err))
		}
	}
	f, err := t.create(rel)
	if err != nil {
		return t.fail(err)
	}
	n, err := io.Copy(f, in)
	return t.finish(rel, f, n, err)
}

// claim validates rel, records it, and makes its parent folder.
func (t *Tx) claim(rel string) error {
	if t.done.Load() {
		return fmt.Errorf("output: writing %s after Commit or Abort", rel)
	}
	if err := CheckRel(rel); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if _, dup := t.paths.LoadOrStore(rel, struct{}{}); dup {
		return fmt.Errorf("output: %s written twice in one build", rel)
	}
	if err := t.mkdirs(path.Dir(rel)); err != nil {
		t.paths.Delete(rel)
		return err
	}
	return nil
}

// mkdirs creates the staging folder rel and its parents once per build; the
// cache spares concurrent writers a syscall per file.
func (t *Tx) mkdirs(rel string) error {
	if rel == "." {
		return nil
	}
	if _, ok := t.dirs.Load(rel); ok {
		return nil
	}
	if err := t.mkdirs(path.Dir(rel)); err != nil {
		return err
	}
	p := filepath.Join(t.staging, filepath.FromSlash(rel))
	if err := os.Mkdir(p, 0o755); err != nil {
		// Another writer may have made it a moment ago; anything else there is
		// a file this build wrote under the same name.
		fi, serr := os.Lstat(p)
		if serr != nil || !fi.IsDir() {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("output: %s is both a file and a folder in this build", rel)
			}
			return fmt.Errorf("output: creating folder %s: %w", rel, err)
		}
	}
	t.dirs.Store(rel, struct{}{})
	return nil
}

// openOld opens the previous build's file at rel if it could hold the same
// bytes: a regular file of that size, reached through real folders only, so
// a link planted in public/ cannot make the build link in a file from
// elsewhere.
func (t *Tx) openOld(rel string, size int64) *os.File {
	if !t.hasOld || !t.oldDirOK(path.Dir(rel)) {
		return nil
	}
	f, err := os.OpenFile(filepath.Join(t.dir, filepath.FromSlash(rel)), os.O_RDONLY|oNoFollow, 0)
	if err != nil {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != size {
		f.Close()
		return nil
	}
	return f
}

// oldDirOK reports whether rel is a real folder of the previous build,
// looking each folder up once per build.
func (t *Tx) oldDirOK(rel string) bool {
	if rel == "." {
		return true
	}
	if v, ok := t.oldDirs.Load(rel); ok {
		return v.(bool)
	}
	ok := t.oldDirOK(path.Dir(rel))
	if ok {
		fi, err := os.Lstat(filepath.Join(t.dir, filepath.FromSlash(rel)))
		ok = err == nil && fi.IsDir()
	}
	t.oldDirs.Store(rel, ok)
	return ok
}

// link hard-links the previous build's file into staging. Failure (another
// filesystem, link limits) is not an error: the caller writes the bytes.
func (t *Tx) link(rel string) bool {
	r := filepath.FromSlash(rel)
	if err := os.Link(filepath.Join(t.dir, r), filepath.Join(t.staging, r)); err != nil {
		return false
	}
	t.linked.Add(1)
	return true
}

func (t *Tx) create(rel string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(t.staging, filepath.FromSlash(rel)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("output: %s is both a file and a folder in this build", rel)
	}
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return f, nil
}

// finish closes a written file and counts it, or removes it on error so a
// failed write leaves no partial file behind.
func (t *Tx) finish(rel string, f *os.File, n int64, err error) error {
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		t.paths.Delete(rel)
		return t.fail(fmt.Errorf("output: writing %s: %w", rel, err))
	}
	t.written.Add(1)
	t.bytes.Add(n)
	return nil
}

// fail records the first error of the build: Commit refuses to publish a
// build with a failed write even if the caller lost the error.
func (t *Tx) fail(err error) error {
	t.errMu.Lock()
	if t.firstErr == nil {
		t.firstErr = err
	}
	t.errMu.Unlock()
	return err
}

func (t *Tx) err() error {
	t.errMu.Lock()
	defer t.errMu.Unlock()
	return t.firstErr
}

// Dir returns the absolute publish folder.
func (t *Tx) Dir() string { return t.dir }

// Paths returns the files of this build, sorted.
func (t *Tx) Paths() []string {
	var ps []string
	t.paths.Range(func(k, _ any) bool {
		ps = append(ps, k.(string))
		return true
	})
	slices.Sort(ps)
	return ps
}

// Commit publishes the staged build and deletes the previous one. An error
// before the swap leaves the previous build published; an error after it
// (deleting the previous tree) leaves the new build published, and the next
// Begin removes the rest.
func (t *Tx) Commit() (Stats, error) {
	if !t.done.CompareAndSwap(false, true) {
		return Stats{}, errors.New("output: Commit after Commit or Abort")
	}
	defer t.unlock()
	if err := t.err(); err != nil {
		os.RemoveAll(t.staging)
		return Stats{}, fmt.Errorf("output: not publishing an incomplete build: %w", err)
	}
	t.hook(StageStaged)
	if t.opts.Sync {
		if err := syncTree(t.staging); err != nil {
			os.RemoveAll(t.staging)
			return Stats{}, fmt.Errorf("output: syncing staged build: %w", err)
		}
	}
	t.hook(StageBeforeSwap)
	old, err := t.swap()
	if err != nil {
		os.RemoveAll(t.staging)
		return Stats{}, err
	}
	if t.opts.Sync {
		if err := syncDir(t.parent); err != nil {
			return Stats{}, fmt.Errorf("output: published %s, but syncing its folder: %w", t.dir, err)
		}
	}
	t.hook(StageAfterSwap)
	st := Stats{Written: int(t.written.Load()), Linked: int(t.linked.Load()), Bytes: t.bytes.Load()}
	if old != "" {
		st.Removed, err = t.removeOld(old)
		if err != nil {
			return st, fmt.Errorf("output: published %s, but removing the previous build: %w", t.dir, err)
		}
	}
	return st, nil
}

// swap puts the staged tree in place and returns where the previous tree is
// now ("" if there was none).
func (t *Tx) swap() (string, error) {
	if _, err := os.Lstat(t.dir); errors.Is(err, fs.ErrNotExist) {
		// First build: renaming onto a missing name is atomic.
		if err := os.Rename(t.staging, t.dir); err != nil {
			return "", fmt.Errorf("output: publishing: %w", err)
		}
		return "", nil
	}
	err := exchange(t.staging, t.dir)
	if err == nil {
		return t.staging, nil // the staging name now holds the previous build
	}
	if errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV) {
		return "", fmt.Errorf("output: swapping in the new build: %w (is %s a mount point? publish into a folder inside it)", err, t.dir)
	}
	if !errors.Is(err, errNoExchange) {
		return "", fmt.Errorf("output: swapping in the new build: %w", err)
	}
	// Fallback without an atomic exchange: for the instant between these two
	// renames the publish folder does not exist. A crash there leaves the
	// complete previous build at .<dir>.old-*, and the next Begin puts it back.
	old := filepath.Join(t.parent, oldPrefix(t.base)+t.id)
	if err := os.Rename(t.dir, old); err != nil {
		return "", fmt.Errorf("output: moving previous build aside: %w", err)
	}
	t.hook(StageMidSwap)
	if err := os.Rename(t.staging, t.dir); err != nil {
		if rerr := os.Rename(old, t.dir); rerr != nil {
			return "", fmt.Errorf("output: publishing: %w (and restoring the previous build from %s: %v)", err, old, rerr)
		}
		return "", fmt.Errorf("output: publishing: %w", err)
	}
	// Give the previous tree a staging name before deleting it: a crash
	// during deletion must not leave a half-deleted tree that the next Begin
	// would take for a complete one and restore.
	doomed := filepath.Join(t.parent, stagingPrefix(t.base)+t.id+"-prev")
	if err := os.Rename(old, doomed); err == nil {
		old = doomed
	}
	return old, nil
}

// removeOld deletes the previous tree at root, counting its files that this
// build does not have. Unlinking waits on the filesystem journal far more
// than on the CPU, so folders are removed by several goroutines at once.
func (t *Tx) removeOld(root string) (int, error) {
	var (
		removed atomic.Int64
		errMu   sync.Mutex
		first   error
		sem     = make(chan struct{}, removeWorkers)
	)
	keep := func(err error) {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errMu.Lock()
			if first == nil {
				first = err
			}
			errMu.Unlock()
		}
	}
	var walk func(abs, rel string)
	walk = func(abs, rel string) {
		f, err := os.Open(abs)
		if err != nil {
			keep(err)
			return
		}
		ents, err := f.ReadDir(-1)
		f.Close()
		keep(err)
		var wg sync.WaitGroup
		for _, e := range ents {
			p := filepath.Join(abs, e.Name())
			r := e.Name()
			if rel != "" {
				r = rel + "/" + r
			}
			if !e.IsDir() {
				if _, ok := t.paths.Load(r); !ok {
					removed.Add(1)
				}
				keep(os.Remove(p))
				continue
			}
			select {
			case sem <- struct{}{}:
				wg.Go(func() {
					walk(p, r)
					<-sem
				})
			default:
				walk(p, r)
			}
		}
		wg.Wait()
		keep(os.Remove(abs))
	}
	walk(root, "")
	return int(removed.Load()), first
}

// Abort discards the staged build; the previous build stays published.
// After Commit it does nothing, so it can be deferred.
func (t *Tx) Abort() error {
	if !t.done.CompareAndSwap(false, true) {
		return nil
	}
	defer t.unlock()
	if err := os.RemoveAll(t.staging); err != nil {
		return fmt.Errorf("output: removing staging folder: %w", err)
	}
	return nil
}

func (t *Tx) hook(stage string) {
	if t.opts.Hook != nil {
		t.opts.Hook(stage)
	}
}

// removeWorkers bounds the goroutines deleting the previous tree.
const removeWorkers = 8

var bufPool = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// equalBytes reports whether f's remaining content starts with data; callers
// have checked the sizes already.
func equalBytes(f io.Reader, data []byte) bool {
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n := min(len(buf), len(data))
		if _, err := io.ReadFull(f, buf[:n]); err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	return true
}

// equalReaders reports whether a and b yield the same bytes.
func equalReaders(a, b io.Reader) bool {
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	buf := *bp
	half := len(buf) / 2
	x, y := buf[:half], buf[half:]
	for {
		n, errA := io.ReadFull(a, x)
		m, errB := io.ReadFull(b, y)
		if n != m || !bytes.Equal(x[:n], y[:m]) {
			return false
		}
		endA := errA == io.EOF || errA == io.ErrUnexpectedEOF
		endB := errB == io.EOF || errB == io.ErrUnexpectedEOF
		if endA || endB {
			return endA && endB
		}
		if errA != nil || errB != nil {
			return false
		}
	}
}
