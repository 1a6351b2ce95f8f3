/** A clock drawn inline (the CSP allows no remote images); its strokes take the text colour. */
export function ClockMark({ size = 14 }: { size?: number }) {
  const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false" data-mark="clock">
      <circle cx="8" cy="8" r="6" {...stroke} />
      <path d="M8 4.5V8l2.5 1.5" {...stroke} />
    </svg>
  );
}
