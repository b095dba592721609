// Site search on /search/: runs the query against Pagefind's static index (built with the site) and
// lists the results as links. A plain file, not an inline script, so a strict Content-Security-Policy
// (script-src 'self') allows it; Pagefind itself runs WebAssembly from the same origin.
const form = document.querySelector('[data-search-form]');
const input = form?.querySelector('input[name="q"]');
const status = document.querySelector('[data-search-status]');
const list = document.querySelector('[data-search-results]');
const base = form?.getAttribute('data-pagefind-base') || '/';
let pagefind = null;
let serial = 0;

async function engine() {
  if (pagefind) return pagefind;
  try {
    pagefind = await import(`${base}pagefind/pagefind.js`);
    await pagefind.options({ baseUrl: base, excerptLength: 24 });
    return pagefind;
  } catch {
    return null;
  }
}

function show(text) {
  if (status) status.textContent = text;
}

async function run(query) {
  const mine = ++serial;
  list.replaceChildren();
  const q = query.trim();
  if (!q) {
    show('');
    return;
  }
  show('Searching…');
  const pf = await engine();
  if (!pf) {
    show('Search is not available here: it needs the built site (npm run build, then npm run preview or npm start).');
    return;
  }
  const found = await pf.search(q);
  const data = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  if (mine !== serial) return;
  for (const d of data) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = d.url;
    // Say what kind of page each result is: a case and its quiz can share a title.
    const path = new URL(d.url, location.href).pathname.slice(base.length - 1);
    const kind = [['/cases/', 'case'], ['/quizzes/', 'quiz'], ['/lessons/', 'lesson'], ['/modules/', 'module'], ['/instructor/', 'instructor view']].find(([p]) => path.startsWith(p));
    a.textContent = `${d.meta?.title || d.url}${kind ? ` (${kind[1]})` : ''}`;
    const p = document.createElement('p');
    p.className = 'search-excerpt';
    // Pagefind's excerpt is text from our own pages with the matches in <mark>: rebuilt with DOM nodes, not parsed as HTML.
    for (const [i, part] of d.excerpt.split(/<\/?mark>/).entries()) {
      const text = part.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      if (i % 2 === 1) {
        const m = document.createElement('mark');
        m.textContent = text;
        p.append(m);
      } else p.append(text);
    }
    li.append(a, p);
    list.append(li);
  }
  const n = found.results.length;
  show(n === 0 ? `Nothing found for “${q}”.` : `${n} result${n === 1 ? '' : 's'} for “${q}”${n > 20 ? ' (the first 20 shown)' : ''}.`);
}

if (form && input && list) {
  const initial = new URLSearchParams(location.search).get('q') ?? '';
  input.value = initial;
  if (initial) void run(initial);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value;
    history.replaceState(null, '', q.trim() ? `?q=${encodeURIComponent(q.trim())}` : location.pathname);
    void run(q);
  });
}
