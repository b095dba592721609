import { createActor, type Actor } from 'xstate';
import type { CaseDefinition } from '../schemas/case';
import type { AttemptRecord } from '../engine/attempt-record';
import { compile, isFinished, type CaseSnapshot, type CompiledCase } from '../engine/compiled-case';
import type { PlayEvent } from '../schemas/events';
import { commitmentOf, rejectionReason, type CaseMachine } from '../engine/machine';
import { labeller } from '../scoring/describe';
import { archiveAttempt, attemptKey, newAttempt, saveAttempt, type StorageLike } from '../progress/attempt-store';
import type { LoadOutcome, loadAttempt } from '../progress/saved-attempt';
import type { resumeNotice } from './resume-notice';
import { HISTORY_PREFIX } from '../progress/keys';
import { degradedNotice, degradedReason } from '../progress/guarded-storage';

type LoadAttempt = typeof loadAttempt;

/** Whether storage holds an attempt for the case, or one or a history under a former slug (which loading moves). */
function holdsSavedAttempt(storage: StorageLike, def: CaseDefinition): boolean {
  if (storage.getItem(attemptKey(def.slug)) !== null) return true;
  return (def.formerSlugs ?? []).some((former) => storage.getItem(attemptKey(former)) !== null || storage.getItem(`${HISTORY_PREFIX}${former}`) !== null);
}

/**
 * Runs a save of the attempt later. The player passes one that waits until the browser is idle after the
 * frame that shows the result, so that writing storage never delays what the learner sees; the session
 * writes any save still waiting when asked (`flush`), which the player does when the page is hidden or left.
 */
export type SaveScheduler = (save: () => void) => void;

/** Saves at once: the default, for code with no frame to protect (tests, scripts). */
const saveAtOnce: SaveScheduler = (save) => save();

/**
 * What the view renders; replaced (never mutated) on every change, for useSyncExternalStore. Parts that
 * did not change keep their identity (the context's trace entries, the working differential, the notice),
 * so that memoised parts of the view skip them.
 */
export interface SessionView {
  snapshot: CaseSnapshot;
  record: AttemptRecord;
  finished: boolean;
  /**
   * A message about saved progress (resumed, set aside, cannot save). `offerDownload` asks the view
   * for a button that downloads the attempt, when it is kept on this page only.
   */
  notice: { tone: 'info' | 'warning'; text: string; offerDownload?: boolean } | null;
  /** What the live region announces for the last change. */
  announcement: string;
  /** Feedback on the last commit, when the sources have something to say right away. */
  commitFeedback: string | null;
}

/**
 * One learner's attempt at one case: an XState actor running the compiled case machine, the event
 * log it was driven by, and its persistence. Framework-free; the React island only binds it to a view.
 */
export class AttemptSession {
  private readonly compiled: CompiledCase;
  private readonly label: (id: string) => string;
  private actor: Actor<CaseMachine>;
  private view: SessionView;
  private readonly listeners = new Set<() => void>();
  /** Whether the attempt has changed since it was last written to storage. */
  private saveWaiting = false;

  constructor(
    readonly def: CaseDefinition,
    private storage: StorageLike | null = null,
    private readonly now: () => Date = () => new Date(),
    private readonly scheduleSave: SaveScheduler = saveAtOnce,
  ) {
    this.compiled = compile(def);
    this.label = labeller(def);
    this.actor = createActor(this.compiled.machine).start();
    const snapshot = this.actor.getSnapshot();
    this.view = { snapshot, record: newAttempt(def, new Date(0)), finished: false, notice: null, announcement: '', commitFeedback: null };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): SessionView => this.view;

  private update(patch: Partial<SessionView>) {
    this.view = { ...this.view, ...patch };
    for (const l of this.listeners) l();
  }

