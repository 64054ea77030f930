/* storygen search: queries the static index that internal/search writes under
   search/ (index.json, t/<key>.json term shards, s/<n>.json story titles),
   fetching only the shards a query needs. No dependencies, no external
   service. Every piece of data reaches the page as text, never as markup. */
(function () {
  'use strict';

  var script = document.currentScript;
  var input = document.getElementById('search-input');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!input || !list) return;

  // The site root: data-root is relative to the page ("../"); without it the
  // script's own URL (<root>/js/search.js) says where the root is.
  var rootAttr = script && script.getAttribute('data-root');
  var base = rootAttr ? new URL(rootAttr, location.href) : new URL('../', script ? script.src : location.href);

  var ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var DIGIT = {};
  for (var d = 0; d < ALPHABET.length; d++) DIGIT[ALPHABET.charAt(d)] = d;
  var KINDS = { person: 'Person', place: 'Place', organisation: 'Organisation' };
  var KIND_CLASS = { organisation: 'org' };
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December'];
  var MAX_ENTITIES = 6, PAGE = 10, VERSION = 1;

  var manifest = null, shards = {}, chunks = {};
  var gen = 0, timer = 0, selected = -1, options = [];
  var current = null; // the last rendered query: {q, hits, shown}
  var pendingOpen = false;

  function get(rel) {
    return fetch(new URL(rel, base).href).then(function (r) {
      if (!r.ok) throw new Error(rel + ': HTTP ' + r.status);
      return r.json();
    });
  }
  function loadManifest() {
    if (!manifest) {
      manifest = get('search/index.json').then(function (m) {
        if (m.v !== VERSION) throw new Error('search index version ' + m.v);
        m.stopSet = {};
        m.stop.forEach(function (w) { m.stopSet[w] = true; });
        return m;
      });
    }
    return manifest;
  }

  // Words in their search form, as the Go side makes them (internal/search).
  var EXTRA = { 'ł': 'l', 'ø': 'o', 'đ': 'd', 'ħ': 'h', 'ı': 'i', 'ŀ': 'l', 'þ': 'th', 'æ': 'ae', 'œ': 'oe', 'ß': 'ss' };
  function normalize(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase()
      .replace(/[łøđħıŀþæœß]/g, function (c) { return EXTRA[c]; })
      .split(/[^\p{L}\p{Nd}]+/u).filter(Boolean);
  }
  function runes(s) { return Array.from(s); }
  function prefix(s, n) { return runes(s).slice(0, n).join(''); }
  function fileName(key) {
    return runes(key).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : '_' + c.codePointAt(0).toString(16) + '-';
    }).join('');
  }
  function shard(key) {
    if (!shards[key]) {
      shards[key] = get('search/t/' + fileName(key) + '.json').then(function (s) {
        s.decoded = {};
        return s;
      });
    }
    return shards[key];
  }
  function chunk(n) {
    if (!chunks[n]) chunks[n] = get('search/s/' + n + '.json');
    return chunks[n];
  }
  // The shard holding the words that start with w, or null if none do.
  function nodeFor(m, w) {
    var key = prefix(w, 2), len = 2, n = runes(w).length;
    while (m.shards[key] === 1 && len < n) {
      len++;
      key = prefix(w, len);
    }
    return key in m.shards ? key : null;
  }

  // Postings: per story the gap from the previous id and a weight, numbers
  // in base 32 with a continuation bit (see internal/search).
  function decode(str) {
    var out = [], id = -1, n = 0;
    for (var i = 0; i < str.length; i++) {
      var v = DIGIT[str.charAt(i)];
      n = n * 32 + (v & 31);
      if (v >= 32) continue;
      id += n + 1;
      out.push(id, DIGIT[str.charAt(++i)]);
      n = 0;
    }
    return out;
  }
  // Stories containing w (or, for the last word, a word starting with w):
  // a map of story id to its best weight.
  function postings(s, w, isPrefix) {
    var best = new Map();
    Object.keys(s.t).forEach(function (term) {
      if (term !== w && !(isPrefix && term.lastIndexOf(w, 0) === 0)) return;
      var p = s.decoded[term] || (s.decoded[term] = decode(s.t[term]));
      for (var i = 0; i < p.length; i += 2) {
        if (!(best.get(p[i]) >= p[i + 1])) best.set(p[i], p[i + 1]);
      }
    });
    return best;
  }

  function matchEntities(cands, words) {
    var out = [];
    (cands || []).forEach(function (e) {
      var toks = normalize(e[0]), exact = true;
      for (var i = 0; i < words.length; i++) {
        var found = false, ex = false;
        for (var j = 0; j < toks.length; j++) {
          if (toks[j].lastIndexOf(words[i], 0) === 0) {
            found = true;
            if (toks[j] === words[i]) ex = true;
          }
        }
        if (!found) return;
        exact = exact && ex;
      }
      out.push({ e: e, exact: exact, order: out.length });
    });
    // Names that contain every word whole first, then by story count (the
    // index's order).
    out.sort(function (a, b) { return (b.exact - a.exact) || (a.order - b.order); });
    return out.slice(0, MAX_ENTITIES).map(function (x) { return x.e; });
  }

  function searchStories(m, words) {
    var lists = [], none = false;
    words.forEach(function (w, i) {
      var isLast = i === words.length - 1;
      if (runes(w).length < 2 || (!isLast && m.stopSet[w])) return;
      var key = nodeFor(m, w);
      if (key === null) none = true;
      else lists.push(shard(key).then(function (s) { return postings(s, w, isLast); }));
    });
    if (none || !lists.length) return Promise.resolve([]);
    return Promise.all(lists).then(function (ls) {
      ls.sort(function (a, b) { return a.size - b.size; });
      var hits = [];
      ls[0].forEach(function (weight, id) {
        var score = weight;
        for (var k = 1; k < ls.length; k++) {
          var x = ls[k].get(id);
          if (x === undefined) return;
          score += x;
        }
        hits.push([id, score]);
      });
      // Most weight first (title words count 16), then newest (lower id).
      hits.sort(function (a, b) { return (b[1] - a[1]) || (a[0] - b[0]); });
      return hits;
    });
  }

  function storyRefs(m, hits) {
    return Promise.all(hits.map(function (h) {
      return chunk(Math.floor(h[0] / m.chunk)).then(function (c) { return c[h[0] % m.chunk]; });
    }));
  }

  function run(q) {
    clearTimeout(timer);
    timer = 0;
    var my = ++gen;
    var words = normalize(q);
    if (!words.length) {
      current = null;
      render(q, [], [], 0);
      return Promise.resolve();
    }
    return loadManifest().then(function (m) {
      var last = words[words.length - 1], n = runes(last).length, ents;
      if (n === 1) ents = Promise.resolve(m.top[last] || []);
      else if (prefix(last, 2) in m.shards) ents = shard(prefix(last, 2)).then(function (s) { return s.e; });
      else ents = Promise.resolve([]);
      return Promise.all([ents, searchStories(m, words)]).then(function (r) {
        var found = matchEntities(r[0], words), hits = r[1];
        return storyRefs(m, hits.slice(0, PAGE)).then(function (refs) {
          if (my !== gen) return;
          current = { q: q, hits: hits, m: m };
          render(q, found, refs, hits.length);
        });
      });
    }).catch(function (err) {
      if (my !== gen) return;
      pendingOpen = false;
      say('Search is not available: ' + err.message);
    });
  }

  function say(text) { if (status) status.textContent = text; }

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined) x.textContent = text;
    return x;
  }
  function humanDate(iso) {
    var p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return p ? +p[3] + ' ' + MONTHS[+p[2] - 1] + ' ' + p[1] : '';
  }
  // Results reuse the theme's story list: a dateline over a title.
  function option(cls, label, link) {
    var li = el('li', 'story-item search-hit ' + cls);
    li.id = 'search-opt-' + options.length;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.appendChild(label);
    var title = el('p', 'story-item-title');
    title.appendChild(link);
    li.appendChild(title);
    options.push(li);
    return li;
  }
  // Index URLs are site-relative; anything that resolves to another
  // scheme (javascript:) is not followed.
  function href(rel) {
    var u = new URL(rel, base);
    return u.protocol === base.protocol ? u.href : '#';
  }
  function entityItem(e) {
    var a = el('a', '', e[0]);
    a.href = href(e[2]);
    var label = el('p', 'dateline', (KINDS[e[1]] || e[1]) + ' · ' + (e[3] === 1 ? '1 story' : e[3] + ' stories'));
    return option('search-entity kind-' + (KIND_CLASS[e[1]] || e[1]), label, a);
  }
  function storyItem(s) {
    var a = el('a', '', s[0]);
    a.href = href(s[1]);
    var label = el('p', 'dateline');
    if (s[2]) {
      var t = el('time', '', humanDate(s[2]));
      t.setAttribute('datetime', s[2]);
      label.appendChild(t);
    } else {
      label.textContent = 'Undated';
    }
    return option('search-story', label, a);
  }

  var more = el('button', 'search-more', 'More stories');
  more.type = 'button';
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);
  more.addEventListener('click', function () {
    var c = current;
    if (!c) return;
    var from = options.length - c.entities;
    storyRefs(c.m, c.hits.slice(from, from + PAGE)).then(function (refs) {
      if (c !== current) return;
      refs.forEach(function (s) { list.appendChild(storyItem(s)); });
      more.hidden = options.length - c.entities >= c.hits.length;
      say(summary(c.entities, c.hits.length, options.length - c.entities));
    });
  });

  function summary(ne, ns, shown) {
    var parts = [];
    if (ne) parts.push(ne === 1 ? '1 name' : ne + ' names');
    if (ns) parts.push(ns === 1 ? '1 story' : (shown < ns ? shown + ' of ' : '') + ns + ' stories');
    return parts.join(' and ');
  }

  function render(q, ents, refs, total) {
    list.textContent = '';
    options = [];
    select(-1);
    ents.forEach(function (e) { list.appendChild(entityItem(e)); });
    refs.forEach(function (s) { list.appendChild(storyItem(s)); });
    if (current) current.entities = ents.length;
    more.hidden = refs.length >= total;
    input.setAttribute('aria-expanded', options.length ? 'true' : 'false');
    if (!q.trim()) say('');
    else if (!options.length) say('No results for “' + q.trim() + '”');
    else say(summary(ents.length, total, refs.length));
    list.setAttribute('data-query', q);
    if (pendingOpen) {
      pendingOpen = false;
      open();
    }
  }

  function select(i) {
    if (selected >= 0 && options[selected]) options[selected].setAttribute('aria-selected', 'false');
    selected = i;
    if (i >= 0 && options[i]) {
      options[i].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', options[i].id);
      if (options[i].scrollIntoView) options[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }
  function open() {
    var li = options[selected >= 0 ? selected : 0];
    var a = li && li.querySelector('a');
    if (a) location.href = a.href;
  }

  // The input is a combobox over the result list (search.html says so too;
  // a site's own template may not).
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  list.setAttribute('role', 'listbox');
  if (!list.hasAttribute('aria-label')) list.setAttribute('aria-label', 'Results');

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 100);
  });
  input.addEventListener('keydown', function (ev) {
    if (ev.isComposing) return;
    switch (ev.key) {
      case 'ArrowDown':
        if (options.length) select(Math.min(selected + 1, options.length - 1));
        break;
      case 'ArrowUp':
        if (options.length) select(Math.max(selected - 1, -1));
        break;
      case 'Enter':
        // Open the selected result, or the first; if results for what was
        // typed are not shown yet, open the first as soon as they are.
        if (timer || list.getAttribute('data-query') !== input.value) {
          pendingOpen = true;
          run(input.value);
        } else {
          open();
        }
        break;
      case 'Escape':
        input.value = '';
        run('');
        break;
      default:
        return;
    }
    ev.preventDefault();
  });
  if (input.form) {
    input.form.addEventListener('submit', function (ev) { ev.preventDefault(); });
  }

  // A link to the search page may carry the query: /search/?q=pompeo.
  var q = new URLSearchParams(location.search).get('q');
  if (q) {
    input.value = q;
    run(q);
  } else {
    loadManifest().catch(function () {});
  }
})();
