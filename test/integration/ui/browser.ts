// A headless Chromium for the UI tests: Debian's `chromium` (or CHROMIUM_PATH) driven by
// playwright-core. Where none is installed the tests are skipped with this module's message.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The Chromium executable, or undefined when this machine has none. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Why the browser tests are skipped here (shown by the test runner). */
export const NO_CHROMIUM =
  'no Chromium on this machine: apt-get install -y chromium (or set CHROMIUM_PATH) to run the UI browser tests';

/** Launches headless Chromium. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** test-output/ui: screenshots of the main pages (gitignored). */
export function screenshotFolder(): string {
  const folder = fileURLToPath(new URL('../../../test-output/ui/', import.meta.url));
  mkdirSync(folder, { recursive: true });
  return folder;
}
