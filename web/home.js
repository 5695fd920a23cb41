// The `home` module: the home page (#/), the lab index (#/labs), the design index (#/designs,
// with its filter kept in the URL as ?q=) and the not-found page, drawn from the data of
// web/home-data.json (written by the sdp-web crate from the registry and the design index).
// No WebAssembly: scripts/bundles.mjs puts the data in place of the marker below and writes
// this file as home-<hash>.js; the loader imports it like a bundle's script and calls
// mount(root) → { unmount() }.
const DATA = /*SDP_HOME_DATA*/ null;

/** An element with attributes (false and null ones left out) and children (strings or nodes). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== false && v !== null && v !== undefined) el.setAttribute(k, v);
  el.append(...children.flat().filter(c => c !== null && c !== false && c !== undefined));
  return el;
}

// The query codec of sdp_kit::query: '+' is a space, %XX a byte (malformed escapes are kept),
// bytes read as UTF-8 with replacement; encoding keeps A-Z a-z 0-9 - _ . ~ only.
function decode(s) {
  const bytes = [...new TextEncoder().encode(s)];
  const out = [];
  const hex = b => (b >= 48 && b <= 57 ? b - 48 : b >= 65 && b <= 70 ? b - 55 : b >= 97 && b <= 102 ? b - 87 : -1);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 37 && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
      out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
      i += 2;
    } else out.push(b === 43 ? 32 : b);
  }
  return new TextDecoder().decode(new Uint8Array(out));
}
const encode = s => encodeURIComponent(s).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const shorten = s => ([...s].length > 40 ? [...s].slice(0, 40).join('') + '…' : s);

/** The route of a hash, as sdp_kit_web::route::Route::parse reads it. */
function route(hash) {
  const bare = hash.replace(/^#/, '');
  const at = bare.indexOf('?');
  const [path, query] = at < 0 ? [bare, ''] : [bare.slice(0, at), bare.slice(at + 1)];
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { page: 'home' };
  if (parts.length === 1 && parts[0] === 'labs') return { page: 'labs' };
  if (parts.length === 1 && parts[0] === 'designs') return { page: 'designs', query };
  if (parts.length === 2 && parts[0] === 'lab') return { page: 'missing', text: `There is no lab called “${shorten(parts[1])}”.` };
  return { page: 'missing', text: `Nothing lives at “${shorten(path)}”.` };
}

function labIndex() {
  return h('section', { class: 'lab-index', 'aria-labelledby': 'labs-heading' },
    h('h2', { id: 'labs-heading' }, 'Labs'),
    h('ul', { class: 'cards' }, DATA.labs.map(lab => h('li', { class: 'card' },
      h('h3', {}, h('a', { href: `#/lab/${lab.id}` }, lab.title)),
      h('p', {}, lab.summary),
      h('p', { class: 'badge' }, `catalogue ${lab.catalogue}`)))));
}

function home() {
  return h('section', { class: 'page home' },
    h('h1', {}, 'Step through the mechanisms inside classic system designs'),
    h('p', { class: 'lead' }, 'Every lab is a deterministic replay: the same parameters, seed and actions give the same steps, so you can step back, share a link to an exact step, or embed it in a course page. The source procedure runs beside the animation, and where the source documents are wrong the lab says so.'),
    labIndex());
}

function missing(text) {
  return h('section', { class: 'page not-found' },
    h('h1', {}, 'Page not found'),
    h('p', { class: 'error', role: 'alert' }, text, ' Pick a lab below.'),
    labIndex());
}

// The design index: sdp_designs::light (matches, count_text, index_hash, filter_of).
const matches = (design, filter) => filter.split(/\s+/).filter(Boolean).every(w => design.search.includes(w.toLowerCase()));
function countText(n, filter) {
  const f = filter.trim();
  if (n === 0) return `No design matches “${shorten(f)}”.`;
  if (f === '') return n === 1 ? '1 design' : `${n} designs`;
  return n === 1 ? '1 design matches' : `${n} designs match`;
}
// sdp_designs::light::{index_hash_in, document_of}: the document filter is `doc=F0|F4`.
function indexHash(filter, doc) {
  const parts = [];
  if (filter !== '') parts.push(`q=${encode(filter)}`);
  if (doc !== '') parts.push(`doc=${encode(doc)}`);
  return parts.length === 0 ? '#/designs' : `#/designs?${parts.join('&')}`;
}
function queryValue(query, key) {
  for (const piece of query.replace(/^\?+/, '').split('&')) {
    if (!piece) continue;
    const at = piece.indexOf('=');
    if (decode(at < 0 ? piece : piece.slice(0, at)) === key) return at < 0 ? '' : decode(piece.slice(at + 1));
  }
  return '';
}
const filterOf = query => queryValue(query, 'q');
function documentOf(query) {
  const doc = queryValue(query, 'doc');
  return DATA.documents.some(d => d.tag === doc) ? doc : '';
}

function designCard(d) {
  return h('li', { class: 'card designs-card' },
    h('h4', {}, h('a', { href: `#/design/${d.id}` }, d.title), d.subtitle && h('span', { class: 'designs-subtitle' }, d.subtitle)),
    h('p', {}, d.summary),
    h('p', { class: 'designs-card-meta' }, d.badges.map(b => h('span', { class: b.warn ? 'badge warn' : 'badge' }, b.text))));
}

function stepsTable() {
  const th = text => h('th', { scope: 'col' }, text);
  return h('div', { class: 'table-scroll' }, h('table', { class: 'designs-table' },
    h('thead', {}, h('tr', {}, th('Step'), th('45 min'), th('60 min'), th('Focus'))),
    h('tbody', {}, DATA.steps.map((s, i) => h('tr', {},
      h('th', { scope: 'row' }, `${i + 1}. ${s.name}`),
      h('td', { 'data-label': '45 min' }, s.minutes45),
      h('td', { 'data-label': '60 min' }, s.minutes60),
      h('td', { 'data-label': 'Focus' }, s.focus))))));
}

function designs(query) {
  let filter = filterOf(query);
  let doc = documentOf(query);
  const picker = h('select', { id: 'designs-doc' },
    h('option', { value: '' }, 'Both documents'),
    DATA.documents.map(d => h('option', { value: d.tag }, `${d.tag}: ${d.title}`)));
  picker.value = doc;
  const input = h('input', { id: 'designs-filter', type: 'search', placeholder: 'e.g. cache, geohash, watermark, payment', autocomplete: 'off', 'aria-describedby': 'designs-count' });
  input.value = filter;
  const clear = h('button', { type: 'button' }, 'Clear');
  const count = h('span', { id: 'designs-count', class: 'designs-count', 'aria-live': 'polite' });
  const box = h('div', { class: 'designs-filter' }, h('label', { for: 'designs-filter' }, 'Filter designs'), input,
    h('label', { for: 'designs-doc' }, 'Document'), picker, clear, count);
  const groups = h('div', { class: 'designs-groups' });
  const draw = () => {
    const shown = DATA.designs.filter(d => (doc === '' || d.document === doc) && matches(d, filter));
    groups.replaceChildren(...DATA.themes.map(theme => [theme, shown.filter(d => d.theme === theme)])
      .filter(([, ds]) => ds.length > 0)
      .map(([theme, ds]) => h('section', { class: 'designs-group', 'aria-label': theme },
        h('h3', {}, theme), h('ul', { class: 'cards designs-cards' }, ds.map(designCard)))));
    count.textContent = countText(shown.length, filter);
    if (filter === '') clear.remove(); else if (!clear.isConnected) box.insertBefore(clear, count);
    const hash = indexHash(filter, doc);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  };
  input.addEventListener('input', () => { filter = input.value; draw(); });
  clear.addEventListener('click', () => { filter = ''; input.value = ''; draw(); });
  picker.addEventListener('change', () => { doc = picker.value; draw(); });
  draw();
  const framework = DATA.steps.length === 0 ? null : h('section', { class: 'designs-framework', 'aria-labelledby': 'designs-fw-h' },
    h('h2', { id: 'designs-fw-h' }, 'The four steps every walkthrough follows'),
    stepsTable(),
    h('p', {}, h('a', { href: '#/design/framework' }, 'The framework in full: checklist, estimation templates as a calculator, building blocks and common trade-offs')));
  // The second document's table of contents names topics it never wrote (catalogue A.3).
  const toc = (DATA.tocOnly ?? []).length === 0 ? null : h('section', { class: 'designs-toc-only', 'aria-labelledby': 'designs-toc-h' },
    h('h2', { id: 'designs-toc-h' }, 'Named in the document, no content'),
    h('p', {}, `The table of contents of F4 “${DATA.documents.find(d => d.tag === 'F4')?.title ?? 'F4'}” lists these ${DATA.tocOnly.length} topics too, but the document stops after §23: there is nothing in it to walk through. Where another design or a lab covers the topic, it is linked.`),
    h('ul', { class: 'designs-toc-list' }, DATA.tocOnly.map(e => h('li', {},
      h('span', { class: 'designs-toc-title' }, `§${e.section} ${e.title}`), ' — ',
      e.see.length === 0 ? h('span', { class: 'designs-toc-none' }, 'no design or lab covers it')
        : e.see.flatMap((s, i) => [i > 0 ? ', ' : null, h('a', { href: s.href }, s.text)])))));
  return h('section', { class: 'page designs-index-page' },
    h('style', {}, DATA.indexStyle),
    h('section', { class: 'designs-index', 'aria-labelledby': 'designs-index-h' },
      h('h1', { id: 'designs-index-h' }, 'Design walkthroughs'),
      h('p', { class: 'lead' }, `The ${DATA.designs.length} designs of two documents, ${DATA.documents.map(d => `${d.tag} “${d.title}”`).join(' and ')}, each in the first document's four steps: requirements, a live estimate whose figures recompute as you change the inputs (and say where the document's arithmetic is wrong), the architecture with request flows you can step through, and the deep dive with links into the labs.`),
      box, groups, framework, toc));
}

/** The site's frame (skip link, header, main, footer) around a page. */
function shell(page) {
  const skip = h('a', { class: 'skip', href: '#main' }, 'Skip to content');
  const main = h('main', { id: 'main' }, h('div', {}, page));
  skip.addEventListener('click', e => { e.preventDefault(); main.setAttribute('tabindex', '-1'); main.focus(); });
  return [skip,
    h('header', { class: 'site-header' }, h('a', { class: 'brand', href: '#/' }, 'System Design Playground'),
      h('nav', { 'aria-label': 'Site' }, h('a', { href: '#/labs' }, 'Labs'), h('a', { href: '#/designs' }, 'Designs'))),
    main,
    h('footer', { class: 'site-footer' }, h('p', {}, 'Everything runs in your browser; the site makes no network request beyond its own files. Press ', h('kbd', {}, '?'), ' in a lab for keyboard shortcuts.'))];
}

function page(r) {
  if (r.page === 'home') return home();
  if (r.page === 'labs') return h('section', { class: 'page' }, labIndex());
  if (r.page === 'designs') return designs(r.query);
  return missing(r.text);
}

/** Draws the page of the current hash into `root` and again on every hash change. */
export function mount(root) {
  const draw = () => root.replaceChildren(...shell(page(route(location.hash))));
  addEventListener('hashchange', draw);
  draw();
  return { unmount() { removeEventListener('hashchange', draw); root.replaceChildren(); } };
}
