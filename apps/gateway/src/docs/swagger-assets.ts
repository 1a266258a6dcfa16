import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DOCS_CLIENT_ID, DOCS_CLIENT_SCOPES, DOCS_REDIRECT_PATH } from '@platform/contracts';

// swagger-ui-dist ships no type declarations; this is the one function of it we use. Its own
// file, not the package's index, which evaluates the whole browser bundle (~140 ms of every boot).
const getAbsoluteFSPath = require('swagger-ui-dist/absolute-path.js') as () => string;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.map': 'application/json',
  '.html': 'text/html; charset=utf-8',
};
/** Of the package's pages, only the OAuth redirect page is served (its script is a file too). */
const PAGES = new Set(['oauth2-redirect.html']);
const servable = (f: string): boolean =>
  extname(f) in TYPES && (extname(f) !== '.html' || PAGES.has(f));

/**
 * Serves swagger-ui's static files. Only the files present in the package at boot can be
 * named, so a request can never reach outside that folder.
 */
export class SwaggerAssets {
  private readonly dir = getAbsoluteFSPath();
  private readonly files = new Set(readdirSync(this.dir).filter(servable));
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

/**
 * "Authorize" signs in with the platform's own OAuth server: authorization code with PKCE and the
 * public `platform-docs` client (libs/contracts docs-client.ts), or the caller's own client by
 * client credentials; the token then goes on every "Try it out".
 */
export const DOCS_INIT_SCRIPT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/docs/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    oauth2RedirectUrl: window.location.origin + ${JSON.stringify(DOCS_REDIRECT_PATH)},
    persistAuthorization: false
  });
  window.ui.initOAuth({
    clientId: ${JSON.stringify(DOCS_CLIENT_ID)},
    usePkceWithAuthorizationCodeGrant: true,
    scopes: ${JSON.stringify(DOCS_CLIENT_SCOPES)}
  });
};
`;
