// storyfold web page: a list of stories, one story (summary with citations,
// sources, entities, facts with agreement and conflict, quotes, timeline,
// related stories), one article with a cited sentence highlighted, search,
// and live updates from /api/events. Every piece of article text goes into
// the page as text (textContent), never as markup.
'use strict';

const main = document.getElementById('main');
const notice = document.getElementById('notice');

// el('a', {href: '#/'}, 'text', child, ...): an element; strings become text nodes.
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const k of kids.flat()) {
    if (k === null || k === undefined || k === false) continue;
    e.appendChild(typeof k === 'string' || typeof k === 'number' ? document.createTextNode(String(k)) : k);
  }
  return e;
}

// Only web addresses are links to the outside; anything else (javascript:,
// data:) is shown as text.
function safeUrl(u) {
  try {
    const x = new URL(u);
    return x.protocol === 'http:' || x.protocol === 'https:' ? x.href : null;
  } catch (e) {
    return null;
  }
}

async function api(path) {
  const r = await fetch(path, {headers: {Accept: 'application/json'}});
  let body = null;
  try { body = await r.json(); } catch (e) { body = null; }
  if (!r.ok) {
    const m = body && body.error ? body.error.message : r.status + ' ' + r.statusText;
    throw new Error(m);
  }
  return body;
}

