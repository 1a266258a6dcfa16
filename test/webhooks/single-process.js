// The single-process mode of the in-process-bus test: a publishing service (its own database and
// outbox) and the webhooks app on one InProcessBus, as `npm start` runs them. The test SIGKILLs
// this process mid-stream and starts it again; the publisher resumes from what its outbox holds.
// Runs the compiled code (`node tools/build.mjs`). Env: PUBLISHER_DATABASE_URL, WEBHOOKS_PORT,
// PUBLISH_TOTAL, plus the webhooks app's own variables.
/* eslint-disable */
const { join } = require('node:path');
const { Module } = require('@nestjs/common');
const out = join(__dirname, '..', '..', 'dist', 'out');
const lib = (name) => require(join(out, 'libs', name, 'src', 'index.js'));
const {
  InProcessBus,
  MessagingModule,
  messagingEntities,
  messagingMigrations,
  OutboxPublisher,
  draft,
} = lib('messaging');
const { ConfigModule, ServiceEnv } = lib('config');
const { PersistenceModule } = lib('persistence');
const { HttpCommonModule, createServiceApp } = lib('http');
const { LicenseCreated } = lib('contracts');
const { createApp } = require(join(out, 'apps', 'webhooks', 'src', 'bootstrap.js'));
const { DataSource } = require('typeorm');

function publisherModule(env, bus) {
  class PublisherModule {}
  Module({
    imports: [
      ConfigModule.forRoot('publisher', ServiceEnv, env),
      HttpCommonModule,
      PersistenceModule.forRoot({
        entities: [...messagingEntities],
        migrations: [...messagingMigrations],
      }),
      MessagingModule.forRoot({ bus }),
    ],
  })(PublisherModule);
  return PublisherModule;
}

async function main() {
  const env = process.env;
  const bus = new InProcessBus();
  const publisher = await createServiceApp(
    publisherModule({ ...env, DATABASE_URL: env.PUBLISHER_DATABASE_URL, PORT: '0' }, bus),
  );
  const webhooks = await createApp({ env, bus });
  await publisher.init();
  await webhooks.init();
  await bus.start();
  await webhooks.listen({ port: Number(env.WEBHOOKS_PORT), host: '127.0.0.1' });
  const ds = publisher.get(DataSource);
  const outbox = publisher.get(OutboxPublisher);
  const webhooksDs = webhooks.get(DataSource);
  // Publish only once the test's subscriptions exist: events before them are owed to no one.
  while (
    Number((await webhooksDs.query('SELECT count(*) AS n FROM webhook_subscriptions'))[0].n) === 0
  ) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const total = Number(env.PUBLISH_TOTAL);
  let done = Number((await ds.query('SELECT count(*) AS n FROM outbox_events'))[0].n);
  while (done < total) {
    const n = Math.min(50, total - done);
    await ds.transaction((m) =>
      outbox.add(
        m,
        ...Array.from({ length: n }, (_, k) => {
          const i = done + k;
          // An event of the test's context (ent-1, db-1): its subscription receives it.
          const data = {
            id: `license-${i}`,
            entity: 'ent-1',
            database: 'db-1',
            system: 'system-1',
            validFrom: '2026-01-01T00:00:00.000Z',
            validUntil: '2099-01-01T00:00:00.000Z',
          };
          return draft(LicenseCreated, data.id, data, { entity: 'ent-1' });
        }),
      ),
    );
    done += n;
    await new Promise((r) => setTimeout(r, 10));
  }
  process.stdout.write(`published ${done}\n`);
}

main().catch((e) => {
  process.stderr.write(`single-process: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
