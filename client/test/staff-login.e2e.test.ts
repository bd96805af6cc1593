import type { Browser } from 'playwright-core';
import { createInterviewer, launchBrowser, loginAdmin, openTestPage, sharedPlatform } from './support';

jest.setTimeout(300_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('sends a signed-out visitor to sign in, says when the password is wrong, then lets them in and out', async () => {
  const platform = await sharedPlatform();
  const ivy = await createInterviewer(await loginAdmin(platform));
  const t = await openTestPage(browser, platform, { name: 'staff-login' });
  const { page } = t;
  const stopAllowing = t.allowConsoleErrors(/status of 401/); // GET /api/auth/me while signed out, and the wrong password
  await page.goto('/');
  await page.getByRole('heading', { name: 'Sign in to Assay' }).waitFor();
  expect(new URL(page.url()).searchParams.get('next')).toBe('/');
  await t.axe('sign-in page');
  await t.shot('01-sign-in');

  await page.getByLabel('Email').fill(ivy.user.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
  await t.axe('sign-in page with an error');
  await t.shot('02-wrong-password');

  await page.getByLabel('Password').fill(ivy.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: `Welcome, ${ivy.user.name}` }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Platform status' }).waitFor();
  await t.axe('staff home');
  await t.shot('03-staff-home');

  // The session ends on the server (signed out elsewhere): the next visit says it expired.
  await page.context().clearCookies();
  await page.goto('/');
  await page.getByText('Your session has expired').waitFor();
  await t.shot('04-expired');

  await page.getByLabel('Email').fill(ivy.user.email);
  await page.getByLabel('Password').fill(ivy.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Assay' }).waitFor();
  stopAllowing();
  await t.close();
});

it('shows a not-found page for an unknown address', async () => {
  const platform = await sharedPlatform();
  const t = await openTestPage(browser, platform, { name: 'not-found' });
  await t.page.goto('/no/such/page');
  await t.page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await t.axe('not-found page');
  await t.shot('not-found');
  await t.close();
});
