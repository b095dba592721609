import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { absoluteUrls, prefixFor, resolveSiteUrl, rewriteCssUrls, rewriteHtml, rewriteJs, type RewriteContext } from '../../src/scorm/packaging/relative-urls';
import { pageTitle, stepPage } from '../../src/scorm/packaging/package';

const context = (): RewriteContext => ({
  pages: new Map([
    ['/cases/a/', 'cases/a/index.html'],
    ['/about/', 'about/index.html'],
  ]),
  assets: new Set(['_astro/client.js', '_astro/Player.js', '_astro/react.js', '_astro/course.css', 'favicon.svg', 'fonts/x.woff2', '_astro/export.js']),
  sitePages: new Set(['/', '/cases/a/', '/cases/b/', '/about/', '/review/', '/quizzes/']),
  overview: 'module/index.html',
  used: new Set(),
});

const page =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg" type="image/svg+xml">' +
  '<link rel="stylesheet" href="/_astro/course.css"><style>@font-face{src:url("/fonts/x.woff2")}</style></head><body>\n' +
  '<header><a class="brand" href="/">Calx</a><nav aria-label="Main"><ul><li><a href="/">Cases</a></li>' +
  '<li><a href="/quizzes/">Quizzes</a></li><li><a href="/about/" aria-current="page">About</a></li></ul></nav></header>\n' +
  '<main><a href="/cases/a/#debrief">case A</a> <a href="/cases/b/">case B</a> <a href="https://doi.org/10.1/x">paper</a> ' +
  '<a href="#main">skip</a>\n' +
  '<astro-island uid="x" component-url="/_astro/Player.js" renderer-url="/_astro/client.js" ' +
  'props="{&quot;reviewHref&quot;:[0,&quot;/review/&quot;],&quot;caseHref&quot;:[0,&quot;/cases/a/&quot;],&quot;unit&quot;:[0,&quot;/mm3&quot;]}">' +
  '</astro-island></main></body></html>';

