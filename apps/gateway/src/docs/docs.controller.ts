import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { buildAsyncApi } from '@platform/contracts';
import type { FastifyReply } from 'fastify';
import { OpenApiCatalog } from './openapi-catalog';
import { problemIndexPage, problemPage } from './problem-pages';
import { DOCS_INIT_SCRIPT, DOCS_PAGE, SwaggerAssets } from './swagger-assets';

/** The platform's API reference (spec §1 "Health and docs"). */
@Controller('')
export class DocsController {
  private readonly asyncApi = buildAsyncApi();

  constructor(
    private readonly catalog: OpenApiCatalog,
    private readonly assets: SwaggerAssets,
  ) {}

  @Get('docs')
  async page(@Res() reply: FastifyReply): Promise<void> {
    await reply.type('text/html; charset=utf-8').send(DOCS_PAGE);
  }

  @Get('docs/openapi.json')
  openapi(): Promise<Record<string, unknown>> {
    return this.catalog.document();
  }

  @Get('docs/asyncapi.json')
  asyncapi(): Record<string, unknown> {
    return this.asyncApi;
  }

  /** What the platform's problem `type`s resolve to (docs/problems.md). */
  @Get('docs/problems')
  async problems(@Res() reply: FastifyReply): Promise<void> {
    await reply.type('text/html; charset=utf-8').send(problemIndexPage());
  }

  @Get('docs/problems/:kind')
  async problem(@Param('kind') kind: string, @Res() reply: FastifyReply): Promise<void> {
    const html = problemPage(kind);
    if (!html) throw new NotFoundException(`No problem type ${kind}.`);
    await reply.type('text/html; charset=utf-8').send(html);
  }

  @Get('docs/assets/:file')
  async asset(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    if (file === 'docs-init.js') {
      await reply.type('text/javascript; charset=utf-8').send(DOCS_INIT_SCRIPT);
      return;
    }
    if (!this.assets.has(file)) throw new NotFoundException(`No asset ${file}.`);
    await reply
      .type(this.assets.contentType(file))
      .header('cache-control', 'public, max-age=3600')
      .send(await this.assets.read(file));
  }
}
