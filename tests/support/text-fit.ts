import type { Page } from 'playwright-core';

/**
 * The interface texts that do not fit, as "tag.class: text (why)": a box whose text is wider than
 * the box (scrollWidth > clientWidth, whether it spills or is clipped), or text that ends outside
 * the window on either side. Customer text (inside dir="auto") may be cut with an ellipsis by
 * design and is left out; so is what sits in a scroller that lets the agent scroll sideways.
 */
export function textThatDoesNotFit(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const viewport = document.documentElement.clientWidth;
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.classList.length ? `.${Array.from(el.classList).join('.')}` : ''}`;
    const scrollsSideways = (el: Element) => {
      for (let up = el.parentElement; up; up = up.parentElement) {
        const overflowX = getComputedStyle(up).overflowX;
        if ((overflowX === 'auto' || overflowX === 'scroll') && up.scrollWidth > up.clientWidth) return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.closest('[dir="auto"], option, script, style, svg, [hidden], dialog:not([open])')) continue;
      const text = Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (!text) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const html = el as HTMLElement;
      if (html.clientWidth > 0 && html.scrollWidth > html.clientWidth + 1 && !scrollsSideways(el)) found.push(`${name(el)}: ${text} (text ${html.scrollWidth}px wide in a ${html.clientWidth}px box)`);
      else if ((rect.left < -1 || rect.right > viewport + 1) && !scrollsSideways(el)) found.push(`${name(el)}: ${text} (outside the window, ${Math.round(rect.left)} to ${Math.round(rect.right)} of ${viewport}px)`);
    }
    return found;
  });
}
