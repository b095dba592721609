import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { filterOptions, matchedSynonym, type ListOption } from './differential-draft';

/**
 * A searchable combobox over the course-wide diagnosis list, built to the WAI-ARIA APG pattern "editable
 * combobox with list autocomplete" (listbox popup, no automatic selection): typing filters by label and
 * synonyms; Down and Up open the list and move through it (shown with aria-activedescendant, so focus stays
 * in the text box); Enter adds the highlighted diagnosis; Escape closes the list, or clears the text when
 * it is closed. A mouse or a touch on an option adds it too.
 */
export function DiagnosisCombobox({
  options,
  exclude,
  onPick,
  disabled,
}: {
  options: readonly ListOption[];
  exclude: ReadonlySet<string>;
  onPick: (id: string) => void;
  disabled?: boolean;
}) {
  const id = useId().replace(/:/g, '');
  const inputId = `dx-input-${id}`;
  const listId = `dx-list-${id}`;
  const hintId = `dx-hint-${id}`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);

  const shown = useMemo(() => filterOptions(options, query).filter((o) => !exclude.has(o.id)), [options, query, exclude]);
  const activeOption = open && active >= 0 ? shown[active] : undefined;
  const optionId = (o: ListOption) => `${listId}-${o.id}`;

  const pick = (o: ListOption | undefined) => {
    if (!o) return;
    onPick(o.id);
    setQuery('');
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(e.altKey ? -1 : 0);
        } else setActive((a) => (shown.length === 0 ? -1 : (a + 1) % shown.length));
        return;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(shown.length - 1);
        } else setActive((a) => (shown.length === 0 ? -1 : a <= 0 ? shown.length - 1 : a - 1));
        return;
      case 'Enter':
        // Enter in the text box adds the highlighted diagnosis; it never submits the form.
        e.preventDefault();
        if (activeOption) pick(activeOption);
        else if (open && shown.length === 1) pick(shown[0]);
        return;
      case 'Escape':
        if (open) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          e.preventDefault();
          setQuery('');
        }
        return;
      case 'Home':
      case 'End':
        // The APG pattern leaves Home and End to the text box (move the caret).
        setActive(-1);
        return;
    }
  };

  return (
    <div className="combobox">
      <label htmlFor={inputId}>Add a diagnosis to your differential</label>
      <p id={hintId} className="hint">
        Type part of a name to search the course's list (other names count too); Down and Up move through it, Enter adds, Escape closes.
      </p>
      <div className="combobox-field">
        <input
          ref={input}
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={listId}
          aria-describedby={hintId}
          aria-activedescendant={activeOption ? optionId(activeOption) : undefined}
          disabled={disabled}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
          data-testid="diagnosis-combobox"
        />
        <button
          type="button"
          className="combobox-toggle"
          tabIndex={-1}
          aria-label="Show the diagnosis list"
          aria-controls={listId}
          aria-expanded={open ? 'true' : 'false'}
          disabled={disabled}
          // Keep focus in the text box: the button only opens or closes the list.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            setOpen((o) => !o);
            setActive(-1);
            input.current?.focus();
          }}
        >
          <span aria-hidden="true">▾</span>
        </button>
      </div>
      <ul id={listId} role="listbox" aria-label="Diagnoses" className="combobox-list" hidden={!open || shown.length === 0} data-diagnosis-list>
        {shown.map((o, i) => {
          const syn = matchedSynonym(o, query);
          return (
            <li
              key={o.id}
              id={optionId(o)}
              role="option"
              aria-selected={i === active ? 'true' : 'false'}
              className={i === active ? 'combobox-option is-active' : 'combobox-option'}
              data-option={o.id}
              // mousedown, not click: it must land before the text box's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
            >
              {o.label}
              {syn && <span className="combobox-synonym"> (matches “{syn}”)</span>}
            </li>
          );
        })}
      </ul>
      {open && shown.length === 0 && (
        <p className="hint" role="status">
          No diagnosis on the list matches “{query}”. “Something else” keeps room for a diagnosis the list does not name.
        </p>
      )}
    </div>
  );
}
