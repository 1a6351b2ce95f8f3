import type { Page } from 'playwright-core';

/** What looks clickable or typed into; `[tabindex="-1"]` alone is a focus target for scripts, not a control. */
const CONTROLS = 'button, a[href], [role=button], [role=tab], [role=option], [role=radio], [role=checkbox], [role=menuitem], input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
/** Widgets whose parts are reached with the arrow keys from their one Tab stop. */
const COMPOSITES = '[role=listbox], [role=tablist], [role=radiogroup], [role=toolbar], [role=menu], [role=menubar], [role=grid], [role=tree]';
const MARK = 'data-reach';

/** The page's live element for what has the focus: the focused one, or the option a listbox points at. */
async function reachedNow(page: Page): Promise<string[]> {
  return page.evaluate((mark) => {
    const active = document.activeElement;
    if (!active) return [];
    const pointed = active.getAttribute('aria-activedescendant');
    const found = [active, pointed ? document.getElementById(pointed) : null];
    return found.flatMap((el) => (el?.getAttribute(mark) ? [el.getAttribute(mark) as string] : []));
  }, MARK);
}

/** Marks every visible, enabled control with a number and returns "number → description" for each. */
async function markControls(page: Page): Promise<Map<string, string>> {
  const listed = await page.evaluate(
    ({ selector, mark }) => {
      const visible = (el: Element) => el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true }) && el.getClientRects().length > 0;
      const enabled = (el: Element) => !(el as HTMLButtonElement).disabled && !el.closest('[inert], [aria-hidden="true"], fieldset[disabled]');
      return Array.from(document.querySelectorAll(selector)).filter((el) => visible(el) && enabled(el)).map((el, index) => {
        el.setAttribute(mark, String(index));
        const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40);
        return [String(index), `<${el.tagName.toLowerCase()} role=${el.getAttribute('role') ?? ''} testid=${el.getAttribute('data-testid') ?? ''}> "${name}"`] as [string, string];
      });
    },
    { selector: CONTROLS, mark: MARK },
  );
  return new Map(listed);
}

/** Composite widgets with a control not reached yet, each named by a selector that finds it again. */
async function compositesToWalk(page: Page, missing: string[]): Promise<{ index: number; vertical: boolean; size: number }[]> {
  return page.evaluate(
    ({ composites, mark, missing }) =>
      Array.from(document.querySelectorAll(composites)).flatMap((widget, index) => {
        const parts = Array.from(widget.querySelectorAll(`[${mark}]`)).map((el) => el.getAttribute(mark) as string);
        if (!parts.some((id) => missing.includes(id))) return [];
        const role = widget.getAttribute('role');
        const orientation = widget.getAttribute('aria-orientation') ?? (role === 'tablist' || role === 'menubar' || role === 'toolbar' ? 'horizontal' : 'vertical');
        return [{ index, vertical: orientation === 'vertical', size: parts.length }];
      }),
    { composites: COMPOSITES, mark: MARK, missing },
  );
}

export interface ReachWalk {
  /** Descriptions of visible controls that neither Tab nor the arrow keys of their widget reached. */
  unreached: string[];
  /** How many controls were listed, and how many Tab stops one round of the page has. */
  listed: number;
  tabStops: number;
}

/**
 * Lists every visible control, then walks the page with Tab from the top until the focus comes
 * round again; widgets holding a control not yet reached (a listbox, tabs, a radio group) are then
 * entered at their Tab stop and walked with the arrow keys both ways, as a keyboard user would.
 */
export async function walkKeyboardReach(page: Page, maxTabs = 300): Promise<ReachWalk> {
  const controls = await markControls(page);
  const reached = new Set<string>();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  let first: string | null = null;
  let tabStops = 0;
  for (; tabStops < maxTabs; tabStops++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      el.setAttribute('data-reach-seen', String(Number(el.getAttribute('data-reach-seen') ?? 0) + 1));
      return `${el.tagName}#${el.id}@${el.getAttribute('data-reach') ?? ''}:${el.getAttribute('data-reach-seen')}`;
    });
    for (const id of await reachedNow(page)) reached.add(id);
    // Round again once the first stop is seen a second time (":2"), or the focus left the page.
    if (first === null && here !== 'body') first = here.replace(/:\d+$/, '');
    else if (first !== null && here.startsWith(`${first}:`)) break;
  }
  for (const widget of await compositesToWalk(page, [...controls.keys()].filter((id) => !reached.has(id)))) {
    const focusable = await page.evaluate(
      ({ composites, index }) => {
        const box = document.querySelectorAll(composites)[index];
        const stop = box?.matches('[tabindex="0"]') ? box : box?.querySelector<HTMLElement>('[tabindex="0"], button:not([tabindex="-1"])');
        (stop as HTMLElement | null)?.focus();
        return stop !== null && stop !== undefined && document.activeElement === stop;
      },
      { composites: COMPOSITES, index: widget.index },
    );
    if (!focusable) continue;
    const [ahead, behind] = widget.vertical ? ['ArrowDown', 'ArrowUp'] : ['ArrowRight', 'ArrowLeft'];
    for (const key of [...Array<string>(widget.size + 1).fill(ahead), ...Array<string>(2 * widget.size + 2).fill(behind)]) {
      await page.keyboard.press(key);
      for (const id of await reachedNow(page)) reached.add(id);
    }
  }
  await page.evaluate(() => document.querySelectorAll('[data-reach-seen]').forEach((el) => el.removeAttribute('data-reach-seen')));
  const stillThere = await page.evaluate((mark) => Array.from(document.querySelectorAll(`[${mark}]`)).map((el) => el.getAttribute(mark) as string), MARK);
  const unreached = [...controls].filter(([id]) => !reached.has(id) && stillThere.includes(id)).map(([, description]) => description);
  return { unreached, listed: controls.size, tabStops };
}

/** Presses Tab (or Shift+Tab) until the element with `testId` has the focus; throws after `max` presses. */
export async function tabTo(page: Page, testId: string, options: { backwards?: boolean; max?: number } = {}): Promise<number> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  for (let presses = 1; presses <= (options.max ?? 80); presses++) {
    await page.keyboard.press(key);
    const here = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    if (here === testId) return presses;
  }
  throw new Error(`${key} never reached [data-testid="${testId}"] within ${options.max ?? 80} presses`);
}

/** What has the focus, to say so when it is lost: "body" means a keyboard user has to start again. */
export async function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return 'body';
    return `${el.tagName.toLowerCase()}[data-testid=${el.getAttribute('data-testid') ?? ''}]`;
  });
}
