package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// These tests talk raw TCP to the server as a hostile client would: no
// net/http client cleaning the request first.

// TestHTTPServerLimits pins the limits a server on a shared network needs.
func TestHTTPServerLimits(t *testing.T) {
	srv := HTTPServer(http.NotFoundHandler())
	switch {
	case srv.ReadHeaderTimeout <= 0 || srv.ReadHeaderTimeout > 10*time.Second:
		t.Errorf("ReadHeaderTimeout = %v", srv.ReadHeaderTimeout)
	case srv.ReadTimeout <= 0:
		t.Errorf("ReadTimeout = %v", srv.ReadTimeout)
	case srv.WriteTimeout <= 0:
		t.Errorf("WriteTimeout = %v", srv.WriteTimeout)
	case srv.IdleTimeout <= 0:
		t.Errorf("IdleTimeout = %v", srv.IdleTimeout)
	case srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 1<<20:
		t.Errorf("MaxHeaderBytes = %d", srv.MaxHeaderBytes)
	}
}

// serveRaw runs s.Serve on a loopback port and returns its address.
func serveRaw(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return ln.Addr().String()
}

// rawRequest sends req as it is and returns the status line and body.
func rawRequest(t *testing.T, addr, req string) (status, body string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(c)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatalf("%q: %v", req, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.Status, string(b)
}

func TestRawTraversal(t *testing.T) {
	s := fixedServer("/")
	// The memory site stores any key; no request may reach this one.
	if err := s.Current().WriteFile("secret/../x", []byte("never")); err != nil {
		t.Fatal(err)
	}
	addr := serveRaw(t, s)
	for _, target := range []string{
		"/../../../../etc/passwd",
		"/people/../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
		"/people%2f..%2f..%2fetc%2fpasswd",
		"/people/%2e%2e/index.html",
		"/..%5c..%5cetc%5cpasswd",
		"/secret/../x",
		"/secret/%2e%2e/x",
		"//etc/passwd",
		"/./index.html",
		"/people/./",
		"/%00",
		"/index.html%00.txt",
		"http://127.0.0.1/../../etc/passwd",
		"http://evil.example/%2e%2e/etc/passwd",
		"/etc/passwd",
	} {
		status, body := rawRequest(t, addr, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
		if !strings.HasPrefix(status, "404") && !strings.HasPrefix(status, "400") {
			t.Errorf("GET %s: %s, want 404 (or 400)", target, status)
		}
		if strings.Contains(body, "root:") || strings.Contains(body, "never") {
			t.Errorf("GET %s: served a file outside the site", target)
		}
	}
	// The plain spellings still work.
	if status, _ := rawRequest(t, addr, "GET /people/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); !strings.HasPrefix(status, "200") {
		t.Errorf("GET /people/: %s", status)
	}
}

func TestRawMethods(t *testing.T) {
	addr := serveRaw(t, fixedServer("/"))
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "FOO"} {
		status, _ := rawRequest(t, addr, m+" /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		if !strings.HasPrefix(status, "405") {
			t.Errorf("%s: %s, want 405", m, status)
		}
	}
	status, _ := rawRequest(t, addr, "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n")
	if strings.HasPrefix(status, "2") {
		t.Errorf("CONNECT: %s", status)
	}
	for _, m := range []string{"GET", "HEAD"} {
		if status, _ := rawRequest(t, addr, m+" /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); !strings.HasPrefix(status, "200") {
			t.Errorf("%s: %s, want 200", m, status)
		}
	}
}

func TestRawOversizedHeader(t *testing.T) {
	addr := serveRaw(t, fixedServer("/"))
	big := strings.Repeat("a", 2<<20)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	go io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: "+big+"\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		// A reset before the response is also a refusal.
		return
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("2 MB header: %s, want 431", resp.Status)
	}
}

// TestSlowHeaderCutOff: a client that sends its header a byte at a time
// (slowloris) is disconnected once ReadHeaderTimeout has passed. By default
// the server's timeout is shortened so the test is quick; with
// STORYGEN_HEAVY=1 the real server with its real timeout is used.
func TestSlowHeaderCutOff(t *testing.T) {
	s := fixedServer("/")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := HTTPServer(s.Handler())
	limit := srv.ReadHeaderTimeout
	if os.Getenv("STORYGEN_HEAVY") == "" {
		limit = 300 * time.Millisecond
		srv.ReadHeaderTimeout = limit
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The bound below is only there so a broken server fails the test
	// instead of hanging it.
	give := time.Now().Add(limit*4 + 10*time.Second)
	c.SetDeadline(give)
	closed := make(chan error, 1)
	go func() {
		b := make([]byte, 512)
		n, err := c.Read(b)
		if n > 0 && strings.Contains(string(b[:n]), " 200 ") {
			err = fmt.Errorf("server answered a request whose header never ended: %q", b[:n])
		}
		closed <- err
	}()
	header := "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("z", 1000)
	sent := 0
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-closed:
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("server kept a slow header open far past ReadHeaderTimeout %v", limit)
			}
			if err != nil && !errors.Is(err, io.EOF) && !isReset(err) {
				t.Fatal(err)
			}
			t.Logf("cut off after %d header bytes (ReadHeaderTimeout %v)", sent, limit)
			return
		case <-tick.C:
			if sent < len(header) {
				if _, err := c.Write([]byte{header[sent]}); err == nil {
					sent++
				}
			}
		}
	}
}

func isReset(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "connection reset") || strings.Contains(err.Error(), "broken pipe"))
}
