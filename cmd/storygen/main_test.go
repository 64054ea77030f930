package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for the storygen command: tests
// run os.Args[0] with STORYGEN_TEST_MAIN=1 to get a real process they can
// kill, without a separate go build.
func TestMain(m *testing.M) {
	if os.Getenv("STORYGEN_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// storygen returns a command running storygen with args in a subprocess.
func storygen(env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "STORYGEN_TEST_MAIN=1"), env...)
	return cmd
}

// runStorygen runs storygen to the end and fails the test on a non-zero exit.
func runStorygen(t testing.TB, env []string, args ...string) string {
	t.Helper()
	cmd := storygen(env, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("storygen %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

// tree is a folder's content: path → "f <sha256>" for files, "d" for
// folders, "l <target>" for links.
type tree map[string]string

func snapshot(t testing.TB, dir string) tree {
	t.Helper()
	tr := tree{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			tr[rel] = "l " + target
		case d.IsDir():
			tr[rel] = "d"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			tr[rel] = fmt.Sprintf("f %x", sha256.Sum256(data))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot %s: %v", dir, err)
	}
	return tr
}

// diff describes how two trees differ, "" when they are the same.
func (a tree) diff(b tree) string {
	var out []string
	for p, v := range a {
		if w, ok := b[p]; !ok {
			out = append(out, "only in first: "+p)
		} else if v != w {
			out = append(out, "differs: "+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, "only in second: "+p)
		}
	}
	sort.Strings(out)
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("… %d more", len(out)-20))
	}
	return strings.Join(out, "\n")
}

// The invented harbour world of the generated archives.
var (
	genFirst   = []string{"Anselm", "Brynja", "Casimir", "Dagny", "Emrys", "Fenella", "Gunnar", "Hesper", "Ivo", "Jorunn", "Kasper", "Liesel", "Lorcan", "Maelle", "Niall", "Ottilie", "Pavel", "Rosalind", "Stellan", "Theodora"}
	genLast    = []string{"Abernethy", "Brackwater", "Culloden", "Dunstaffe", "Eskvale", "Farrowby", "Greymantle", "Holloway", "Inchbrook", "Kettlewell", "Larkspur", "Marlowe", "Northcote", "Oakenshaw", "Quillfeather", "Ravensworth", "Thistlewood", "Vanstone"}
	genPlaces  = []string{"Kestrel Bay", "Marrowfield", "Lowbridge", "Ashcombe", "Tarnwick", "Glenmoray", "Saltmarsh Quay", "Port Calder"}
	genOrgs    = []string{"Kestrel Bay Ferry Company", "Marrowfield Town Council", "Tarnwick Water Board", "Ashcombe Chamber of Commerce", "Lowbridge Rowing Club"}
	genTopics  = []string{"a new ferry pier", "the flood barrier", "the harbour dredging", "a library extension", "the bus timetable", "the winter market", "a second bridge", "the fish auction"}
	genVerbs   = []string{"announced", "warned", "insisted", "confirmed", "admitted", "promised"}
	genWeekday = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	genMonths  = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// genStory is one generated story in the archive's format.
func genStory(rng *rand.Rand, i int) string {
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	y, m, d := 2016+rng.IntN(4), 1+rng.IntN(12), 1+rng.IntN(28)
	lead := pick(genFirst) + " " + pick(genLast)
	last := lead[strings.IndexByte(lead, ' ')+1:]
	var b strings.Builder
	fmt.Fprintf(&b, " date %04d-%02d-%02d %s of %s %s on %s that %s would be decided by %d %s. Story number %d.\n",
		y, m, d, lead, pick(genOrgs), pick(genVerbs), pick(genWeekday), pick(genTopics), 1+rng.IntN(28), pick(genMonths), i)
	for p := 0; p < 3+rng.IntN(5); p++ {
		b.WriteString("\n")
		other := pick(genFirst) + " " + pick(genLast)
		fmt.Fprintf(&b, "Speaking in %s, %s said %s had met %s last week to discuss %s. ", pick(genPlaces), last, lead, other, pick(genTopics))
		fmt.Fprintf(&b, "“We will not wait for %s,” %s said. The %s %s it would publish its plans in %s.\n",
			pick(genTopics), other, pick(genOrgs), pick(genVerbs), pick(genMonths))
	}
	if rng.IntN(4) == 0 {
		fmt.Fprintf(&b, "\n%s harbour Credit: %s\n", pick(genPlaces), lead)
	}
	return b.String()
}

// genArchive writes a site of n generated stories under root.
func genArchive(t testing.TB, root string, n int, seed uint64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	write := func(rel, s string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = \"Generated archive\"\nbaseURL = \"https://example.org/gen/\"\n")
	write("content/entities.toml", "[[place]]\nname = \"Port Calder\"\ndescription = \"The harbour city\"\n")
	for i := 0; i < n; i++ {
		write(fmt.Sprintf("content/%d/%05d.txt", i%10, i), genStory(rng, i))
	}
}
