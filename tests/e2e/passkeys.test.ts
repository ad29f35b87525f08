/**
 * Passkeys and sessions in real Chromium with a CDP virtual authenticator (real
 * registration and assertion ceremonies, no mock). The app is opened at
 * http://localhost:PORT: a relying-party id must be a domain, 127.0.0.1 is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { baseURL, newUser, signIn, signUp, watchConsole, type Browser, type BrowserContext, type Page } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const localhost = () => baseURL().replace('127.0.0.1', 'localhost');

function context(): Promise<BrowserContext> {
  return browser.newContext({ baseURL: localhost(), viewport: { width: 360, height: 780 }, serviceWorkers: 'allow' });
}

/** A platform authenticator with user verification, answering every ceremony by itself. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials };
}

async function openAccount(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

describe('passkeys', () => {
  it('add one, sign out, sign in with it without typing, remove it: then it no longer signs in', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    // The refused sign-in at the end is a 401 the browser logs.
    const console = watchConsole(page, [/status of 401/]);
    const authenticator = await virtualAuthenticator(page);
    const user = newUser('Passkey Person');
    await signUp(page, user);

    await openAccount(page);
    await page.getByText('You have no passkeys yet.').waitFor();
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByRole('status').filter({ hasText: 'Passkey added.' }).waitFor();
    const passkeys = page.getByRole('list', { name: 'Passkeys' }).getByRole('listitem');
    await expect.poll(() => passkeys.count()).toBe(1);
    await passkeys.first().getByText('Never used').waitFor();
    expect(await authenticator.credentials()).toHaveLength(1);

    await signOut(page);
    const typed = { email: await page.getByLabel('Email').inputValue(), password: await page.getByLabel('Password').inputValue() };
    // The button, or passkey autofill in the email field (conditional mediation: Chromium's
    // virtual authenticator answers it on its own), whichever comes first: no typing either way.
    const home = page.getByRole('button', { name: 'Add funds' });
    await Promise.race([page.getByRole('button', { name: 'Sign in with a passkey' }).click().catch(() => undefined), home.waitFor()]);
    await home.waitFor();
    expect(typed.password).toBe('');

    await openAccount(page);
    await passkeys.first().getByText(/Last used/).waitFor();
    const sessions = page.getByRole('list', { name: 'Where you are signed in' }).getByRole('listitem');
    await sessions.filter({ hasText: 'This device' }).getByText('Signed in with a passkey').waitFor();
    await page.getByRole('button', { name: /^Remove passkey / }).click();
    // Confirmed first (issue 21): Cancel keeps it, "Yes, remove it" removes it.
    const confirm = page.getByRole('dialog', { name: /^Remove passkey .+\?$/ });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('button', { name: /^Remove passkey / }).count()).toBe(1);
    await page.getByRole('button', { name: /^Remove passkey / }).click();
    await confirm.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByRole('status').filter({ hasText: 'Passkey removed.' }).waitFor();
    await page.getByText('You have no passkeys yet.').waitFor();

    // The authenticator still holds the credential; the server no longer knows it.
    await signOut(page);
    expect(await authenticator.credentials()).toHaveLength(1);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('alert').filter({ hasText: 'That passkey was not accepted' }).waitFor();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(console.errors).toEqual([]);
    await ctx.close();
  });
});

describe('sessions and the password', () => {
  it('ends another session from Account (that tab lands on sign-in), then changes the password', async () => {
    const user = newUser('Two Devices');
    const first = await context();
    const here = await first.newPage();
    const console = watchConsole(here, [/status of 401/]);
    await signUp(here, user);
    const second = await context();
    const there = await second.newPage();
    watchConsole(there, [/status of 401/]);
    await there.goto('/signin');
    await signIn(there, user);
    await there.getByRole('button', { name: 'Add funds' }).waitFor();

    await openAccount(here);
    const sessions = here.getByRole('list', { name: 'Where you are signed in' }).getByRole('listitem');
    await expect.poll(() => sessions.count()).toBe(2);
    await sessions.filter({ hasText: 'This device' }).waitFor();
    await here.getByRole('button', { name: /^End session on / }).click();
    await here.getByRole('status').filter({ hasText: 'Session ended.' }).waitFor();
    await expect.poll(() => sessions.count()).toBe(1);

    // The other tab finds out the next time it syncs (here: when it is looked at again).
    await there.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await there.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
    await there.getByText('Your session has expired.', { exact: false }).waitFor();

    // A third session, then the password change ends it and keeps this one.
    await signIn(there, user);
    await there.getByRole('button', { name: 'Add funds' }).waitFor();
    await here.getByLabel('Current password').fill('not the password');
    await here.getByLabel('New password').fill('a fresh secret 42');
    await here.getByRole('button', { name: 'Change password' }).click();
    await here.getByRole('alert').filter({ hasText: 'Your current password is not right.' }).waitFor();
    await here.getByLabel('Current password').fill(user.password);
    await here.getByRole('button', { name: 'Change password' }).click();
    await here.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
    await expect.poll(() => sessions.count()).toBe(1);

    await there.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await there.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
    await signIn(there, { ...user, password: 'a fresh secret 42' });
    await there.getByRole('button', { name: 'Add funds' }).waitFor();
    expect(console.errors).toEqual([]);
    await first.close();
    await second.close();
  });
});

describe('the lists of passkeys and sessions', () => {
  it('say so when the server could not list them, instead of an empty list', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    const console = watchConsole(page, [/status of 503/]);
    await signUp(page, newUser());
    await page.route(/\/api\/me\/(passkeys|sessions)$/, (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Down' } }) }));
    await openAccount(page);
    for (const title of ['Passkeys', 'Where you are signed in']) {
      const card = page.getByRole('region', { name: title });
      await card.getByText('Something went wrong. Try again.').waitFor();
      expect(await card.getByText('You have no passkeys yet.').count()).toBe(0);
    }
    expect(console.errors).toEqual([]);
    await ctx.close();
  });
});
