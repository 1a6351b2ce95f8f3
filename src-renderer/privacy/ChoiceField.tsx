/** A labelled choice of one of `choices`, each shown by `labelOf`: the privacy forms' selects. */
export function ChoiceField<T extends string>({ label, testId, value, choices, labelOf, onChange }: { label: string; testId: string; value: T; choices: readonly T[]; labelOf: (choice: T) => string; onChange: (choice: T) => void }) {
  return (
    <label className="privacy-field">
      {label}
      <select
        className="input"
        data-testid={testId}
        value={value}
        onChange={(e) => {
          const chosen = choices.find((choice) => choice === e.target.value);
          if (chosen !== undefined) onChange(chosen);
        }}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {labelOf(choice)}
          </option>
        ))}
      </select>
    </label>
  );
}
