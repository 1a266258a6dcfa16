import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { HomologationCheck, RequestedChannel } from '@platform/contracts';

/** A context's integration channels (`001_*` step 1) and when it was last homologated. */
@Entity({ name: 'integrations' })
export class IntegrationEntity {
  @PrimaryColumn('text') entity!: string;
  @PrimaryColumn('text') database!: string;
  @Column('boolean') files!: boolean;
  @Column('boolean') api!: boolean;
  @Column('timestamptz', { name: 'homologated_at', nullable: true }) homologatedAt!: Date | null;
  @Column('uuid', { name: 'homologated_run', nullable: true }) homologatedRun!: string | null;
  @Column('text', { name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

export type ChannelRequestStatus = 'pending' | 'done';

/** A request for a channel operations sets up (`001_*` "Outros canais"): pending until done. */
@Entity({ name: 'channel_requests' })
export class ChannelRequestEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') entity!: string;
  @Column('text') database!: string;
  @Column('text') channel!: RequestedChannel;
  @Column('text', { nullable: true }) message!: string | null;
  @Column('text') status!: ChannelRequestStatus;
  @Column('text', { name: 'requested_by' }) requestedBy!: string;
  @Column('text', { name: 'done_by', nullable: true }) doneBy!: string | null;
  @Column('timestamptz', { name: 'done_at', nullable: true }) doneAt!: Date | null;
  @Column('text', { nullable: true }) note!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export type RunStatus = 'open' | 'passed' | 'failed';

/** One self-homologation run: the checks of the services count for it while it is open. */
@Entity({ name: 'homologation_runs' })
export class HomologationRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') entity!: string;
  @Column('text') database!: string;
  @Column('text', { name: 'started_by' }) startedBy!: string;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('text') status!: RunStatus;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}

/** The latest result of each check of a context, with its evidence (as the owning service sent it). */
@Entity({ name: 'integration_checks' })
export class IntegrationCheckEntity {
  @PrimaryColumn('text') entity!: string;
  @PrimaryColumn('text') database!: string;
  @PrimaryColumn('text') check!: HomologationCheck;
  @Column('uuid', { name: 'run_id', nullable: true }) runId!: string | null;
  @Column('boolean') passed!: boolean;
  @Column('boolean') skipped!: boolean;
  @Column('text') detail!: string;
  @Column('jsonb') evidence!: Record<string, unknown>;
  @Column('text', { name: 'checked_by' }) checkedBy!: string;
  @Column('timestamptz', { name: 'completed_at' }) completedAt!: Date;
  @Column('text', { name: 'event_id' }) eventId!: string;
}

export const integrationEntities = [
  IntegrationEntity,
  ChannelRequestEntity,
  HomologationRunEntity,
  IntegrationCheckEntity,
];
