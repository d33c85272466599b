import { describe, expect, it } from 'vitest';

import { LogDecoder } from '../../../electron/services/containers/frames';
import { specIssues } from '../../../electron/services/containers/spec';
import { cpuPercent, ioTotals, memoryUsage, toSample } from '../../../electron/services/containers/stats';
import { LogResume, sinceSeconds } from '../../../electron/services/containers/streams';
import { FrameParser } from '../../../electron/services/docker/frames';
import { RunSpec, type RunSpecInput } from '@shared/dto/containers';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('log streams', () => {
  it('demultiplexes frames split at any byte', () => {
    const all = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err one\n'), frame(1, 'out two\n')]);
    for (let cut = 1; cut < all.length; cut++) {
      const decoder = new LogDecoder(false, false);
      const lines = [...decoder.push(all.subarray(0, cut)), ...decoder.push(all.subarray(cut)), ...decoder.flush()];
      expect(lines).toEqual([
        { stream: 'stdout', text: 'out one' },
        { stream: 'stderr', text: 'err one' },
        { stream: 'stdout', text: 'out two' },
      ]);
    }
  });

  it('reads a TTY stream as raw text, a multi-byte character split across chunks intact', () => {
    const decoder = new LogDecoder(true, false);
    const bytes = Buffer.from('grüße\r\nzwei\n');
    const lines = [...decoder.push(bytes.subarray(0, 4)), ...decoder.push(bytes.subarray(4))];
    expect(lines).toEqual([
      { stream: 'stdout', text: 'grüße' },
      { stream: 'stdout', text: 'zwei' },
    ]);
  });

  it('takes the timestamp off the front of each line', () => {
    const decoder = new LogDecoder(false, true);
    const [line] = decoder.push(frame(2, '2026-11-22T05:00:00.123456789Z boom\n'));
    expect(line).toEqual({ stream: 'stderr', text: 'boom', time: Date.parse('2026-11-22T05:00:00.123Z'), timestamp: '2026-11-22T05:00:00.123456789Z' });
  });

  it('tells stdin echo frames (0) as stdout', () => {
    const header = Buffer.from([0, 0, 0, 0, 0, 0, 0, 2]);
    expect(new FrameParser().push(Buffer.concat([header, Buffer.from('hi')]))).toMatchObject([{ stream: 'stdout' }]);
  });

  it('turns --since durations into epoch seconds', () => {
    expect(sinceSeconds('10m', 1_000_000_000)).toBe(1_000_000 - 600);
    expect(sinceSeconds('1700000000')).toBe(1_700_000_000);
  });
});

describe('following a log across reconnects', () => {
  const line = (text: string, nanos: string, stream: 'stdout' | 'stderr' = 'stdout') => ({ stream, text, timestamp: `2026-11-30T08:37:01.${nanos}Z` });

  it('keeps every line of a live stream, also an error line that comes after a later output line', () => {
    const resume = new LogResume();
    expect(resume.reopen()).toBeUndefined();
    // The engine copies stdout and stderr each on its own: err-1 was written first but arrives second.
    const live = [line('out-1', '820673281'), line('tick-1', '820706931'), line('err-1', '820700000', 'stderr'), line('tick-2', '900000000')];
    expect(resume.fresh(live).map((l) => l.text)).toEqual(['out-1', 'tick-1', 'err-1', 'tick-2']);
  });

  it('leaves out what a stream opened again repeats, up to the newest line seen before', () => {
    const resume = new LogResume();
    resume.fresh([line('a', '100000000'), line('b', '300000000'), line('c', '200000000', 'stderr')]);
    expect(resume.reopen()).toBe(1_796_027_821_300_000_000n);
    const again = [line('b', '300000000'), line('c', '200000000', 'stderr'), line('d', '300000001'), line('e', '400000000')];
    expect(resume.fresh(again).map((l) => l.text)).toEqual(['d', 'e']);
  });
});

