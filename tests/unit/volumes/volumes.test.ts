import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';

import { browseVolumeCommand, createVolumeCommand } from '@shared/cli/volumes';
import { VolumePath } from '@shared/dto/volumes';

import { demux } from '../../../electron/services/docker/frames';
import { findHelperImage } from '../../../electron/services/docker/helper';
import { parseStat } from '../../../electron/services/volumes/volumes';

describe('volume browsing', () => {
  it('reads stat lines, names with | included', () => {
    expect(parseStat('directory|4096|1700000000|drwxr-xr-x|html')).toEqual({ name: 'html', type: 'dir', size: 4096, mode: 'drwxr-xr-x', modified: 1700000000000 });
    expect(parseStat('regular file|13|1|-rw-r--r--|a|b.txt')).toMatchObject({ name: 'a|b.txt', type: 'file', size: 13 });
    expect(parseStat('symbolic link|4|1|lrwxrwxrwx|l')?.type).toBe('link');
    expect(parseStat('garbage')).toBeUndefined();
  });

  it('refuses paths that leave the volume', () => {
    expect(VolumePath.safeParse('/html').success).toBe(true);
    expect(VolumePath.safeParse('/../etc').success).toBe(false);
    expect(VolumePath.safeParse('html').success).toBe(false);
  });

  it('splits the engine log frames', () => {
    const frame = (stream: number, text: string): Buffer => {
      const header = Buffer.alloc(8);
      header.writeUInt8(stream, 0);
      header.writeUInt32BE(Buffer.byteLength(text), 4);
      return Buffer.concat([header, Buffer.from(text)]);
    };
    expect(demux(Buffer.concat([frame(1, 'hello '), frame(2, 'world')]))).toBe('hello world');
  });

  it('shows the commands', () => {
    expect(createVolumeCommand({ name: 'foo', labels: { a: 'b' } })).toBe('docker volume create --label a=b foo');
    expect(createVolumeCommand({})).toBe('docker volume create');
    expect(browseVolumeCommand('foo', '/html', 'busybox')).toBe('docker run --rm -v foo:/volume:ro busybox ls -la /volume/html');
  });
});

describe('the helper image', () => {
  const engineWith = (tags: string[]) => ({ listImages: () => Promise.resolve([{ RepoTags: tags }]) }) as unknown as Docker;

  it('prefers the lab busybox, then any busybox or alpine, and never pulls', async () => {
    expect(await findHelperImage(engineWith(['nginx:1', 'alpine:3.20', 'lotse-lab/busybox:1.0']))).toBe('lotse-lab/busybox:1.0');
    expect(await findHelperImage(engineWith(['nginx:1', 'alpine:3.20']))).toBe('alpine:3.20');
    await expect(findHelperImage(engineWith(['nginx:1']))).rejects.toMatchObject({ code: 'NOT_FOUND', hint: expect.stringContaining('docker pull busybox') as string });
  });
});
