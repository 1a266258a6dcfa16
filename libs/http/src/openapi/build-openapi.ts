import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { documentProblems } from './document-problems';

/**
 * What the @nestjs/swagger CLI plugin found in the app's sources: `apps/<app>/src/openapi-metadata.ts`,
 * written by tools/openapi-metadata.mjs (ADR 0002): every DTO's fields and every operation's answer.
 */
export type PluginMetadata = () => Promise<Record<string, unknown>>;

export interface OpenApiOptions {
  title: string;
  version?: string;
  description?: string;
  pluginMetadata?: PluginMetadata;
}

/**
 * The service's OpenAPI document: its controllers and DTOs (decorators plus the plugin's
 * metadata, loaded before the document is made) and the problem responses of every operation.
 */
export async function buildOpenApi(
  app: INestApplication,
  options: OpenApiOptions,
): Promise<OpenAPIObject> {
  if (options.pluginMetadata) await SwaggerModule.loadPluginMetadata(options.pluginMetadata);
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setVersion(options.version ?? '0.1.0')
    .setDescription(options.description ?? '')
    .addBearerAuth()
    .build();
  return documentProblems(SwaggerModule.createDocument(app, config));
}
