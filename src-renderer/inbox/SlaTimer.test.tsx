import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SlaClock } from '../../src-shared/domain/model.js';
import { initI18n } from '../i18n/index.js';
import { SlaTimer } from './SlaTimer.js';

const NOW = Date.UTC(2026, 11, 7, 9, 0);
const MINUTE = 60_000;

let i18n: Awaited<ReturnType<typeof initI18n>>;
beforeAll(async () => {
  i18n = await initI18n('en');
});
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const clock = (firstResponseDueAt: number | null, resolutionDueAt: number | null = null): SlaClock => ({
  policyId: 'chat',
  firstResponseDueAt,
  nextResponseDueAt: null,
  resolutionDueAt,
  firstRespondedAt: null,
  breached: [],
});

function rendered(sla: SlaClock | null, language = 'en'): { html: string; compact: string; sentence: string; state: string | undefined } {
  void i18n.changeLanguage(language);
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <SlaTimer sla={sla} />
    </I18nextProvider>,
  );
  return {
    html,
    compact: /data-testid="sla-timer-compact"[^>]*>([^<]*)</.exec(html)?.[1] ?? '',
    sentence: /class="sr-only">([^<]*)</.exec(html)?.[1] ?? '',
    state: /data-state="(\w+)"/.exec(html)?.[1],
  };
}

/** The inbox row's SLA clock: compact to the eye, the whole sentence to screen readers, the tooltip and "+N". */
describe('SLA clock on the inbox row', () => {
  it('shows the time left beside a clock, and says in full what is due', () => {
    const shown = rendered(clock(NOW + 15 * MINUTE));
    expect(shown.state).toBe('ok');
    expect(shown.compact).toBe('15 min');
    expect(shown.sentence).toBe('First reply in 15 min');
    expect(shown.html).toContain('data-chip-text="First reply in 15 min"');
    expect(shown.html).toContain('data-mark="clock"');
    // The compact text is for the eye only: a screen reader hears the sentence once.
    expect(shown.html).toMatch(/<bdi aria-hidden="true" data-testid="sla-timer-compact">/);
  });

  it('turns amber in the last ten minutes, and negative and red once missed', () => {
    expect(rendered(clock(NOW + 4 * MINUTE)).state).toBe('warning');
    const missed = rendered(clock(NOW - 5 * MINUTE));
    expect(missed.state).toBe('breached');
    expect(missed.compact).toBe('−5 min');
    expect(missed.sentence).toBe('First reply overdue 5 min');
    expect(missed.html).toContain('sla-timer--breached');
  });

  it('names the next target once the first is met, and shows nothing without one', () => {
    const resolution = rendered(clock(null, NOW + 3 * 60 * MINUTE));
    expect(resolution.compact).toBe('3 hr');
    expect(resolution.sentence).toBe('Resolve in 3 hr');
    expect(rendered(null).html).toBe('');
    expect(rendered(clock(null)).html).toBe('');
  });

  it("speaks the agent's language", () => {
    const german = rendered(clock(NOW + 15 * MINUTE), 'de');
    expect(german.compact).toBe('15 Min.');
    expect(german.sentence).not.toBe('First reply in 15 min');
    expect(german.html).toContain(`data-chip-text="${german.sentence}"`);
  });
});
