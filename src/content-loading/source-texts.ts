import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SourceEntry } from '../schemas/source';

/**
 * Where the plain text of each paper is, for the provenance checks (quotes found in their source,
 * copied runs). A paper's text sits in `content/sources/<id>.txt` when its licence lets the project
 * carry it, or in the folder `SOURCES_DIR` names (default `../shared/seeds`, beside the project) under
 * the file name its source record gives as `seed`. Node only.
 */

/** The folder `SOURCES_DIR` names, resolved against the project root (default `../shared/seeds`). */
export function sourcesDirOf(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(projectRoot, env.SOURCES_DIR ?? '../shared/seeds');
}

/** Text normalised for quote matching: case folded, line-break hyphenation joined, curly quotes and dashes straightened, whitespace collapsed. */
export function normaliseForQuotes(text: string): string {
  return text
    .toLowerCase()
    .replace(/-[ \t]*\r?\n[ \t]*/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Where one source's text was found, or why it was not. */
export type SourceTextLookup = { id: string; found: true; path: string; text: string } | { id: string; found: false; reason: string };

/** Finds the texts of the course's sources: `content/sources/<id>.txt` first, then `<SOURCES_DIR>/<seed>`. */
export class SourceTexts {
  private readonly cache = new Map<string, SourceTextLookup>();
  private normalised = new Map<string, string>();

  constructor(
    private readonly sources: readonly Pick<SourceEntry, 'id' | 'seed'>[],
    private readonly contentDir: string,
    readonly sourcesDir: string,
  ) {}

  /** The text of a source, or the reason it is not available. */
  lookup(id: string): SourceTextLookup {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const result = this.find(id);
    this.cache.set(id, result);
    return result;
  }

  /** The source's text normalised for quote matching, or undefined where it is not available. */
  normalisedText(id: string): string | undefined {
    const found = this.lookup(id);
    if (!found.found) return undefined;
    const cached = this.normalised.get(id);
    if (cached !== undefined) return cached;
    const text = normaliseForQuotes(found.text);
    this.normalised.set(id, text);
    return text;
  }

  /** Every text available, each once (the raw text), for the copied-run check. */
  allTexts(): { id: string; path: string; text: string }[] {
    const out: { id: string; path: string; text: string }[] = [];
    const seen = new Set<string>();
    for (const s of this.sources) {
      const found = this.lookup(s.id);
      if (found.found && !seen.has(found.path)) {
        seen.add(found.path);
        out.push({ id: s.id, path: found.path, text: found.text });
      }
    }
    // Every text in the project's sources folder counts, as the original tool read its whole folder.
    for (const dir of [join(this.contentDir, 'sources'), this.sourcesDir]) {
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort()) {
        const path = join(dir, name);
        if (seen.has(path)) continue;
        seen.add(path);
        out.push({ id: name.replace(/\.txt$/, ''), path, text: readFileSync(path, 'utf8') });
      }
    }
    return out;
  }

  private find(id: string): SourceTextLookup {
    const local = join(this.contentDir, 'sources', `${id}.txt`);
    if (existsSync(local)) return { id, found: true, path: local, text: readFileSync(local, 'utf8') };
    const source = this.sources.find((s) => s.id === id);
    if (!source) return { id, found: false, reason: `there is no source "${id}"` };
    if (!source.seed)
      return {
        id,
        found: false,
        reason: `its text is not in content/sources/${id}.txt and its record names no \`seed\` file in SOURCES_DIR (${this.sourcesDir})`,
      };
    const seed = join(this.sourcesDir, source.seed);
    if (existsSync(seed)) return { id, found: true, path: seed, text: readFileSync(seed, 'utf8') };
    return {
      id,
      found: false,
      reason: `its text is neither in content/sources/${id}.txt nor at ${seed} (set SOURCES_DIR to the folder that holds ${source.seed})`,
    };
  }
}
