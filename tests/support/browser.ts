import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '@caravan/testing';

const require = createRequire(import.meta.url);

/** Debian's Chromium (`apt-get install chromium`), or the binary `CARAVAN_CHROMIUM` names. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CARAVAN_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

/** Where the browser tests leave their screenshots (git-ignored). */
export const screenshotsDir = join(repoRoot, 'test-results', 'screenshots');

/** The browser tests load the built app: build web/ once if `npm run build` has not. */
export function ensureDashboardBuilt(): void {
  if (existsSync(join(repoRoot, 'web/dist/index.html'))) return;
  execFileSync(process.execPath, [require.resolve('vite/bin/vite.js'), 'build'], {
    cwd: join(repoRoot, 'web'),
    stdio: 'inherit',
  });
}

/** A headless Chromium driven by playwright-core (no browser download), closed after the test file. */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/** Saves the page at desktop (1280 px) and phone (390 px) widths, full length, under `screenshotsDir`. */
export async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(screenshotsDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and fails on any serious or critical violation, naming the rule and the
 * elements. axe is evaluated through the DevTools protocol: the page's CSP allows no injected script.
 */
export async function assertAccessible(t: ExecutionContext, page: Page, view: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run()).violations;
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    t.deepEqual(
      serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      [],
      `${view} at ${width} px has no serious accessibility violation`,
    );
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
