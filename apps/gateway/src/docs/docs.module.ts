import { Module } from '@nestjs/common';
import { DocsController } from './docs.controller';
import { OpenApiCatalog } from './openapi-catalog';
import { SwaggerAssets } from './swagger-assets';

@Module({
  controllers: [DocsController],
  providers: [OpenApiCatalog, { provide: SwaggerAssets, useFactory: () => new SwaggerAssets() }],
})
export class DocsModule {}
