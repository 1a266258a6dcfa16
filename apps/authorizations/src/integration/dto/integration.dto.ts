import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { HOMOLOGATION_CHECKS, REQUESTED_CHANNELS } from '@platform/contracts';

/** `PUT …/integration`: the channels of `001_*` step 1; the Portal cannot be turned off. */
export class UpdateChannelsDto {
  @ApiPropertyOptional({ description: 'Always on (`001_*`: a mandatory channel).', enum: [true] })
  @IsOptional()
  @Equals(true, { message: 'portal: the Portal is a mandatory channel and cannot be turned off' })
  portal?: boolean;

  @ApiProperty({ description: 'File integration: sending files through the Portal.' })
  @IsBoolean()
  files!: boolean;

  @ApiProperty({ description: 'API: the REST APIs, with the optional Webhook and OAuth2 cards.' })
  @IsBoolean()
  api!: boolean;
}

/** `POST …/integration/channel-requests`: a channel operations sets up (Connect:Direct, SFTP). */
export class CreateChannelRequestDto {
  @ApiProperty({ enum: REQUESTED_CHANNELS })
  @IsIn(REQUESTED_CHANNELS, { message: 'channel: must be connect-direct or sftp' })
  channel!: (typeof REQUESTED_CHANNELS)[number];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;
}

export class MarkChannelRequestDoneDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'What was set up, for the context.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ContextView {
  @ApiProperty() entity!: string;
  @ApiProperty() database!: string;
}

export class ChannelsView {
  @ApiProperty({ enum: [true] }) portal!: true;
  @ApiProperty() files!: boolean;
  @ApiProperty() api!: boolean;
}

export class ChannelRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ContextView }) context!: ContextView;
  @ApiProperty({ type: String, nullable: true, description: "The entity's name, when known." })
  entityName!: string | null;
  @ApiProperty({ enum: REQUESTED_CHANNELS }) channel!: string;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ enum: ['pending', 'done'] }) status!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, nullable: true }) doneBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) doneAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class HomologationRunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['open', 'passed', 'failed', 'expired'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ enum: HOMOLOGATION_CHECKS, isArray: true, description: 'Every one must pass.' })
  required!: string[];
}

export class CheckView {
  @ApiProperty({ enum: HOMOLOGATION_CHECKS }) check!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ description: 'Nothing to check (an optional card not set up).' })
  skipped!: boolean;
  @ApiProperty() detail!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) evidence!: Record<string, unknown>;
  @ApiProperty({ description: 'The service that ran it.' }) checkedBy!: string;
  @ApiProperty({ format: 'date-time' }) completedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) run!: string | null;
}

/** The context's integration: channels, homologation, the latest checks and pending requests. */
export class IntegrationView {
  @ApiProperty({ type: ContextView }) context!: ContextView;
  @ApiProperty({ type: ChannelsView }) channels!: ChannelsView;
  @ApiProperty() homologated!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) homologatedAt!: string | null;
  @ApiProperty({ type: HomologationRunView, nullable: true })
  latestRun!: HomologationRunView | null;
  @ApiProperty({ type: [CheckView] }) checks!: CheckView[];
  @ApiProperty({ type: [ChannelRequestView] }) pendingRequests!: ChannelRequestView[];
}
