import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';

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

export function summarize(name: string, unit: string, values: number[], note?: string): BenchResult {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return {
    name,
    unit,
    samples: sorted.length,
    median: at(0.5),
    p95: at(0.95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    ...(note ? { note } : {}),
  };
}

/** Prints a table and writes bench-results/<suite>.json. */
export function report(suite: string, results: BenchResult[]): void {
  const fmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '–');
  console.log(`\n${suite}`);
  console.table(
    results.map((r) => ({
      case: r.name,
      unit: r.unit,
      n: r.samples,
      median: fmt(r.median),
      p95: fmt(r.p95),
      min: fmt(r.min),
      max: fmt(r.max),
      note: r.note ?? '',
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
