#!/usr/bin/env node
// The renderer's bundle budget, checked after `electron-vite build` (npm test runs it):
//   - the first load stays under FIRST_LOAD_BYTES, uncompressed: the scripts the page names, every
//     chunk they import statically, and the UI texts of one language (a JSON file the app fetches and
//     waits for before its first render; counted as if it were script);
//   - every chunk and texts file stays under its budget (BUDGETS by name, DEFAULT_BUDGET for the rest);
//   - the concept texts are chunks of their own per language, not part of the first load, and the UI
//     texts are one file per language.
// Usage: node scripts/bundle-budget.mjs [out/renderer]. Exits 1 when a budget is exceeded.
import { readFileSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';

const FIRST_LOAD_BYTES = 1_000_000;
const DEFAULT_BUDGET = 150_000;
/** Chunks allowed to be bigger than the default, by name (the file name without its hash). */
const BUDGETS = {
  // What the first paint needs, in chunks that compile side by side: React DOM here; the boot chunk,
  // Mantine's first-paint components (no AppShell, Table or ScrollArea: they bring floating-ui and
  // react-remove-scroll) and the rest (i18next, the shell, the dashboard; no zod: error schemas load
  // with the first error) under the default budget.
  'react-dom': 250_000,
  // Loaded when the window settles: what floats over the page, with floating-ui and the scroll areas.
  overlays: 220_000,
  CodeEditor: 400_000, // CodeMirror with the shared editor (Compose files, Kubernetes manifests)
  CartesianChart: 350_000, // recharts, loaded with the first chart
  xterm: 350_000, // the container terminal
  'dagre.esm': 230_000, // React Flow and dagre (topology graphs)
  '_concepts-de': 200_000, // the German concept texts, parsed at build time
  '_concepts-en': 200_000, // the English concept texts
  'texts-de': 180_000, // the German UI texts (JSON)
  'texts-en': 180_000, // the English UI texts (JSON)
};

const dir = resolve(process.argv[2] ?? 'out/renderer');
const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));
const chunks = Object.entries(manifest).filter(([, c]) => c.file.endsWith('.js'));
// The UI texts, one JSON file per language (languageTexts in electron.vite.config.ts).
const uiTexts = Object.entries(manifest).filter(([, c]) => /\/texts-[a-z]{2}-[\w-]{8}\.json$/.test(c.file));
const nameOf = (file) => posix.basename(file).replace(/-[\w-]{8}\.(js|json)$/, '');
const sizeOf = (file) => statSync(join(dir, file)).size;

// The scripts index.html names (entry and module preloads) and the closure of their static imports.
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const firstLoad = new Set();
const visit = (file) => {
  if (firstLoad.has(file)) return;
  firstLoad.add(file);
  const code = readFileSync(join(dir, file), 'utf8');
  for (const m of code.matchAll(/\b(?:import|export)\s*(?:[^"'();]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    visit(posix.join(posix.dirname(file), m[1]));
  }
};
for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.?\/?([^"]+\.js)"/g)) visit(m[1]);
// Plus the UI texts of one language (the bigger one): the first render waits for them.
const textsFile = uiTexts.map(([, c]) => c.file).sort((a, b) => sizeOf(b) - sizeOf(a))[0];
if (textsFile) firstLoad.add(textsFile);

const rows = [...chunks, ...uiTexts]
  .map(([key, c]) => ({ key, name: nameOf(c.file), file: c.file, bytes: sizeOf(c.file), budget: BUDGETS[nameOf(c.file)] ?? DEFAULT_BUDGET, first: firstLoad.has(c.file) }))
  .sort((a, b) => b.bytes - a.bytes);

const failures = [];
for (const row of rows) {
  if (row.bytes > row.budget) failures.push(`${row.file}: ${row.bytes} bytes, over its budget of ${row.budget}`);
}
const firstBytes = rows.filter((r) => r.first).reduce((sum, r) => sum + r.bytes, 0);
if (firstBytes > FIRST_LOAD_BYTES) failures.push(`first load: ${firstBytes} bytes of JavaScript and texts, over its budget of ${FIRST_LOAD_BYTES}`);
const catalogs = rows.filter((r) => /concepts-[a-z]{2}$/.test(r.key));
if (catalogs.length < 2) failures.push('the concept texts are not one chunk per language');
for (const c of catalogs.filter((r) => r.first)) failures.push(`${c.file}: concept texts are part of the first load`);
if (uiTexts.length < 2) failures.push('the UI texts are not one file per language');

const kb = (n) => (n / 1000).toFixed(1).padStart(7);
console.log(`${'chunk'.padEnd(28)}${'kB'.padStart(7)}${'budget'.padStart(8)}  first load`);
for (const r of rows.filter((r) => r.first || r.bytes > 20_000)) {
  console.log(`${r.name.padEnd(28)}${kb(r.bytes)}${kb(r.budget)} ${r.first ? ' yes' : ''}`);
}
console.log(`${rows.length - rows.filter((r) => r.first || r.bytes > 20_000).length} smaller chunks not listed`);
console.log(`first load: ${kb(firstBytes).trim()} kB of ${kb(FIRST_LOAD_BYTES).trim()} kB (${rows.filter((r) => r.first).length} chunks)`);
if (failures.length) {
  console.error(`\nBundle budget exceeded:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
