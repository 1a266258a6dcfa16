import { Module } from '@nestjs/common';
import { DocsController } from './docs.controller';
import { SwaggerAssets } from './swagger-assets';

@Module({
  controllers: [DocsController],
  // OpenApiCatalog comes from GatewayAuthModule (global): the endpoint catalogue reads it too.
  providers: [{ provide: SwaggerAssets, useFactory: () => new SwaggerAssets() }],
})
export class DocsModule {}
