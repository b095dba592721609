/**
 * Turns the built site's root-relative URLs (`/_astro/…`, `/cases/<slug>/`) into URLs relative to
 * each file, so that a package works wherever an LMS serves it. HTML is read and written as a DOM
 * (linkedom), CSS and scripts as text; the packager (package.ts) decides which pages and assets a
 * package holds.
 */
import { parseHTML } from 'linkedom';

export interface RewriteContext {
  /** Site page path (`/cases/x/`) to its file in the package (`cases/x/index.html`), for pages the package holds. */
  pages: ReadonlyMap<string, string>;
  /** Asset files of the built site, root-relative without the leading slash (`_astro/x.js`, `favicon.svg`). */
  assets: ReadonlySet<string>;
  /** Every page of the built site (`/about/`), in the package or not. */
  sitePages: ReadonlySet<string>;
  /** The package's overview page, where the site's home link leads. */
  overview: string;
  /** Records every asset the rewritten files refer to (the packager copies them). */
  used: Set<string>;
}

/** `../` once per folder between a package file and the package root. */
export function prefixFor(file: string): string {
  return '../'.repeat(file.split('/').length - 1);
}

export type Target = { kind: 'asset' | 'page' | 'outside' | 'missing'; path: string; suffix: string } | { kind: 'other' };

/**
 * Where a URL of the built site points: an asset, a page in the package, a site page outside it, a
 * root-relative path the site does not have, or something else (external, relative, a fragment).
 */
export function resolveSiteUrl(url: string, ctx: Pick<RewriteContext, 'pages' | 'assets' | 'overview' | 'sitePages'>): Target {
  if (!url.startsWith('/') || url.startsWith('//')) return { kind: 'other' };
  const cut = url.search(/[?#]/);
  const path = cut === -1 ? url : url.slice(0, cut);
  const suffix = cut === -1 ? '' : url.slice(cut);
  const bare = decodeURI(path.slice(1));
  if (ctx.assets.has(bare)) return { kind: 'asset', path: bare, suffix };
  if (path === '/') return { kind: 'page', path: ctx.overview, suffix };
  const dir = path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path.endsWith('/') ? path : `${path}/`;
  const page = ctx.pages.get(dir);
  if (page) return { kind: 'page', path: page, suffix };
  return { kind: ctx.sitePages.has(dir) ? 'outside' : 'missing', path: dir, suffix };
}

/** The relative URL from `file` to a package path. */
export const relativeTo = (file: string, target: string) => prefixFor(file) + target;

const URL_ATTRS = ['href', 'src', 'component-url', 'renderer-url', 'before-hydration-url', 'action', 'poster', 'data-src', 'formaction'];
const URL_ATTR_SET = new Set(URL_ATTRS);

/** A string in island props that is a site path (`"/cases/x/"`); units like `"/mm3"` match too and are told apart by resolving. */
const PROP_PATH = /"(\/[^&"<>\s]*)"/g;

/** Parses an HTML page or fragment into a DOM (linkedom). */
export function parsePage(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/**
 * Serialises a parsed page. linkedom writes attribute values of an HTML document with only `"`
 * escaped, so a value holding `&` (an island's props with `&lt;` in a quote) would come back with
 * one level of escaping lost; escaping `&` first keeps every value as it was read.
 */
export function serializePage(document: Document): string {
  for (const el of document.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) if (attr.value.includes('&')) attr.value = attr.value.replaceAll('&', '&amp;');
  }
  return document.toString();
}

/**
 * Rewrites an HTML page of the package, as a DOM. Attributes: root-relative URLs become relative;
 * links to pages the package does not hold lose their `href` (a site navigation entry pointing
 * there is removed; a form submitting to such a page, like the site search, is removed). Island
 * props: JSON strings that are site paths become relative. CSS `url(/…)` in style blocks and
 * attributes becomes relative. `inject` (HTML) is placed first in the head; `edit` may change the
 * page before it is rewritten.
 */
export function rewriteHtml(html: string, file: string, ctx: RewriteContext, inject = '', edit?: (document: Document) => void): string {
  const document = parsePage(html);
  edit?.(document);
  const rel = (t: { path: string; suffix: string }) => relativeTo(file, t.path) + t.suffix;
  const isOutsideLink = (url: string | null) => url !== null && resolveSiteUrl(url, ctx).kind === 'outside';
  // Navigation entries to pages outside the package: drop the whole list item.
  for (const li of document.querySelectorAll('li')) {
    const link = li.firstElementChild;
    if (li.childElementCount === 1 && link?.localName === 'a' && link.childElementCount === 0 && isOutsideLink(link.getAttribute('href'))) li.remove();
  }
  // A form that submits to a page outside the package (the site search) is removed whole: it could only fail there.
  for (const form of document.querySelectorAll('form[action]')) if (isOutsideLink(form.getAttribute('action'))) form.remove();
  for (const el of document.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      if (URL_ATTR_SET.has(attr.name)) {
        const t = resolveSiteUrl(attr.value, ctx);
        if (t.kind === 'other' || t.kind === 'missing') continue; // a missing target is left for the checks to report
        if (t.kind === 'outside') {
          // A link to a page the package does not hold loses its href.
          if (attr.name === 'href') el.removeAttribute('href');
          continue;
        }
        if (t.kind === 'asset') ctx.used.add(t.path);
        attr.value = rel(t);
      } else if (attr.name === 'srcset') {
        attr.value = attr.value
          .split(',')
          .map((part) => {
            const [url = '', ...rest] = part.trim().split(/\s+/);
            const t = resolveSiteUrl(url, ctx);
            if (t.kind === 'asset') ctx.used.add(t.path);
            return [t.kind === 'asset' || t.kind === 'page' ? rel(t) : url, ...rest].join(' ');
          })
          .join(', ');
      } else if (attr.name === 'props') {
        // Island props are JSON. Only site paths change (units like "/mm3" stay).
        attr.value = attr.value.replace(PROP_PATH, (m, url: string) => {
          const t = resolveSiteUrl(url, ctx);
          if (t.kind === 'other' || t.kind === 'missing') return m;
          // A site page the package does not hold (e.g. a quiz's link to the review deck): the package's overview instead.
          if (t.kind === 'outside') return JSON.stringify(relativeTo(file, ctx.overview));
          if (t.kind === 'asset') ctx.used.add(t.path);
          return JSON.stringify(rel(t));
        });
      } else if (attr.name === 'style') {
        attr.value = rewriteCssUrls(attr.value, file, ctx);
      }
    }
  }
  for (const style of document.querySelectorAll('style')) style.textContent = rewriteCssUrls(style.textContent ?? '', file, ctx);
  if (inject) document.head?.insertAdjacentHTML('afterbegin', inject);
  return serializePage(document);
}

