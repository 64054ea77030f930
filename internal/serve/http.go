package serve

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// internalDir is where serve's own files live, under the base path. The
// site builder reserves the name (the templates link {{.Root}}_storygen/reload.js).
const internalDir = "_storygen/"

//go:embed reload.js
var reloadJS []byte

// Handler serves the current site and the live-reload endpoints.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// HTTPServer is an http.Server for h with the timeouts a server on a
// network needs. The write timeout does not cut the event streams: they
// clear their own deadline.
func HTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// Serve serves on ln until ctx is done, then shuts down: event streams end
// first, then open requests get up to five seconds to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := HTTPServer(s.Handler())
	srv.RegisterOnShutdown(s.Close)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		s.Close()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.Close()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	cur := s.cur.Load()
	base, baseURL := "/", "/"
	if cur != nil {
		base, baseURL = cur.base, cur.baseURL
	}
	p, ok := requestPath(r.URL.Path, r.URL.EscapedPath())
	if !ok {
		s.notFound(w, r, cur)
		return
	}
	if p == "/" && base != "/" || p+"/" == base {
		redirect(w, r, baseURL, http.StatusFound)
		return
	}
	if !strings.HasPrefix(p, base) {
		s.notFound(w, r, cur)
		return
	}
	rel := p[len(base):]
	if strings.HasPrefix(rel, internalDir) {
		s.serveInternal(w, r, rel[len(internalDir):])
		return
	}
	if cur == nil {
		s.noSite(w, r, baseURL)
		return
	}
	h.Set("Server-Timing", `storygen;desc="`+cur.id+`"`)
	file := rel
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if data, ok := cur.mem.Files[file]; ok {
		writeFile(w, r, file, data, http.StatusOK)
		return
	}
	if !strings.HasSuffix(rel, "/") {
		if _, ok := cur.mem.Files[rel+"/index.html"]; ok {
			redirect(w, r, escapePath(p)+"/", http.StatusMovedPermanently)
			return
		}
	}
	s.notFound(w, r, cur)
}

// requestPath checks a request's path and returns it decoded. Anything a
// static host would not map to a file is refused: dot segments (encoded or
// not), encoded slashes and backslashes, empty segments ("//etc"), control
// characters.
func requestPath(decoded, escaped string) (string, bool) {
	if !strings.HasPrefix(decoded, "/") {
		return "", false
	}
	lower := strings.ToLower(escaped)
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") {
		return "", false
	}
	for i := 0; i < len(decoded); i++ {
		if c := decoded[i]; c < 0x20 || c == 0x7f || c == '\\' {
			return "", false
		}
	}
	segs := strings.Split(decoded[1:], "/")
	for i, seg := range segs {
		switch {
		case seg == "." || seg == "..":
			return "", false
		case seg == "" && i != len(segs)-1:
			return "", false
		}
	}
	return decoded, true
}

func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = urlPathEscape(s)
	}
	return strings.Join(segs, "/")
}

// urlPathEscape escapes one path segment.
func urlPathEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~!$&'()*+,;=:@", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func redirect(w http.ResponseWriter, r *http.Request, to string, code int) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", to)
	w.WriteHeader(code)
}

func writeFile(w http.ResponseWriter, r *http.Request, name string, data []byte, code int) {
	h := w.Header()
	h.Set("Content-Type", contentType(name, data))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// notFound answers with the site's own 404 page, as GitHub Pages does.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, cur *served) {
	if cur != nil {
		if data, ok := cur.mem.Files["404.html"]; ok {
			writeFile(w, r, "404.html", data, http.StatusNotFound)
			return
		}
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// noSite is the page served before the first good build: it loads the
// reload script, which shows the build error and reloads once a build
// succeeds.
func (s *Server) noSite(w http.ResponseWriter, r *http.Request, base string) {
	msg := "The site has not been built yet."
	if err := s.LastError(); err != nil {
		msg = "The build failed:\n\n" + err.Error()
	}
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>storygen: no site yet</title></head><body><pre>` +
		html.EscapeString(msg) + `</pre><script src="` + html.EscapeString(base+internalDir) + `reload.js"></script></body></html>`
	w.Header().Set("Cache-Control", "no-store")
	writeFile(w, r, "index.html", []byte(page), http.StatusServiceUnavailable)
}

func (s *Server) serveInternal(w http.ResponseWriter, r *http.Request, name string) {
	w.Header().Set("Cache-Control", "no-store")
	switch name {
	case "reload.js":
		writeFile(w, r, name, reloadJS, http.StatusOK)
	case "events":
		s.events(w, r)
	case "status":
		st, _ := s.snapshot()
		data, _ := json.Marshal(status{Build: st.build, Error: st.errMsg})
		writeFile(w, r, "status.json", append(data, '\n'), http.StatusOK)
	default:
		http.Error(w, "404 page not found", http.StatusNotFound)
	}
}

// status is what /_storygen/status and the event stream's hello report.
type status struct {
	Build string `json:"build"`
	Error string `json:"error,omitempty"`
}

// events is the server-sent event stream of one browser tab: "hello" with
// the current build and error on connecting, "reload" after each good
// build, "error" after each failed one.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	sent, wake := s.snapshot()
	var buf bytes.Buffer
	buf.WriteString("retry: 1000\n\n")
	writeEvent(&buf, "hello", status{Build: sent.build, Error: sent.errMsg})
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		if buf.Len() > 0 {
			if _, err := w.Write(buf.Bytes()); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
			buf.Reset()
		}
		select {
		case <-r.Context().Done():
			return
		case <-s.closed:
			return
		case <-ping.C:
			buf.WriteString(": ping\n\n")
		case <-wake:
			var st liveState
			st, wake = s.snapshot()
			if st.errSeq != sent.errSeq && st.errMsg != "" {
				writeEvent(&buf, "error", status{Build: st.build, Error: st.errMsg})
			}
			if st.build != sent.build {
				writeEvent(&buf, "reload", status{Build: st.build})
			}
			sent = st
		}
	}
}

// writeEvent writes one event; JSON keeps the data on one line.
func writeEvent(buf *bytes.Buffer, name string, v status) {
	data, _ := json.Marshal(v)
	buf.WriteString("event: ")
	buf.WriteString(name)
	buf.WriteString("\ndata: ")
	buf.Write(data)
	buf.WriteString("\n\n")
}

// contentTypes are fixed here rather than taken from the system's MIME
// tables, so every machine serves the same headers.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".pdf":         "application/pdf",
	".mp3":         "audio/mpeg",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".wasm":        "application/wasm",
	".zip":         "application/zip",
}

// contentType is the Content-Type of a file of the site. XML is told apart
// by its root element: feeds are Atom or RSS, the sitemap plain XML.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".xml" {
		head := data
		if len(head) > 512 {
			head = head[:512]
		}
		switch {
		case bytes.Contains(head, []byte("<feed")):
			return "application/atom+xml; charset=utf-8"
		case bytes.Contains(head, []byte("<rss")):
			return "application/rss+xml; charset=utf-8"
		}
		return "application/xml; charset=utf-8"
	}
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return "application/octet-stream"
}