describe('stats formulas (as docker stats computes them)', () => {
  const raw = {
    read: '2026-11-22T05:00:01Z',
    cpu_stats: { cpu_usage: { total_usage: 2_500_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
    precpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 18_000_000_000 },
    memory_stats: { usage: 100 * 1024 * 1024, limit: 400 * 1024 * 1024, stats: { total_inactive_file: 20 * 1024 * 1024 } },
    networks: { eth0: { rx_bytes: 1000, tx_bytes: 200 }, eth1: { rx_bytes: 10, tx_bytes: 2 } },
    blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 4096 }, { op: 'Write', value: 8192 }, { op: 'Total', value: 12288 }, { op: 'read', value: 4 }] },
    pids_stats: { current: 3 },
  };

  it('CPU %: cpu delta / system delta * online CPUs * 100', () => {
    // 0.5 s of CPU in 2 s of all-CPU time on 2 CPUs: 0.25 * 2 * 100 = 50 %.
    expect(cpuPercent(raw)).toEqual({ percent: 50, onlineCpus: 2 });
    expect(cpuPercent({ ...raw, precpu_stats: {} }).percent).toBeCloseTo((2.5e9 / 20e9) * 200);
    expect(cpuPercent({ cpu_stats: { cpu_usage: { total_usage: 5, percpu_usage: [1, 2, 3, 4] }, system_cpu_usage: 10 }, precpu_stats: { cpu_usage: { total_usage: 4 }, system_cpu_usage: 9 } }).onlineCpus).toBe(4);
    expect(cpuPercent({ ...raw, cpu_stats: { ...raw.cpu_stats, system_cpu_usage: 18_000_000_000 } }).percent).toBe(0);
  });

  it('memory: usage minus inactive file cache (v1 total_inactive_file, v2 inactive_file)', () => {
    expect(memoryUsage(raw)).toEqual({ used: 80 * 1024 * 1024, limit: 400 * 1024 * 1024, percent: 20 });
    expect(memoryUsage({ memory_stats: { usage: 1000, limit: 2000, stats: { inactive_file: 500 } } }).used).toBe(500);
    expect(memoryUsage({ memory_stats: { usage: 1000, limit: 2000, stats: { inactive_file: 5000 } } }).used).toBe(1000);
  });

  it('network and block I/O totals', () => {
    expect(ioTotals(raw)).toEqual({ rx: 1010, tx: 202, read: 4100, write: 8192 });
    expect(toSample(raw)).toMatchObject({ time: Date.parse('2026-11-22T05:00:01Z'), pids: 3, cpuPercent: 50 });
  });
});

describe('run spec checks that need no engine', () => {
  const issues = (input: Partial<RunSpecInput>) => specIssues(RunSpec.parse({ image: 'busybox', ...input }), 2).map((i) => i.field);
  it('finds each bad value with its field', () => {
    expect(issues({ memory: '200x' })).toEqual(['memory']);
    expect(issues({ memory: '1m' })).toEqual(['memory']);
    expect(issues({ memory: '256m', memorySwap: '128m' })).toEqual(['memorySwap']);
    expect(issues({ memorySwap: '512m' })).toEqual(['memorySwap']);
    expect(issues({ memory: '256m', memorySwap: '-1' })).toEqual([]);
    expect(issues({ cpus: '4' })).toEqual(['cpus']);
    expect(issues({ cpus: 'lots' })).toEqual(['cpus']);
    expect(issues({ autoRemove: true, restart: { name: 'always' } })).toEqual(['restart']);
    expect(issues({ name: 'bad name' })).toEqual(['name']);
    expect(issues({ workdir: 'app' })).toEqual(['workdir']);
    expect(issues({ networkAliases: ['x'] })).toEqual(['networkAliases']);
    expect(issues({ ports: [{ hostPort: 80, containerPort: 80 }, { hostPort: 80, containerPort: 81 }] })).toEqual(['ports']);
    expect(issues({ mounts: [{ type: 'bind', source: 'rel', target: '/x' }] })).toEqual(['mounts']);
  });
});

describe('a bad memory value is named once', () => {
  it('does not also blame memory-swap', () => {
    const found = specIssues(RunSpec.parse({ image: 'busybox', memory: '200x', memorySwap: '1m' }), 2);
    expect(found.map((i) => i.code)).toEqual(['memoryInvalid']);
  });
});
