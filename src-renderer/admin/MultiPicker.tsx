import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from './FieldError.js';
import { filterOptions, optionFor, searchKey, type PickerOption } from './picker-options.js';

export interface MultiPickerProps {
  label: string;
  options: readonly PickerOption[];
  chosen: readonly string[];
  onChange: (values: string[]) => void;
  /** The choice typed text stands for when no option is it (a new skill, "pt-PT", "US-CA"); null when it cannot be one. */
  freeEntry?: ((text: string) => PickerOption | null) | undefined;
  /** Names a chosen value the options do not list. */
  nameOf?: ((value: string) => string) | undefined;
  testId: string;
  error?: string | undefined;
}

/**
 * Chips for what is chosen and a search box that lists the rest (the WAI-ARIA combobox with a
 * listbox): type to filter, arrows to move, Enter to add (which closes the list), Backspace on an
 * empty box removes the last chip, Escape closes the list.
 */
export function MultiPicker({ label, options, chosen, onChange, freeEntry, nameOf, testId, error }: MultiPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const choices = useMemo(() => withFreeEntry(filterOptions(options, query, chosen), query.trim() && freeEntry ? freeEntry(query.trim()) : null, chosen), [options, query, chosen, freeEntry]);
  const activeIndex = Math.min(active, choices.length - 1);

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${activeIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, open]);

  const add = (option: PickerOption) => {
    onChange([...chosen, option.value]);
    setAnnouncement(t('admin.picker.added', { name: option.label }));
    setQuery('');
    setActive(0);
    // Closed, so the list does not cover the fields and buttons below; typing or a down arrow opens it again.
    setOpen(false);
  };
  const remove = (value: string) => {
    onChange(chosen.filter((other) => other !== value));
    setAnnouncement(t('admin.picker.removed', { name: optionFor(value, options, nameOf).label }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const move = (to: number) => {
      event.preventDefault();
      setOpen(true);
      setActive(Math.max(0, Math.min(to, choices.length - 1)));
    };
    if (event.key === 'ArrowDown') move(open ? activeIndex + 1 : 0);
    else if (event.key === 'ArrowUp') move(activeIndex - 1);
    else if (event.key === 'Enter' && open && choices[activeIndex]) {
      event.preventDefault();
      add(choices[activeIndex]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    } else if (event.key === 'Backspace' && query === '' && chosen.length > 0) remove(chosen[chosen.length - 1] ?? '');
  };

  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const optionId = (index: number) => `${id}-option-${index}`;
  return (
    <div className="field admin-field picker" data-testid={testId}>
      <label className="field-label" htmlFor={`${id}-input`} id={`${id}-label`}>
        {label}
      </label>
      <div className="picker-anchor">
        <div className={`picker-box${error ? ' picker-box--invalid' : ''}`}>
          {chosen.length > 0 && (
            <ul className="picker-chips" aria-label={t('admin.picker.chosen', { field: label })}>
              {chosen.map((value) => {
                const name = optionFor(value, options, nameOf).label;
                return (
                  <li key={value} className="picker-chip" data-testid="picker-chip" data-value={value}>
                    <span dir="auto">{name}</span>
                    <button type="button" className="picker-chip-remove" aria-label={t('admin.picker.remove', { name })} onClick={() => remove(value)}>
                      ×
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <input
            id={`${id}-input`}
            className="picker-input"
            data-testid={`${testId}-search`}
            role="combobox"
            aria-expanded={open}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && choices.length > 0 ? optionId(activeIndex) : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            autoComplete="off"
            placeholder={t('admin.picker.search')}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
        </div>
        <ul ref={listRef} id={listId} role="listbox" aria-labelledby={`${id}-label`} className="picker-list" hidden={!open} data-testid={`${testId}-options`}>
          {choices.map((option, index) => (
            <li
              key={option.value}
              id={optionId(index)}
              data-index={index}
              data-value={option.value}
              role="option"
              aria-selected={index === activeIndex}
              className="picker-option"
              // Keeps the focus in the search box, so the list stays open for the next choice.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => add(option)}
            >
              <span dir="auto">{option.free ? t('admin.picker.addFree', { name: option.label }) : option.label}</span>
              <span className="picker-code">{option.value}</span>
            </li>
          ))}
          {choices.length === 0 && (
            <li className="picker-empty" role="option" aria-selected={false} aria-disabled="true">
              {t('admin.picker.noMatch')}
            </li>
          )}
        </ul>
      </div>
      <FieldError id={errorId} message={error} />
      <span className="sr-only" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}

/** Typed text the options do not hold becomes a choice of its own, when the field takes such values. */
function withFreeEntry(found: PickerOption[], typed: PickerOption | null, chosen: readonly string[]): (PickerOption & { free?: boolean })[] {
  if (typed === null || chosen.includes(typed.value) || found.some((option) => searchKey(option.value) === searchKey(typed.value))) return found;
  return [...found, { ...typed, free: true }];
}