  /**
   * Attaches browser storage and resumes a saved attempt if there is a usable one. The code that reads
   * a saved attempt back (validation, migration of old formats, replay, moving former slugs) is loaded
   * only when this browser holds something for the case: a first visit does not download it.
   */
  async attach(storage: StorageLike | null): Promise<void> {
    this.storage = storage;
    const fresh = newAttempt(this.def, this.now());
    if (!storage) {
      this.update({
        record: fresh,
        notice: { tone: 'warning', text: 'This browser does not let Calx save progress, so this attempt will be lost if you leave the page.' },
      });
      return;
    }
    let outcome: LoadOutcome;
    let noticeFor: typeof resumeNotice | null = null;
    try {
      let load: LoadAttempt | null = null;
      if (holdsSavedAttempt(storage, this.def)) {
        try {
          [{ loadAttempt: load }, { resumeNotice: noticeFor }] = await Promise.all([import('../progress/saved-attempt'), import('./resume-notice')]);
        } catch {
          // Without the reader the saved attempt cannot be checked: never save over it.
          this.storage = null;
          this.update({
            record: fresh,
            notice: {
              tone: 'warning',
              text:
                'Your saved progress could not be opened (the page could not load the code that reads it; are you offline?). ' +
                'It is kept untouched, and this new attempt is kept on this page only: reload the page to carry on with the saved one.',
              offerDownload: true,
            },
          });
          return;
        }
      }
      outcome = load ? load(storage, this.def, this.now()) : { kind: 'none' };
    } catch {
      this.update({ record: fresh, notice: { tone: 'warning', text: 'Saved progress could not be read in this browser; this attempt starts afresh.' } });
      return;
    }
    const degraded = degradedReason(storage);
    if (outcome.kind === 'none' || !noticeFor) {
      this.update({ record: fresh, notice: degraded ? { tone: 'warning', text: degradedNotice(degraded), offerDownload: true } : null });
    } else if (outcome.kind === 'set-aside') {
      this.update({ record: fresh, notice: noticeFor(outcome, degraded, false) });
    } else {
      this.restart(outcome.replayed.snapshot);
      const finished = isFinished(outcome.replayed.snapshot);
      this.update({ record: outcome.record, finished, notice: noticeFor(outcome, degraded, finished) });
      if (outcome.rescoredFrom && finished) void this.cacheResult(outcome.replayed.snapshot, outcome.record.result?.finishedAt ?? outcome.record.updatedAt);
    }
  }

  private restart(snapshot?: CaseSnapshot) {
    this.actor.stop();
    this.actor = createActor(this.compiled.machine, snapshot ? { snapshot: this.compiled.machine.getPersistedSnapshot(snapshot) } : {}).start();
    this.update({ snapshot: this.actor.getSnapshot(), finished: isFinished(this.actor.getSnapshot()) });
  }

  /** Why the case would not accept this event now, or null. */
  whyNot(event: PlayEvent): string | null {
    return rejectionReason(this.compiled.ix, this.view.snapshot.context, this.view.finished, event);
  }

  /**
   * Sends an event; returns the reason when the case does not accept it. The machine's guards decide;
   * the reason is worked out only for a refused event (XState keeps the same snapshot when no
   * transition is taken), so an accepted event is checked once.
   */
  send = (event: PlayEvent): string | null => {
    if (this.view.finished) return this.whyNot(event);
    const before = this.actor.getSnapshot();
    this.actor.send(event);
    const snapshot = this.actor.getSnapshot();
    if (snapshot === before) return this.whyNot(event) ?? 'the case did not accept this step';
    const finished = isFinished(snapshot);
    const at = this.now().toISOString();
    const record: AttemptRecord = { ...this.view.record, events: [...this.view.record.events, event], updatedAt: at };
    this.update({
      snapshot,
      record,
      finished,
      announcement: this.announce(snapshot),
      commitFeedback: event.type === 'COMMIT' ? this.teamSameCall(snapshot.context.working!.diagnosis) : null,
    });
    this.requestSave();
    if (finished) void this.cacheResult(snapshot, at);
    return null;
  };

