// Runs @doyensec/electronegativity over electron/ and renderer/ and fails on any finding that is
// not justified in code (an `eng-disable CHECK` comment next to it, with the reason).
// It runs offline (scripts/offline.mjs): its check against Electron's published release list
// needs the internet and reports nothing here; every other check reads only the copied sources.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const dir = mkdtempSync(join(tmpdir(), 'lotse-eng-'));
// One scan over the main process, the preload and the renderer together (the built index.html
// carries the CSP), so the global checks see the handlers the main process installs.
const scan = join(dir, 'app');
cpSync('electron', join(scan, 'electron'), { recursive: true });
cpSync('renderer', join(scan, 'renderer'), { recursive: true });
cpSync('out/renderer/index.html', join(scan, 'index.html'));
const output = join(dir, 'report.csv');
const cli = 'node_modules/@doyensec/electronegativity/dist/index.js';
const args = ['--import', './scripts/offline.mjs', cli, '-i', scan, '-o', output, '-r', '-e', electronVersion, '-v', 'false'];
const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 300_000 });
let csv;
try {
  csv = readFileSync(output, 'utf8');
} catch {
  console.error(`electronegativity produced no report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
const findings = csv.trim().split('\n').slice(1).filter(Boolean);
rmSync(dir, { recursive: true, force: true });
if (findings.length > 0) {
  console.error(`electronegativity: ${findings.length} unjustified finding(s):\n${findings.join('\n')}`);
  process.exit(1);
}
console.log('electronegativity: no unjustified findings in electron/ and renderer/');
