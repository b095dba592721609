import type { CaseDefinition } from '../../schemas/case';
import { countOf, type ClassResults, type DroppedFile } from '../../faculty/class-results-format';
import { MAX_INPUT_FILE_BYTES } from '../../progress/limits';
import { ViewStore } from '../view-store';

/** A file as the browser gives it (File), or anything with a name and its text. */
export interface ReadableFile {
  name: string;
  /** Bytes, when the browser knows them: a file over the limit is listed as too large without being read. */
  size?: number;
  text(): Promise<string>;
}

export interface ClassView {
  /** The files read so far, in the order added. A file with the same name as an earlier one is kept beside it: the analysis, not the name, decides whether it
   * is a copy. */
  files: DroppedFile[];
  results: ClassResults | null;
  /** What the live region says after the last change. */
  announcement: string;
}

/**
 * The class results page's state, framework-free: the files a faculty member dropped, and their
 * analysis (re-scored by replay against the cases given). Everything stays in this page: files are
 * read with the File API and never sent anywhere.
 */
export class ClassSession extends ViewStore<ClassView> {
  constructor(private readonly cases: readonly CaseDefinition[]) {
    super({ files: [], results: null, announcement: '' });
  }

  /** Replaces the whole view (every field is recomputed together). */
  private set(view: ClassView) {
    this.update(view);
  }

  /** Reads files and re-analyses the whole set. */
  async addFiles(list: Iterable<ReadableFile>): Promise<void> {
    const added: DroppedFile[] = [];
    for (const f of list) {
      try {
        if ((f.size ?? 0) > MAX_INPUT_FILE_BYTES) added.push({ name: f.name, text: '', size: f.size });
        else added.push({ name: f.name, text: await f.text() });
      } catch {
        added.push({ name: f.name, text: '' });
      }
    }
    if (added.length === 0) return;
    // The analysis replays with the case engine: loaded when the first files arrive, not with the page.
    const { analyseClass } = await import('../../faculty/class-results');
    // After the last await, so that files added meanwhile by another drop are kept.
    const files = [...this.view.files, ...added];
    const results = analyseClass(files, this.cases);
    const flagged = results.rows.filter((r) => r.flags.length > 0).length;
    const total = files.length === added.length ? '' : ` (${countOf(files.length, 'file')} in all)`;
    const announcement =
      `${countOf(added.length, 'file')} read${total}. ${countOf(results.rows.length, 'attempt')} in the ` +
      `table, ${flagged} flagged, ${countOf(results.problems.length, 'file problem')}.`;
    this.set({ files, results, announcement });
  }

  clear(): void {
    this.set({ files: [], results: null, announcement: 'All files cleared.' });
  }
}
