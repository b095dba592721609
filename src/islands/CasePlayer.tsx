import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CaseDefinition } from '../schemas/case';
import { AttemptSession, type SaveScheduler } from './attempt-session';
import { browserStorage } from './browser';
import { DIAGNOSIS_ANCHOR, ORDERS_ANCHOR, OrderPanel, ordersAt } from './OrderPanel';
import { ResultsFeed } from './ResultsFeed';
import { DiagnosisForm } from './DiagnosisForm';
import { Timeline } from './Timeline';
import { useAfterPaint } from './after-paint';
import { downloadJson } from './download';
import { DEFAULT_PREFERENCES, readPreferences, writePreferences, type UnitSystem } from '../progress/preferences';
import { PLAY_MODE_META, PLAY_MODE_TEXT, playModeFrom } from '../schemas/play-mode';
import type { PlayMode } from '../schemas/module';
import type { DebriefSource } from './DebriefView';

// The debrief and the scoring behind it load on the last stage (or on finishing), not with the case:
// loaded ahead of the Finish click, the debrief renders in the same commit and focus moves with no gap.
type DebriefComponent = typeof import('./DebriefView')['DebriefView'];
let debriefModule: Promise<DebriefComponent> | null = null;
const loadDebrief = () => (debriefModule ??= import('./DebriefView').then((m) => m.DebriefView));

/**
 * Saves once the browser is idle after the frame that shows a click's result (at the latest within
 * a fifth of a second), so that writing storage never delays it. Where there is no idle callback, a
 * task after the next frame does the same.
 */
const saveWhenIdle: SaveScheduler = (save) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(save, { timeout: 200 });
  else requestAnimationFrame(() => setTimeout(save, 0));
};

