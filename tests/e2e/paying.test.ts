/**
 * Paying that feels safe (issue 21): money shown exactly as it moved, a top-up that
 * says "sending" (never "queued") while online, numbers typed with Arabic-Indic or
 * Persian digits accepted in both languages, and main screens that hold at 200 % text
 * and 320 px without scrolling sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { addBeneficiary, addFunds, baseURL, goHome, newContext, newUser, serverAs, signInAs, topUp, waitForServiceWorker, watchConsole, type Browser, type Page } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The signed fils of each row of a list ("+AED 11.00", "−AED 11.00"; the "incl. … fee" line carries no sign). */
async function rowAmounts(list: ReturnType<Page['getByRole']>): Promise<number[]> {
  const texts = await list.getByRole('listitem').allInnerTexts();
  return texts.map((text) => {
    const m = /([+−])AED\s([\d,]+)\.(\d{2})/.exec(text);
    expect(m, text).not.toBeNull();
    const fils = Number(m![2]!.replace(/,/g, '')) * 100 + Number(m![3]);
    return m![1] === '−' ? -fils : fils;
  });
}

const balanceFils = async (user: ReturnType<typeof newUser>) => {
  const items = (await (await serverAs(user)).transactions()).items;
  return items[0]?.balance_after ?? 0;
};

/** Arabic for the signed-in person: the choice the app remembers on the device, then a reload. */
async function useArabic(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.setItem('topup:locale', 'ar'));
  await page.reload();
  await page.getByRole('button', { name: 'إضافة رصيد' }).waitFor();
}

describe('money shown as it moved', () => {
  it('a declined AED 10 top-up shows −AED 11.00 then a refund of +AED 11.00 incl. the fee, and the rows sum to the balance', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser();
    await signInAs(page, user);
    await addFunds(page, '50');
    await addBeneficiary(page, 'Work', '0501230000'); // the simulator declines numbers ending in 0000
    await topUp(page, 'Work', 'AED 10');
    await page.getByRole('heading', { name: 'Top-up declined and refunded' }).waitFor({ timeout: 20_000 });

    await goHome(page);
    const recent = page.getByRole('region', { name: 'Recent activity' }).getByRole('list');
    await expect.poll(() => recent.getByRole('listitem').count(), { timeout: 15_000 }).toBe(3);
    const refund = recent.getByRole('listitem').filter({ hasText: 'Refund' });
    await refund.getByText('+AED 11.00', { exact: true }).waitFor();
    await refund.getByText('incl. AED 1.00 fee', { exact: true }).waitFor();
    expect(await rowAmounts(recent)).toEqual([1100, -1100, 5000]);
    const balance = await balanceFils(user);
    expect(balance).toBe(5000);
    expect((await rowAmounts(recent)).reduce((a, b) => a + b, 0)).toBe(balance);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    const activity = page.getByRole('list', { name: 'Wallet activity' });
    await expect.poll(() => activity.getByRole('listitem').count(), { timeout: 15_000 }).toBe(3);
    expect((await rowAmounts(activity)).reduce((a, b) => a + b, 0)).toBe(balance);
    expect(console.errors).toEqual([]);
    await context.close();
  });
});

/** Signed in with AED 50 and a beneficiary "Mum", on Top up with AED 10 chosen: one tap from paying. */
async function readyToConfirm(page: Page, user: ReturnType<typeof newUser>): Promise<void> {
  await signInAs(page, user);
  await addFunds(page, '50');
  await addBeneficiary(page, 'Mum', '0501234567');
  await page.getByRole('button', { name: 'Top up Mum' }).click();
  await page.getByRole('radio', { name: 'AED 10', exact: true }).check();
}

/** From now on, every text the page shows, as it changes (read with seenTexts). */
function recordTexts(page: Page): Promise<void> {
  return page.evaluate(() => {
    const seen = new Set<string>();
    const look = () => seen.add(document.body.innerText);
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    (window as unknown as { seenTexts: () => string[] }).seenTexts = () => [...seen];
  });
}

const seenTexts = (page: Page) => page.evaluate(() => (window as unknown as { seenTexts: () => string[] }).seenTexts());

