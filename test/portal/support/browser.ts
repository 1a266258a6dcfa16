import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run); no browser is downloaded. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Where the screenshots go: docs/portal when asked to refresh them, else tmp/ (ignored by git). */
export const SHOTS_DIR = join(
  __dirname,
  '..',
  '..',
  '..',
  process.env['UPDATE_PORTAL_SCREENSHOTS'] === '1' ? 'docs/portal' : 'tmp/portal-screenshots',
);

export class PortalBrowser {
  private profile = '';
  context!: BrowserContext;
  page!: Page;

  constructor(private readonly origin: string) {}

  async start(): Promise<void> {
    this.profile = mkdtempSync(join(tmpdir(), 'portal-chromium-'));
    // A fresh profile (user data dir) per run: no cookies or storage from an earlier one.
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
      locale: 'pt-BR',
    });
    await this.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: this.origin,
    });
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    mkdirSync(SHOTS_DIR, { recursive: true });
  }

  async stop(): Promise<void> {
    await this.context?.close();
    if (this.profile) rmSync(this.profile, { recursive: true, force: true });
  }

  async open(path: string): Promise<void> {
    await this.page.goto(`${this.origin}/portal${path}`);
    await this.page.locator('h1').first().waitFor();
  }

  async signIn(login: string, password: string): Promise<void> {
    const page = this.page;
    await page.goto(`${this.origin}/portal/`);
    await page
      .getByRole('link', { name: /Entrar com a conta|Sign in with your platform account/ })
      .click();
    await page.waitForURL(/\/servicelogin\/login/);
    await page.fill('input[name=username]', login);
    await page.fill('input[name=password]', password);
    await Promise.all([
      page.waitForURL(/\/portal\/($|\?)/),
      page.locator('button[type=submit], input[type=submit]').first().click(),
    ]);
    await page.locator('h1').first().waitFor();
  }

  async language(lang: 'pt-BR' | 'en'): Promise<void> {
    await this.page.locator(`.language button[lang="${lang}"]`).first().click();
    await this.page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(lang)}`);
  }

  /** Serious and critical axe-core violations on the current page (WCAG 2.x A/AA rules). */
  async axeViolations(): Promise<string[]> {
    const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // evaluate() is not subject to the page's CSP, unlike an injected <script>.
    await this.page.evaluate(source);
    const result = (await this.page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })`,
    )) as {
      violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
  }

  /** True when nothing on the page is wider than the viewport (no sideways scrolling). */
  async fitsWidth(): Promise<boolean> {
    return (await this.page.evaluate(
      'document.documentElement.scrollWidth <= window.innerWidth',
    )) as boolean;
  }
}
