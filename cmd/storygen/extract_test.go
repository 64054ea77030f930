package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The offsets of storygen extract point into the file as stored, also
// for CRLF and BOM files.
func TestExtractOffsets(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt": " date 2018-05-31 Mike Pompeo met Kim Yong Chol in New York.\n\nMr Pompeo said “talks went well,” on Wednesday.",
		"b.txt": "\ufeff date 2018-05-31 Mike Pompeo flew to Singapore.\r\n\r\nMr Pompeo said: “It went well.”",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"extract", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got %d:\n%s", len(lines), out.String())
	}
	for _, ln := range lines {
		var js jsonStory
		if err := json.Unmarshal([]byte(ln), &js); err != nil {
			t.Fatal(err)
		}
		raw := files[filepath.Base(js.Path)]
		if js.Date != "2018-05-31" {
			t.Errorf("%s: date %q", js.Path, js.Date)
		}
		seen := map[string]string{}
		for _, e := range js.Entities {
			if got := raw[e.Start:e.End]; got != e.Text {
				t.Errorf("%s: entity %q at %d:%d reads %q in the file", js.Path, e.Text, e.Start, e.End, got)
			}
			seen[e.Text] = e.ID
		}
		if seen["Mr Pompeo"] != "mike-pompeo" {
			t.Errorf("%s: Mr Pompeo id %q", js.Path, seen["Mr Pompeo"])
		}
		for _, q := range js.Quotes {
			if q.Speaker != "mike-pompeo" {
				t.Errorf("%s: quote %q speaker %q", js.Path, q.Text, q.Speaker)
			}
		}
		for _, d := range js.Dates {
			if raw[d.Start:d.End] != d.Text {
				t.Errorf("%s: date %q at %d:%d", js.Path, d.Text, d.Start, d.End)
			}
		}
	}
}

func TestCheckReport(t *testing.T) {
	dir := t.TempDir()
	text := " date 2018-05-31 Kim Jong Un met Kim Yong Chol and Andrew Kim. Mr Kim said nothing."
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"check", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), `"Mr Kim" ×1`) || !strings.Contains(out.String(), "[Mr Kim]") {
		t.Errorf("report lacks the unlinked Mr Kim with context:\n%s", out.String())
	}
	out.Reset()
	if code := run([]string{"check", "--json", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rep checkReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Unlinked) != 1 || rep.Unlinked[0].Text != "Mr Kim" || len(rep.Unlinked[0].Examples) != 1 || rep.Unlinked[0].Examples[0].Line != 1 {
		t.Errorf("json report: %+v", rep.Unlinked)
	}
}
