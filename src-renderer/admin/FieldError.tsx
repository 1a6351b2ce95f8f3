/** A field's problem in plain words, under the field; the field points here with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span id={id} className="field-error" data-testid="field-error">
      {message}
    </span>
  );
}
