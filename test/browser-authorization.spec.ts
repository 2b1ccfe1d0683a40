import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../apps/demo/src/start-demo.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('./artifacts/', import.meta.url);

// A fresh clone without Chromium still passes `npm test`, with a loud notice; CI (CI=true) requires the browser.
const inCi = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI.toLowerCase());
const skipped = !inCi && !existsSync(CHROMIUM);
if (skipped) {
  console.warn(
    `\n*** SKIPPED test/browser-authorization.spec.ts: no Chromium at ${CHROMIUM}. ` +
      `Install it (apt-get install chromium) or set CHROMIUM_PATH; with CI=true a missing Chromium fails the run. ***\n`,
  );
}

describe.skipIf(skipped)('a person authorizes an account in a browser (demo on the sandbox)', () => {
  let demo: RunningDemo;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Debian's chromium is needed at ${CHROMIUM} (apt-get install chromium)`);
    demo = await startDemo({ port: 0 }, { logger: false });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('goes from /authorize to the sandbox page, presses 授权, lands on the callback and reads the menu', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/authorize`);
    expect(page.url()).toContain(`${demo.sandbox!.mpBaseUrl}/cgi-bin/componentloginpage?`);
    const choice = page.locator('input[name=appid]').first();
    const appId = (await choice.getAttribute('value'))!;
    expect(appId).toMatch(/^wx[0-9a-f]{16}$/);
    await page.screenshot({ path: new URL('authorization-page.png', ARTIFACTS).pathname, fullPage: true });

    await choice.check();
    await Promise.all([page.waitForURL(`${demo.url}/authorize/callback?**`), page.click('button#authorize')]);
    expect(JSON.parse((await page.locator('body').innerText()).trim())).toEqual({ appId });

    await page.goto(`${demo.url}/authorizers/${appId}/menu`);
    const menu = JSON.parse((await page.locator('body').innerText()).trim()) as { menu?: { button?: unknown[] }; errcode?: number };
    expect(menu.menu?.button?.length).toBeGreaterThan(0);

    await page.goto(`${demo.url}/authorizers`);
    expect(JSON.parse(await page.locator('body').innerText())).toEqual([
      expect.objectContaining({ appId, status: 'authorized', accessTokenExpiresAt: expect.any(String) }),
    ]);

    // The sandbox console shows the authorization and the calls made for it.
    await page.goto(`${demo.sandbox!.url}/`);
    await expect.poll(async () => page.locator('body').innerText(), { timeout: 10_000 }).toContain('/cgi-bin/menu/get');
    expect(await page.locator('body').innerText()).toContain(appId);
    await page.screenshot({ path: new URL('sandbox-console.png', ARTIFACTS).pathname, fullPage: true });
  });
});
