// Package serve is storygen's preview server: it serves the site from memory
// as GitHub Pages would, rebuilds it when its files change and tells the
// browsers to reload once the new site is being served.
//
// A rebuild goes through one long-lived site.Builder, so what the builder
// keeps between builds makes serve faster without serve knowing about it.
// The served site is swapped atomically: a request sees the old site or the
// new one, never a mixture, and a browser is told to reload only after the
// swap.
package serve

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/storygen/storygen/internal/config"
	"github.com/storygen/storygen/internal/site"
)

// Options configure a Server.
type Options struct {
	// Root is the site's folder: site.toml, content/, templates/, themes/.
	Root string
	// LoadConfig reads the configuration afresh for every build: an edit to
	// site.toml is a change like any other, and a broken one must not stop
	// the server.
	LoadConfig func() (*config.Config, error)
	Drafts     bool
	Workers    int

	// Debounce is the quiet period that ends a burst of changes (default
	// 75 ms); MaxWait bounds how long a continuing burst delays the build
	// (default 1 s).
	Debounce, MaxWait time.Duration

	// Log receives one line per build and the build errors; nil discards.
	Log io.Writer
	// OnBuild, when set, is called after each build, once its outcome is
	// being served. Tests and benchmarks count and time builds with it.
	OnBuild func(Report)
}

// Report is the outcome of one build.
type Report struct {
	Seq      uint64        // 1 for the first build of this server
	Changed  int           // distinct paths changed since the previous build
	Debounce time.Duration // from the first change to the start of the build
	Elapsed  time.Duration // from the start of the build to the new site being served
	Summary  *site.Summary
	Err      error // the build failed; the previous site is still served
}

// Server serves the last good build of a site and rebuilds it on demand.
type Server struct {
	opts    Options
	builder *site.Builder
	nonce   string // tells builds of different server processes apart

	buildMu sync.Mutex // serialises builds
	seq     uint64     // guarded by buildMu

	cur atomic.Pointer[served]

	// The live-reload state, watched by the event streams.
	mu      sync.Mutex
	buildID string
	errMsg  string
	errSeq  uint64
	wake    chan struct{} // closed and replaced when the state changes
	closed  chan struct{}
	once    sync.Once
	// contentDir is the content folder of the last configuration read,
	// for the watcher.
	contentDir string
}

// served is one successful build as it is served.
type served struct {
	mem     *site.Memory
	base    string // the base path decoded, "/archive/" or "/", to match request paths
	baseURL string // the same, escaped, for redirects and links
	id      string
}

// New returns a Server that has not built yet: call Rebuild.
func New(opts Options) *Server {
	if opts.Debounce <= 0 {
		opts.Debounce = 75 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = time.Second
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return &Server{
		opts:    opts,
		builder: site.NewBuilder(),
		nonce:   strconv.FormatInt(time.Now().UnixNano(), 36),
		wake:    make(chan struct{}),
		closed:  make(chan struct{}),
	}
}

// Rebuild builds the site now and, when the build succeeds, serves it and
// tells the browsers to reload; when it fails, the last good site stays
// and the browsers show the error. changed and debounce only go into the
// report.
func (s *Server) Rebuild(changed int, debounce time.Duration) Report {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	s.seq++
	rep := Report{Seq: s.seq, Changed: changed, Debounce: debounce}
	start := time.Now()
	cfg, err := s.opts.LoadConfig()
	if err != nil {
		rep.Err = err
	} else {
		s.mu.Lock()
		s.contentDir = cfg.ContentDir
		s.mu.Unlock()
		var mem *site.Memory
		mem, rep.Summary, err = s.builder.Build(site.Options{
			Root: s.opts.Root, Config: cfg, Drafts: s.opts.Drafts, LiveReload: true, Workers: s.opts.Workers,
		})
		if err != nil {
			rep.Err = err
		} else if mem == nil {
			rep.Err = errors.New("build: no site")
		} else {
			id := s.nonce + "." + strconv.FormatUint(s.seq, 10)
			esc := cfg.BasePath()
			base, uerr := url.PathUnescape(esc)
			if uerr != nil {
				base = esc
			}
			s.cur.Store(&served{mem: mem, base: base, baseURL: esc, id: id})
			s.publish(id, "")
		}
	}
	rep.Elapsed = time.Since(start)
	if rep.Err != nil {
		s.publish("", rep.Err.Error())
	}
	s.logReport(rep)
	if s.opts.OnBuild != nil {
		s.opts.OnBuild(rep)
	}
	return rep
}

func (s *Server) logReport(r Report) {
	if r.Err != nil {
		fmt.Fprintf(s.opts.Log, "build %d failed (%d changed, debounce %d ms, build %d ms), still serving the last good site:\n  %v\n",
			r.Seq, r.Changed, r.Debounce.Milliseconds(), r.Elapsed.Milliseconds(), r.Err)
		return
	}
	var warn string
	if r.Summary != nil && len(r.Summary.Warnings) > 0 {
		warn = fmt.Sprintf(", %d warnings", len(r.Summary.Warnings))
	}
	fmt.Fprintf(s.opts.Log, "build %d: %d changed, debounce %d ms, build %d ms%s\n",
		r.Seq, r.Changed, r.Debounce.Milliseconds(), r.Elapsed.Milliseconds(), warn)
}

// publish records a build's outcome for the event streams: a new build id
// means reload, a message means the last build failed.
func (s *Server) publish(id, errMsg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id != "" {
		s.buildID = id
	}
	s.errMsg = errMsg
	if errMsg != "" {
		s.errSeq++
	}
	close(s.wake)
	s.wake = make(chan struct{})
}

// liveState is what an event stream compares to what it last sent.
type liveState struct {
	build  string
	errMsg string
	errSeq uint64
}

func (s *Server) snapshot() (liveState, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return liveState{build: s.buildID, errMsg: s.errMsg, errSeq: s.errSeq}, s.wake
}

// Current is the site being served; nil before the first good build.
func (s *Server) Current() *site.Memory {
	if c := s.cur.Load(); c != nil {
		return c.mem
	}
	return nil
}

// LastError is the error of the last build, nil when it succeeded.
func (s *Server) LastError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.errMsg == "" {
		return nil
	}
	return errors.New(s.errMsg)
}

// Close ends the event streams, so that an http.Server can shut down.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closed) })
}
