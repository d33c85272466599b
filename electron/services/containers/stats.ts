import type { StatsSample } from '@shared/dto/containers';

/** The parts of GET /containers/{id}/stats that `docker stats` reads. */
export interface RawStats {
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number | undefined> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

/**
 * CPU % as docker/cli computes it (cli/command/container/stats_helpers.go, calculateCPUPercentUnix):
 *   cpuDelta    = cpu_stats.cpu_usage.total_usage - precpu_stats.cpu_usage.total_usage
 *   systemDelta = cpu_stats.system_cpu_usage      - precpu_stats.system_cpu_usage
 *   cpu %       = (cpuDelta / systemDelta) * onlineCPUs * 100   (0 unless both deltas are > 0)
 * onlineCPUs = cpu_stats.online_cpus, or the length of percpu_usage on older engines.
 * So one busy core on a 2-core machine reads 100 %, both cores 200 % — like `docker stats`.
 */
export function cpuPercent(stats: RawStats): { percent: number; onlineCpus: number } {
  const cpu = stats.cpu_stats;
  const pre = stats.precpu_stats;
  const onlineCpus = cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 0;
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (pre?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu?.system_cpu_usage ?? 0) - (pre?.system_cpu_usage ?? 0);
  const percent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;
  return { percent, onlineCpus };
}

/**
 * Memory "used" as docker/cli computes it (calculateMemUsageUnixNoCache): the usage minus the
 * page cache that could be dropped at once —
 *   cgroup v1: usage - total_inactive_file   cgroup v2: usage - inactive_file
 * (only when that value is below usage). Memory % = used / limit * 100, limit = memory_stats.limit
 * (the host's memory when the container has no --memory).
 */
export function memoryUsage(stats: RawStats): { used: number; limit: number; percent: number } {
  const usage = stats.memory_stats?.usage ?? 0;
  const detail = stats.memory_stats?.stats ?? {};
  const inactive = detail.total_inactive_file ?? detail.inactive_file;
  const used = inactive !== undefined && inactive < usage ? usage - inactive : usage;
  const limit = stats.memory_stats?.limit ?? 0;
  return { used, limit, percent: limit > 0 ? (used / limit) * 100 : 0 };
}

/** NET I/O: rx_bytes and tx_bytes summed over all interfaces. BLOCK I/O: the Read and Write ops summed. */
export function ioTotals(stats: RawStats): { rx: number; tx: number; read: number; write: number } {
  let rx = 0;
  let tx = 0;
  for (const net of Object.values(stats.networks ?? {})) {
    rx += net.rx_bytes ?? 0;
    tx += net.tx_bytes ?? 0;
  }
  let read = 0;
  let write = 0;
  for (const entry of stats.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (entry.op ?? '').toLowerCase();
    if (op === 'read') read += entry.value ?? 0;
    else if (op === 'write') write += entry.value ?? 0;
  }
  return { rx, tx, read, write };
}

export function toSample(stats: RawStats, now = Date.now()): StatsSample {
  const cpu = cpuPercent(stats);
  const memory = memoryUsage(stats);
  const io = ioTotals(stats);
  const read = stats.read ? Date.parse(stats.read) : Number.NaN;
  return {
    time: Number.isFinite(read) && read > 0 ? read : now,
    cpuPercent: cpu.percent,
    onlineCpus: cpu.onlineCpus,
    memoryUsedBytes: memory.used,
    memoryLimitBytes: memory.limit,
    memoryPercent: memory.percent,
    networkRxBytes: io.rx,
    networkTxBytes: io.tx,
    blockReadBytes: io.read,
    blockWriteBytes: io.write,
    pids: stats.pids_stats?.current ?? 0,
  };
}