/** `url(/…)` in CSS (a stylesheet, a style block or attribute) becomes relative to `file`. */
export function rewriteCssUrls(css: string, file: string, ctx: RewriteContext): string {
  return css.replace(/url\(\s*(["']?)(\/[^"')]*)\1\s*\)/g, (m, q: string, url: string) => {
    const t = resolveSiteUrl(url, ctx);
    if (t.kind !== 'asset' && t.kind !== 'page') return m;
    if (t.kind === 'asset') ctx.used.add(t.path);
    return `url(${q}${relativeTo(file, t.path)}${t.suffix}${q})`;
  });
}

/**
 * JavaScript chunks import each other relatively (`./x.js`) already. Vite's preload helper builds
 * dependency URLs from the site base (`"/" + dep`); in a package it builds them relative to the
 * chunk instead, which resolves to the same file under any path. Also records the chunks a chunk
 * imports, so the packager copies them.
 */
export function rewriteJs(js: string, file: string, ctx: RewriteContext): string {
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  for (const m of js.matchAll(/["'`](\.\/[^"'`\s]+?\.(?:js|mjs|css))["'`]/g)) {
    const target = dir + m[1]!.slice(2);
    if (ctx.assets.has(target)) ctx.used.add(target);
  }
  for (const m of js.matchAll(/["'`](_astro\/[^"'`\s]+?)["'`]/g)) if (ctx.assets.has(m[1]!)) ctx.used.add(m[1]!);
  return js.replace(/function\((\w)\)\{return["'`]\/["'`]\+\1\}/g, (_m, v: string) => `function(${v}){return${JSON.stringify(prefixFor(file))}+${v}}`);
}

export interface AbsoluteUrlProblem {
  file: string;
  url: string;
}

/**
 * Finds URLs in a package file that would not work under any path: root-relative or
 * protocol-relative URLs where a browser requests or follows them, and resources (scripts,
 * styles, images, frames) loaded from another host. Links to other sites (`<a href="https://…">`,
 * e.g. the source papers) are allowed: they are not part of the package. `siteRoots` are the
 * top-level names of the built site (`_astro`, `cases`, `favicon.svg`…): a string in a script or in
 * island props that starts with one of them after a slash is a root-relative URL.
 */
export function absoluteUrls(file: string, text: string, siteRoots: readonly string[]): AbsoluteUrlProblem[] {
  const found: AbsoluteUrlProblem[] = [];
  const add = (url: string) => {
    if (!found.some((f) => f.url === url)) found.push({ file, url });
  };
  const roots = siteRoots.map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const sitePath = new RegExp(`^/(?:${roots || '(?!)'})(?:[/?#]|$)`);
  if (file.endsWith('.html')) {
    for (const el of parsePage(text).querySelectorAll('*')) {
      for (const { name, value } of el.attributes) {
        if (name === 'srcset') {
          for (const part of value.split(',')) if (part.trim().startsWith('/')) add(part.trim());
        } else if (name === 'props') {
          for (const m of value.matchAll(PROP_PATH)) if (sitePath.test(m[1]!)) add(m[1]!);
        } else if (URL_ATTR_SET.has(name)) {
          if (value.startsWith('/')) add(value);
          else if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !(el.localName === 'a' && name === 'href') && !/^(?:data|mailto|javascript):/i.test(value)) add(value);
        }
      }
    }
  }
  if (file.endsWith('.css') || file.endsWith('.html')) for (const m of text.matchAll(/url\(\s*["']?(\/[^"')]*)/g)) add(m[1]!);
  if (file.endsWith('.js') || file.endsWith('.mjs') || file.endsWith('.html')) {
    for (const m of text.matchAll(/["'`](\/[^"'`\s]*)["'`]/g)) if (sitePath.test(m[1]!)) add(m[1]!);
    if (/return["'`]\/["'`]\+\w\}/.test(text)) add('"/" + dependency (the preload helper builds root-relative URLs)');
  }
  return found;
}
