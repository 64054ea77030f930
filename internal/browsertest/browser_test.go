package browsertest

import (
	"io"
	"net"
	"net/http"
	"testing"
)

func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

func TestTypePressEval(t *testing.T) {
	b := Start(t)
	base := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/":
			io.WriteString(w, `<!doctype html><link rel="icon" href="data:,"><title>t</title><input id="q">
<script>
var keys = [];
document.getElementById('q').addEventListener('keydown', function (e) {
  keys.push(e.key);
  if (e.key === 'Enter') location.href = '/next/?q=' + encodeURIComponent(e.target.value);
});
</script>`)
		case "/next/":
			io.WriteString(w, `<!doctype html><link rel="icon" href="data:,"><title>next</title><h1>Next</h1>`)
		default:
			http.NotFound(w, r)
		}
	}))
	p := b.NewPage(t)
	if err := p.Navigate(base + "/"); err != nil {
		t.Fatal(err)
	}
	if err := p.Focus("#q"); err != nil {
		t.Fatal(err)
	}
	if err := p.Type("Zoë <b>"); err != nil {
		t.Fatal(err)
	}
	var v string
	if err := p.Eval(`document.getElementById('q').value`, &v); err != nil || v != "Zoë <b>" {
		t.Fatalf("value %q, %v", v, err)
	}
	if err := p.Press("ArrowDown"); err != nil {
		t.Fatal(err)
	}
	var keys []string
	if err := p.Eval(`keys`, &keys); err != nil {
		t.Fatal(err)
	}
	if len(keys) != 8 || keys[7] != "ArrowDown" {
		t.Errorf("keys seen by the page: %q", keys)
	}
	if err := p.Press("Enter"); err != nil {
		t.Fatal(err)
	}
	if err := p.WaitFor(`location.pathname === '/next/' && document.readyState === 'complete'`); err != nil {
		t.Fatal(err)
	}
	u, _ := p.URL()
	if want := base + "/next/?q=Zo%C3%AB%20%3Cb%3E"; u != want {
		t.Errorf("URL %s, want %s", u, want)
	}
	if err := p.Eval(`nosuchthing()`, nil); err == nil {
		t.Error("eval of a failing expression gave no error")
	}
	if errs := p.Errors(); len(errs) != 0 {
		t.Errorf("page errors: %q", errs)
	}
}
