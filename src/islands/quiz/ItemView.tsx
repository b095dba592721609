import type { ReactNode } from 'react';
import type { ItemAnswer } from '../../quiz/answers';
import { displayUnit } from '../../quiz/numeric';
import { CONCORDANCE_WORDS, type FeedbackNote, type ItemResult, type Verdict } from '../../quiz/score-item';
import { CONCORDANCE_SCALE, disagreementHref } from '../../schemas/contested';
import { formatCredit } from '../../quiz/score-quiz';
import type { ArrangedItem } from '../../quiz/shuffle';
import type { QuizSession, QuizView } from './quiz-session';

export type HeadingLevel = 2 | 3;

const VERDICTS: Record<Verdict, string> = { correct: 'Correct.', partial: 'Partly correct.', incorrect: 'Not correct.', unanswered: 'Not answered.' };
const TONES: Record<FeedbackNote['tone'], string> = { right: 'Right', wrong: 'Wrong', missed: 'Answer' };

/** Ends a label with a full stop unless it already ends a sentence (a quoted one included). */
const sentence = (text: string) => (/[.?!]["”’)]*$/.test(text) ? text : `${text}.`);

/** Paragraphs of plain text separated by blank lines, as the content files write them. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

export function Heading({ level, children, ...rest }: { level: HeadingLevel; children: ReactNode; id?: string; tabIndex?: number }) {
  return level === 2 ? <h2 {...rest}>{children}</h2> : <h3 {...rest}>{children}</h3>;
}

/** "much more likely" from a disagreement id such as "necrosis-and-calciphylaxis": the link text names the point. */
const spaced = (id: string) => id.replace(/-/g, ' ');
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function Feedback({ result, id, sources, item }: { result: ItemResult; id: string; sources: Readonly<Record<string, string>>; item: ArrangedItem['item'] }) {
  const { evidence } = item;
  return (
    <div className={`quiz-feedback verdict-${result.verdict}`} id={id} tabIndex={-1} data-testid="item-feedback">
      <p className="quiz-verdict">
        <strong>{VERDICTS[result.verdict]}</strong> {result.summary}
        {result.verdict === 'partial' && ` Credit ${formatCredit(result.credit)} of 1.`}
      </p>
      <ul className="quiz-notes">
        {result.notes.map((n, i) => (
          <li key={i} className={`note-${n.tone}`}>
            <span className="note-tone">{n.source ? 'Source' : TONES[n.tone]}:</span>{' '}
            <strong>{sentence(n.source ? `${sources[n.source] ?? n.source} ${n.label}` : n.label)}</strong> {n.text}
          </li>
        ))}
      </ul>
      <p className="quiz-explanation">
        <strong>Why:</strong> {result.explanation}
      </p>
      <p className="quiz-source">
        Source: {sources[evidence.source] ?? evidence.source}
        {evidence.section && `, ${evidence.section}`}
        {evidence.quote && (
          <>
            {' '}
            (<q>{evidence.quote}</q>)
          </>
        )}
      </p>
      {item.disagreements.length > 0 && (
        <p className="quiz-disagreements">
          The sources disagree on this point:{' '}
          {item.disagreements.map((d, i) => (
            <span key={d}>
              {i > 0 && '; '}
              <a href={disagreementHref(d, import.meta.env.BASE_URL)}>{spaced(d)}</a>
            </span>
          ))}
          .
        </p>
      )}
      {item.editorialNotes.map((n, i) => (
        <div key={i} className="editorial-note" role="note">
          <p>
            <strong>Editorial note, not from the paper:</strong> {n.text} <span className="editorial-basis">(Basis: {n.basis}.)</span>
          </p>
        </div>
      ))}
    </div>
  );
}

/** One item: the stem, the controls for its type, a check button in practice, and its feedback once scored. */
export function ItemView({
  arranged,
  index,
  view,
  session,
  level,
  prefix,
  sources,
}: {
  arranged: ArrangedItem;
  index: number;
  view: QuizView;
  session: QuizSession;
  level: HeadingLevel;
  prefix: string;
  sources: Readonly<Record<string, string>>;
}) {
  const { item } = arranged;
  const id = `${prefix}-${item.id}`;
  const result = view.results[item.id];
  const locked = view.phase !== 'running' || result !== undefined;
  const answer = view.answers[item.id];
  const problem = view.problems[item.id];
  const describedBy = [`${id}-stem`, problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  const set = (a: ItemAnswer) => session.setAnswer(item.id, a);
  const mark = (isKey: boolean, chosen: boolean) =>
    result && (isKey || chosen) ? (
      <span className={`option-mark ${isKey ? 'mark-key' : 'mark-wrong'}`}>
        {isKey ? (chosen ? ' ✓ your answer, right' : ' ✓ right answer') : ' ✗ your answer'}
      </span>
    ) : null;

  let controls: ReactNode = null;
  switch (item.type) {
    case 'single':
    case 'multiple': {
      const multiple = item.type === 'multiple';
      const current = answer?.type === 'multiple' ? answer.choices : [];
      const chosen = (o: string) => (answer?.type === 'single' ? answer.choice === o : current.includes(o));
      controls = (
        <fieldset aria-describedby={describedBy}>
          <legend>{multiple ? 'Choose all that apply' : 'Choose the one best answer'}</legend>
          {arranged.order.map((oid) => {
            const o = item.options.find((x) => x.id === oid)!;
            const on = chosen(oid);
            const toggle = () =>
              set(multiple ? { type: 'multiple', choices: on ? current.filter((c) => c !== oid) : [...current, oid] } : { type: 'single', choice: oid });
            return (
              <OptionChoice key={oid} name={id} id={oid} single={!multiple} on={on} disabled={locked} onChange={toggle}>
                {o.text}
                {mark(o.correct, on)}
              </OptionChoice>
            );
          })}
        </fieldset>
      );
      break;
    }
    case 'matching': {
      const matches = answer?.type === 'matching' ? answer.matches : {};
      controls = (
        <fieldset aria-describedby={describedBy}>
          <legend>Match each one to a choice (a choice can be used more than once)</legend>
          {arranged.order.map((pid) => {
            const p = item.prompts.find((x) => x.id === pid)!;
            const value = matches[pid] ?? '';
            return (
              <div key={pid} className="quiz-match" data-prompt={pid}>
                <label htmlFor={`${id}-${pid}`}>{p.text}</label>
                <select
                  id={`${id}-${pid}`}
                  value={value}
                  disabled={locked}
                  onChange={(e) => set({ type: 'matching', matches: { ...matches, [pid]: e.target.value || null } })}
                >
                  <option value="">Choose…</option>
                  {arranged.choiceOrder.map((cid) => (
                    <option key={cid} value={cid}>
                      {item.choices.find((c) => c.id === cid)!.text}
                    </option>
                  ))}
                </select>
                {result && (
                  <span className={`option-mark ${value === p.match ? 'mark-key' : 'mark-wrong'}`}>{value === p.match ? ' ✓ right' : ' ✗ not this one'}</span>
                )}
              </div>
            );
          })}
        </fieldset>
      );
      break;
    }
    case 'numeric':
      controls = (
        <div className="quiz-numeric">
          <label htmlFor={`${id}-value`}>Your answer</label>{' '}
          <input
            id={`${id}-value`}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={view.texts[item.id] ?? ''}
            readOnly={locked}
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={`${describedBy} ${id}-unit`}
            onChange={(e) => session.setText(item, e.target.value)}
          />{' '}
          <span id={`${id}-unit`}>{displayUnit(item.unit)}</span>
        </div>
      );
      break;
    case 'ordering': {
      const order = answer?.type === 'ordering' ? answer.order : arranged.order;
      controls = (
        <fieldset aria-describedby={describedBy}>
          <legend>Put the steps in order, first at the top</legend>
          <ol className="quiz-order">
            {order.map((sid, i) => {
              const step = item.steps.find((s) => s.id === sid)!;
              return (
                <li key={sid} data-step={sid}>
                  <span className="quiz-step-text">{step.text}</span>
                  {result && (
                    <span className={`option-mark ${item.steps[i]?.id === sid ? 'mark-key' : 'mark-wrong'}`}>
                      {item.steps[i]?.id === sid ? ' ✓ right place' : ' ✗ wrong place'}
                    </span>
                  )}
                  {!locked && (
                    <span className="quiz-step-buttons">
                      <button
                        type="button"
                        className="button-secondary"
                        data-move="up"
                        aria-label={`Move up: ${step.text}`}
                        disabled={i === 0}
                        onClick={() => session.move(item.id, sid, 'up')}
                      >
                        Move up
                      </button>
                      <button
                        type="button"
                        className="button-secondary"
                        data-move="down"
                        aria-label={`Move down: ${step.text}`}
                        disabled={i === order.length - 1}
                        onClick={() => session.move(item.id, sid, 'down')}
                      >
                        Move down
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </fieldset>
      );
      break;
    }
    case 'concordance': {
      const rating = answer?.type === 'concordance' ? answer.rating : null;
      const words = CONCORDANCE_WORDS[item.scale];
      controls = (
        <>
          <dl className="concordance-script">
            <dt>If you were thinking of</dt>
            <dd>{item.hypothesis}</dd>
            <dt>and then you find</dt>
            <dd>{item.newInformation}</dd>
          </dl>
          <fieldset aria-describedby={describedBy}>
            <legend>The hypothesis becomes</legend>
            <div className="concordance-scale">
              {CONCORDANCE_SCALE.map((r) => (
                <label key={r} className="radio quiz-option" data-rating={r}>
                  <input type="radio" name={id} value={r} checked={rating === r} disabled={locked} onChange={() => set({ type: 'concordance', rating: r })} />
                  <span>
                    {signed(r)}: {words[String(r)]}
                    {result && rating === r && (
                      <span className="option-mark">{result.credit > 0 ? ` ✓ your rating, credit ${formatCredit(result.credit)}` : ' ✗ your rating'}</span>
                    )}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        </>
      );
      break;
    }
    case 'key-feature': {
      const choices = answer?.type === 'key-feature' ? answer.choices : {};
      controls = (
        <ol className="key-features">
          {item.features.map((f) => {
            const current = choices[f.id] ?? [];
            const limit = f.options.filter((o) => o.correct).length;
            const order = arranged.featureOptions?.[f.id] ?? f.options.map((o) => o.id);
            return (
              <li key={f.id} data-feature={f.id}>
                <fieldset aria-describedby={describedBy}>
                  <legend>
                    {f.question} <span className="key-feature-limit">(choose {limit === 1 ? 'one' : `up to ${limit}`})</span>
                  </legend>
                  {order.map((oid) => {
                    const o = f.options.find((x) => x.id === oid)!;
                    const on = current.includes(oid);
                    const picked = limit === 1 ? [oid] : on ? current.filter((c) => c !== oid) : [...current, oid];
                    return (
                      <OptionChoice
                        key={oid}
                        name={`${id}-${f.id}`}
                        id={oid}
                        single={limit === 1}
                        on={on}
                        disabled={locked}
                        onChange={() => set({ type: 'key-feature', choices: { ...choices, [f.id]: picked } })}
                      >
                        {o.text}
                        {mark(o.correct, on)}
                      </OptionChoice>
                    );
                  })}
                </fieldset>
              </li>
            );
          })}
        </ol>
      );
      break;
    }
  }

  return (
    <section className="quiz-item" id={id} data-item={item.id} data-type={item.type} data-verdict={result?.verdict} aria-labelledby={`${id}-heading`}>
      <Heading level={level} id={`${id}-heading`} tabIndex={-1}>
        Question {index + 1} of {view.arranged.length}
      </Heading>
      <div className="quiz-stem" id={`${id}-stem`}>
        <Paragraphs text={item.stem} />
      </div>
      {controls}
      {problem && (
        <p className="field-error" id={`${id}-problem`} tabIndex={-1}>
          {problem}
        </p>
      )}
      {view.mode !== 'test' && !result && view.phase === 'running' && (
        <button type="button" className="button-primary" onClick={() => session.check(item.id)}>
          Check answer
        </button>
      )}
      {result && <Feedback result={result} id={`${id}-feedback`} sources={sources} item={item} />}
    </section>
  );
}

interface OptionChoiceProps {
  /** The group's name: one per question (or per key feature). */
  name: string;
  /** The option's id, its value and `data-option`. */
  id: string;
  /** A radio button when one answer is allowed, else a checkbox. */
  single: boolean;
  on: boolean;
  disabled: boolean;
  onChange: () => void;
  /** The option's text and, once answered, its mark. */
  children: ReactNode;
}

/** One answer option, labelled by its text. */
function OptionChoice({ name, id, single, on, disabled, onChange, children }: OptionChoiceProps) {
  return (
    <label className="radio quiz-option" data-option={id}>
      <input type={single ? 'radio' : 'checkbox'} name={name} value={id} checked={on} disabled={disabled} onChange={onChange} />
      <span>{children}</span>
    </label>
  );
}
