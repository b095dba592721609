import type { EnumerableStorage } from './export';

/**
 * An in-memory Web Storage: the part of localStorage that Calx uses, keys in insertion order. The SCORM
 * runtime falls back to it when the browser refuses storage; the unit tests and the benchmark use it too.
 */
export class MemoryStorage implements EnumerableStorage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  keysStartingWith(prefix: string) {
    return [...this.items.keys()].filter((k) => k.startsWith(prefix));
  }
}
