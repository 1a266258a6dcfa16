// The portal's single-page app (ADR 0015). Built by tools/build.mjs into dist/apps/portal/web and
// served by the portal's BFF at /portal/.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/portal/',
  plugins: [react()],
  // The one library file the browser build shares with a service (import-free; see its header).
  resolve: {
    alias: {
      '@platform/contracts/client-header-rules': join(
        here,
        '..',
        '..',
        '..',
        'libs',
        'contracts',
        'src',
        'webhooks',
        'client-header-rules.ts',
      ),
    },
  },
  logLevel: 'warn',
  build: {
    outDir: join(here, '..', '..', '..', 'dist', 'apps', 'portal', 'web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // The budget that matters is the gzip total, checked by tools/portal-web.mjs (300 KB).
    chunkSizeWarningLimit: 1000,
    // A modulepreload polyfill would be an inline script, which the portal's CSP refuses.
    modulePreload: { polyfill: false },
  },
});
