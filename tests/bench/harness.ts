import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface BenchResult {
  name: string;
  unit: string;
  samples: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  /** What the number is compared with (a target from an issue, or the engine's own floor). */
  note?: string;
  /** The floor, measured interleaved with the case in the same run. */
  floor?: Spread & { name: string };
  /** Case ÷ floor, repetition by repetition; `target` is the ratio the case should stay under. */
  ratio?: Spread & { target?: number };
  /** Why the case could not be measured; the suite went on with the next one. */
  failed?: string;
}

/** Times `fn` `iterations` times after `warmup` runs; returns milliseconds. */
export async function measure(
  name: string,
  fn: () => Promise<unknown>,
  options: { iterations?: number; warmup?: number; note?: string } = {},
): Promise<BenchResult> {
  const iterations = options.iterations ?? 30;
  for (let i = 0; i < (options.warmup ?? 3); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return summarize(name, 'ms', times, options.note);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

export function summarize(name: string, unit: string, values: number[], note?: string): BenchResult {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    name,
    unit,
    samples: sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    ...(note ? { note } : {}),
  };
}

export interface Comparison {
  /** The floor: the same work done the plainest way (raw socket, the engine's own export, a static page). */
  floor: { name: string; run: () => Promise<number | void> };
  /** The case; returns its own figure when it measures itself (in `unit`), else it is timed. */
  run: () => Promise<number | void>;
  unit?: string;
  repetitions?: number;
  warmup?: number;
  target?: number;
  note?: string;
}

/**
 * Measures a case against its floor, interleaved (floor, case, floor, case, …) so both see the
 * same machine; at least five repetitions. The ratio is taken per repetition, its median and
 * spread reported. A function that returns a number reports its own figure (a time it measured
 * inside a page, say); otherwise the call is timed.
 */
export async function compare(name: string, comparison: Comparison): Promise<BenchResult> {
  const repetitions = Math.max(5, comparison.repetitions ?? 5);
  const figure = async (fn: () => Promise<number | void>): Promise<number> => {
    const start = performance.now();
    const own = await fn();
    return typeof own === 'number' ? own : performance.now() - start;
  };
  for (let i = 0; i < (comparison.warmup ?? 1); i++) {
    await comparison.floor.run();
    await comparison.run();
  }
  const floors: number[] = [];
  const cases: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    floors.push(await figure(comparison.floor.run));
    cases.push(await figure(comparison.run));
  }
  return paired(name, comparison.unit ?? 'ms', cases, { name: comparison.floor.name, values: floors }, comparison);
}

/** A case's figures and its floor's, taken in pairs (the same repetitions, interleaved). */
export function paired(name: string, unit: string, values: number[], floor: { name: string; values: number[] }, options: { target?: number; note?: string | undefined } = {}): BenchResult {
  const result = summarize(name, unit, values, options.note);
  result.floor = { name: floor.name, ...spread(floor.values) };
  result.ratio = { ...spread(values.map((v, i) => v / (floor.values[i] ?? Number.NaN))), ...(options.target === undefined ? {} : { target: options.target }) };
  return result;
}

/**
 * A suite of cases: each runs on its own, and one that fails is reported as failed (with its
 * error) while the others still are. The table and the JSON are written however the suite ends.
 */
export class Suite {
  readonly results: BenchResult[] = [];
  private reported = false;

  constructor(readonly name: string) {
    // However the process ends, what was measured is reported; a stop before the end is marked.
    process.once('exit', (code) => {
      if (code !== 0 && !this.reported) this.results.push({ ...summarize('the cases after this point', '', []), failed: `the suite stopped (exit code ${code})` });
      this.report();
    });
  }

  /** Runs one case (or a group of them); what it returns is reported, an error marks it failed. */
  async case(name: string, fn: () => Promise<BenchResult | BenchResult[]>): Promise<void> {
    console.error(`… ${name}`);
    try {
      const out = await fn();
      this.results.push(...(Array.isArray(out) ? out : [out]));
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] ?? error.name : String(error);
      console.error(`✗ ${name}: ${message}`);
      this.results.push({ ...summarize(name, '', []), failed: message });
    }
  }

  report(): void {
    if (this.reported) return;
    this.reported = true;
    report(this.name, this.results);
  }
}

/** Prints a table and writes bench-results/<suite>.json. */
export function report(suite: string, results: BenchResult[]): void {
  const fmt = (n: number | undefined): string => (n !== undefined && Number.isFinite(n) ? n.toFixed(Math.abs(n) < 10 ? 2 : 1) : '–');
  console.log(`\n${suite}`);
  console.table(
    results.map((r) => ({
      case: r.failed ? `✗ ${r.name}` : r.name,
      unit: r.unit,
      n: r.samples,
      median: fmt(r.median),
      'min–max': r.samples ? `${fmt(r.min)}–${fmt(r.max)}` : '',
      floor: r.floor ? fmt(r.floor.median) : '',
      ratio: r.ratio ? `${fmt(r.ratio.median)} (${fmt(r.ratio.min)}–${fmt(r.ratio.max)})${r.ratio.target === undefined ? '' : ` ≤ ${r.ratio.target}`}` : '',
      note: r.failed ? `FAILED: ${r.failed}` : (r.note ?? ''),
    })),
  );
  const dir = resolve(import.meta.dirname, '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${suite}.json`), `${JSON.stringify({ suite, time: new Date().toISOString(), results }, null, 2)}\n`);
}

/** A GET straight on the engine's socket, without any client library: the floor for round trips. */
export function rawEngineGet(path: string, socketPath = '/var/run/docker.sock'): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, headers: { host: 'docker' } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.once('error', reject);
    req.end();
  });
}

/** A process's resident memory in MB (Linux). */
export function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
}

/** Chromium's flag for heap figures that are not rounded (performance.memory is coarse without it). */
export const PRECISE_MEMORY = '--enable-precise-memory-info';
