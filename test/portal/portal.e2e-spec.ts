import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { eventually } from '@platform/testing';
import { BOOT_LIMIT_MS, BUILD_LIMIT_MS, root } from '../platform/launcher';
import { PortalBrowser } from './support/browser';
import { EventStreamReader } from './support/event-stream';
import { ADMIN, INTEGRATOR, PortalPlatform } from './support/platform';
import { Receiver } from './support/receiver';
import { seed, type Seeded } from './support/seed';

/*
 * The portal (spec §8) as an integrator uses it: headless Chromium (Debian's, driven by
 * playwright-core) against `npm start`, signing in through the platform's own OAuth server. The
 * integrator is the context's admin — no platform role; a platform administrator, in a second
 * browser, takes the requests only they may act on. Every screen is checked with axe-core and
 * photographed in Portuguese and English.
 */

const JWT = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/;
const RECEIVER_CLIENT = { id: 'receiver-client', secret: 'receiver-secret-0123456789' };

describe('the portal in a browser (spec §8)', () => {
  const platform = new PortalPlatform();
  const receiver = new Receiver(RECEIVER_CLIENT);
  let browser: PortalBrowser;
  let admin: PortalBrowser;
  let seeded: Seeded;
  let stream: EventStreamReader;
  let subscriptionId = '';
  let signingSecret = '';
  let appSecret = '';
  const apiBodies: string[] = [];
  /** Client access tokens the portal showed once: the only tokens its answers may carry. */
  const issuedTokens: string[] = [];

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
            (t) => {
              apiBodies.push(t);
              if (res.status() >= 400)
                process.stdout.write(`DEBUG ${res.status()} ${res.url()} ${t}\n`);
            },
            () => undefined,
          );
      });
    },
    BUILD_LIMIT_MS + BOOT_LIMIT_MS + 60_000,
  );

  afterAll(async () => {
    stream?.close();
    await admin?.stop();
    await browser?.stop();
    await receiver.stop();
    await platform.stop();
  }, 120_000);

  const page = () => browser.page;
  const sessionCookie = async () => {
    const cookies = await browser.context.cookies(`${platform.gateway}/portal/`);
    return cookies.find((c) => c.name === 'portal_session');
  };
  /** The message a field points at with aria-describedby (what a screen reader reads with it). */
  const errorOf = async (label: string, exact = true) => {
    const ids = (await page().getByLabel(label, { exact }).getAttribute('aria-describedby')) ?? '';
    const texts = await Promise.all(
      ids
        .split(' ')
        .filter(Boolean)
        .map((id) => page().locator(`[id="${id}"]`).textContent()),
    );
    return texts.join(' ');
  };

  it('matches the composed OpenAPI document it was generated from', () => {
    // Fails (exit 1, listing the paths) when an API changed without `npm run portal:openapi`.
    execFileSync(
      process.execPath,
      [join(root, 'tools', 'portal-openapi.mjs'), '--check', platform.gateway],
      { stdio: 'pipe' },
    );
  });

  it('signs the integrator in through the platform OAuth server; the browser never holds a token', async () => {
    await page().goto(`${platform.gateway}/portal/`);
    await page().getByRole('heading', { name: 'Entrar no portal' }).waitFor();
    expect(await browser.axeViolations()).toEqual([]);
    await browser.screenshot('sign-in.pt-BR');
    await browser.signIn(INTEGRATOR.login, INTEGRATOR.password);
    await page().getByRole('heading', { name: 'Sua integração' }).waitFor();

    const cookie = await sessionCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/portal' });
    const seen = (await page().evaluate(
      '({ cookie: document.cookie, local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) })',
    )) as { cookie: string; local: string; session: string };
    expect(seen.cookie).not.toContain('portal_session');
    expect(`${seen.cookie} ${seen.local} ${seen.session}`).not.toMatch(JWT);
    for (const c of await browser.context.cookies()) expect(c.value).not.toMatch(JWT);
    // A context admin is no platform administrator: neither audit nor channel requests.
    expect(await page().getByRole('link', { name: 'Auditoria' }).count()).toBe(0);

    // The stream is opened now and checked at the end, after the gateway's 30 s idle timeout.
    stream = new EventStreamReader(
      `${platform.gateway}/portal/api/notifications/stream`,
      `portal_session=${cookie!.value}`,
    );
  });

  it('picks the context; the home shows the entity and that the integration is not homologated', async () => {
    await browser.open('/contexts');
    await page()
      .getByRole('button', { name: /Usar este contexto/ })
      .first()
      .click();
    await page().getByText(`Entidade: ${seeded.entityName}`).waitFor();
    // The licenses load on their own request, after the entity: wait for them, then count.
    await page().getByText('1 licença válida').waitFor();
    expect(await page().getByText('1 licença válida').count()).toBe(1);
    await page().getByTestId('integration-state').getByText('Ainda não homologada').waitFor();
    expect(await stream.open()).toBe(200);
  });

  it("creates the context's application with a safe scope and shows its secret once, with a copy button", async () => {
    await browser.open('/applications');
    await page().getByText('webhooks.suite', { exact: true }).waitFor();
    for (const scope of ['platform.admin', 'audit.read', 'users.suite'])
      expect(await page().getByText(scope, { exact: true }).count()).toBe(0);
    // The licenses that may answer for it: the context's valid one, not the expired one. They
    // load on their own request, after the scopes (a CI run read the list before they came).
    const select = page().getByLabel(/Licença responsável/);
    await select
      .locator('option', { hasText: 'Folha de pagamento' })
      .waitFor({ state: 'attached' });
    const licenses = await select.locator('option').allTextContents();
    expect(licenses).toEqual(['Nenhuma', 'Folha de pagamento']);
    await page().getByLabel('Nome').fill('ERP da prefeitura');
    await page().getByText('webhooks.suite', { exact: true }).click();
    await page().getByText('notifications.suite', { exact: true }).click();
    await page().getByRole('button', { name: 'Criar aplicação' }).click();
    const first = (await page().getByTestId('secret-value').textContent()) ?? '';
    expect(first).toMatch(/^[\w-]{40,}$/);
    await page().getByText('Este valor aparece só esta vez').waitFor();
    await page().getByRole('button', { name: 'Copiar' }).click();
    await page().getByText('Copiado para a área de transferência.').waitFor();
    expect(await page().evaluate('navigator.clipboard.readText()')).toBe(first);
    await browser.screenshot('application-secret.pt-BR');
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
    appSecret = (await card.getByTestId('secret-value').textContent()) ?? '';
    expect(appSecret).toMatch(/^[\w-]{40,}$/);
    expect(appSecret).not.toBe(first);
    await expect(platform.clientToken({ id: clientId, secret: first })).rejects.toThrow(/401/);
    expect(await platform.clientToken({ id: clientId, secret: appSecret })).toBeTruthy();
    await card.getByRole('button', { name: 'Já copiei' }).click();
  });

  it('issues a client access token limited to one endpoint, shown once, and revokes it', async () => {
    const card = page()
      .locator('[data-testid^="client-"]')
      .filter({ hasText: 'ERP da prefeitura' });
    await card.getByLabel('Descrição').fill('fluxo Gupy');
    await card.getByLabel('Endpoints permitidos').fill('GET /api/v1/nada');
    await card.getByRole('button', { name: 'Emitir token de acesso' }).click();
    await eventually(
      async () =>
        (await errorOf('Endpoints permitidos', false)).includes('/api/v1/nada') ? true : undefined,
      5_000,
    );
    await card.getByLabel('Endpoints permitidos').fill('GET /api/v1/event-types');
    await card.getByRole('button', { name: 'Emitir token de acesso' }).click();
    const token = (await card.getByTestId('secret-value').textContent()) ?? '';
    expect(token).toMatch(JWT);
    issuedTokens.push(token);
    await card.getByText('Copie agora.').waitFor();
    const get = (path: string) => platform.call('GET', path, { token }).then((r) => r.status);
    expect(await get('/api/v1/event-types')).toBe(200);
    expect(await get('/api/v1/webhooks')).toBe(403);
    await card.getByText('fluxo Gupy:').waitFor();
    await browser.screenshot('application-token.pt-BR');
    await card.getByRole('button', { name: 'Já copiei' }).click();
    await card.getByRole('button', { name: /^Revogar o token emitido em/ }).click();
    await card.getByText('Nenhum token de acesso ativo.').waitFor();
    await eventually(async () => ((await get('/api/v1/event-types')) === 401 ? true : undefined));
  });

  it('opens the Webhook and OAuth2 cards with the API channel, and says what is wrong next to each field', async () => {
    await browser.open('/integration');
    expect(await page().getByRole('button', { name: 'Configurar o webhook' }).count()).toBe(0);
    await page().getByText('Integração por arquivo', { exact: true }).click();
    await page().getByText('API', { exact: true }).click();
    await page().getByRole('button', { name: 'Salvar os canais' }).click();
    await page().getByText('Canais salvos.').waitFor();
    await page().getByRole('button', { name: 'Configurar o webhook' }).click();
    await page().getByLabel('URL').fill('receptor sem esquema');
    await page().getByRole('button', { name: 'Adicionar cabeçalho' }).click();
    await page().getByLabel('Nome do cabeçalho 1').fill('Content-Length');
    await page().getByLabel('Valor do cabeçalho 1').fill('10');
    await page().getByText('Limitar a taxa de entregas').click();
    await page().getByLabel('Entregas', { exact: true }).fill('5000');
    await page().getByLabel('Tempo limite de resposta (segundos)').fill('31');
    await page().getByRole('button', { name: 'Criar assinatura' }).click();
    await eventually(
      async () => ((await errorOf('URL')).includes('https://') ? true : undefined),
      5_000,
    );
    expect(await errorOf('Nome do cabeçalho 1')).toContain('controlado pela plataforma');
    expect(await errorOf('Entregas')).toContain('1 a 1000');
    expect(await errorOf('Tempo limite de resposta (segundos)')).toContain('30 segundos');
    expect(await page().getByLabel('URL').getAttribute('aria-invalid')).toBe('true');
    await browser.screenshot('integration-errors.pt-BR');
  });

  it('sets up the Webhook and OAuth2 cards against a local receiver, logs a delivery and retries it', async () => {
    await page().getByLabel('URL').fill(`${receiver.url}/hooks`);
    await page().getByLabel('Nome do cabeçalho 1').fill('x-api-key');
    await page().getByLabel('Valor do cabeçalho 1').fill('chave-do-receptor');
    await page().getByLabel('Entregas', { exact: true }).fill('10');
    await page().getByLabel('Tempo limite de resposta (segundos)').fill('10');
    await page().getByLabel('Responsável técnico', { exact: true }).fill('Carla');
    await page().getByLabel('E-mail do responsável técnico').fill('carla@example.com');
    await page().getByText('Obter um token OAuth2 para cada entrega').click();
    await page().getByLabel('Escopo').fill('hooks');
    await page().getByLabel('URL do token').fill(`${receiver.url}/token`);
    await page().getByLabel('Segredo', { exact: true }).fill(RECEIVER_CLIENT.secret);
    await page().getByLabel('Client ID').fill(RECEIVER_CLIENT.id);
    await page().getByRole('button', { name: 'Criar assinatura' }).click();
    const secret = (await page().getByTestId('secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    signingSecret = secret;
    // The cards as the seed lists their fields: Header, Rate limit, URL; Scope, Authentication
    // Type, Token URL, Secret (never shown), Client ID.
    await page().getByText('10 entregas a cada 1 s').waitFor();
    await page().getByText('client_secret_basic').waitFor();
    await browser.screenshot('integration-cards.pt-BR');
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
    await browser.screenshot('webhook-delivery.pt-BR');

    await page()
      .getByRole('button', { name: /^Reenviar webhook.test/ })
      .first()
      .click();
    const again = await eventually(async () => tests()[1], 20_000);
    expect(again.headers['webhook-id']).toBe(delivered.headers['webhook-id']);
    await page().getByText('2 tentativas').first().waitFor({ timeout: 20_000 });
  });

  it('runs the self-homologation: a receiver that skips the signature check fails that step; then every step passes and the integration is homologated', async () => {
    await browser.open('/homologation');
    const answersBefore = apiBodies.length;
    const step = (name: string) => page().getByTestId(`check-${name}`);
    const run = async () => {
      await page().getByLabel('Segredo da aplicação').fill(appSecret);
      await page().getByRole('button', { name: 'Executar os testes' }).click();
      // On a timeout, say where the run stood (the steps shown, the verdict line) and keep a shot.
      await page()
        .getByTestId('homologation-result')
        .waitFor({ timeout: 30_000 })
        .catch(async (e: Error) => {
          await browser.screenshot('homologation-timeout');
          const shown = await page().locator('main').innerText();
          throw new Error(`${e.message}\nthe page showed:\n${shown}`);
        });
      return (await page().getByTestId('homologation-result').textContent()) ?? '';
    };
    expect(await run()).toContain('falharam');
    await expect(step('wrong-signature-rejected').textContent()).resolves.toContain('Falhou');
    for (const ok of ['client-token', 'api-reads', 'signed-delivery', 'duplicate-accepted'])
      await expect(step(ok).textContent()).resolves.toContain('Passou');
    await expect(step('oauth2-token-url').textContent()).resolves.toContain('Passou');
    // The evidence of the API step: a read-only call per scope, through the gateway.
    await step('api-reads').getByText('GET /api/v1/event-types').waitFor();
    await step('api-reads').getByText('GET /notifications/api/messages').waitFor();
    expect(await page().getByTestId('homologated').textContent()).toContain('ainda não');
    await browser.screenshot('homologation-failed.pt-BR');

    receiver.checkSignaturesWith(signingSecret);
    expect(await run()).toContain('Todos os passos passaram: integração homologada.');
    await expect(step('wrong-signature-rejected').textContent()).resolves.toContain('401');
    await page().getByTestId('homologated').getByText('Integração homologada em').waitFor();
    await browser.screenshot('homologation-passed.pt-BR');
    // The secret typed for the run went to oauth once and is nowhere in the portal's answers.
    expect(apiBodies.slice(answersBefore).join('\n')).not.toContain(appSecret);
    await browser.open('/');
    await page()
      .getByTestId('integration-state')
      .getByText(/^Homologada em/)
      .waitFor();
  });

  it('asks operations for SFTP and shows it pending', async () => {
    await browser.open('/integration');
    const sftp = page().getByTestId('channel-sftp');
    await sftp
      .getByLabel('Mensagem para a equipe de operações sobre o SFTP')
      .fill('Retorno diário');
    await sftp.getByRole('button', { name: 'Pedir SFTP à equipe de operações' }).click();
    await sftp.getByText('Pendente', { exact: true }).waitFor();
    await browser.screenshot('integration-sftp.pt-BR');
    await browser.open('/');
    await page()
      .getByText(/SFTP pendente desde/)
      .waitFor();
    await browser.screenshot('home-homologated.pt-BR');
  });

  it("allows an access request to the integrator's context", async () => {
    await browser.open('/accesses');
    await page().getByText('Preciso configurar os webhooks da folha').waitFor();
    await browser.screenshot('accesses-request.pt-BR');
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
      user: INTEGRATOR.login,
      text: 'Homologação agendada para amanhã',
    });
    // No reload: the stream brings it in.
    await page().getByText('Homologação agendada para amanhã').waitFor({ timeout: 15_000 });
    await eventually(async () => ((await unread()) === before + 1 ? true : undefined), 10_000);
    await browser.screenshot('notifications-live.pt-BR');
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

  it("tells a platform administrator of the SFTP request; marking it done tells the context's admins", async () => {
    admin = new PortalBrowser(platform.gateway);
    await admin.start();
    await admin.signIn(ADMIN.login, ADMIN.password);
    await admin.open('/contexts');
    await admin.page
      .getByRole('button', { name: /Usar este contexto/ })
      .first()
      .click();
    await admin.page.getByText(`Entidade: ${seeded.entityName}`).waitFor();
    await admin.open('/notifications');
    await admin.page.getByText(/pediu o canal SFTP/).waitFor({ timeout: 15_000 });
    await admin.screenshot('notifications-admin.pt-BR');
    await admin.open('/channel-requests');
    const request = admin.page.locator('[data-testid^="request-"]').filter({ hasText: 'SFTP' });
    await request.getByText('Retorno diário').waitFor();
    await admin.screenshot('channel-requests-pending.pt-BR');
    await request.getByLabel('Nota para o contexto').fill('Usuário sftp enviado por e-mail');
    await request
      .getByRole('button', { name: `Marcar como feito o pedido de SFTP de ${seeded.entityName}` })
      .click();
    await admin.page.getByText('Nenhum pedido pendente.').waitFor();

    await browser.open('/notifications');
    await page()
      .getByText(/O canal SFTP foi configurado: Usuário sftp/)
      .waitFor({ timeout: 15_000 });
    await browser.open('/integration');
    await page()
      .getByTestId('channel-sftp')
      .getByRole('button', { name: 'Pedir SFTP à equipe de operações' })
      .waitFor();
  });

  it('shows the platform administrator the audit log with the homologation and an intact chain', async () => {
    await admin.open('/audit');
    await admin.page
      .getByText(/Cadeia íntegra: \d+ registros conferidos/)
      .waitFor({ timeout: 20_000 });
    await admin.page.getByLabel('Tipo de evento').fill('integration.homologated');
    await admin.page.getByRole('button', { name: 'Filtrar' }).click();
    await admin.page
      .getByRole('rowheader', { name: /integration\.homologated/ })
      .first()
      .waitFor({ timeout: 20_000 });
    await admin.screenshot('audit-homologated.pt-BR');
  });

  it('passes axe on every screen and fits a 360 px screen, in Portuguese and in English', async () => {
    const failures: string[] = [];
    const check = async (who: PortalBrowser, name: string, path: string, lang: string) => {
      await who.page.setViewportSize({ width: 1280, height: 900 });
      await who.open(path);
      await who.page.waitForLoadState('networkidle');
      for (const v of await who.axeViolations()) failures.push(`${lang} ${path}: ${v}`);
      await who.screenshot(`${name}.${lang}`);
      await who.page.setViewportSize({ width: 360, height: 740 });
      await who.page.waitForTimeout(100);
      if (!(await who.fitsWidth())) failures.push(`${lang} ${path}: wider than 360 px`);
      if (lang === 'pt-BR') await who.screenshot(`${name}.360px.pt-BR`);
      await who.page.setViewportSize({ width: 1280, height: 900 });
    };
    for (const lang of ['pt-BR', 'en'] as const) {
      for (const who of [browser, admin]) {
        await who.open('/');
        await who.language(lang);
      }
      for (const [name, path] of screens(subscriptionId)) await check(browser, name, path, lang);
      for (const [name, path] of adminScreens()) await check(admin, name, path, lang);
    }
    for (const who of [browser, admin]) await who.language('pt-BR');
    expect(failures).toEqual([]);
  }, 240_000);

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
      user: INTEGRATOR.login,
      text: 'Depois de 35 segundos',
    });
    await eventually(
      async () => (stream.text.includes('Depois de 35 segundos') ? true : undefined),
      10_000,
    );
    expect(stream.text).toContain(': heartbeat');
    // No answer of the BFF ever carried the session's tokens: only the client access token shown once.
    const jwts = apiBodies.join('\n').match(new RegExp(JWT.source, 'g')) ?? [];
    expect(jwts.filter((t) => !issuedTokens.includes(t))).toEqual([]);

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

/** Every signed-in screen of the integrator: its name (for the screenshot) and path. */
function screens(subscriptionId: string): [string, string][] {
  return [
    ['home', '/'],
    ['contexts', '/contexts'],
    ['applications', '/applications'],
    ['integration', '/integration'],
    ['webhooks', '/webhooks'],
    ['webhook', `/webhooks/${subscriptionId}`],
    ['homologation', '/homologation'],
    ['accesses', '/accesses'],
    ['notifications', '/notifications'],
    ['licenses', '/licenses'],
  ];
}

/** The platform administrators' own screens. */
function adminScreens(): [string, string][] {
  return [
    ['channel-requests', '/channel-requests'],
    ['audit', '/audit'],
  ];
}
