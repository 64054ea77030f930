// Package resolve decides identity across the whole archive: which mentions,
// in which stories, are the same person, place or organisation, and under
// which id. It works from the compact table of mentions that extraction
// produced (no story text), so it is cheap enough to rerun on every rebuild.
//
// Rules, in order: the editor's annotations (ignore, aliases, kind, id,
// merge) win; a full name gets the id derived from it; a short form left
// unresolved within its story ("Mr Kim", "Trump") is linked archive-wide only
// when exactly one known full name fits it, and that rule is reported so the
// editor can pin it; otherwise it stays unlinked. The result depends on the
// set of documents, never on their order.
package resolve

import (
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/storygen/storygen/internal/annotate"
	"github.com/storygen/storygen/internal/extract"
	"github.com/storygen/storygen/internal/gazetteer"
	"github.com/storygen/storygen/internal/story"
)

// Doc is one story's extraction result; Resolve sets Mention.ID in place and
// removes ignored mentions.
type Doc struct {
	Path   string
	Date   time.Time
	Result *extract.Result
}

// Entity is one canonical person, place or organisation.
type Entity struct {
	Kind        extract.Kind
	ID          string
	Name        string
	Aliases     []string
	Description string
	Links       []string
	Mentions    int
	Stories     int
	Annotated   bool
}

// Redirect records an id that a merge retired.
type Redirect struct {
	Kind     extract.Kind
	From, To string
}

// Rule is an archive-wide decision: a short form linked to the only full name
// that fits it.
type Rule struct {
	Kind  extract.Kind
	Short string // the short form as written, titles stripped ("Trump")
	ID    string
	Count int
}

// Example locates one mention.
type Example struct {
	Path       string
	Start, End int
}

// Unlinked is a short form left without an id, with the ids it could be.
type Unlinked struct {
	Kind       extract.Kind
	Text       string
	Count      int
	Candidates []string
	Examples   []Example // up to three
}

// Conflict is a name seen as different kinds.
type Conflict struct {
	Name  string
	Kinds map[string]int // kind → mentions
}

// LookAlike is a pair of ids that may be one entity.
type LookAlike struct {
	Kind extract.Kind
	A, B string
	Why  string
}

// Index is the archive's identity table and what the editor should review.
type Index struct {
	Entities  []Entity // by kind, then id
	Redirects []Redirect
	Rules     []Rule
	Unlinked  []Unlinked
	Conflicts []Conflict
	LookAlike []LookAlike
}

type key struct {
	kind extract.Kind
	id   string
}

// Resolve assigns archive-wide ids. ann may be nil.
func Resolve(docs []Doc, ann *annotate.Set) *Index {
	sorted := make([]Doc, len(docs))
	copy(sorted, docs)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })

	r := newResolver(ann)
	voteKinds(sorted)
	// apply reads only the annotations and writes only its own story: the
	// stories are shared among the cores.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(sorted); i += workers {
				if sorted[i].Result != nil {
					r.apply(sorted[i].Result)
				}
			}
		}()
	}
	wg.Wait()
	r.indexFullNames(sorted)
	r.linkShortForms(sorted)
	r.linkAcronyms(sorted)
	r.merge(sorted)
	return r.index(sorted)
}

// voteKinds gives a mention whose kind its story chose by default (no
// evidence) the kind the rest of the archive gives the same name with
// evidence ("Ryanair" an organisation here because "airline Ryanair" there).
func voteKinds(docs []Doc) {
	votes := map[extract.Str]*[4]int{}
	for _, d := range docs {
		if d.Result == nil {
			continue
		}
		for i := range d.Result.Mentions {
			m := &d.Result.Mentions[i]
			if m.Weak || m.Kind == 0 || m.Kind > extract.Organisation {
				continue
			}
			v := votes[m.Bare]
			if v == nil {
				v = new([4]int)
				votes[m.Bare] = v
			}
			v[m.Kind]++
		}
	}
	for _, d := range docs {
		if d.Result == nil {
			continue
		}
		for i := range d.Result.Mentions {
			m := &d.Result.Mentions[i]
			v := votes[m.Bare]
			if !m.Weak || v == nil {
				continue
			}
			best, bestN := m.Kind, 0
			for k := extract.Person; k <= extract.Organisation; k++ {
				if v[k] > bestN {
					best, bestN = k, v[k]
				}
			}
			m.Kind = best
		}
	}
}

type pin struct {
	kind extract.Kind
	name extract.Str
	id   extract.Str
}

