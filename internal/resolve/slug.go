package resolve

import (
	"hash/fnv"
	"strconv"
	"strings"
	"sync"

	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/story"
)

// ID is the id of a canonical name of kind k: the slug of its core name
// ("Mike Pompeo" → "mike-pompeo", "Apple Inc." → "apple"). Titles never reach
// it (package extract strips them from names). A name with no Latin letters
// or digits gets a stable hash id.
func ID(k extract.Kind, name string) string {
	ck := idKey{k, name}
	if id, ok := idMemo.Load(ck); ok {
		return id.(string)
	}
	id := computeID(k, name)
	idMemo.Store(ck, id)
	return id
}

// idMemo memoises ID: it is pure, names repeat across mentions and stories, and
// serve resolves the whole archive on every change. It holds one entry per
// distinct name seen, as the archive's index does anyway.
var idMemo sync.Map // idKey → string

type idKey struct {
	k    extract.Kind
	name string
}

func computeID(k extract.Kind, name string) string {
	s := story.Slugify(extract.CoreName(k, name))
	if s == "" && strings.TrimSpace(name) != "" {
		h := fnv.New64a()
		h.Write([]byte(name))
		s = "x-" + strconv.FormatUint(h.Sum64(), 36)
	}
	return s
}
