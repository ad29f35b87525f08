/** What a screen says, for the language checks of the screenshot walks (screenshots*.test.ts). */
import type { Page } from 'playwright-core';

export /** Latin words a person would read on the screen (text, sr-only text, labels, the title), minus what is data. */
async function latinWords(page: Page, data: string[]): Promise<string[]> {
  const text = await page.evaluate(() => {
    const parts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // Hidden text is not read; the language switch names English in English, on purpose.
      if (!parent || !parent.checkVisibility() || parent.closest('[lang="en"], script, style, noscript')) continue;
      parts.push(node.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!el.closest('[lang="en"]')) parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '', el.getAttribute('title') ?? '');
    }
    return parts.join('\n');
  });
  let left = text;
  for (const value of [...data, 'TopUp', 'AED', 'name@example.com']) left = left.split(value).join(' ');
  left = left.replace(/SIM-[0-9A-F]{12}/g, ' ');
  return left.match(/[A-Za-z]{2,}/g) ?? [];
}
