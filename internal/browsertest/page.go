package browsertest

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// Page is one browser tab.
type Page struct {
	b       *Browser
	session string

	mu       sync.Mutex
	errors   []string
	requests []string
	loaded   chan struct{}
}

// NewPage opens a blank tab with page, runtime, log and network events on.
func (b *Browser) NewPage(t testing.TB) *Page {
	t.Helper()
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		t.Fatal(err)
	}
	var att struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att); err != nil {
		t.Fatal(err)
	}
	p := &Page{b: b, session: att.SessionID, loaded: make(chan struct{}, 64)}
	b.mu.Lock()
	b.pages[p.session] = p
	b.mu.Unlock()
	for _, domain := range []string{"Page", "Runtime", "Log", "Network"} {
		if err := p.call(domain+".enable", nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func (p *Page) call(method string, params, out any) error {
	return p.b.call(p.session, method, params, out)
}

func (p *Page) event(method string, params json.RawMessage) {
	switch method {
	case "Page.loadEventFired":
		select {
		case p.loaded <- struct{}{}:
		default:
		}
	case "Runtime.exceptionThrown":
		var e struct {
			ExceptionDetails struct {
				Text      string `json:"text"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		json.Unmarshal(params, &e)
		p.addError("exception: " + e.ExceptionDetails.Text + " " + e.ExceptionDetails.Exception.Description)
	case "Runtime.consoleAPICalled":
		var e struct {
			Type string `json:"type"`
			Args []struct {
				Value       any    `json:"value"`
				Description string `json:"description"`
			} `json:"args"`
		}
		json.Unmarshal(params, &e)
		if e.Type == "error" || e.Type == "assert" {
			var parts []string
			for _, a := range e.Args {
				if a.Value != nil {
					parts = append(parts, fmt.Sprint(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			p.addError("console." + e.Type + ": " + strings.Join(parts, " "))
		}
	case "Log.entryAdded":
		var e struct {
			Entry struct {
				Level string `json:"level"`
				Text  string `json:"text"`
				URL   string `json:"url"`
			} `json:"entry"`
		}
		json.Unmarshal(params, &e)
		if e.Entry.Level == "error" {
			p.addError("log: " + e.Entry.Text + " " + e.Entry.URL)
		}
	case "Network.requestWillBeSent":
		var e struct {
			Request struct {
				URL string `json:"url"`
			} `json:"request"`
		}
		json.Unmarshal(params, &e)
		p.mu.Lock()
		p.requests = append(p.requests, e.Request.URL)
		p.mu.Unlock()
	}
}

func (p *Page) addError(s string) {
	p.mu.Lock()
	p.errors = append(p.errors, strings.TrimSpace(s))
	p.mu.Unlock()
}

// Errors returns the page's uncaught exceptions, console errors and failed
// loads so far.
func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// Requests returns the URLs the page requested since the last call, and
// forgets them.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.requests
	p.requests = nil
	return r
}

// DisableCache makes every request reach the server, so a test sees what a
// first visit downloads.
func (p *Page) DisableCache() error {
	return p.call("Network.setCacheDisabled", map[string]any{"cacheDisabled": true}, nil)
}

// Navigate loads url and waits for its load event.
func (p *Page) Navigate(url string) error {
	for len(p.loaded) > 0 {
		<-p.loaded
	}
	var r struct {
		ErrorText string `json:"errorText"`
	}
	if err := p.call("Page.navigate", map[string]any{"url": url}, &r); err != nil {
		return err
	}
	if r.ErrorText != "" {
		return fmt.Errorf("navigate %s: %s", url, r.ErrorText)
	}
	select {
	case <-p.loaded:
		return nil
	case <-time.After(Timeout):
		return fmt.Errorf("navigate %s: no load event within %v", url, Timeout)
	}
}

// Eval evaluates a JavaScript expression (awaiting a promise) and decodes its
// value into out, which may be nil.
func (p *Page) Eval(expr string, out any) error {
	var r struct {
		Result struct {
			Type  string          `json:"type"`
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := p.call("Runtime.evaluate", map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true,
	}, &r)
	if err != nil {
		return err
	}
	if e := r.ExceptionDetails; e != nil {
		return fmt.Errorf("eval %q: %s %s", expr, e.Text, e.Exception.Description)
	}
	if out != nil && len(r.Result.Value) > 0 {
		return json.Unmarshal(r.Result.Value, out)
	}
	return nil
}

// WaitFor polls a JavaScript condition until it is true. Errors while the
// page navigates count as "not yet".
func (p *Page) WaitFor(cond string) error {
	deadline := time.Now().Add(Timeout)
	var last error
	for {
		var ok bool
		last = p.Eval("!!("+cond+")", &ok)
		if last == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if last != nil {
				return fmt.Errorf("waiting for %s: %w", cond, last)
			}
			return fmt.Errorf("waiting for %s: still false after %v", cond, Timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Focus focuses the first element matching a CSS selector.
func (p *Page) Focus(selector string) error {
	sel, _ := json.Marshal(selector)
	var ok bool
	if err := p.Eval("(function(e){if(!e)return false;e.focus();return document.activeElement===e})(document.querySelector("+string(sel)+"))", &ok); err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("focus %s: no such element or not focusable", selector)
	}
	return nil
}

// Type types text into the focused element, one key press per character,
// as a reader would.
func (p *Page) Type(text string) error {
	for _, r := range text {
		if err := p.TypeRune(r); err != nil {
			return err
		}
	}
	return nil
}

// TypeRune types one character.
func (p *Page) TypeRune(r rune) error {
	s := string(r)
	if err := p.call("Input.dispatchKeyEvent", map[string]any{
		"type": "keyDown", "key": s, "text": s, "unmodifiedText": s,
	}, nil); err != nil {
		return err
	}
	return p.call("Input.dispatchKeyEvent", map[string]any{"type": "keyUp", "key": s}, nil)
}

type namedKey struct {
	code string
	vk   int
	text string
}

var keys = map[string]namedKey{
	"Enter":      {"Enter", 13, "\r"},
	"Escape":     {"Escape", 27, ""},
	"Tab":        {"Tab", 9, ""},
	"Backspace":  {"Backspace", 8, ""},
	"ArrowUp":    {"ArrowUp", 38, ""},
	"ArrowDown":  {"ArrowDown", 40, ""},
	"ArrowLeft":  {"ArrowLeft", 37, ""},
	"ArrowRight": {"ArrowRight", 39, ""},
	"Home":       {"Home", 36, ""},
	"End":        {"End", 35, ""},
}

// Press presses and releases a named key: Enter, Escape, Tab, Backspace,
// ArrowUp, ArrowDown, ArrowLeft, ArrowRight, Home, End.
func (p *Page) Press(key string) error {
	k, ok := keys[key]
	if !ok {
		return fmt.Errorf("press: unknown key %q", key)
	}
	down := map[string]any{"type": "rawKeyDown", "key": key, "code": k.code,
		"windowsVirtualKeyCode": k.vk, "nativeVirtualKeyCode": k.vk}
	if k.text != "" {
		down["type"] = "keyDown"
		down["text"] = k.text
		down["unmodifiedText"] = k.text
	}
	if err := p.call("Input.dispatchKeyEvent", down, nil); err != nil {
		return err
	}
	return p.call("Input.dispatchKeyEvent", map[string]any{"type": "keyUp", "key": key, "code": k.code,
		"windowsVirtualKeyCode": k.vk, "nativeVirtualKeyCode": k.vk}, nil)
}

// URL returns the page's current location.
func (p *Page) URL() (string, error) {
	var u string
	err := p.Eval("location.href", &u)
	return u, err
}

// Screenshot returns a PNG of the page's viewport.
func (p *Page) Screenshot() ([]byte, error) {
	var r struct {
		Data []byte `json:"data"` // base64 in JSON, decoded by encoding/json
	}
	err := p.call("Page.captureScreenshot", map[string]any{"format": "png"}, &r)
	return r.Data, err
}

// SetViewport sets the page's size in CSS pixels.
func (p *Page) SetViewport(width, height int) error {
	return p.call("Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
	}, nil)
}

// Close closes the tab.
func (p *Page) Close() error {
	var target struct {
		TargetInfo struct {
			TargetID string `json:"targetId"`
		} `json:"targetInfo"`
	}
	if err := p.call("Target.getTargetInfo", nil, &target); err != nil {
		return err
	}
	return p.b.call("", "Target.closeTarget", map[string]any{"targetId": target.TargetInfo.TargetID}, nil)
}
