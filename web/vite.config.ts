import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The API reference ships with the app: public/docs/index.html, and Redoc's standalone bundle
 * copied from node_modules beside it (no CDN), so the deployed site serves /docs/ as the local
 * runtime does.
 */
function apiReference(): Plugin {
  return {
    name: 'carepool-api-reference',
    apply: 'build',
    generateBundle() {
      const redoc = dirname(createRequire(import.meta.url).resolve('redoc/package.json'));
      this.emitFile({
        type: 'asset',
        fileName: 'docs/redoc.standalone.js',
        source: readFileSync(join(redoc, 'bundles', 'redoc.standalone.js')),
      });
    },
  };
}

/**
 * The web app. It imports the API's zod contracts and route table, which are shared with the
 * server; the one server-only import on that path (node:crypto, for the audit hash chain) is never
 * called in the browser, so it is replaced by a stub that says so if it ever is.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), apiReference()],
  resolve: {
    alias: { 'node:crypto': fileURLToPath(new URL('./src/shims/node-crypto.ts', import.meta.url)) },
  },
  css: {
    preprocessorOptions: {
      scss: { quietDeps: true, silenceDeprecations: ['import'] },
    },
  },
  // esbuild minifies the CSS: lightningcss refuses govuk-frontend's old-IE media query hack (`\0`).
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    cssMinify: 'esbuild',
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/v1': 'http://localhost:3000' } },
});
