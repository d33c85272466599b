import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

import { PAGE_CONTENT_SECURITY_POLICY } from './electron/main/window-options';

const alias = { '@shared': resolve(import.meta.dirname, 'shared') };

/** Adds the CSP meta tag to the built page (not in dev, where the React refresh preamble is inline). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'lotse-csp',
    apply: 'build',
    // 'unsafe-inline' is for style attributes only (the component library's CSS variables), never scripts.
    transformIndexHtml: (html) =>
      html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${PAGE_CONTENT_SECURITY_POLICY}" /> <!-- eng-disable CSP_GLOBAL_CHECK -->`,
      ),
  };
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // The browser bridge is built beside the main process: same services, no Electron.
          web: resolve(import.meta.dirname, 'electron/web/cli.ts'),
          // The layer analysis runs in a worker thread: its entry is found beside the built files.
          'layer-worker': resolve(import.meta.dirname, 'electron/services/images/layers/worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias },
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
