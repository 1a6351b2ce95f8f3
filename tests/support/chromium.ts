import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve('tests/artifacts');

/**
 * Browser tests need Debian's Chromium. Without it they skip loudly on a developer machine,
 * but under CI=true a missing browser is a failure, never a silent pass.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}; CI must install it (apt-get install chromium).`);
  }
  console.warn(`\n!!! Chromium not found at ${CHROMIUM_PATH}: SKIPPING the browser tests. Install it with: apt-get install chromium\n`);
  return false;
}

/** `extraArgs` adds Chromium switches, e.g. fake microphones for call tests. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', ...extraArgs],
  });
}

export function artifactPath(name: string): string {
  return path.join(ARTIFACTS_DIR, name);
}

/**
 * Signs an agent in on the workstation page and waits until it is online. The interface is pinned
 * to English, as if picked on the desk, because the tests read its English labels and the demo's
 * agents write Chinese, Thai, Spanish and German; `interfaceLanguage: null` lets it follow the
 * agent's profile (tests/e2e/interface-languages.test.ts).
 */
export async function signInOnPage(page: Page, url: string, email: string, password = 'demo1234', interfaceLanguage: string | null = 'en'): Promise<void> {
  if (interfaceLanguage !== null) {
    await page.addInitScript((language) => localStorage.setItem('workstation.interfaceLanguage', language), interfaceLanguage);
  }
  await page.goto(url);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
}

/** A customer opens the relay's web chat, gives a name and sends a first message. */
export async function startWebChat(page: Page, relayUrl: string, name: string, firstMessage: string): Promise<void> {
  await page.goto(`${relayUrl}/chat`);
  await page.getByTestId('chat-name').fill(name);
  await page.getByTestId('chat-start').click();
  await page.getByTestId('chat-input').fill(firstMessage);
  await page.getByTestId('chat-send').click();
}
