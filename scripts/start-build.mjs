#!/usr/bin/env node
// For start.sh and start-web.sh: prints the folder of a build of the current sources, building it
// only when they changed since the last build. Each build is a folder of its own, named after the
// state of the sources (paths, sizes, modification times), complete before it gets its name and never
// written again: a running instance keeps serving the build it started from while a new one is made.
// Builds no process runs from are removed; the three newest stay.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Beside the dependencies the build resolves at run time, and outside what the installers package (out/).
const builds = join(root, 'node_modules', '.cache', 'lotse-start');
const sources = ['electron', 'renderer', 'shared', 'resources', 'package.json', 'package-lock.json', 'electron.vite.config.ts', 'tsconfig.base.json', 'tsconfig.web.json', 'tsconfig.node.json'];

const hash = createHash('sha256');
const walk = (path) => {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    for (const name of readdirSync(path).sort()) walk(join(path, name));
  } else {
    hash.update(`${path.slice(root.length)} ${stat.size} ${stat.mtimeMs}\n`);
  }
};
for (const source of sources) walk(join(root, source));
const build = join(builds, hash.digest('hex').slice(0, 16));

if (!existsSync(join(build, 'package.json'))) {
  console.error('Building Lotse (the sources changed since the last build) ...');
  mkdirSync(builds, { recursive: true });
  const fresh = mkdtempSync(join(builds, '.building-'));
  chmodSync(fresh, 0o755);
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', fresh, '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 2, 2] });
    // The folder Electron starts from: its package.json names the entry; name and data folder stay Lotse's.
    const { name, productName, version, type } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    writeFileSync(join(fresh, 'package.json'), `${JSON.stringify({ name, productName, version, type, main: 'main/index.js' }, null, 2)}\n`);
    // Another start may have built the same sources meanwhile: the first complete build stays.
    renameSync(fresh, build);
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    if (!existsSync(join(build, 'package.json'))) {
      console.error(`The build failed: ${error.message}`);
      process.exit(1);
    }
  }
}

// Old builds go when no process runs from them (their path is on its command line).
let running;
try {
  running = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' });
} catch {
  // Without ps, nothing is removed.
}
const old = readdirSync(builds)
  .filter((name) => !name.startsWith('.'))
  .map((name) => ({ name, time: statSync(join(builds, name)).mtimeMs }))
  .sort((a, b) => b.time - a.time)
  .slice(3);
for (const { name } of old) {
  if (running !== undefined && !running.includes(join(builds, name))) rmSync(join(builds, name), { recursive: true, force: true });
}
console.log(build);
