import { useLayoutEffect, useState, type RefObject } from 'react';

/** The chips that did not fit, in order: how many, and what each says (for the "+N" summary). */
export interface ChipOverflow {
  hidden: string[];
}

const NONE: ChipOverflow = { hidden: [] };

/**
 * Which chips of a one-line, wrapping row the agent cannot see. The browser lays the chips out
 * (the row wraps and clips its second line), and this reads where each one landed: a chip off
 * the first line, or wider than the row, is hidden, and so is every chip after it, so "+N" is
 * always the tail. Measured again whenever the row or a chip changes size, or chips come and go
 * (the SLA clock rewrites its text, a label is added), never guessed from character counts.
 */
export function useChipOverflow(row: RefObject<HTMLElement | null>): ChipOverflow {
  const [overflow, setOverflow] = useState<ChipOverflow>(NONE);
  useLayoutEffect(() => {
    const element = row.current;
    if (!element) return;
    const measure = () => {
      const hidden = hiddenChips(element);
      setOverflow((previous) => (sameTexts(previous.hidden, hidden) ? previous : { hidden }));
    };
    const resizes = new ResizeObserver(measure);
    const observeAll = () => {
      resizes.disconnect();
      resizes.observe(element);
      for (const chip of Array.from(element.children)) resizes.observe(chip);
    };
    const mutations = new MutationObserver(() => {
      observeAll();
      measure();
    });
    observeAll();
    mutations.observe(element, { childList: true, subtree: true, characterData: true });
    measure();
    return () => {
      resizes.disconnect();
      mutations.disconnect();
    };
  }, [row]);
  return overflow;
}

/** Unchanged: React need not render again. */
function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, i) => text === b[i]);
}

/** Marks each chip that does not fit (`data-overflowed`, hidden by CSS) and returns their texts. */
function hiddenChips(element: HTMLElement): string[] {
  const box = element.getBoundingClientRect();
  const chips = Array.from(element.children) as HTMLElement[];
  const firstTop = chips[0]?.getBoundingClientRect().top ?? box.top;
  const hidden: string[] = [];
  for (const chip of chips) {
    const rect = chip.getBoundingClientRect();
    const fits = hidden.length === 0 && Math.abs(rect.top - firstTop) < 1 && rect.left >= box.left - 0.5 && rect.right <= box.right + 0.5;
    chip.toggleAttribute('data-overflowed', !fits);
    if (!fits) hidden.push(chipText(chip));
  }
  return hidden;
}

/** What a chip says; a chip may name itself more fully for the summary (`data-chip-text`). */
function chipText(chip: HTMLElement): string {
  return (chip.dataset.chipText ?? chip.textContent ?? '').trim();
}
