import { useLayoutEffect, useState, type RefObject } from 'react';

/** The chips that did not fit, in order: how many, and what each says (for the "+N" summary). */
export interface ChipOverflow {
  hidden: string[];
}

const NONE: ChipOverflow = { hidden: [] };

/**
 * Which chips of a one-line row the agent cannot see. Each chip is taken in order of importance
 * while its measured width still fits beside the ones before it; one that does not is hidden
 * (out of the flow, so a smaller one after it may still show) and named in the "+N". Measured
 * again whenever the row or a chip changes size, or chips come and go (the SLA clock rewrites its
 * text, a label is added), never guessed from character counts.
 */
export function useChipOverflow(row: RefObject<HTMLElement | null>): ChipOverflow {
  const [overflow, setOverflow] = useState<ChipOverflow>(NONE);
  useLayoutEffect(() => {
    const element = row.current;
    if (!element) return;
    const measure = () => {
      reserveFirstChip(element);
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

/**
 * The most important chip (the SLA clock when there is one) keeps room for itself: the row's
 * other facts (the language name) give way before it does (`--first-chip-width`, inbox.css).
 * Set through the CSSOM, which the CSP allows, unlike a style attribute.
 */
function reserveFirstChip(element: HTMLElement): void {
  const first = element.firstElementChild;
  const width = first ? `${Math.ceil(first.getBoundingClientRect().width)}px` : '0px';
  if (element.style.getPropertyValue('--first-chip-width') !== width) element.style.setProperty('--first-chip-width', width);
}

/** Marks each chip that does not fit (`data-overflowed`, hidden by CSS) and returns their texts. */
function hiddenChips(element: HTMLElement): string[] {
  const room = element.clientWidth;
  const gap = parseFloat(getComputedStyle(element).columnGap) || 0;
  let used = 0;
  const hidden: string[] = [];
  for (const chip of Array.from(element.children) as HTMLElement[]) {
    // A hidden chip keeps its own width (it only leaves the flow), so it can come back when there is room.
    const width = chip.getBoundingClientRect().width;
    const needed = used === 0 ? width : used + gap + width;
    const fits = needed <= room + 0.5;
    if (fits) used = needed;
    chip.toggleAttribute('data-overflowed', !fits);
    if (!fits) hidden.push(chipText(chip));
  }
  return hidden;
}

/** What a chip says; a chip may name itself more fully for the summary (`data-chip-text`). */
function chipText(chip: HTMLElement): string {
  return (chip.dataset.chipText ?? chip.textContent ?? '').trim();
}
