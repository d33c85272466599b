import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

import { PAGE_CONTENT_SECURITY_POLICY } from './electron/main/window-options.js';
import { parseConcept } from './shared/concepts.js';

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

/**
 * Puts the boot chunk's script first in the built page. Module scripts run in the order the page names
 * them, each as soon as it and everything before it are ready: the boot chunk (renderer/boot.ts: the
 * texts' fetch, the backend's first questions) imports only the small runtime chunk, so first it runs
 * while the big chunks still compile.
 */
function bootFirst(): Plugin {
  return {
    name: 'lotse-boot-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        const tag = /\s*<script type="module"[^>]*src="[^"]*\/boot-[\w-]+\.js"><\/script>/.exec(html)?.[0];
        if (!tag) throw new Error('index.html names no boot chunk: check the boot group in codeSplitting');
        const rest = html.replace(tag, '');
        const first = rest.indexOf('<script type="module"');
        return `${rest.slice(0, first)}${tag.trim()}\n    ${rest.slice(first)}`;
      },
    },
  };
}

/**
 * Marks the big chunks of the first load (React DOM, Mantine, the app: codeSplitting below) with V8's
 * explicit compile hint. Chromium then compiles all their functions while it streams each script, on
 * a background thread, instead of one by one on the main thread when each is first called: traced on
 * this machine, that lazy compiling was a third of the first render. The boot chunk is left as it is:
 * it is small and runs first, and with the hint it ran ~20 ms later (it waited for a compile thread).
 */
function compileHints(): Plugin {
  const hinted = new Set(['react-dom', 'mantine', 'app']);
  return {
    name: 'lotse-compile-hints',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const marked = Object.values(bundle).flatMap((file) => (file.type === 'chunk' && hinted.has(file.name) ? [file] : []));
        if (marked.length !== hinted.size) this.error(`compile hints: expected the chunks ${[...hinted].join(', ')}; check codeSplitting`);
        for (const chunk of marked) {
          chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
          if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
        }
      },
    },
  };
}

const CONCEPTS = 'virtual:lotse-concepts/';

/**
 * `virtual:lotse-concepts/<language>`: the concept texts of one language (resources/concepts/<language>/*.md),
 * their front matter parsed here, at build time: the app loads one language's texts as data and never
 * parses YAML. Also used by the unit tests (vitest.config.ts).
 */
