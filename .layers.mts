import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runAnalysis } from './electron/services/images/layers/run';
const run = promisify(execFile);
const BIG = 'lotse-lab/big:1.0';
const workerPath = process.env.WORKER ?? '/tmp/lotse-out/main/layer-worker.js';
const engine = { socketPath: '/var/run/docker.sock' };
const med = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
const floor: number[] = [], analysis: number[] = [], cpu: number[] = [];
const n = Number(process.env.N ?? 3);
for (let i = 0; i < n; i++) {
  let t = performance.now();
  await run('bash', ['-c', `docker save ${BIG} > /dev/null`]);
  floor.push(performance.now() - t);
  t = performance.now();
  const c0 = process.cpuUsage();
  const a = await runAnalysis({ engine, imageId: BIG }, { mode: 'worker', workerPath });
  analysis.push(performance.now() - t);
  const c = process.cpuUsage(c0); cpu.push((c.user + c.system) / 1000);
  if (i === 0) console.log('layers', a.layers.length, 'bytes', a.totalTarBytes);
}
console.log('floor   ', floor.map((x) => x.toFixed(0)).join(' '), 'median', med(floor).toFixed(0));
console.log('analysis', analysis.map((x) => x.toFixed(0)).join(' '), 'median', med(analysis).toFixed(0), 'ratio', (med(analysis) / med(floor)).toFixed(2));
console.log('process cpu ms', cpu.map((x) => x.toFixed(0)).join(' '));