  /** Asks for the attempt as it now stands to be written (once, however many changes come before). */
  private requestSave(): void {
    if (!this.storage || this.saveWaiting) return;
    this.saveWaiting = true;
    this.scheduleSave(this.flush);
  }

  /**
   * Writes the attempt now if a save is waiting: the player calls it when the page is hidden or left,
   * so that nothing played is lost. A write that fails turns into a notice with a download.
   */
  flush = (): void => {
    if (!this.saveWaiting || !this.storage) return;
    this.saveWaiting = false;
    let notice = this.view.notice;
    try {
      saveAttempt(this.storage, this.view.record);
    } catch {
      notice = { tone: 'warning', text: 'Your progress could not be saved (browser storage is full or blocked).', offerDownload: true };
    }
    const degraded = degradedReason(this.storage);
    if (degraded && !notice?.offerDownload) notice = { tone: 'warning', text: degradedNotice(degraded), offerDownload: true };
    if (notice !== this.view.notice) this.update({ notice });
  };

  /**
   * Stores the outcome with a finished attempt, for pages that show it without the case. Scoring is
   * loaded only now: a learner who never finishes never downloads it.
   */
  private async cacheResult(snapshot: CaseSnapshot, at: string): Promise<void> {
    const { scoreAttempt } = await import('../scoring/score');
    const final = snapshot.context.working!;
    const record: AttemptRecord = {
      ...this.view.record,
      result: {
        total: scoreAttempt(this.def, snapshot.context.trace, true).total,
        diagnosis: final.diagnosis,
        diagnosisLabel: this.label(final.diagnosis),
        finishedAt: at,
      },
    };
    this.update({ record });
    this.requestSave();
  }

  /** Starts over; a finished attempt is kept in the case's history. */
  playAgain(): void {
    this.flush();
    if (this.storage) {
      try {
        archiveAttempt(this.storage, this.view.record);
      } catch {
        /* storage refused: the new attempt still starts */
      }
    }
    this.restart();
    this.update({ record: newAttempt(this.def, this.now()), notice: null, announcement: 'A new attempt has started.', commitFeedback: null });
  }

  private announce(snapshot: CaseSnapshot): string {
    const last = snapshot.context.trace.at(-1);
    if (!last) return '';
    switch (last.kind) {
      case 'order': {
        const action = this.def.actions.find((a) => a.id === last.action)!;
        if (last.revealed.length === 0) return `${action.label}: ${action.notReported ?? 'nothing new to report at this point.'}`;
        return `New result${last.revealed.length > 1 ? 's' : ''}: ${last.revealed.map(this.label).join('; ')}.`;
      }
      case 'commit':
        return `Working differential set: ${last.differential.map((d) => `${this.label(d.diagnosis)} ${d.probability}%`).join(', ')}.`;
      case 'stage':
        return `Now at ${this.def.clock.short} ${last.day}.${last.presented.length ? ` New findings: ${last.presented.map(this.label).join('; ')}.` : ''}`;
      case 'finish':
        return 'Case finished. The debrief follows.';
    }
  }

  /** Immediate, non-spoiling feedback: the treating team made this same call at this stage. */
  private teamSameCall(diagnosis: string): string | null {
    const stage = this.def.stages[this.view.snapshot.context.stage]!;
    let teamStage = 0;
    for (const step of this.def.teamPath) {
      if (step.event.type === 'ADVANCE') teamStage++;
      if (step.event.type === 'COMMIT' && commitmentOf(step.event).diagnosis === diagnosis && this.def.stages[teamStage]?.id === stage.id)
        return (
          `The treating team made the same call at ${this.def.clock.short} ${stage.day}.` +
          `${this.view.snapshot.context.stage < this.def.stages.length - 1 ? ' Keep it under review as results come in.' : ''}`
        );
    }
    return null;
  }
}
