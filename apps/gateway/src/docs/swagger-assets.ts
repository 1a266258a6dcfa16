import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

// swagger-ui-dist ships no type declarations; this is the one function it exports that we use.
const swaggerUiDist = require('swagger-ui-dist') as { getAbsoluteFSPath(): string };

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.map': 'application/json',
};

/**
 * Serves swagger-ui's static files. Only the files present in the package at boot can be
 * named, so a request can never reach outside that folder.
 */
export class SwaggerAssets {
  private readonly dir = swaggerUiDist.getAbsoluteFSPath();
  private readonly files = new Set(readdirSync(this.dir).filter((f) => extname(f) in TYPES));
  private readonly cache = new Map<string, Buffer>();

  has(file: string): boolean {
    return this.files.has(file);
  }

  contentType(file: string): string {
    return TYPES[extname(file)] ?? 'application/octet-stream';
  }

  async read(file: string): Promise<Buffer> {
    if (!this.files.has(file)) throw new Error(`no such asset ${file}`);
    let content = this.cache.get(file);
    if (!content) {
      content = await readFile(join(this.dir, file));
      this.cache.set(file, content);
    }
    return content;
  }
}

/** The reference page; its script is served separately so no inline script is needed. */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Integration platform — API reference</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/assets/docs-init.js"></script>
</body>
</html>
`;

export const DOCS_INIT_SCRIPT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/docs/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout'
  });
};
`;