type resolver struct {
	ann     *annotate.Set
	aliases map[string]pin
	ignore  map[string][]extract.Kind // text → kinds (0 = any)
	// byToken maps a name token to the full person names (ids) that contain it.
	byToken map[string][]string
	idName  map[key]string
	rules   map[key]map[string]int // (kind, id) → short form → count
	unl     map[string]*Unlinked   // text → record
}

func newResolver(ann *annotate.Set) *resolver {
	r := &resolver{ann: ann, aliases: map[string]pin{}, ignore: map[string][]extract.Kind{},
		byToken: map[string][]string{}, idName: map[key]string{}, rules: map[key]map[string]int{}, unl: map[string]*Unlinked{}}
	if ann == nil {
		return r
	}
	cp := *ann // ids are adjusted below; the caller's set stays as it was
	cp.Entries = append([]annotate.Entry(nil), ann.Entries...)
	ann = &cp
	r.ann = ann
	for _, ig := range ann.Ignores {
		r.ignore[ig.Text] = append(r.ignore[ig.Text], ig.Kind)
	}
	for i, e := range ann.Entries {
		if e.ID == story.Slugify(e.Name) {
			// derived, not pinned: the same id the machine gives the name
			ann.Entries[i].ID = ID(e.Kind, e.Name)
			e.ID = ann.Entries[i].ID
		}
		p := pin{kind: e.Kind, name: extract.Intern(e.Name), id: extract.Intern(e.ID)}
		r.aliases[e.Name] = p
		for _, a := range e.Aliases {
			if a = strings.TrimSpace(a); a != "" {
				r.aliases[a] = p
			}
		}
	}
	return r
}

func (r *resolver) ignored(m *extract.Mention) bool {
	if len(r.ignore) == 0 {
		return false
	}
	for _, t := range [...]extract.Str{m.Text, m.Name, m.Bare} {
		if t.IsZero() {
			continue
		}
		for _, k := range r.ignore[t.String()] {
			if k == 0 || k == m.Kind {
				return true
			}
		}
	}
	return false
}

// apply drops ignored mentions, applies aliases and gives full names their ids.
func (r *resolver) apply(res *extract.Result) {
	keep := res.Mentions[:0]
	remap := make([]int, len(res.Mentions))
	for i := range res.Mentions {
		m := res.Mentions[i]
		m.ID = extract.Str{}
		if m.Kind == 0 || r.ignored(&m) {
			remap[i] = -1
			continue
		}
		if len(r.aliases) > 0 {
			if p, ok := r.aliases[m.Text.String()]; ok {
				m.Kind, m.Name, m.ID = p.kind, p.name, p.id
			} else if p, ok := r.aliases[m.Name.String()]; ok && !m.Name.IsZero() {
				m.Kind, m.Name, m.ID = p.kind, p.name, p.id
			} else if p, ok := r.aliases[bare(&m)]; ok && m.Name.IsZero() && p.kind == m.Kind {
				m.Name, m.ID = p.name, p.id
			}
		}
		if m.ID.IsZero() {
			name := m.Name
			if name.IsZero() && !(m.Kind == extract.Person && m.Short) {
				name = m.Text
				if m.Kind != extract.Person {
					t := name.String()
					if u := strings.TrimPrefix(strings.TrimPrefix(t, "the "), "The "); u != t {
						name = extract.Intern(u)
					}
				}
			}
			if !name.IsZero() {
				m.Name = name
				m.ID = extract.Intern(ID(m.Kind, name.String()))
			}
		}
		remap[i] = len(keep)
		keep = append(keep, m)
	}
	res.Mentions = keep
	for i := range res.Quotes {
		if s := res.Quotes[i].Speaker; s >= 0 && s < len(remap) {
			res.Quotes[i].Speaker = remap[s]
		}
	}
}