describe('relative URLs in a package', () => {
  it('climbs one folder per level', () => {
    expect(prefixFor('index.html')).toBe('');
    expect(prefixFor('cases/a/index.html')).toBe('../../');
    expect(prefixFor('_astro/x.css')).toBe('../');
  });

  it('removes a form that submits to a page outside the package (the site search) and keeps one that stays inside', () => {
    const ctx = { ...context(), sitePages: new Set([...context().sitePages, '/search/']) };
    const html =
      `<header><form class="site-search" role="search" action="/search/" method="get">` +
      `<label for="q">Search</label><input id="q" name="q"><button>Search</button></form></header>` +
      `<main><form action="/about/"><button>About</button></form></main>`;
    const out = rewriteHtml(html, 'cases/a/index.html', ctx);
    expect(out).not.toContain('site-search');
    expect(out).not.toContain('/search/');
    expect(out).toContain('<form action="../../about/index.html"><button>About</button></form>');
  });

  it('tells assets, pages in the package, site pages outside it and other URLs apart', () => {
    const ctx = context();
    expect(resolveSiteUrl('/_astro/client.js', ctx)).toEqual({ kind: 'asset', path: '_astro/client.js', suffix: '' });
    expect(resolveSiteUrl('/cases/a/#x', ctx)).toEqual({ kind: 'page', path: 'cases/a/index.html', suffix: '#x' });
    expect(resolveSiteUrl('/cases/a', ctx)).toEqual({ kind: 'page', path: 'cases/a/index.html', suffix: '' });
    expect(resolveSiteUrl('/', ctx)).toEqual({ kind: 'page', path: 'module/index.html', suffix: '' });
    expect(resolveSiteUrl('/cases/b/', ctx)).toEqual({ kind: 'outside', path: '/cases/b/', suffix: '' });
    expect(resolveSiteUrl('/mm3', ctx).kind).toBe('missing');
    expect(resolveSiteUrl('https://doi.org/x', ctx).kind).toBe('other');
    expect(resolveSiteUrl('//cdn.example/x.js', ctx).kind).toBe('other');
    expect(resolveSiteUrl('#main', ctx).kind).toBe('other');
  });

  it(
    'rewrites a page: links, assets, island URLs and props, style URLs; drops links to pages the package lacks; ' + 'injects the module tags first in the head',
    () => {
      const ctx = context();
      const out = rewriteHtml(page, 'cases/a/index.html', ctx, '<meta name="calx-case-mode" content="test">');
      expect(out).toContain('<head><meta name="calx-case-mode" content="test"><meta charset="utf-8">');
      expect(out).toContain('href="../../favicon.svg"');
      expect(out).toContain('href="../../_astro/course.css"');
      expect(out).toContain('url("../../fonts/x.woff2")');
      expect(out).toContain('<a class="brand" href="../../module/index.html">');
      expect(out).toContain('<li><a href="../../module/index.html">Cases</a></li>');
      expect(out).not.toContain('Quizzes');
      expect(out).toContain('<li><a href="../../about/index.html" aria-current="page">About</a></li>');
      expect(out).toContain('<a href="../../cases/a/index.html#debrief">case A</a>');
      expect(out).toContain('<a>case B</a>');
      expect(out).toContain('<a href="https://doi.org/10.1/x">paper</a>');
      expect(out).toContain('<a href="#main">skip</a>');
      expect(out).toContain('component-url="../../_astro/Player.js" renderer-url="../../_astro/client.js"');
      expect(out).toContain('&quot;reviewHref&quot;:[0,&quot;../../module/index.html&quot;]');
      expect(out).toContain('&quot;caseHref&quot;:[0,&quot;../../cases/a/index.html&quot;]');
      expect(out).toContain('&quot;/mm3&quot;');
      expect([...ctx.used].sort()).toEqual(['_astro/Player.js', '_astro/client.js', '_astro/course.css', 'favicon.svg', 'fonts/x.woff2']);
      expect(absoluteUrls('cases/a/index.html', out, ['_astro', 'cases', 'about', 'review', 'quizzes', 'favicon.svg', 'fonts'])).toEqual([]);
      expect(absoluteUrls('cases/a/index.html', page, ['_astro', 'cases', 'about', 'review', 'quizzes', 'favicon.svg', 'fonts']).map((p) => p.url)).toEqual(
        expect.arrayContaining([
          '/favicon.svg',
          '/_astro/course.css',
          '/',
          '/cases/a/#debrief',
          '/_astro/Player.js',
          '/_astro/client.js',
          '/review/',
          '/fonts/x.woff2',
        ]),
      );
    },
  );

  it('keeps every attribute value and text as it was read, escaped characters included', () => {
    const ctx = context();
    const props = '{&quot;q&quot;:[0,&quot;x &amp;lt; y &amp;amp; &lt;b&gt; &#39;z&#39;&quot;],&quot;href&quot;:[0,&quot;/about/&quot;]}';
    const html = `<!DOCTYPE html><html><head><title>Ca &amp; P</title></head><body><astro-island props="${props}"></astro-island>
<p title="a &amp;amp; b">1 &lt; 2 &amp;lt; 3</p></body></html>`;
    const { document } = parseHTML(rewriteHtml(html, 'cases/a/index.html', ctx));
    const island = JSON.parse(document.querySelector('astro-island')!.getAttribute('props')!);
    expect(island).toEqual({ q: [0, "x &lt; y &amp; <b> 'z'"], href: [0, '../../about/index.html'] });
    expect(document.querySelector('p')!.getAttribute('title')).toBe('a &amp; b');
    expect(document.querySelector('p')!.textContent).toBe('1 < 2 &lt; 3');
    expect(document.querySelector('title')!.textContent).toBe('Ca & P');
  });

  it('rewrites stylesheet URLs relative to the stylesheet', () => {
    const ctx = context();
    expect(
      rewriteCssUrls("a{background:url('/favicon.svg')}b{src:url(/fonts/x.woff2)}c{background:url(data:image/png;base64,x)}", '_astro/course.css', ctx),
    ).toBe("a{background:url('../favicon.svg')}b{src:url(../fonts/x.woff2)}c{background:url(data:image/png;base64,x)}");
  });

  it('follows chunk imports, and makes Vite’s preload helper build URLs relative to the chunk', () => {
    const ctx = context();
    const js = 'import{t as e}from"./react.js";m=function(e){return`/`+e},d=(m.f||(m.f=["_astro/export.js"]));import(`./export.js`)';
    const out = rewriteJs(js, '_astro/Player.js', ctx);
    expect(out).toContain('m=function(e){return"../"+e}');
    expect([...ctx.used].sort()).toEqual(['_astro/export.js', '_astro/react.js']);
    expect(absoluteUrls('_astro/Player.js', out, ['_astro'])).toEqual([]);
    expect(absoluteUrls('_astro/Player.js', js, ['_astro']).map((p) => p.url)).toEqual(['"/" + dependency (the preload helper builds root-relative URLs)']);
  });

  it('flags resources from another host but not links to other sites', () => {
    const html =
      '<script src="https://cdn.example/x.js"></script><img src="//cdn.example/y.png" alt="">' +
      '<a href="https://doi.org/x">paper</a><img src="data:image/png;base64,AA" alt="">';
    expect(absoluteUrls('a.html', html, []).map((p) => p.url)).toEqual(['https://cdn.example/x.js', '//cdn.example/y.png']);
  });

  it('names steps’ pages and titles', () => {
    expect(stepPage({ kind: 'case', slug: 'x' })).toBe('/cases/x/');
    expect(stepPage({ kind: 'lesson', slug: 'y' })).toBe('/lessons/y/');
    expect(stepPage({ kind: 'quiz', topic: 'z' })).toBe('/quizzes/z/');
    expect(pageTitle('<title>Ca &amp; P: the &quot;numbers&quot; (quiz) · Calx</title>')).toBe('Ca & P: the "numbers" (quiz)');
    expect(pageTitle('<title>&#39;&#x41;&nbsp;&bogus; · Calx</title>')).toBe("'A\u00a0&bogus;");
  });
});
