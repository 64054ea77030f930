// Package browsertest drives a real headless Chromium from Go tests through
// the DevTools protocol, with no dependency beyond the standard library.
//
// Tests call Start; where no Chromium is installed it skips the test with a
// message, unless the environment variable CI is set, where a missing browser
// fails the test (CI must install it: Debian's "chromium").
package browsertest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// Timeout bounds every wait: a browser that never answers fails the test
// instead of hanging it. Not a performance assertion.
var Timeout = 20 * time.Second

// Flags are the Chromium flags that work in containers and CI.
var Flags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-dev-shm-usage", "--no-default-browser-check", "--mute-audio",
}

// Find returns the Chromium executable: $CHROMIUM, else the first of
// chromium, chromium-browser, google-chrome, google-chrome-stable on PATH.
func Find() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found (looked for $CHROMIUM, chromium, chromium-browser, google-chrome)")
}

// Browser is a running headless Chromium.
type Browser struct {
	cmd  *exec.Cmd
	conn *wsConn

	mu      sync.Mutex
	nextID  int64
	pending map[int64]chan reply
	pages   map[string]*Page // by session id
	closed  chan struct{}
	readErr error
}

type reply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

type message struct {
	ID        int64           `json:"id"`
	Method    string          `json:"method"`
	Params    json.RawMessage `json:"params"`
	SessionID string          `json:"sessionId"`
	reply
}

// Start launches Chromium for the test and stops it when the test ends.
func Start(t testing.TB) *Browser {
	t.Helper()
	path, err := Find()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser test: %v; CI is set, so a browser is required (apt-get install chromium)", err)
		}
		t.Skipf("browser test skipped: %v (install Debian's chromium to run it)", err)
	}
	args := append([]string{}, Flags...)
	args = append(args, "--remote-debugging-port=0", "--user-data-dir="+t.TempDir(), "about:blank")
	cmd := exec.Command(path, args...)
	setGroup(cmd)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	b := &Browser{cmd: cmd, pending: map[int64]chan reply{}, pages: map[string]*Page{}, closed: make(chan struct{})}
	t.Cleanup(b.stop)

	found := make(chan string, 1)
	var log strings.Builder
	var logMu sync.Mutex
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			if u, ok := wsURLFromLine(line); ok && !sent {
				found <- u
				sent = true
				continue
			}
			logMu.Lock()
			if log.Len() < 8192 {
				log.WriteString(line + "\n")
			}
			logMu.Unlock()
		}
		if !sent {
			close(found)
		}
	}()
	var wsURL string
	select {
	case u, ok := <-found:
		if !ok {
			logMu.Lock()
			defer logMu.Unlock()
			t.Fatalf("chromium exited without a DevTools endpoint:\n%s", log.String())
		}
		wsURL = u
	case <-time.After(Timeout):
		t.Fatalf("chromium gave no DevTools endpoint within %v", Timeout)
	}
	conn, err := dialWS(wsURL)
	if err != nil {
		t.Fatal(err)
	}
	b.conn = conn
	go b.readLoop()
	return b
}

func (b *Browser) stop() {
	if b.conn != nil {
		b.conn.Close()
	}
	killGroup(b.cmd)
	b.cmd.Wait()
}

func (b *Browser) readLoop() {
	defer close(b.closed)
	for {
		data, err := b.conn.ReadMessage()
		if err != nil {
			b.mu.Lock()
			b.readErr = err
			b.mu.Unlock()
			return
		}
		var m message
		if json.Unmarshal(data, &m) != nil {
			continue
		}
		if m.ID != 0 {
			b.mu.Lock()
			ch := b.pending[m.ID]
			delete(b.pending, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m.reply
			}
			continue
		}
		b.mu.Lock()
		p := b.pages[m.SessionID]
		b.mu.Unlock()
		if p != nil {
			p.event(m.Method, m.Params)
		}
	}
}

// call sends a DevTools command (to a page session when session is set) and
// decodes its result into out.
func (b *Browser) call(session, method string, params any, out any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan reply, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	req := map[string]any{"id": id, "method": method}
	if params != nil {
		req["params"] = params
	}
	if session != "" {
		req["sessionId"] = session
	}
	data, err := json.Marshal(req)
	if err != nil {
		return err
	}
	if err := b.conn.WriteText(data); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			return fmt.Errorf("%s: %s (%d)", method, r.Error.Message, r.Error.Code)
		}
		if out != nil && len(r.Result) > 0 {
			return json.Unmarshal(r.Result, out)
		}
		return nil
	case <-b.closed:
		return fmt.Errorf("%s: browser connection closed: %v", method, b.readErr)
	case <-time.After(Timeout):
		return fmt.Errorf("%s: no answer within %v", method, Timeout)
	}
}
