import { browseVolumeCommand, readVolumeFileCommand } from '@shared/cli/volumes';
import type { ContainerMounts, CreateVolume, VolumeEntry, VolumeFile, VolumeListing, VolumeSummary, VolumeUser } from '@shared/dto/volumes';
import { LotseError } from '@shared/errors';
import { containerDisplayName } from '@shared/rules/containers';
import { checkVolumeName } from '@shared/rules/names';

import { toLotseError } from '../docker/errors';
import type { EngineService } from '../docker/engine';
import { findHelperImage, runHelper } from '../docker/helper';
import { containerOf, volumeOf } from '../docker/paths';
import { readDf } from '../docker/df';
import { isAnonymousVolume } from '@shared/rules/volumes';

interface RawVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  Scope?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  UsageData?: { Size?: number; RefCount?: number } | null;
}
interface RawContainer {
  Id: string;
  Names?: string[];
  State?: string;
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean }[] | null;
}

const MAX_ENTRIES = 1000;
const MAX_FILE_BYTES = 64 * 1024;
const MAX_TMPFS_INSPECTS = 300;

/** Volumes: list, create, inspect, remove, sizes from /system/df, and read-only browsing through a helper container. */
export class VolumeService {
  constructor(private readonly engine: EngineService) {}

  async list(): Promise<VolumeSummary[]> {
    const docker = this.engine.docker();
    const [volumes, containers] = await Promise.all([
      docker.listVolumes() as Promise<{ Volumes?: RawVolume[] | null }>,
      docker.listContainers({ all: true }) as Promise<RawContainer[]>,
    ]);
    const users = usersByVolume(containers);
    return (volumes.Volumes ?? []).map((v) => summarize(v, users.get(v.Name) ?? [])).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One existing volume; a name that is none (a host path, say) or a volume that does not exist is refused. */
  async inspect(name: string): Promise<VolumeSummary> {
    const docker = this.engine.docker();
    const volumeName = checkedName(name);
    const [volume, containers] = await Promise.all([
      volumeOf(docker, volumeName)
        .inspect()
        .catch((error: unknown) => {
          const lotse = toLotseError(error);
          if (lotse.code !== 'NOT_FOUND') throw lotse;
          throw new LotseError('NOT_FOUND', `There is no volume named '${volumeName}'.`, 'Choose a volume from the list.', { reason: 'noSuchVolume', detail: lotse.message });
        }) as Promise<RawVolume>,
      docker.listContainers({ all: true, filters: { volume: [volumeName] } }) as Promise<RawContainer[]>,
    ]);
    return summarize(volume, usersByVolume(containers).get(volume.Name) ?? []);
  }

  /** Sizes as /system/df measures them (it walks every volume: slow on big engines, so asked for separately). */
  async sizes(signal?: AbortSignal): Promise<Record<string, number>> {
    if (signal?.aborted) throw new LotseError('CANCELLED', 'Cancelled.');
    const df = await readDf<{ Volumes?: RawVolume[] | null }>(this.engine.docker());
    const sizes: Record<string, number> = {};
    for (const v of df.Volumes ?? []) sizes[v.Name] = v.UsageData?.Size ?? -1;
    return sizes;
  }

  async create(request: CreateVolume): Promise<VolumeSummary> {
    const docker = this.engine.docker();
    if (request.name) {
      const taken = await volumeOf(docker, request.name)
        .inspect()
        .then(
          () => true,
          () => false,
        );
      if (taken) throw new LotseError('CONFLICT', `A volume named '${request.name}' exists already.`, 'Choose another name, or use the existing volume.');
    }
    try {
      // dockerode answers with a handle, not the engine's record: read it back.
      const created = await docker.createVolume({
        ...(request.name ? { Name: request.name } : {}),
        Driver: request.driver,
        DriverOpts: request.options,
        Labels: request.labels,
      });
      return summarize((await created.inspect()), []);
    } catch (error) {
      const lotse = toLotseError(error);
      if (/plugin .* not found|no such driver/i.test(lotse.message)) {
        throw new LotseError('INVALID_PARAMS', `The engine has no volume driver '${request.driver}'.`, 'Use the local driver, or install the volume plugin first.');
      }
      throw lotse;
    }
  }

  async remove(name: string, force: boolean): Promise<void> {
    const docker = this.engine.docker();
    const volume = await this.inspect(name);
    if (volume.usedBy.length > 0) {
      const who = volume.usedBy.map((u) => `${u.name} (${u.state})`).join(', ');
      throw new LotseError(
        'CONFLICT',
        `The volume '${name}' is in use by ${who}. A container keeps its volumes even while it is stopped, so the engine will not delete data a container may still need.`,
        'Remove the container(s) first (docker rm), then the volume.',
      );
    }
    await volumeOf(docker, name).remove({ force });
  }

  async browse(volume: string, path: string, signal?: AbortSignal): Promise<VolumeListing> {
    const docker = this.engine.docker();
    await this.inspect(volume);
    const image = await findHelperImage(docker);
    if (signal?.aborted) throw new LotseError('CANCELLED', 'Cancelled.');
    // The path goes in as an argument ($1), never into the script text.
    const script = `cd "/volume$1" 2>/dev/null || exit 3; for f in .* *; do case "$f" in .|..) continue;; esac; [ -e "$f" ] || [ -L "$f" ] || continue; stat -c '%F|%s|%Y|%A|%n' -- "$f"; done | head -n ${MAX_ENTRIES + 1}`;
    const { exitCode, output } = await runHelper(docker, {
      image,
      cmd: ['sh', '-c', script, 'sh', path === '/' ? '' : path],
      volumes: [{ name: volume, target: '/volume' }],
      purpose: 'volume-browse',
    });
    if (exitCode === 3) throw new LotseError('NOT_FOUND', `There is no folder ${path} in the volume '${volume}'.`, 'Go back to the top of the volume.');
    if (exitCode !== 0) throw new LotseError('INTERNAL', `Listing the volume failed (${exitCode}): ${output.slice(0, 500)}`);
    const entries = output
      .split('\n')
      .filter(Boolean)
      .map(parseStat)
      .filter((e): e is VolumeEntry => e !== undefined);
    entries.sort((a, b) => (a.type === 'dir') !== (b.type === 'dir') ? (a.type === 'dir' ? -1 : 1) : a.name.localeCompare(b.name));
    return {
      volume,
      path,
      entries: entries.slice(0, MAX_ENTRIES),
      truncated: entries.length > MAX_ENTRIES,
      image,
      command: browseVolumeCommand(volume, path, image),
    };
  }

  async readFile(volume: string, path: string): Promise<VolumeFile> {
    const docker = this.engine.docker();
    // Mounting a name the engine does not know would create that volume: it must exist first.
    await this.inspect(volume);
    const image = await findHelperImage(docker);
    const script = `[ -f "/volume$1" ] || exit 3; head -c ${MAX_FILE_BYTES + 1} "/volume$1"`;
    const { exitCode, output } = await runHelper(docker, {
      image,
      cmd: ['sh', '-c', script, 'sh', path],
      volumes: [{ name: volume, target: '/volume' }],
      purpose: 'volume-browse',
    });
    if (exitCode === 3) throw new LotseError('NOT_FOUND', `There is no file ${path} in the volume '${volume}'.`);
    const binary = output.includes('\u0000') || output.includes('\uFFFD');
    return {
      volume,
      path,
      content: binary ? '' : output.slice(0, MAX_FILE_BYTES),
      truncated: output.length > MAX_FILE_BYTES,
      binary,
      image,
      command: readVolumeFileCommand(volume, path, image),
    };
  }

  /** Every container's mounts: volumes, bind mounts and tmpfs, for the storage panel. */
  async mounts(): Promise<ContainerMounts[]> {
    const docker = this.engine.docker();
    const containers = (await docker.listContainers({ all: true })) as RawContainer[];
    // `--tmpfs` mounts live only in HostConfig.Tmpfs, which the list leaves out: inspect (bounded) to show them.
    const tmpfs = new Map<string, string[]>();
    if (containers.length <= MAX_TMPFS_INSPECTS) {
      await Promise.all(
        containers.map(async (c) => {
          const info = (await containerOf(docker, c.Id).inspect().catch(() => undefined)) as { HostConfig?: { Tmpfs?: Record<string, string> | null } } | undefined;
          const paths = Object.keys(info?.HostConfig?.Tmpfs ?? {});
          if (paths.length) tmpfs.set(c.Id, paths);
        }),
      );
    }
    return containers.map((c) => ({
      containerId: c.Id,
      name: containerDisplayName(c),
      state: c.State ?? '',
      mounts: (c.Mounts ?? []).map((m) => ({
        type: m.Type ?? 'volume',
        source: m.Type === 'volume' ? (m.Name ?? '') : (m.Source ?? ''),
        destination: m.Destination ?? '',
        readOnly: m.RW === false,
      })).concat((tmpfs.get(c.Id) ?? []).map((destination) => ({ type: 'tmpfs', source: '', destination, readOnly: false }))),
    }));
  }
}

/** The name, when it is one by the engine's grammar for volumes; anything else (a host path) never reaches the engine. */
function checkedName(name: string): string {
  const issue = checkVolumeName(name);
  if (!issue) return name;
  const { code, ...params } = issue;
  throw new LotseError(
    'INVALID_PARAMS',
    `${JSON.stringify(name.slice(0, 100))} is not a volume name (${code}).`,
    'Volume names are letters, digits, _ . - (at least two, starting with a letter or digit); a folder of the host is no volume.',
    { issues: [{ path: ['name'], code, ...(Object.keys(params).length ? { params } : {}) }] },
  );
}

function usersByVolume(containers: RawContainer[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>();
  for (const c of containers) {
    for (const m of c.Mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue;
      const list = users.get(m.Name) ?? [];
      list.push({ containerId: c.Id, name: containerDisplayName(c), state: c.State ?? '', destination: m.Destination ?? '', readOnly: m.RW === false });
      users.set(m.Name, list);
    }
  }
  return users;
}

function summarize(v: RawVolume, usedBy: VolumeUser[]): VolumeSummary {
  const labels = v.Labels ?? {};
  return {
    name: v.Name,
    driver: v.Driver ?? 'local',
    mountpoint: v.Mountpoint ?? '',
    scope: v.Scope ?? 'local',
    created: v.CreatedAt ? Date.parse(v.CreatedAt) : 0,
    labels,
    options: v.Options ?? {},
    anonymous: isAnonymousVolume({ name: v.Name, labels }),
    usedBy,
  };
}

/** One line of `stat -c '%F|%s|%Y|%A|%n'`. */
export function parseStat(line: string): VolumeEntry | undefined {
  const [kind, size, mtime, mode, ...rest] = line.split('|');
  const name = rest.join('|');
  if (!kind || !name) return undefined;
  const type = kind.includes('directory') ? 'dir' : kind.includes('symbolic') ? 'link' : kind.includes('regular') ? 'file' : 'other';
  return { name, type, size: Number(size) || 0, mode: mode ?? '', modified: (Number(mtime) || 0) * 1000 };
}
