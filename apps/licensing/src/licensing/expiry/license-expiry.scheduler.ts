import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LicenseExpired } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { LicensingEnv } from '../../config';
import { toLicensePayload } from '../dto/license.response';
import { LicensesRepository } from '../licenses.repository';
import { Clock } from '@platform/http';

/** Licenses claimed per transaction; a backlog drains over a few polls. */
const BATCH = 100;

/**
 * Emits `license.expired` when a license reaches `validUntil` (spec §4), exactly once even with
 * several instances polling the same database: the claim (`expired_at`) and the outbox row are
 * written in one transaction (ADR 0007).
 */
@Injectable()
export class LicenseExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('license-expiry');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly licenses: LicensesRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly env: LicensingEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.env.LICENSE_EXPIRY_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One poll: claims every license whose end has come and writes its event. Returns how many. */
  async expireDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.licenses.transaction(async (manager) => {
        const due = await this.licenses.claimExpired(this.clock.now(), BATCH, manager);
        const events = due.map((l) =>
          draft(LicenseExpired, l.id, toLicensePayload(l), { entity: l.entity }),
        );
        await this.outbox.add(manager, ...events);
        return due.length;
      });
      total += claimed;
      if (claimed < BATCH) return total;
    }
  }

  private tick(): void {
    if (this.running) return; // a slow poll is never overlapped by the next one
    this.running = this.expireDue();
    this.running
      .catch((e: unknown) =>
        this.logger.error(`expiry poll failed: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => (this.running = undefined));
  }
}