/** The case player island: binds an AttemptSession to the view. */
export default function CasePlayer({ def, source }: { def: CaseDefinition; source?: DebriefSource }) {
  const [session] = useState(() => new AttemptSession(def, null, undefined, saveWhenIdle));
  const view = useSyncExternalStore(session.subscribe, session.getView, session.getView);

  // A save still waiting is written before the page can be frozen, closed or left.
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') session.flush();
    };
    window.addEventListener('pagehide', session.flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', session.flush);
      document.removeEventListener('visibilitychange', onHidden);
      session.flush();
    };
  }, [session]);
  const order = useCallback((action: string) => session.send({ type: 'ORDER', action }), [session]);
  const [ready, setReady] = useState(false);
  const stageHeading = useRef<HTMLHeadingElement>(null);
  const debriefHeading = useRef<HTMLHeadingElement>(null);
  const lastStage = useRef<number | null>(null);
  const [Debrief, setDebrief] = useState<DebriefComponent | null>(null);

  const [units, setUnits] = useState<UnitSystem>(DEFAULT_PREFERENCES.units);
  const [mode, setMode] = useState<PlayMode>('practice');
  useEffect(() => {
    setMode(playModeFrom(window.location.search, document.querySelector(`meta[name="${PLAY_MODE_META}"]`)?.getAttribute('content')));
    const storage = browserStorage();
    setUnits(readPreferences(storage).units);
    let live = true;
    void session.attach(storage).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [session]);
  const chooseUnits = useCallback((system: UnitSystem) => {
    setUnits(system);
    writePreferences(browserStorage(), { ...readPreferences(browserStorage()), units: system });
  }, []);

  const ctx = view.snapshot.context;
  const stage = def.stages[ctx.stage]!;
  const isLast = ctx.stage === def.stages.length - 1;

  useEffect(() => {
    if (!ready || Debrief || !(isLast || view.finished)) return;
    let live = true;
    void loadDebrief().then((c) => live && setDebrief(() => c));
    return () => {
      live = false;
    };
  }, [ready, isLast, view.finished, Debrief]);

  // Move focus to the new stage's heading (or the debrief) so keyboard and screen-reader users land on what changed.
  // A layout effect: focus moves in the commit that removed the button, so it never rests on the page body.
  useLayoutEffect(() => {
    if (!ready) return;
    if (view.finished) debriefHeading.current?.focus();
    else if (lastStage.current !== null && lastStage.current !== ctx.stage) stageHeading.current?.focus();
    lastStage.current = ctx.stage;
  }, [ready, ctx.stage, view.finished, Debrief]);

  const stageOrders = useMemo(() => ordersAt(ctx.trace, stage.id), [ctx.trace, stage.id]);
  // The results list and the timeline repeat the result shown under its button: they follow a frame later.
  const shownTrace = useAfterPaint(ctx.trace);
  const presentation = useMemo(
    () =>
      stage.presentation
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
    [stage],
  );
  const [moveError, setMoveError] = useState<string | null>(null);

  const move = () => {
    const reason = session.send(isLast ? { type: 'FINISH' } : { type: 'ADVANCE' });
    setMoveError(reason);
  };

  return (
    <div className="player" data-mode={mode} data-ready={ready ? 'true' : 'false'} data-stage={stage.id} data-finished={view.finished ? 'true' : 'false'}>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-region">
        {view.announcement}
      </div>
      {view.notice && (
        <div className={`notice notice-${view.notice.tone}`} role={view.notice.tone === 'warning' ? 'alert' : 'status'} data-testid="save-notice">
          {view.notice.text}
          {view.notice.offerDownload && (
            <>
              {' '}
              <button
                type="button"
                className="button-secondary"
                data-testid="notice-download"
                onClick={() => downloadJson(`calx-${def.slug}-${view.record.startedAt.slice(0, 10)}.json`, view.record)}
              >
                Download this attempt
              </button>
            </>
          )}
        </div>
      )}
      {!ready && <p className="loading">Loading the case player…</p>}
      <p className="play-mode" data-testid="play-mode">
        <strong>{PLAY_MODE_TEXT[mode].name}:</strong> {PLAY_MODE_TEXT[mode].detail}
      </p>

      {view.finished ? (
        Debrief ? (
          <Debrief def={def} view={view} headingRef={debriefHeading} onPlayAgain={() => session.playAgain()} source={source} />
        ) : (
          <h3 ref={debriefHeading} tabIndex={-1} className="loading">
            Preparing your debrief…
          </h3>
        )
      ) : (
        <>
          <header className="stage-header">
            <p className="stage-clock">
              {def.clock.label} {stage.day} · stage {ctx.stage + 1} of {def.stages.length}
            </p>
            <h3 ref={stageHeading} tabIndex={-1} id="stage-heading">
              {def.clock.short} {stage.day}: {stage.title}
            </h3>
            <p className="patient-line">{def.patient.oneLiner}</p>
          </header>
          <div className="stage-presentation" data-pagefind-body="">
            {presentation.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>

          <div className="player-grid">
            <div className="player-col">
              <OrderPanel
                def={def}
                stage={ctx.stage}
                done={ctx.doneThisStage}
                results={stageOrders}
                onOrder={order}
                disabled={!ready}
                system={units}
                feedback={mode === 'practice'}
              />
            </div>
            <div className="player-col">
              <ResultsFeed def={def} trace={shownTrace} system={units} onSystem={chooseUnits} feedback={mode === 'practice'} />
            </div>
          </div>

          <div id={DIAGNOSIS_ANCHOR} tabIndex={-1} className="skip-target">
            <p className="skip-within">
              <a href={`#${ORDERS_ANCHOR}`}>Back to the order list</a>
            </p>
            <DiagnosisForm
              def={def}
              working={ctx.working}
              summaryRequired={ctx.summary === null}
              commitFeedback={view.commitFeedback}
              onCommit={session.send}
              disabled={!ready}
              isLast={isLast}
              feedback={mode === 'practice'}
            />
          </div>

          <section className="move-on" aria-labelledby="move-heading">
            <h4 id="move-heading">{isLast ? 'Finish the case' : 'Move on'}</h4>
            <p>
              {isLast
                ? ctx.working
                  ? `Your final diagnosis will be your working diagnosis: ${def.diagnoses.find((d) => d.id === ctx.working!.diagnosis)?.label} ` +
                    `(${Math.round(ctx.working.confidence * 100)}%).`
                  : 'Commit a final differential above, then finish to see the debrief.'
                : ctx.working
                  ? `The case moves to ${def.clock.short} ${def.stages[ctx.stage + 1]!.day}. What you have not ordered by then stays unordered.`
                  : 'Commit a differential before moving on: the course asks you to reason as you go.'}
            </p>
            <button type="button" className="button-primary" onClick={move} disabled={!ready} aria-describedby={moveError ? 'move-error' : undefined}>
              {isLast ? 'Finish and see the debrief' : `Move on to ${def.clock.short} ${def.stages[ctx.stage + 1]!.day}`}
            </button>
            {moveError && (
              <p id="move-error" className="field-error" role="alert">
                {moveError.charAt(0).toUpperCase() + moveError.slice(1)}.
              </p>
            )}
          </section>

          <Timeline def={def} trace={shownTrace} />
        </>
      )}
    </div>
  );
}
