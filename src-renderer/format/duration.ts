import { listFormat, numberFormat } from './formatters.js';

type DurationUnit = 'day' | 'hour' | 'minute';

/** "12 min", "2 hr 5 min", "3 days 4 hr" in English, "2小时5分钟" in Chinese: short, for countdowns; rounded up so "0 min" never shows before the end. */
export function shortDuration(ms: number, locale: string): string {
  const minutes = Math.max(1, Math.ceil(Math.abs(ms) / 60_000));
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const parts: [number, DurationUnit][] =
    minutes < 60 ? [[minutes, 'minute']] : hours < 24 ? [[hours, 'hour'], [minutes % 60, 'minute']] : [[days, 'day'], [hours % 24, 'hour']];
  // Intl.DurationFormat would say this in one call, but Node (where tests and the core run) lacks it before version 23.
  const shown = parts.filter(([amount], index) => index === 0 || amount > 0).map(([amount, unit]) => numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(amount));
  return listFormat(locale, { type: 'unit', style: 'narrow' }).format(shown);
}

/** "0:42", "12:05", "1:02:09": how long a call was connected, in the locale's digits. */
export function callDuration(seconds: number, locale: string): string {
  const plain = numberFormat(locale, { useGrouping: false });
  const padded = numberFormat(locale, { useGrouping: false, minimumIntegerDigits: 2 });
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = padded.format(seconds % 60);
  return h > 0 ? `${plain.format(h)}:${padded.format(m)}:${s}` : `${plain.format(m)}:${s}`;
}
