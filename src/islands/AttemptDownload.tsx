import { useEffect, useId, useState } from 'react';
import type { AttemptRecord } from '../engine/attempt-record';
import { attemptFile, attemptFileName, learnerNameProblem, readLearnerName, writeLearnerName } from '../progress/attempt-file';
import { browserStorage } from './browser';
import { downloadJson } from './download';

/**
 * "Download this attempt": asks for the learner's name (remembered in this browser), then writes it
 * and the attempt's id into the file and into the file's name, so that a teacher's class results page
 * can tell learners and attempts apart.
 */
export function AttemptDownload({ record }: { record: AttemptRecord }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setName(readLearnerName(browserStorage())), []);

  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    const problem = learnerNameProblem(name);
    setError(problem);
    if (problem) return;
    const remembered = writeLearnerName(browserStorage(), name);
    const file = attemptFile(record, name);
    const fileName = attemptFileName(file);
    downloadJson(fileName, file);
    setSaved(`Saved as ${fileName} (attempt ${file.attemptId}).${remembered ? '' : ' This browser does not keep your name, so you will be asked again.'}`);
  };

  return (
    <form className="attempt-download" onSubmit={submit} noValidate data-testid="attempt-download">
      <label htmlFor={`${id}-name`}>Your name, for your teacher</label>
      <p className="hint" id={`${id}-hint`}>
        It goes into the file with this attempt's id, so that class results tell you apart from others. Remembered in this browser only.
      </p>
      <div className="attempt-download-row">
        <input
          id={`${id}-name`}
          name="learner"
          type="text"
          autoComplete="name"
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? 'true' : undefined}
        />
        <button type="submit" className="button-secondary">
          Download this attempt (JSON)
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="hint" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}