// indexFullNames records, for every multi-word person name, its tokens.
func (r *resolver) indexFullNames(docs []Doc) {
	seen := map[extract.Str]bool{}
	for _, d := range docs {
		if d.Result == nil {
			continue
		}
		for _, m := range d.Result.Mentions {
			if m.ID.IsZero() || m.Kind != extract.Person || seen[m.ID] {
				continue
			}
			seen[m.ID] = true
			toks := strings.Fields(m.Name.String())
			if len(toks) < 2 {
				continue
			}
			id := m.ID.String()
			for _, t := range []string{toks[0], toks[len(toks)-1]} {
				r.byToken[t] = appendUnique(r.byToken[t], id)
			}
			r.idName[key{extract.Person, id}] = toks[0]
		}
	}
	for t := range r.byToken {
		sort.Strings(r.byToken[t])
	}
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// sameGender keeps the ids whose given name fits the gender of the
// honorific the mention starts with ("Mr Trump" is not Melania Trump); it
// returns ids itself when nothing is filtered.
func (r *resolver) sameGender(text string, ids []string) []string {
	var wantMale bool
	h, _, _ := strings.Cut(text, " ")
	switch h {
	case "Mr", "Mr.", "Sir", "Lord", "Monsieur", "Herr", "Señor":
		wantMale = true
	case "Ms", "Ms.", "Mrs", "Mrs.", "Miss", "Dame", "Lady", "Madam", "Madame", "Mme", "Mme.", "Mlle", "Frau", "Señora":
	default:
		return ids
	}
	var out []string
	for i, id := range ids {
		male, female := gazetteer.GivenNameGender(r.idName[key{extract.Person, id}])
		if wantMale && female || !wantMale && male {
			if out == nil {
				out = append([]string{}, ids[:i]...)
			}
			continue
		}
		if out != nil {
			out = append(out, id)
		}
	}
	if out == nil {
		return ids
	}
	return out
}

// linkShortForms links short person mentions that their story could not
// resolve, when exactly one full name in the archive fits.
func (r *resolver) linkShortForms(docs []Doc) {
	for _, d := range docs {
		if d.Result == nil {
			continue
		}
		for i := range d.Result.Mentions {
			m := &d.Result.Mentions[i]
			if !m.ID.IsZero() || m.Kind != extract.Person {
				continue
			}
			short := bare(m)
			text := m.Text.String()
			cands := r.sameGender(text, r.byToken[short])
			if len(cands) == 1 && !m.Ambiguous {
				m.ID = extract.Intern(cands[0])
				k := key{extract.Person, cands[0]}
				if r.rules[k] == nil {
					r.rules[k] = map[string]int{}
				}
				r.rules[k][short]++
				continue
			}
			u := r.unl[text]
			if u == nil {
				u = &Unlinked{Kind: m.Kind, Text: text, Candidates: cands}
				r.unl[text] = u
			}
			u.Count++
			if len(u.Examples) < 3 {
				u.Examples = append(u.Examples, Example{Path: d.Path, Start: int(m.Start), End: int(m.End)})
			}
		}
	}
}

// linkAcronyms gives an organisation's acronym, written alone in a story
// that never spells it out ("USAF"), the id of the one full name that other
// stories tie it to ("United States Air Force (USAF)"); an acronym tied to
// two names stays as it is. Each link is reported as a rule.
func (r *resolver) linkAcronyms(docs []Doc) {
	type full struct{ id, name extract.Str }
	var byAcr map[extract.Str][]full
	for _, d := range docs {
		if d.Result == nil {
			continue
		}
		for _, m := range d.Result.Mentions {
			if m.Kind != extract.Organisation || !m.Short || m.ID.IsZero() || !acronym(m.Bare.String()) {
				continue
			}
			if m.ID.String() == ID(extract.Organisation, m.Bare.String()) {
				continue
			}
			if byAcr == nil {
				byAcr = map[extract.Str][]full{}
			}
			l := byAcr[m.Bare]
			dup := false
			for _, f := range l {
				dup = dup || f.id == m.ID
			}
			if !dup {
				byAcr[m.Bare] = append(l, full{m.ID, m.Name})
			}
		}
	}
	if byAcr == nil {
		return
	}
	for _, d := range docs {
		if d.Result == nil {
			continue
		}
		for i := range d.Result.Mentions {
			m := &d.Result.Mentions[i]
			b := m.Bare.String()
			if m.Kind != extract.Organisation || m.Short || !acronym(b) {
				continue
			}
			l := byAcr[m.Bare]
			if len(l) != 1 || m.ID.String() != ID(extract.Organisation, b) {
				continue
			}
			if _, pinned := r.aliases[b]; pinned {
				continue
			}
			m.ID, m.Name, m.Short = l[0].id, l[0].name, true
			k := key{extract.Organisation, m.ID.String()}
			if r.rules[k] == nil {
				r.rules[k] = map[string]int{}
			}
			r.rules[k][b]++
		}
	}
}

// acronym reports a word of two to six capital letters ("USAF", "SIA").
func acronym(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// merge applies the editor's merges, following chains.
func (r *resolver) merge(docs []Doc) {
	if r.ann == nil || len(r.ann.Merges) == 0 {
		return
	}
	to := map[key]string{}
	for _, m := range r.ann.Merges {
		to[key{m.Kind, m.From}] = m.To
	}
	final := func(k key) string {
		id := k.id
		for n := 0; n < len(to)+1; n++ {
			next, ok := to[key{k.kind, id}]
			if !ok {
				break
			}
			id = next
		}
		return id
	}
	for _, d := range docs {
		if d.Result == nil {
			continue
		}
		for i := range d.Result.Mentions {
			m := &d.Result.Mentions[i]
			if !m.ID.IsZero() {
				if f := final(key{m.Kind, m.ID.String()}); f != m.ID.String() {
					m.ID = extract.Intern(f)
				}
			}
		}
	}
}

func (r *resolver) index(docs []Doc) *Index {
	type acc struct {
		names   map[string]int
		count   int
		stories int
	}
	accs := map[key]*acc{}
	// Kinds are counted per name as written, then folded to lower case per
	// distinct name: lower-casing every mention would allocate for each.
	type nameKind struct {
		name extract.Str
		kind extract.Kind
	}
	byName := map[nameKind]int{}
	inDoc := map[key]bool{}
	for _, d := range docs {
		if d.Result == nil {
			continue
		}
		clear(inDoc)
		for _, m := range d.Result.Mentions {
			if !m.Name.IsZero() {
				byName[nameKind{m.Name, m.Kind}]++
			}
			if m.ID.IsZero() {
				continue
			}
			k := key{m.Kind, m.ID.String()}
			a := accs[k]
			if a == nil {
				a = &acc{names: map[string]int{}}
				accs[k] = a
			}
			a.count++
			if !m.Name.IsZero() && !m.Short {
				a.names[m.Name.String()]++
			} else if !m.Name.IsZero() {
				a.names[m.Name.String()] += 0
			}
			if !inDoc[k] {
				inDoc[k] = true
				a.stories++
			}
		}
	}
	kindsByName := map[string]map[extract.Kind]int{}
	for nk, n := range byName {
		lk := strings.ToLower(nk.name.String())
		if kindsByName[lk] == nil {
			kindsByName[lk] = map[extract.Kind]int{}
		}
		kindsByName[lk][nk.kind] += n
	}
	ix := &Index{}
	annotated := map[key]annotate.Entry{}
	if r.ann != nil {
		for _, e := range r.ann.Entries {
			annotated[key{e.Kind, e.ID}] = e
			if accs[key{e.Kind, e.ID}] == nil {
				accs[key{e.Kind, e.ID}] = &acc{names: map[string]int{}}
			}
		}
		for _, m := range r.ann.Merges {
			ix.Redirects = append(ix.Redirects, Redirect{Kind: m.Kind, From: m.From, To: m.To})
			delete(accs, key{m.Kind, m.From})
		}
	}
	for k, a := range accs {
		e := Entity{Kind: k.kind, ID: k.id, Mentions: a.count, Stories: a.stories}
		if an, ok := annotated[k]; ok {
			e.Name, e.Aliases, e.Description, e.Links, e.Annotated = an.Name, an.Aliases, an.Description, an.Links, true
		} else {
			e.Name = bestName(a.names, k.id)
		}
		ix.Entities = append(ix.Entities, e)
	}
	sort.Slice(ix.Entities, func(i, j int) bool {
		if ix.Entities[i].Kind != ix.Entities[j].Kind {
			return ix.Entities[i].Kind < ix.Entities[j].Kind
		}
		return ix.Entities[i].ID < ix.Entities[j].ID
	})
	for k, shorts := range r.rules {
		for s, n := range shorts {
			ix.Rules = append(ix.Rules, Rule{Kind: k.kind, Short: s, ID: k.id, Count: n})
		}
	}
	sort.Slice(ix.Rules, func(i, j int) bool {
		if ix.Rules[i].Count != ix.Rules[j].Count {
			return ix.Rules[i].Count > ix.Rules[j].Count
		}
		return ix.Rules[i].Short < ix.Rules[j].Short
	})
	for _, u := range r.unl {
		ix.Unlinked = append(ix.Unlinked, *u)
	}
	sort.Slice(ix.Unlinked, func(i, j int) bool {
		if ix.Unlinked[i].Count != ix.Unlinked[j].Count {
			return ix.Unlinked[i].Count > ix.Unlinked[j].Count
		}
		return ix.Unlinked[i].Text < ix.Unlinked[j].Text
	})
	for name, kinds := range kindsByName {
		if len(kinds) < 2 {
			continue
		}
		c := Conflict{Name: name, Kinds: map[string]int{}}
		for k, n := range kinds {
			c.Kinds[k.String()] = n
		}
		ix.Conflicts = append(ix.Conflicts, c)
	}
	sort.Slice(ix.Conflicts, func(i, j int) bool { return ix.Conflicts[i].Name < ix.Conflicts[j].Name })
	ix.LookAlike = lookAlikes(ix.Entities)
	return ix
}

// bestName is the most frequent full form, then the longest, then the first
// in byte order: a total order, so the same archive always shows the same name.
func bestName(names map[string]int, id string) string {
	best, bestN := "", -1
	for n, c := range names {
		if c > bestN || c == bestN && (len(n) > len(best) || len(n) == len(best) && n < best) {
			best, bestN = n, c
		}
	}
	if best == "" {
		return id
	}
	return best
}

// lookAlikes finds ids that may name one entity: people with the same last
// name whose first names are a prefix of one another ("tom-reyes",
// "tomas-reyes"), and any ids where one is the other plus words
// ("apple", "apple-inc").
func lookAlikes(es []Entity) []LookAlike {
	var out []LookAlike
	byLast := map[string][]string{}
	byKind := map[extract.Kind][]string{}
	for _, e := range es {
		byKind[e.Kind] = append(byKind[e.Kind], e.ID)
		if e.Kind == extract.Person {
			parts := strings.Split(e.ID, "-")
			if len(parts) >= 2 {
				last := parts[len(parts)-1]
				byLast[last] = append(byLast[last], e.ID)
			}
		}
	}
	lasts := make([]string, 0, len(byLast))
	for l := range byLast {
		lasts = append(lasts, l)
	}
	sort.Strings(lasts)
	for _, l := range lasts {
		ids := byLast[l]
		for i := 0; i < len(ids); i++ {
			for j := i + 1; j < len(ids) && j < i+50; j++ {
				a, b := strings.Split(ids[i], "-")[0], strings.Split(ids[j], "-")[0]
				if a != b && (strings.HasPrefix(a, b) || strings.HasPrefix(b, a)) {
					out = append(out, LookAlike{Kind: extract.Person, A: ids[i], B: ids[j], Why: "same surname, first name a short form"})
				}
			}
		}
	}
	for _, k := range []extract.Kind{extract.Person, extract.Place, extract.Organisation} {
		ids := byKind[k] // sorted: a prefix sorts right before its extensions
		for i := 0; i+1 < len(ids); i++ {
			for j := i + 1; j < len(ids) && strings.HasPrefix(ids[j], ids[i]+"-"); j++ {
				out = append(out, LookAlike{Kind: k, A: ids[i], B: ids[j], Why: "one name extends the other"})
			}
		}
	}
	return out
}

// titles are words that precede a name but are not part of it.
var titles = map[string]bool{
	"Mr": true, "Mr.": true, "Mrs": true, "Mrs.": true, "Ms": true, "Ms.": true, "Miss": true, "Mx": true,
	"Dr": true, "Dr.": true, "Prof": true, "Prof.": true, "Professor": true, "Sir": true, "Dame": true,
	"Lord": true, "Lady": true, "President": true, "Senator": true, "Sen.": true, "Rep.": true,
	"Representative": true, "Secretary": true, "Minister": true, "Chairman": true, "Chairwoman": true,
	"Chair": true, "Judge": true, "Justice": true, "Governor": true, "Gov.": true, "General": true,
	"Gen.": true, "Colonel": true, "Col.": true, "Captain": true, "Capt.": true, "Mayor": true,
	"Councillor": true, "Commissioner": true, "Chief": true, "Prime": true, "Premier": true,
	"King": true, "Queen": true, "Prince": true, "Princess": true, "Pope": true, "Father": true,
	"Rev": true, "Rev.": true, "Reverend": true, "Bishop": true, "Ambassador": true, "Director": true,
	"Supt": true, "Inspector": true, "Sergeant": true, "Sgt": true, "Officer": true, "Coach": true,
	"Chancellor": true, "Vice": true, "Deputy": true, "Speaker": true, "Leader": true,
}

// bare is the mention's name without titles ("Pompeo" for "Mr Pompeo").
func bare(m *extract.Mention) string {
	if !m.Bare.IsZero() {
		return m.Bare.String()
	}
	return stripTitles(m.Text.String())
}

// stripTitles drops leading titles: "Mr Pompeo" → "Pompeo".
func stripTitles(s string) string {
	for {
		i := strings.IndexByte(s, ' ')
		if i < 0 || !titles[s[:i]] {
			return s
		}
		s = strings.TrimSpace(s[i+1:])
	}
}
