import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app. It imports the API's zod contracts and route table, which are shared with the
 * server; the one server-only import on that path (node:crypto, for the audit hash chain) is never
 * called in the browser, so it is replaced by a stub that says so if it ever is.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
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
