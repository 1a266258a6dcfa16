import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { eventually } from '@platform/testing';
import { BOOT_LIMIT_MS, BUILD_LIMIT_MS, root } from '../platform/launcher';
import { PortalBrowser } from './support/browser';
import { EventStreamReader } from './support/event-stream';
import { ADMIN, PortalPlatform } from './support/platform';
import { Receiver } from './support/receiver';
import { seed, type Seeded } from './support/seed';

/*
 * The portal (spec §8) as an integrator uses it: headless Chromium (Debian's, driven by
 * playwright-core) against `npm start`, signing in through the platform's own OAuth server.
 * Every screen is checked with axe-core and photographed in Portuguese and English.
 */

const JWT = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/;
const RECEIVER_CLIENT = { id: 'receiver-client', secret: 'receiver-secret-0123456789' };

describe('the portal in a browser (spec §8)', () => {
  const platform = new PortalPlatform();
  const receiver = new Receiver(RECEIVER_CLIENT);
  let browser: PortalBrowser;
  let seeded: Seeded;
  let stream: EventStreamReader;
  let subscriptionId = '';
  let signingSecret = '';
  const apiBodies: string[] = [];

  beforeAll(
    async () => {
      await platform.start();
      seeded = await seed(platform);
      await receiver.start();
      browser = new PortalBrowser(platform.gateway);
      await browser.start();
      browser.page.on('response', (res) => {
        if (res.url().includes('/portal/api/') && !res.url().endsWith('/stream'))
          void res.text().then(
            (t) => apiBodies.push(t),
            () => undefined,
          );
      });
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 60_000,
  );

  afterAll(async () => {
    stream?.close();
    await browser?.stop();
    await receiver.stop();
    await platform.stop();
  }, 120_000);

  const page = () => browser.page;
  const sessionCookie = async () => {
    const cookies = await browser.context.cookies(`${platform.gateway}/portal/`);
    return cookies.find((c) => c.name === 'portal_session');
  };

  it('matches the composed OpenAPI document it was generated from', () => {
    // Fails (exit 1, listing the paths) when an API changed without `npm run portal:openapi`.
    execFileSync(
      process.execPath,
      [join(root, 'tools', 'portal-openapi.mjs'), '--check', platform.gateway],
      { stdio: 'pipe' },
    );
  });

  it('signs in through the platform OAuth server; the browser never holds a token', async () => {
    await page().goto(`${platform.gateway}/portal/`);
    await page().getByRole('heading', { name: 'Entrar no portal' }).waitFor();
    expect(await browser.axeViolations()).toEqual([]);
    await browser.screenshot('sign-in.pt-BR');
    await browser.signIn(ADMIN.login, ADMIN.password);
    await page().getByRole('heading', { name: 'Sua integração' }).waitFor();

    const cookie = await sessionCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/portal' });
    const seen = (await page().evaluate(
      '({ cookie: document.cookie, local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) })',
    )) as { cookie: string; local: string; session: string };
    expect(seen.cookie).not.toContain('portal_session');
    expect(`${seen.cookie} ${seen.local} ${seen.session}`).not.toMatch(JWT);
    for (const c of await browser.context.cookies()) expect(c.value).not.toMatch(JWT);

    // The stream is opened now and checked at the end, after the gateway's 30 s idle timeout.
    stream = new EventStreamReader(
      `${platform.gateway}/portal/api/notifications/stream`,
      `portal_session=${cookie!.value}`,
    );
  });

  it('picks the context and shows the integration on the home screen', async () => {
    await browser.open('/contexts');
    await page()
      .getByRole('button', { name: /Usar este contexto/ })
      .first()
      .click();
    await page().getByText(`Entidade: ${seeded.entityName}`).waitFor();
    expect(await page().getByText('1 licença válida').count()).toBe(1);
    expect(await stream.open()).toBe(200);
  });

  it('creates an application and shows its secret once; regenerating it replaces the secret', async () => {
    await browser.open('/applications');
    await page().getByLabel('Nome').fill('ERP da prefeitura');
    await page().getByText('webhooks.suite', { exact: true }).click();
    await page().getByRole('button', { name: 'Criar aplicação' }).click();
    const first = (await page().getByTestId('secret-value').textContent()) ?? '';
    expect(first).toMatch(/^[\w-]{40,}$/);
    const clientId = (await page()
      .locator('[data-testid^="client-"]')
      .filter({ hasText: 'ERP da prefeitura' })
      .getAttribute('data-testid'))!.slice('client-'.length);
    expect(await platform.clientToken({ id: clientId, secret: first })).toBeTruthy();
    await page().getByRole('button', { name: 'Já copiei' }).click();
    await expect(page().getByTestId('secret-value').count()).resolves.toBe(0);

    const card = page().getByTestId(`client-${clientId}`);
    await card.getByRole('button', { name: /Gerar novo segredo para/ }).click();
    await page()
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Gerar novo segredo' })
      .click();
    const second = (await card.getByTestId('secret-value').textContent()) ?? '';
    expect(second).toMatch(/^[\w-]{40,}$/);
    expect(second).not.toBe(first);
    await expect(platform.clientToken({ id: clientId, secret: first })).rejects.toThrow(/401/);
    expect(await platform.clientToken({ id: clientId, secret: second })).toBeTruthy();
    await browser.screenshot('applications.pt-BR');
  });

  it('says what is wrong next to each field of the Webhook card', async () => {
    await browser.open('/webhooks');
    await page().getByRole('button', { name: 'Nova assinatura' }).click();
    await page().getByLabel('URL').fill('receptor sem esquema');
    await page().getByRole('button', { name: 'Adicionar cabeçalho' }).click();
    await page().getByLabel('Nome do cabeçalho 1').fill('Content-Length');
    await page().getByLabel('Valor do cabeçalho 1').fill('10');
    await page().getByText('Limitar a taxa de entregas').click();
    await page().getByLabel('Entregas', { exact: true }).fill('5000');
    await page().getByLabel('Tempo limite de resposta (segundos)').fill('31');
    await page().getByRole('button', { name: 'Criar assinatura' }).click();
    // The message the field points at with aria-describedby (what a screen reader reads with it).
    const errorOf = async (label: string) => {
      const ids =
        (await page().getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(
        ids
          .split(' ')
          .filter(Boolean)
          .map((id) => page().locator(`[id="${id}"]`).textContent()),
      );
      return texts.join(' ');
    };
    await eventually(
      async () => ((await errorOf('URL')).includes('https://') ? true : undefined),
      5_000,
    );
    expect(await errorOf('Nome do cabeçalho 1')).toContain('controlado pela plataforma');
    expect(await errorOf('Entregas')).toContain('1 a 1000');
    expect(await errorOf('Tempo limite de resposta (segundos)')).toContain('30 segundos');
    expect(await page().getByLabel('URL').getAttribute('aria-invalid')).toBe('true');
    await browser.screenshot('webhooks-errors.pt-BR');
  });

  it('sets up the Webhook and OAuth2 cards against a local receiver, logs a delivery and retries it', async () => {
    await page().getByLabel('URL').fill(`${receiver.url}/hooks`);
    await page().getByLabel('Nome do cabeçalho 1').fill('x-api-key');
    await page().getByLabel('Valor do cabeçalho 1').fill('chave-do-receptor');
    await page().getByLabel('Entregas', { exact: true }).fill('10');
    await page().getByLabel('Tempo limite de resposta (segundos)').fill('10');
    await page().getByLabel('Responsável técnico', { exact: true }).fill('Rita');
    await page().getByLabel('E-mail do responsável técnico').fill('rita@example.com');
    await page().getByText('Obter um token OAuth2 para cada entrega').click();
    await page().getByLabel('Escopo').fill('hooks');
    await page().getByLabel('URL do token').fill(`${receiver.url}/token`);
    await page().getByLabel('Segredo', { exact: true }).fill(RECEIVER_CLIENT.secret);
    await page().getByLabel('Client ID').fill(RECEIVER_CLIENT.id);
    await page().getByRole('button', { name: 'Criar assinatura' }).click();
    const secret = (await page().getByTestId('secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    signingSecret = secret;
    await page().getByRole('link', { name: 'Abrir a assinatura criada' }).click();
    subscriptionId = page().url().split('/').pop() ?? '';

    await page().getByRole('button', { name: 'Enviar teste' }).click();
    // A `*` subscription also hears of its own creation (`webhook.created`): pick the test sends.
    const tests = () =>
      receiver
        .deliveries()
        .filter((d) => (JSON.parse(d.body) as { action: string }).action === 'webhook.test');
    const delivered = await eventually(async () => tests()[0], 20_000);
    expect(delivered.headers['x-api-key']).toBe('chave-do-receptor');
    expect(delivered.headers['authorization']).toBe(`Bearer ${receiver.tokensIssued[0]}`);
    const verified = new Webhook(secret).verify(
      delivered.body,
      delivered.headers as Record<string, string>,
    ) as { action: string };
    expect(verified.action).toBe('webhook.test');
    await page()
      .getByTestId('attempt-status')
      .filter({ hasText: '200' })
      .first()
      .waitFor({ state: 'attached', timeout: 20_000 });
    await browser.screenshot('webhook.pt-BR');

    await page()
      .getByRole('button', { name: /^Reenviar webhook.test/ })
      .first()
      .click();
    const again = await eventually(async () => tests()[1], 20_000);
    expect(again.headers['webhook-id']).toBe(delivered.headers['webhook-id']);
    await page().getByText('2 tentativas').first().waitFor({ timeout: 20_000 });
  });

  it('runs the self-homologation: a receiver that skips the signature check fails that step, then passes', async () => {
    await browser.open('/homologation');
    const run = async () => {
      await page()
        .getByRole('button', { name: /^Executar os testes em/ })
        .click();
      await page().getByTestId('homologation-result').waitFor({ timeout: 30_000 });
      return (await page().getByTestId('homologation-result').textContent()) ?? '';
    };
    const step = (name: string) => page().getByTestId(`check-${name}`);
    expect(await run()).toContain('falharam');
    await expect(step('wrong-signature-rejected').textContent()).resolves.toContain('Falhou');
    for (const ok of ['signed-delivery', 'duplicate-accepted', 'oauth2-token-url'])
      await expect(step(ok).textContent()).resolves.toContain('Passou');
    await browser.screenshot('homologation-run.pt-BR');

    receiver.checkSignaturesWith(signingSecret);
    await page()
      .getByRole('button', { name: /^Executar os testes em/ })
      .click();
    await page().getByText('Todos os passos passaram.').waitFor({ timeout: 30_000 });
    await expect(step('wrong-signature-rejected').textContent()).resolves.toContain('401');
  });

  it('allows an access request', async () => {
    await browser.open('/accesses');
    await page().getByText('Preciso configurar os webhooks da folha').waitFor();
    await browser.screenshot('accesses.pt-BR');
    await page().getByRole('button', { name: 'Permitir o acesso de rita.integradora' }).click();
    await page()
      .getByRole('row', { name: /rita\.integradora/ })
      .waitFor();
    await page().getByText('Nenhum pedido esperando decisão.').waitFor();
  });

  it('shows notifications live and marks one read', async () => {
    await browser.open('/notifications');
    const unread = async () =>
      Number(/\d+/.exec((await page().getByTestId('unread-count').textContent()) ?? '')?.[0] ?? -1);
    const before = await eventually(async () => ((await unread()) >= 0 ? unread() : undefined));
    expect(before).toBeGreaterThan(0); // the access request told the context's admins
    await platform.create('/notifications/api/messages', {
      destination: 'USER',
      user: ADMIN.login,
      text: 'Homologação agendada para amanhã',
    });
    // No reload: the stream brings it in.
    await page().getByText('Homologação agendada para amanhã').waitFor({ timeout: 15_000 });
    await eventually(async () => ((await unread()) === before + 1 ? true : undefined), 10_000);
    await browser.screenshot('notifications.pt-BR');
    await page()
      .getByRole('button', { name: 'Marcar como lida: Homologação agendada para amanhã' })
      .click();
    await eventually(async () => ((await unread()) === before ? true : undefined), 10_000);
  });

  it('shows the licenses of the context with their state', async () => {
    await browser.open('/licenses');
    await page()
      .getByRole('row', { name: /Folha de pagamento.*Válida/ })
      .waitFor();
    await page()
      .getByRole('row', { name: /Protocolo.*Vencida/ })
      .waitFor();
  });

  it('shows the audit log and an intact chain to a platform administrator', async () => {
    await browser.open('/audit');
    await page()
      .getByText(/Cadeia íntegra: \d+ registros conferidos/)
      .waitFor({ timeout: 20_000 });
    await page().getByLabel('Tipo de evento').fill('access');
    await page().getByRole('button', { name: 'Filtrar' }).click();
    await page()
      .getByRole('rowheader', { name: /access/ })
      .first()
      .waitFor();
  });

  it('passes axe on every screen and fits a 360 px screen, in Portuguese and in English', async () => {
    const failures: string[] = [];
    for (const lang of ['pt-BR', 'en'] as const) {
      await browser.open('/');
      await browser.language(lang);
      for (const [name, path] of screens(subscriptionId)) {
        await page().setViewportSize({ width: 1280, height: 900 });
        await browser.open(path);
        await page().waitForLoadState('networkidle');
        for (const v of await browser.axeViolations()) failures.push(`${lang} ${path}: ${v}`);
        await browser.screenshot(`${name}.${lang}`);
        await page().setViewportSize({ width: 360, height: 740 });
        await page().waitForTimeout(100);
        if (!(await browser.fitsWidth())) failures.push(`${lang} ${path}: wider than 360 px`);
        if (lang === 'pt-BR') await browser.screenshot(`${name}.360px.pt-BR`);
      }
    }
    await page().setViewportSize({ width: 1280, height: 900 });
    await browser.language('pt-BR');
    expect(failures).toEqual([]);
  });

  it('shows the first screen in under a second on loopback', async () => {
    const timings: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await page().goto(`${platform.gateway}/portal/`);
      await page().getByText(`Entidade: ${seeded.entityName}`).waitFor();
      timings.push(Date.now() - started);
    }
    process.stdout.write(`portal e2e: first screen interactive in ${timings.join(', ')} ms\n`);
    expect(Math.min(...timings)).toBeLessThan(1000);
  });

  it('refuses a state-changing call without the CSRF token or from another site', async () => {
    const cookie = `portal_session=${(await sessionCookie())!.value}`;
    const csrf = (
      (await (
        await fetch(`${platform.gateway}/portal/api/session`, { headers: { cookie } })
      ).json()) as { csrfToken: string }
    ).csrfToken;
    const post = (headers: Record<string, string>) =>
      fetch(`${platform.gateway}/portal/api/notifications/read-all`, {
        method: 'POST',
        headers: { cookie, ...headers },
      }).then((r) => r.status);
    expect(await post({})).toBe(403);
    expect(await post({ 'x-csrf-token': 'not-the-token' })).toBe(403);
    expect(await post({ 'x-csrf-token': csrf, origin: 'https://evil.example' })).toBe(403);
    expect(await post({ 'x-csrf-token': csrf, origin: platform.gateway })).toBe(200);
  });

  it('keeps the notification stream open past the gateway idle timeout, and ends it on sign-out', async () => {
    // Idle (no message) for longer than the gateway's 30 s timeout between chunks, and still open.
    await eventually(
      async () => (stream.ended || Date.now() - stream.lastMessageAt > 32_000 ? true : undefined),
      60_000,
      500,
    );
    expect(stream.ended).toBe(false);
    await platform.create('/notifications/api/messages', {
      destination: 'USER',
      user: ADMIN.login,
      text: 'Depois de 35 segundos',
    });
    await eventually(
      async () => (stream.text.includes('Depois de 35 segundos') ? true : undefined),
      10_000,
    );
    expect(stream.text).toContain(': heartbeat');
    expect(apiBodies.join('\n')).not.toMatch(JWT);

    await browser.open('/');
    await page().getByRole('button', { name: 'Sair' }).click();
    await page().getByRole('heading', { name: 'Entrar no portal' }).waitFor({ timeout: 15_000 });
    await eventually(async () => (stream.ended ? true : undefined), 20_000, 250);
    const session = await fetch(`${platform.gateway}/portal/api/session`, {
      headers: { cookie: stream.cookie },
    }).then((r) => r.json());
    expect(session).toEqual({ signedIn: false });
    // The platform's login session ended too: signing in again asks for the password.
    await page()
      .getByRole('link', { name: /Entrar com a conta/ })
      .click();
    await page().waitForURL(/\/servicelogin\/login/);
  }, 120_000);
});

/** Every signed-in screen: its name (for the screenshot) and path. */
function screens(subscriptionId: string): [string, string][] {
  return [
    ['home', '/'],
    ['contexts', '/contexts'],
    ['applications', '/applications'],
    ['webhooks', '/webhooks'],
    ['webhook', `/webhooks/${subscriptionId}`],
    ['homologation', '/homologation'],
    ['accesses', '/accesses'],
    ['notifications', '/notifications'],
    ['licenses', '/licenses'],
    ['audit', '/audit'],
  ];
}