export function conceptCatalog(): Plugin {
  const dir = resolve(import.meta.dirname, 'resources', 'concepts');
  return {
    name: 'lotse-concepts',
    // Resolved to `\0concepts-<language>`, which also names the language's chunk.
    resolveId: (id) => (id.startsWith(CONCEPTS) ? `\0concepts-${id.slice(CONCEPTS.length)}` : undefined),
    load(id) {
      if (!id.startsWith('\0concepts-')) return undefined;
      const language = id.slice('\0concepts-'.length);
      if (!/^[a-z]{2}$/.test(language)) this.error(`${id}: no such language`);
      const folder = join(dir, language);
      const concepts = readdirSync(folder)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => {
          const file = join(folder, name);
          this.addWatchFile(file);
          try {
            return parseConcept(readFileSync(file, 'utf8'));
          } catch (error) {
            return this.error(`${file}: ${(error as Error).message}`);
          }
        });
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(concepts))});`;
    },
  };
}

const TEXTS = 'virtual:lotse-texts';

/**
 * `virtual:lotse-texts`: the address of each language's UI texts, one JSON file per language made
 * from renderer/i18n/locales/<language>/<namespace>.json ({ namespace: texts }). The page fetches the
 * learner's language as its first act, so the file comes while the app's code is still being run (an
 * import() of a chunk would only be fetched once that code has run), and JSON parses faster than the
 * same data as a script.
 */
export function languageTexts(): Plugin {
  const dir = resolve(import.meta.dirname, 'renderer', 'i18n', 'locales');
  const languages = (): string[] => readdirSync(dir).filter((name) => /^[a-z]{2}$/.test(name)).sort();
  const merged = (language: string, watch?: (file: string) => void): string => {
    const texts: Record<string, unknown> = {};
    for (const name of readdirSync(join(dir, language)).filter((file) => file.endsWith('.json')).sort()) {
      const file = join(dir, language, name);
      watch?.(file);
      texts[name.slice(0, -'.json'.length)] = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    }
    return JSON.stringify(texts);
  };
  let serving = false;
  return {
    name: 'lotse-texts',
    configResolved: (config) => {
      serving = config.command === 'serve';
    },
    // The dev server answers the same addresses from the files as they are now.
    configureServer: (server) => {
      server.middlewares.use((req, res, next) => {
        const language = /^\/@lotse-texts\/([a-z]{2})\.json$/.exec(req.url ?? '')?.[1];
        if (!language || !languages().includes(language)) return next();
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(merged(language));
      });
    },
    resolveId: (id) => (id === TEXTS ? `\0${TEXTS}` : undefined),
    load(id) {
      if (id !== `\0${TEXTS}`) return undefined;
      const urls = languages().map((language) => {
        if (serving) return `${JSON.stringify(language)}: ${JSON.stringify(`/@lotse-texts/${language}.json`)}`;
        const ref = this.emitFile({ type: 'asset', name: `texts-${language}.json`, source: merged(language, (file) => this.addWatchFile(file)) });
        return `${JSON.stringify(language)}: import.meta.ROLLUP_FILE_URL_${ref}`;
      });
      return `export default { ${urls.join(', ')} };`;
    },
  };
}

/** Where the runtime loads what the bundle leaves out: node_modules as installed, found from dockerode. */
const FROM_NODE_MODULES = '\0lotse-from-node-modules';

/**
 * dockerode requires ssh2 (through docker-modem; a WebAssembly heap of ~16 MB), @grpc/grpc-js
 * (for BuildKit sessions; ~15 MB) and tar-fs (to pack a build context from a folder) when it loads,
 * though only an ssh:// engine, a BuildKit session and a build from a folder use them. dockerode is bundled into the backend with those requires made lazy: the modules load
 * from node_modules on first use, with their own files beside them (proto definitions) and their own
 * dependency versions. docker-modem's http.js stays the one in node_modules too: the engine client
 * (electron/services/docker/paths.ts) sets its redirect limit there. A rewrite that no longer matches
 * (a new dockerode) fails the build instead of loading everything again unnoticed.
 */
function lazyEngineExtras(): Plugin {
  const runtime = (path: string): string => `require(${JSON.stringify(FROM_NODE_MODULES)}).default(${JSON.stringify(path)})`;
  const rewrites: Record<string, [string, string][]> = {
    'docker-modem/lib/modem.js': [
      ["ssh = require('./ssh'),", `ssh = function (options) { return ${runtime('docker-modem/lib/ssh.js')}(options); },`],
      ["http = require('./http'),", `http = ${runtime('docker-modem/lib/http.js')},`],
    ],
    // tar-fs (with tar-stream, bl and readable-stream) packs a build context; Lotse sends its own tar streams.
    'dockerode/lib/util.js': [["var tar = require('tar-fs');", `var tar = { pack: function () { return ${runtime('tar-fs')}.pack.apply(this, arguments); } };`]],
    'dockerode/lib/docker.js': [
      ["withSession = require('./session'),", `withSession = function () { return ${runtime('dockerode/lib/session.js')}.apply(this, arguments); },`],
      ["var buildkit = require('./buildkit');", `var buildkit = ${runtime('dockerode/lib/buildkit.js')};`],
    ],
  };
  return {
    name: 'lotse-lazy-engine-extras',
    resolveId: (id) => (id === FROM_NODE_MODULES ? id : undefined),
    load: (id) =>
      id === FROM_NODE_MODULES
        ? [
            "import { createRequire } from 'node:module';",
            "const fromDockerode = createRequire(createRequire(import.meta.url).resolve('dockerode'));",
            'export default (path) => fromDockerode(path);',
          ].join('\n')
        : undefined,
    transform(code, id) {
      const file = Object.keys(rewrites).find((name) => id.replaceAll('\\', '/').endsWith(`/node_modules/${name}`));
      if (!file) return undefined;
      let out = code;
      for (const [from, to] of rewrites[file] ?? []) {
        if (!out.includes(from)) this.error(`${file} no longer contains "${from}": check which modules dockerode loads at start`);
        out = out.replace(from, to);
      }
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  main: {
    resolve: { alias },
    plugins: [lazyEngineExtras()],
    build: {
      outDir: 'out/main',
      // dockerode is bundled so that its rarely used parts load lazily (see lazyEngineExtras); the small
      // libraries the backend loads at start are bundled too: a few files to read and compile, not hundreds.
      externalizeDeps: { exclude: ['dockerode', 'zod', 'ws', 'yaml', 'tar-stream', 'tar', 'minizlib', 'ipaddr.js', '@balena/dockerignore'] },
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // The browser bridge is built beside the main process: same services, no Electron.
          web: resolve(import.meta.dirname, 'electron/web/cli.ts'),
          // The layer analysis runs in a worker thread: its entry is found beside the built files.
          'layer-worker': resolve(import.meta.dirname, 'electron/services/images/layers/worker.ts'),
        },
        // V8 keeps each script's source in memory, as two bytes a character once one character needs
        // them: ASCII only (escapes), and without the doc comments, the backend's sources take a third.
        output: { charset: 'ascii', comments: { legal: true, annotation: false, jsdoc: false } },
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
    plugins: [react(), contentSecurityPolicy(), conceptCatalog(), languageTexts(), bootFirst(), compileHints()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      // Sizes are watched by scripts/bundle-budget.mjs, chunk by chunk.
      chunkSizeWarningLimit: 1000,
      // .vite/manifest.json: the chunks and their imports, for the bundle budget (scripts/bundle-budget.mjs).
      manifest: true,
      rollupOptions: {
        input: resolve(import.meta.dirname, 'renderer/index.html'),
        // What the first paint needs in a few chunks rather than dozens of small ones: the boot chunk
        // (run first), then React DOM, Mantine and the rest, of about the same size. Chromium compiles
        // each script on a thread of its own (one 610 kB chunk took ~100 ms on one core before it could
        // run); these compile side by side.
        output: {
          codeSplitting: {
            groups: [
              // Runs first (index.html names it first): renderer/boot.ts with what it needs, and nothing else.
              { name: 'boot', test: /renderer[\\/]boot\.ts$/, tags: ['$initial'], priority: 4 },
              { name: 'react-dom', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, tags: ['$initial'], priority: 3 },
              // Mantine's code; its stylesheet goes with the app's into one file (one request fewer).
              { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui)[\\/].*\.m?js$/, tags: ['$initial'], priority: 2 },
              { name: 'app', tags: ['$initial'], priority: 1 },
              // What floats over the page (tooltips, menus, dialogs, notifications, the palette) and what
              // it is built from, in one chunk: loaded when the window settles (stores/settled.ts) as one
              // file instead of a dozen small ones.
              {
                name: 'overlays',
                test: /node_modules[\\/](@floating-ui|@mantine[\\/](notifications|modals|spotlight)|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|react-transition-group|@mantine[\\/]core[\\/]esm[\\/]components[\\/](Tooltip|Popover|Menu|Modal|ModalBase|FocusTrap|Portal|Transition|Overlay|Input|CheckIcon|Notification|CloseButton|ScrollArea|Mark|Highlight|Kbd))[\\/]/,
              },
            ],
          },
        },
      },
    },
  },
});
