/**
 * The framework-free half of an island: a view (plain data) that React reads with
 * `useSyncExternalStore(store.subscribe, store.getView)`. `update` replaces the view with a patched
 * copy, so React sees a new object exactly when something changed, and tells every subscriber.
 */
export class ViewStore<View extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(protected view: View) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): View => this.view;

  protected update(patch: Partial<View>): void {
    this.view = { ...this.view, ...patch };
    for (const listener of this.listeners) listener();
  }
}