describe('a top-up online', () => {
  it('says "sending" with progress and offers nothing else until the answer, never "queued", on a slow network', async () => {
    const context = await newContext(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    const console = watchConsole(page);
    await readyToConfirm(page, newUser());
    await recordTexts(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 1500, downloadThroughput: 50_000, uploadThroughput: 50_000 });
    await page.getByRole('button', { name: 'Confirm top-up' }).click();

    const status = page.getByRole('status').filter({ hasText: 'Sending top-up…' });
    await status.waitFor();
    await page.getByRole('progressbar', { name: 'Sending top-up…' }).waitFor();
    expect(await page.getByRole('link', { name: /Top up again/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Share receipt' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Share receipt' }).waitFor();

    const texts = await seenTexts(page);
    expect(texts.some((text) => text.includes('Sending top-up…'))).toBe(true);
    expect(texts.filter((text) => /queued|Top up again/i.test(text) && text.includes('Sending'))).toEqual([]);
    expect(texts.filter((text) => /queued/i.test(text))).toEqual([]);
    // From "Sending" to "Completed" the receipt stays on screen: never a page of "Loading…" in between
    // (its story, which loads once the top-up is known, waits inside its own card).
    const from = texts.findIndex((text) => text.includes('Sending top-up…'));
    expect(texts.slice(from).filter((text) => !text.includes('Sending top-up…') && !text.includes('Top-up completed'))).toEqual([]);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect(console.errors).toEqual([]);
    await context.close();
  });
});

describe('a top-up online whose answer is lost once', () => {
  it('says "sending" until the answer, never "queued" or "Offline", and goes through once', async () => {
    const context = await newContext(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    const console = watchConsole(page, [/net::ERR_CONNECTION_RESET/]);
    const user = newUser();
    await readyToConfirm(page, user);
    await recordTexts(page);
    // The browser stays online; the connection is reset once, after the server did the work.
    let dropped = 0;
    await page.route('**/api/sync', async (route) => {
      if (dropped++ === 0) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.getByRole('button', { name: 'Confirm top-up' }).click();
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();

    expect(dropped).toBeGreaterThan(1);
    const texts = await seenTexts(page);
    expect(texts.some((text) => text.includes('Sending top-up…'))).toBe(true);
    expect(texts.filter((text) => /queued|Offline/.test(text))).toEqual([]);
    const topups = (await (await serverAs(user)).transactions()).items.filter((t) => t.kind === 'topup');
    expect(topups.map((t) => t.amount)).toEqual([-1000]);
    expect(console.errors).toEqual([]);
    await context.close();
  });
});

describe('a double tap', () => {
  it('adds funds once and a beneficiary once: the second press, before the first is handled, is ignored', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser();
    await signInAs(page, user);
    // Two presses in one go, as a quick double tap lands before the first one's handling is done.
    const pressTwice = (form: string) =>
      page.evaluate((selector) => {
        const target = document.querySelector<HTMLFormElement>(selector)!;
        target.requestSubmit();
        target.requestSubmit();
      }, form);
    await page.getByRole('button', { name: 'Add funds' }).click();
    await page.getByRole('dialog').getByLabel('Amount').fill('100');
    await pressTwice('[role="dialog"] form, dialog form');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Beneficiaries' }).click();
    await page.getByLabel('Nickname').fill('Mum');
    await page.getByLabel('Phone number').fill('0501234567');
    await pressTwice('form[aria-labelledby="add-title"]');
    await page.getByRole('list', { name: 'Beneficiaries' }).getByRole('heading', { name: 'Mum' }).waitFor();

    const server = await serverAs(user);
    await expect.poll(async () => (await server.transactions()).items.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Pending').count()).toBe(0);
    expect((await server.transactions()).items.map((t) => `${t.kind} ${t.amount}`)).toEqual(['deposit 10000']);
    expect((await server.beneficiaries()).items.map((b) => b.nickname)).toEqual(['Mum']);
    expect(await page.getByText('Needs attention').count()).toBe(0);
    expect(console.errors).toEqual([]);
    await context.close();
  });
});

describe('digits from Arabic and Persian keyboards', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`are accepted in the phone and amount fields (${lang})`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      const console = watchConsole(page);
      const user = newUser();
      await signInAs(page, user);
      if (lang === 'ar') await useArabic(page);
      const w = lang === 'ar' ? { add: 'إضافة رصيد', amount: 'المبلغ', submit: 'أضف إلى المحفظة', withdraw: 'سحب', withdrawAmount: 'المبلغ (درهم)', ben: 'المستفيدون', nick: 'الاسم المختصر', phone: 'رقم الهاتف', addBen: 'أضف المستفيد', main: 'القائمة الرئيسية' } : { add: 'Add funds', amount: 'Amount', submit: 'Add to wallet', withdraw: 'Withdraw', withdrawAmount: 'Amount (AED)', ben: 'Beneficiaries', nick: 'Nickname', phone: 'Phone number', addBen: 'Add beneficiary', main: 'Main' };

      for (const typed of ['٥٠', '۲۰٫۵']) {
        await page.getByRole('button', { name: w.add }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(w.amount).fill(typed);
        await expect.poll(() => dialog.getByLabel(w.amount).getAttribute('aria-invalid')).toBeNull();
        await dialog.getByRole('button', { name: w.submit }).click();
        await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      }
      // Withdraw reads them too (its own field once, refused as "not an amount").
      await page.getByRole('button', { name: w.withdraw, exact: true }).click();
      const withdraw = page.getByRole('dialog');
      await withdraw.getByLabel(w.withdrawAmount).fill('١٠');
      await expect.poll(() => withdraw.getByLabel(w.withdrawAmount).getAttribute('aria-invalid')).toBeNull();
      await withdraw.getByRole('button', { name: w.withdraw, exact: true }).click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      await page.getByRole('navigation', { name: w.main }).getByRole('link', { name: w.ben }).click();
      await page.getByLabel(w.nick).fill('Mum');
      await page.getByLabel(w.phone).fill('٠٥٠١٢٣٤٥٦٧');
      await page.getByRole('button', { name: w.addBen, exact: true }).click();
      // The form empties once the first is added: the second is typed after that, not into a form being reset.
      await expect.poll(() => page.getByLabel(w.phone).inputValue()).toBe('');
      await page.getByLabel(w.phone).fill('+۹۷۱ ۵۵ ۹۸۷ ۶۵۴۳');
      await page.getByLabel(w.nick).fill('Dad');
      await page.getByRole('button', { name: w.addBen, exact: true }).click();

      const server = await serverAs(user);
      await expect.poll(async () => (await server.beneficiaries()).items.map((b) => b.phone).sort(), { timeout: 15_000 }).toEqual(['+971501234567', '+971559876543']);
      await expect.poll(async () => (await server.transactions()).items.map((t) => `${t.kind} ${t.amount}`).sort(), { timeout: 15_000 }).toEqual(['deposit 2050', 'deposit 5000', 'withdrawal -1000']);
      // Shown in Latin digits, as every number on screen.
      await page.getByText('+971 50 123 4567').first().waitFor();
      expect(console.errors).toEqual([]);
      await context.close();
    });
  }
});

/** The page scrolls sideways when its content is wider than the viewport. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    // What sticks out, to say so when it fails: the innermost elements past either edge.
    // Right to left, what sticks out on the left cannot be scrolled to: it counts too.
    const out = [...document.body.querySelectorAll('*')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const sticks = (e: Element) => {
          const b = e.getBoundingClientRect();
          return b.width > 1 && (b.right > root.clientWidth + 1 || b.left < -1);
        };
        return sticks(el) && !el.closest('.sr-only') && r.height > 0 && ![...el.children].some(sticks);
      })
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '').slice(0, 60)} "${(el.textContent ?? '').slice(0, 30)}"`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, out };
  });

describe('200 % text at 320 px', () => {
  it('no main screen scrolls sideways, in either language', async () => {
    const failures: string[] = [];
    const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 320, height: 640 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser('Mohammed Abdulrahman Al Mansouri');
    await signInAs(page, user);
    const server = await serverAs(user);
    expect((await server.post('/api/wallet/deposits', { amount: 10_000_000 })).status).toBe(201);
    await addBeneficiary(page, 'Grandmother Fatima', '0501234567');
    await topUp(page, 'Grandmother Fatima', 'AED 100');
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor({ timeout: 20_000 });
    const receipt = new URL(page.url()).pathname;
    const beneficiary = (await server.beneficiaries()).items[0]!.id;

    // The browser's text size at 200 % (Settings → Appearance → Font size), as a person with low vision sets it.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    const screens = ['/', '/beneficiaries', '/activity', '/account', `/topup/${beneficiary}`, receipt];
    for (const lang of ['en', 'ar'] as const) {
      if (lang === 'ar') {
        await page.goto('/');
        await useArabic(page);
      }
      for (const path of screens) {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        await page.waitForFunction(() => document.querySelector('nav') !== null);
        const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
        expect(size, path).toBe('32px');
        const { scrollWidth, clientWidth, out } = await overflow(page);
        if (scrollWidth > clientWidth || out.length) failures.push(`${lang} ${path} ${scrollWidth}: ${out.join(' | ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(console.errors).toEqual([]);
    await context.close();
  });
});

describe('refusals before the tap, and errors at the field', () => {
  it('shows amounts the balance cannot cover as disabled with the reason and the way out; never a negative balance after', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    await signInAs(page, newUser());
    await addFunds(page, '20');
    await addBeneficiary(page, 'Mum', '0501234567');
    await page.getByRole('button', { name: 'Top up Mum' }).click();
    // AED 20 + AED 1 fee > AED 20: refused before the tap.
    expect(await page.getByRole('radio', { name: 'AED 20 Not enough balance', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('radio', { name: 'AED 10', exact: true }).isDisabled()).toBe(false);
    await page.getByText('Not enough balance').first().waitFor();
    await page.getByText('each top-up also takes a fee of AED 1.00', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Add funds' }).waitFor();
    await page.getByRole('radio', { name: 'AED 10', exact: true }).check();
    const summary = page.getByRole('region', { name: 'Summary' });
    await summary.getByText('AED 9.00', { exact: true }).waitFor();
    expect(await summary.innerText()).not.toMatch(/-AED|−AED/);
    // The confirm bar names the total and stays above the bottom navigation.
    const confirm = page.getByRole('button', { name: 'Confirm top-up · AED 11.00' });
    await confirm.waitFor();
    const [button, nav] = await Promise.all([confirm.boundingBox(), page.getByRole('navigation', { name: 'Main' }).boundingBox()]);
    expect(button!.y + button!.height).toBeLessThanOrEqual(nav!.y);
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('marks invalid fields red and moves focus to the first one', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, newUser());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Beneficiaries' }).click();
    await page.getByRole('button', { name: 'Add beneficiary', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent)).toBe('Nickname');
    // The field's border takes the colour of its error text (red), not the grey of a valid field.
    const border = await page.getByLabel('Nickname').evaluate((el) => getComputedStyle(el).borderTopColor);
    const red = await page.getByText('Nickname is required').evaluate((el) => getComputedStyle(el).color);
    expect(border).toBe(red);
    await context.close();
  });

  it('opens a top-up from Activity to its receipt, to share it again', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, newUser());
    await addFunds(page, '50');
    await addBeneficiary(page, 'Mum', '0501234567');
    await topUp(page, 'Mum', 'AED 10');
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor({ timeout: 20_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('button', { name: 'Top-ups' }).click();
    await page.getByRole('list', { name: 'Top-ups' }).getByRole('link', { name: /Mum/ }).click();
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();
    await page.getByText('SIM-', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Share receipt' }).waitFor();
    await context.close();
  });
});

describe('a top-up queued offline', () => {
  it('says "queued" while offline, and tells the person when it went through later, wherever they are', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    await signInAs(page, newUser());
    await addFunds(page, '50');
    await addBeneficiary(page, 'Mum', '0501234567');
    await goHome(page);
    // The screens' code comes from the service worker's precache while offline.
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    await topUp(page, 'Mum', 'AED 10');
    await page.getByRole('heading', { name: 'Top-up queued' }).waitFor();
    expect(await page.getByRole('link', { name: /Top up again/ }).count()).toBe(0);
    await goHome(page);

    await context.setOffline(false);
    const notice = page.getByText('Your queued top-up of AED 10.00 to Mum went through.');
    await notice.waitFor({ timeout: 20_000 });
    // Read as a line across the card (at 360 px), not squeezed into a column beside its links.
    const widths = await notice.evaluate((text) => [text.getBoundingClientRect().width, text.parentElement!.clientWidth]);
    expect(widths[0]!, `the notice's text is ${widths[0]} px of ${widths[1]} px`).toBeGreaterThan(widths[1]! * 0.8);
    await page.screenshot({ path: 'test-results/screenshots/notice-later-en-360.png' });
    await page.getByRole('link', { name: 'View receipt' }).click();
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();
    expect(console.errors).toEqual([]);
    await context.close();
  });
});