function when(iso) {
  if (!iso) return 'time unknown';
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function day(iso) { return iso ? String(iso).slice(0, 10) : '?'; }

function span(first, last) {
  if (!first && !last) return 'time unknown';
  const a = day(first), b = day(last);
  return a === b ? a : a + ' to ' + b;
}

function setView(title, ...nodes) {
  document.title = title ? title + ' · storyfold' : 'storyfold';
  main.replaceChildren(...nodes);
}

function showError(what, err) {
  setView('Error', el('h1', {}, what), el('p', {class: 'error'}, String(err.message || err)),
    el('p', {}, el('a', {href: '#/'}, 'Back to the stories')));
}

function route() {
  const h = location.hash.replace(/^#/, '') || '/';
  const [path, query] = h.split('?');
  const params = new URLSearchParams(query || '');
  if (path.startsWith('/story/')) return showStory(decodeURIComponent(path.slice(7)));
  if (path.startsWith('/article/')) return showArticle(decodeURIComponent(path.slice(9)), params);
  if (path === '/search') return showSearch(params.get('q') || '');
  return showList(params);
}

// ------------------------------------------------------------- the list

let listParams = null;

async function showList(params) {
  listParams = params;
  const q = new URLSearchParams();
  for (const k of ['q', 'entity', 'since', 'page']) if (params.get(k)) q.set(k, params.get(k));
  let data;
  try {
    data = await api('/api/stories?' + q.toString());
  } catch (e) {
    return showError('Stories could not be loaded', e);
  }
  const page = Number(params.get('page') || 0);
  const filter = params.get('entity') ? 'about ' + params.get('entity')
    : params.get('q') ? 'matching “' + params.get('q') + '”' : '';
  const items = data.stories.map((s) => el('li', {},
    el('h2', {}, el('a', {href: '#/story/' + encodeURIComponent(s.id), class: 'story-link'}, s.headline || '(no headline)')),
    el('div', {class: 'muted'},
      s.articles + (s.articles === 1 ? ' article' : ' articles'),
      ' · ', span(s.first_published, s.last_published),
      s.outlets && s.outlets.length ? ' · ' + s.outlets.join(', ') : '')));
  const pager = el('nav', {class: 'pager', 'aria-label': 'pages'},
    page > 0 ? el('a', {href: pageLink(params, page - 1)}, '← Newer') : el('span'),
    data.more ? el('a', {href: pageLink(params, page + 1)}, 'Older →') : el('span'));
  setView('Stories', el('h1', {}, 'Stories ' + filter),
    items.length ? el('ol', {class: 'stories'}, items) : el('p', {class: 'muted'}, 'No stories yet.'),
    pager);
}

function pageLink(params, page) {
  const p = new URLSearchParams(params);
  p.set('page', String(page));
  return '#/?' + p.toString();
}

// ------------------------------------------------------------ one story

let currentStory = null;

function statusClass(s) {
  if (s === 'agree') return 'status-agree';
  if (s === 'conflict') return 'status-conflict';
  if (s === 'single source' || s === 'single') return 'status-single';
  return 'status-other';
}

function citeLinks(ids, num, storyId, k) {
  return (ids || []).map((id) => el('a', {
    class: 'cite',
    href: '#/article/' + encodeURIComponent(id) + '?story=' + encodeURIComponent(storyId) +
      (k === undefined ? '' : '&s=' + k),
    title: 'Open the source: ' + id,
  }, '[' + (num.get(id) || '?') + ']'));
}

function factLabel(f) {
  return f.label || f.what || [f.subject, f.attribute].filter(Boolean).join(' / ') || 'fact';
}

// Under the values, what they come to in words a reader uses ("= 2.5 km",
// "= 7.2 months to 8 months", as the Markdown output writes it); the note in
// base units ("18934560-21038400 s") is for programs. Dates keep their note
// (the day resolved, or why it is not).
function factSide(f) {
  const n = f.normalized || {};
  if (f.kind !== 'date' && n.readable) return el('div', {class: 'side'}, '= ' + n.readable);
  if (f.kind === 'date' && f.note) return el('div', {class: 'side'}, f.note);
  return null;
}

function factValues(f, num, storyId) {
  if (Array.isArray(f.values) && f.values.length) {
    return f.values.map((v) => el('div', {},
      String(v.text || v.value || ''), ' ', citeLinks(v.articles || (v.article ? [v.article] : []), num, storyId)));
  }
  return (f.mentions || []).map((m) => el('div', {}, m.text || '', ' ', citeLinks(m.article ? [m.article] : [], num, storyId)));
}

// The same words of the same speaker in several reports (wire copies, a
// page repeating its pull quote) are one row citing every report.
function quoteRows(quotes) {
  const rows = new Map();
  for (const q of quotes) {
    const key = (q.speaker || '') + '\u0000' + (q.direct ? 'd' : 'i') + '\u0000' + (q.text || '');
    const row = rows.get(key) || Object.assign({}, q, {articles: []});
    if (q.article && !row.articles.includes(q.article)) row.articles.push(q.article);
    rows.set(key, row);
  }
  return [...rows.values()];
}

function section(title, ...kids) {
  return [el('h2', {class: 'section'}, title), ...kids];
}

async function showStory(id) {
  let data;
  try {
    data = await api('/api/stories/' + encodeURIComponent(id));
  } catch (e) {
    return showError('Story ' + id + ' could not be loaded', e);
  }
  const s = data.story || {};
  const sid = s.id || id;
  currentStory = {id: sid, story: s};
  const arts = s.articles || [];
  const num = new Map(arts.map((a, i) => [a.id, i + 1]));
  const pubs = arts.map((a) => a.published).filter(Boolean).sort();
  const outlets = [...new Set(arts.map((a) => a.source).filter(Boolean))];
  const parts = [];
  parts.push(el('p', {class: 'muted'}, el('a', {href: '#/'}, '← All stories')));
  parts.push(el('h1', {id: 'headline'}, s.headline || '(no headline)'));
  parts.push(el('p', {class: 'muted'}, arts.length + (arts.length === 1 ? ' article' : ' articles'),
    outlets.length ? ' from ' + outlets.join(', ') : '', ' · ', span(pubs[0], pubs[pubs.length - 1])));
  parts.push(...section('What happened', el('ol', {class: 'summary', id: 'summary'},
    (s.summary || []).map((x, k) => el('li', {}, x.text || '', citeLinks(x.sources, num, sid, k))))));
  parts.push(...section('Sources', el('ol', {class: 'sources', id: 'sources'}, arts.map((a) => el('li', {},
    el('a', {href: '#/article/' + encodeURIComponent(a.id) + '?story=' + encodeURIComponent(sid)}, a.title || a.id),
    el('span', {class: 'muted'}, ' — ', a.source || 'outlet unknown', ', ', when(a.published),
      a.duplicate_of ? ', copy of [' + (num.get(a.duplicate_of) || a.duplicate_of) + ']' : ''))))));
  // The table holds the names the story is about, as the Markdown output
  // does: those written more than one way or named by more than one report.
  // A name one report writes once is listed under it, folded: on a story of
  // one page most such rows are words in a heading, not actors.
  // The possessive of a name or of another form ("Clinton’s") is left out
  // of "Also written": it tells a reader nothing (the API keeps it).
  const formsOf = (e) => {
    const names = (e.aliases || []).map((a) => typeof a === 'string' ? a : a.name);
    const all = new Set([e.name, ...names]);
    return names.filter((n) => { const m = /^(.*)['\u2019]s$/.exec(n); return !(m && all.has(m[1])); });
  };
  const ents = s.entities || [];
  const named = ents.filter((e) => formsOf(e).length || (e.articles || []).length > 1);
  const once = ents.filter((e) => !named.includes(e));
  if (named.length) {
    parts.push(...section('Who and where', el('div', {class: 'table-wrap'}, el('table', {id: 'entities'},
      el('thead', {}, el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Type'), el('th', {}, 'Also written'), el('th', {}, 'Sources'))),
      el('tbody', {}, named.map((e) => el('tr', {},
        el('td', {}, e.name || ''), el('td', {}, e.type || ''),
        el('td', {}, formsOf(e).join(', ')),
        el('td', {}, citeLinks(e.articles || [], num, sid)))))))));
  }
  if (once.length) {
    parts.push(el('details', {id: 'entities-once'},
      el('summary', {}, once.length + (once.length === 1 ? ' more name' : ' more names') + ', each in one report'),
      el('p', {class: 'muted'}, once.map((e) => e.name).join(', '))));
  }
  // Dates that one report gives ("on Monday", "in 2014") are folded under
  // the table, as the Markdown output leaves them out: most are when an
  // earlier step happened, not a fact two sources line up on.
  const allFacts = s.facts || [];
  const facts = allFacts.filter((f) => !(f.kind === 'date' && f.status === 'single source'));
  const onceDates = allFacts.filter((f) => !facts.includes(f));
  if (facts.length) {
    parts.push(...section('Facts across sources', el('div', {class: 'table-wrap'}, el('table', {id: 'facts'},
      el('thead', {}, el('tr', {}, el('th', {}, 'Fact'), el('th', {}, 'What the sources say'), el('th', {}, 'Status'))),
      el('tbody', {}, facts.map((f) => el('tr', {class: f.status === 'conflict' ? 'conflict' : null},
        el('td', {}, factLabel(f)),
        el('td', {}, factValues(f, num, sid), factSide(f)),
        el('td', {}, el('span', {class: 'status ' + statusClass(f.status)},
          f.status === 'conflict' ? '⚠ conflict' : (f.status || '')))))))))); 
  }
  if (onceDates.length) {
    parts.push(el('details', {id: 'facts-once'},
      el('summary', {}, onceDates.length + (onceDates.length === 1 ? ' date' : ' dates') + ', each from one report'),
      el('ul', {class: 'muted'}, onceDates.map((f) => el('li', {}, factLabel(f) + ': ',
        (f.mentions || []).map((m) => m.text || '').join('; '), ' ', factSide(f) || '')))));
  }
  const quotes = s.quotes || [];
  if (quotes.length) {
    parts.push(...section('Who said what', el('div', {class: 'table-wrap'}, el('table', {id: 'quotes'},
      el('thead', {}, el('tr', {}, el('th', {}, 'Speaker'), el('th', {}, 'Quote'), el('th', {}, 'Source'))),
      el('tbody', {}, quoteRows(quotes).map((q) => el('tr', {},
        el('td', {}, q.speaker || q.speaker_text || el('span', {class: 'muted'}, 'not sure who')),
        // Words in quotation marks are the speaker's own; reported speech
        // ("officials said the caucus would begin") is the writer's
        // wording of it, so it is not shown as a quotation.
        el('td', {}, q.direct === false
          ? el('span', {class: 'reported'}, el('span', {class: 'muted'}, 'reported: '), q.text || '')
          : el('blockquote', {}, q.text || '')),
        el('td', {}, citeLinks(q.articles, num, sid)))))))));
  }
  const events = (data.history && data.history.events) || [];
  if (events.length) {
    parts.push(...section('Timeline', el('ol', {class: 'timeline', id: 'timeline'}, events.map((e) => el('li', {},
      el('span', {class: 'muted'}, when(e.time)), ' ', e.event || '', ': ',
      el('a', {href: '#/article/' + encodeURIComponent(e.article) + '?story=' + encodeURIComponent(sid)}, e.article || ''),
      e.version ? el('span', {class: 'muted'}, ' (version ' + e.version + ')') : null)))));
  }
  const related = s.related || [];
  if (related.length) {
    parts.push(...section('Related stories', el('ul', {id: 'related'}, related.map((r) => el('li', {},
      el('a', {href: '#/story/' + encodeURIComponent(r.id || r.story)}, r.headline || r.id || r.story),
      r.reason || r.shared ? el('span', {class: 'muted'}, ' — ',
        r.reason || ('shares ' + [].concat(r.shared).map((x) => (x && x.name) || x).join(', '))) : null)))));
  }
  setView(s.headline || 'Story', ...parts);
  main.focus();
}

// ---------------------------------------------------------- one article

// Paragraphs of the text, with `needle` (white space folded) highlighted.
function textWithMark(text, needle) {
  const fold = (x) => x.replace(/\s+/g, ' ').trim();
  const want = needle ? fold(needle) : '';
  let marked = null;
  const paras = String(text || '').split(/\n\s*\n/).map((p) => {
    const t = fold(p);
    const i = want && !marked ? t.indexOf(want) : -1;
    if (i < 0) return el('p', {}, t);
    marked = el('mark', {id: 'cited', tabindex: '-1'}, t.slice(i, i + want.length));
    return el('p', {}, t.slice(0, i), marked, t.slice(i + want.length));
  });
  return {paras, marked};
}

async function showArticle(id, params) {
  let a;
  try {
    a = await api('/api/articles/' + encodeURIComponent(id));
  } catch (e) {
    return showError('Article ' + id + ' could not be loaded', e);
  }
  let sentence = null;
  const storyId = params.get('story') || a.story;
  const k = params.get('s');
  if (storyId && k !== null) {
    let s = currentStory && currentStory.id === storyId ? currentStory.story : null;
    if (!s) {
      try { s = (await api('/api/stories/' + encodeURIComponent(storyId))).story; } catch (e) { s = null; }
    }
    const x = s && s.summary ? s.summary[Number(k)] : null;
    sentence = x ? x.text : null;
  }
  const url = safeUrl(a.url);
  const {paras, marked} = textWithMark(a.text, sentence);
  setView(a.title || a.id,
    el('p', {class: 'muted'}, storyId ? el('a', {href: '#/story/' + encodeURIComponent(storyId)}, '← Back to the story') : el('a', {href: '#/'}, '← All stories')),
    el('h1', {}, a.title || a.id),
    el('p', {class: 'muted'}, a.source || 'outlet unknown', ' · ', when(a.published),
      a.author ? ' · ' + a.author : '', url ? el('span', {}, ' · ', el('a', {href: url, rel: 'noopener noreferrer nofollow'}, 'original')) : null,
      a.duplicate_of ? ' · copy of ' + a.duplicate_of : ''),
    sentence && !marked ? el('p', {class: 'side'}, 'The cited sentence is not in this article word for word: ', sentence) : null,
    el('div', {class: 'article-text', id: 'article-text'}, paras));
  if (marked) {
    marked.scrollIntoView({block: 'center'});
    marked.focus();
  } else {
    main.focus();
  }
}

// --------------------------------------------------------------- search

async function showSearch(q) {
  document.getElementById('q').value = q;
  if (!q.trim()) return showList(new URLSearchParams());
  let r;
  try {
    r = await api('/api/search?q=' + encodeURIComponent(q));
  } catch (e) {
    return showError('Search failed', e);
  }
  const parts = [el('h1', {}, 'Search: ' + q)];
  if (r.entities && r.entities.length) {
    parts.push(...section('Names', el('ul', {}, r.entities.map((e) => el('li', {},
      el('a', {href: '#/?entity=' + encodeURIComponent(e.name)}, e.name), ' (' + (e.type || 'name') + ')',
      e.matched && e.matched !== e.name ? ', written “' + e.matched + '”' : '',
      ' in ', el('a', {href: '#/story/' + encodeURIComponent(e.story)}, e.headline || e.story))))));
  }
  parts.push(...section('Stories', (r.stories || []).length ? el('ul', {class: 'stories'}, r.stories.map((s) => el('li', {},
    el('h2', {}, el('a', {href: '#/story/' + encodeURIComponent(s.id), class: 'story-link'}, s.headline || s.id)),
    el('div', {class: 'muted'}, (s.articles || 0) + ' articles · ' + day(s.last_published))))) : el('p', {class: 'muted'}, 'No story matches.')));
  parts.push(...section('Articles', (r.articles || []).length ? el('ul', {}, r.articles.map((a) => el('li', {},
    el('a', {href: '#/article/' + encodeURIComponent(a.id) + (a.story ? '?story=' + encodeURIComponent(a.story) : '')}, a.title || a.id),
    el('span', {class: 'muted'}, ' — ', a.source || 'outlet unknown', ', ', when(a.published))))) : el('p', {class: 'muted'}, 'No article matches.')));
  setView('Search', ...parts);
}

// ------------------------------------------------------ live and keys

function say(text) {
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(say.t);
  say.t = setTimeout(() => { notice.hidden = true; }, 8000);
}

function listen() {
  if (!window.EventSource) return;
  const es = new EventSource('/api/events');
  let pending = null;
  es.addEventListener('story', (ev) => {
    let c;
    try { c = JSON.parse(ev.data); } catch (e) { return; }
    const h = location.hash || '#/';
    if (currentStory && h.startsWith('#/story/') && decodeURIComponent(h.slice(8)) === c.id) {
      say('This story was updated (version ' + c.version + ').');
      showStory(c.id);
    } else if (h === '#/' || h.startsWith('#/?')) {
      clearTimeout(pending);
      pending = setTimeout(() => { say('Stories updated.'); showList(listParams || new URLSearchParams()); }, 300);
    }
  });
}

document.getElementById('search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  location.hash = '#/search?q=' + encodeURIComponent(document.getElementById('q').value);
});

document.addEventListener('keydown', (ev) => {
  const t = ev.target;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
  if (ev.key === '/') {
    ev.preventDefault();
    document.getElementById('q').focus();
    return;
  }
  if (ev.key !== 'j' && ev.key !== 'k') return;
  const links = [...document.querySelectorAll('a.story-link')];
  if (!links.length) return;
  const i = links.indexOf(document.activeElement);
  const next = ev.key === 'j' ? Math.min(links.length - 1, i + 1) : Math.max(0, i < 0 ? 0 : i - 1);
  links[next].focus();
});

async function health() {
  try {
    const h = await api('/healthz');
    document.getElementById('health').textContent = 'storyfold ' + h.version + ', ' + h.backend + ' store';
  } catch (e) {
    document.getElementById('health').textContent = 'server unreachable';
  }
}

window.addEventListener('hashchange', route);
route();
health();
listen();
