#!/usr/bin/env node
// Writes the summary of bench-results/*.json into README.md, between the benchmark markers: every
// case measured against a floor (with the ratio's median and spread), every case with a target,
// and every case that failed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'bench-results');
const readme = join(root, 'README.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const fmt = (n) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(Math.abs(n) < 10 ? 2 : n < 100 ? 1 : 0) : '–');
const cell = (text) => String(text ?? '').replaceAll('|', '\\|');
const rows = [];
const suites = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
let newest = '';
for (const file of suites) {
  const { suite, time, results } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  if (time > newest) newest = time;
  for (const r of results) {
    if (!r.failed && !r.floor && !/target/.test(r.note ?? '')) continue;
    if (r.failed) {
      rows.push(`| ${suite} | ✗ ${cell(r.name)} | failed: ${cell(r.failed)} | | | |`);
      continue;
    }
    const ratio = r.ratio ? `**${fmt(r.ratio.median)}** (${fmt(r.ratio.min)}–${fmt(r.ratio.max)})${r.ratio.target === undefined ? '' : `, target ≤ ${r.ratio.target}`}` : '';
    const floor = r.floor ? `${fmt(r.floor.median)} ${r.unit}: ${cell(r.floor.name)}` : '';
    rows.push(`| ${suite} | ${cell(r.name)} | ${fmt(r.median)} ${r.unit} (${fmt(r.min)}–${fmt(r.max)}, n=${r.samples}) | ${floor} | ${ratio} | ${cell(r.note ?? '')} |`);
  }
}
const table = [
  START,
  `Last run: ${newest ? newest.slice(0, 16).replace('T', ' ') : 'none yet'} (\`npm run bench\`; medians, min–max in brackets; the ratio is taken per interleaved repetition).`,
  '',
  '| suite | case | median | floor (median) | ratio | note |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows,
  END,
].join('\n');
const text = readFileSync(readme, 'utf8');
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from === -1 || to === -1) {
  console.error(`README.md has no ${START} … ${END} section; the summary is not written.`);
  process.exit(1);
}
writeFileSync(readme, text.slice(0, from) + table + text.slice(to + END.length));
console.log(`README.md: benchmark summary of ${suites.length} suites, ${rows.length} cases.`);
