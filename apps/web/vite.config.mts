import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

/**
 * The web application, built into dist/web and served by the API process under /app/ (apps/api/web-app.ts). JSX is
 * compiled by Vite's own transform (no plugin); ECharts is split into a chunk of its own, loaded by the pages with a chart.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      // React Query marks its modules "use client" for server components, which a single-page build has none of.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '^/(networks|session|health|docs)': 'http://127.0.0.1:3000' } },
});
