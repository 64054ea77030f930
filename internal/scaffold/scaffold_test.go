package scaffold

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	got, err := Site(dir)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	want := []string{".github/workflows/pages.yml", ".gitignore", "content/0001_first-story.txt", "content/entities.toml", "site.toml"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("wrote %v, want %v", got, want)
	}
	if _, err := Site(dir); err == nil {
		t.Error("a second scaffold into a non-empty folder must be refused")
	}
}

// The repository's own workflow and the one new sites get must not drift apart.
func TestWorkflowMatchesRepository(t *testing.T) {
	repo, err := os.ReadFile("../../.github/workflows/pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(repo, Workflow()) {
		t.Error(".github/workflows/pages.yml and internal/scaffold/files/.github/workflows/pages.yml differ")
	}
	for _, pin := range []string{"actions/configure-pages@v", "actions/upload-pages-artifact@v", "actions/deploy-pages@v", "--baseURL"} {
		if !bytes.Contains(repo, []byte(pin)) {
			t.Errorf("workflow lacks %s", pin)
		}
	}
}
