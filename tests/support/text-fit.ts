import type { Page } from 'playwright-core';

/**
 * The interface texts that do not fit, as "tag.class: text (why)": a box whose text is wider than
 * the box (scrollWidth > clientWidth, whether it spills or is clipped), or text that ends outside
 * the window on either side, or text that wraps taller than its box (a label squeezed onto three
 * clipped lines). Text cut with an ellipsis whose whole is its tooltip
 * counts as fitting. Customer text (inside dir="auto" or <bdi>) may be cut by design and is left
 * out, as is text for screen readers only (.sr-only) and what sits in a scroller that lets the
 * agent scroll sideways.
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
      if (el.closest('[dir="auto"], bdi, .sr-only, option, script, style, svg, [hidden], dialog:not([open])')) continue;
      const text = Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (!text) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const html = el as HTMLElement;
      const style = getComputedStyle(el);
      // Cut short on purpose, with the whole text a hover away.
      const ellipsisWithTooltip = style.textOverflow === 'ellipsis' && html.title.trim() === text;
      const scrollsDown = style.overflowY === 'auto' || style.overflowY === 'scroll';
      if (html.clientHeight > 0 && html.scrollHeight > html.clientHeight + 1 && !scrollsDown) found.push(`${name(el)}: ${text} (text ${html.scrollHeight}px tall in a ${html.clientHeight}px box)`);
      else if (html.clientWidth > 0 && html.scrollWidth > html.clientWidth + 1 && !scrollsSideways(el) && !ellipsisWithTooltip) found.push(`${name(el)}: ${text} (text ${html.scrollWidth}px wide in a ${html.clientWidth}px box)`);
      else if ((rect.left < -1 || rect.right > viewport + 1) && !scrollsSideways(el)) found.push(`${name(el)}: ${text} (outside the window, ${Math.round(rect.left)} to ${Math.round(rect.right)} of ${viewport}px)`);
    }
    return found;
  });
}

/**
 * Text and form controls whose font list leaves out the bundled faces for Chinese, Japanese,
 * Korean, Thai and Arabic: on a bare Linux desk they would show those scripts as boxes. Customer
 * text included (it is the text most likely to be in those scripts).
 */
export function textOutsideTheFontStack(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const needed = ['Noto Sans SC', 'Noto Sans JP', 'Noto Sans KR', 'Noto Sans Thai', 'Noto Sans Arabic'];
    const found: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.closest('script, style, svg')) continue;
      const control = el.matches('input, select, textarea, button');
      const text = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!control && !text) continue;
      const family = getComputedStyle(el).fontFamily;
      const missing = needed.filter((face) => !family.includes(face));
      if (missing.length > 0) found.push(`${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}: font-family ${family} lacks ${missing.join(', ')}`);
    }
    return found;
  });
}
