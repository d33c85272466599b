import { describe, expect, it } from 'vitest';

import type { LayerAnalysis } from '@shared/dto/images';

import { readExport } from '../../../electron/services/images/layers/export-reader';
import { analyzeLayers } from '../../../electron/services/images/layers/model';
import { runAnalysis } from '../../../electron/services/images/layers/run';
import { classicExport, ociExport, streamOf, tarOf, type TestImage } from './export-builder';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';

async function fixture(): Promise<TestImage> {
  return {
    layers: [
      await tarOf([
        { name: 'bin/' },
        { name: 'bin/busybox', content: 'x'.repeat(100) },
        { name: 'bin/sh', symlink: 'busybox' },
        { name: 'etc/' },
        { name: 'etc/passwd', content: 'p'.repeat(20) },
        { name: 'etc/group', content: 'g'.repeat(7) },
        { name: 'app/' },
        { name: 'app/deploy', content: KEY },
        { name: 'data/' },
        { name: 'data/olddir/' },
        { name: 'data/olddir/a.bin', content: 'a'.repeat(1000) },
        { name: 'data/olddir/sub/' },
        { name: 'data/olddir/sub/c.bin', content: 'c'.repeat(300) },
      ]),
      await tarOf([
        { name: 'data/' },
        { name: 'data/big.bin', content: 'b'.repeat(5000) },
        { name: 'app/' },
        { name: 'app/.env', content: 'DB_PASSWORD=not-real-at-all' },
        { name: 'etc/' },
        { name: 'etc/passwd', content: 'q'.repeat(25) },
      ]),
      await tarOf([
        { name: 'data/' },
        { name: 'data/.wh.big.bin' },
        { name: 'data/.wh.olddir' },
        { name: 'app/' },
        { name: 'app/.wh.deploy' },
        { name: 'app/.wh..env' },
        { name: 'etc/' },
        { name: 'etc/.wh..wh..opq' },
        { name: 'etc/hosts', content: 'h'.repeat(10) },
      ]),
    ],
    history: [
      { created_by: '/bin/sh -c #(nop) COPY dir:0123456789abcdef0123 in / ' },
      { created_by: '/bin/sh -c #(nop)  ENV API_TOKEN=abcd-not-a-real-token', empty_layer: true },
      { created_by: '/bin/sh -c echo more' },
      { created_by: '/bin/sh -c rm -rf /data/big.bin /data/olddir /app/deploy /app/.env' },
      { created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
    ],
    env: ['PATH=/bin', 'API_TOKEN=abcd-not-a-real-token'],
  };
}

/** What must not differ between layouts: everything but the layout and the layers' compression. */
function comparable(analysis: LayerAnalysis): unknown {
  return { ...analysis, layout: undefined, layers: analysis.layers.map((l) => ({ ...l, compression: undefined })) };
}

describe('layer analysis of an image export', () => {
  it('gives the same analysis for the OCI layout (gzip and zstd layers, index last) as for the classic layout', async () => {
    const image = await fixture();
    const classic = analyzeLayers(await readExport(streamOf(await classicExport(image))));
    const ociWithManifest = analyzeLayers(await readExport(streamOf(await ociExport(image, ['gzip'], true))));
    const ociOnlyIndex = analyzeLayers(await readExport(streamOf(await ociExport(image, ['gzip', 'zstd', 'none'], false))));
    expect(classic.layout).toBe('classic');
    expect(ociWithManifest.layout).toBe('oci');
    expect(ociWithManifest.layers.map((l) => l.compression)).toEqual(['gzip', 'gzip', 'gzip']);
    expect(ociOnlyIndex.layers.map((l) => l.compression)).toEqual(['gzip', 'zstd', 'none']);
    expect(comparable(ociWithManifest)).toEqual(comparable(classic));
    expect(comparable(ociOnlyIndex)).toEqual(comparable(classic));
    // The image ID is the config's digest, whatever the layout.
    expect(classic.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('identifies each layer by the sha256 of its uncompressed tar (the diff ID)', async () => {
    const image = await fixture();
    const analysis = analyzeLayers(await readExport(streamOf(await ociExport(image, ['gzip'], false))));
    const { createHash } = await import('node:crypto');
    expect(analysis.layers.map((l) => l.diffId)).toEqual(image.layers.map((l) => `sha256:${createHash('sha256').update(l).digest('hex')}`));
    expect(analysis.layers.map((l) => l.tarBytes)).toEqual(image.layers.map((l) => l.length));
    expect(analysis.layers.map((l) => l.historyIndex)).toEqual([0, 2, 3]);
  });

  it('lists what each layer adds, modifies and deletes, with whiteouts and opaque directories', async () => {
    const analysis = analyzeLayers(await readExport(streamOf(await classicExport(await fixture()))));
    const [l0, l1, l2] = analysis.layers;
    expect(l0!.changes.find((c) => c.path === '/bin/busybox')).toMatchObject({ change: 'added', kind: 'file', sizeBytes: 100 });
    expect(l0!.changes.find((c) => c.path === '/bin/sh')).toMatchObject({ kind: 'symlink', linkTarget: 'busybox' });
    expect(l1!.changes.find((c) => c.path === '/etc/passwd')).toMatchObject({ change: 'modified', sizeBytes: 25 });
    expect(l2!.changes.find((c) => c.path === '/data/olddir')).toMatchObject({ change: 'deleted', kind: 'dir', sizeBytes: 1300 });
    expect(l2!.changes.find((c) => c.path === '/data/big.bin')).toMatchObject({ change: 'deleted', sizeBytes: 5000 });
    expect(l2!.changes.find((c) => c.path === '/etc' && c.opaque)).toMatchObject({ change: 'deleted', sizeBytes: 32 });
    expect(l2!.changes.find((c) => c.path === '/etc/hosts')).toMatchObject({ change: 'added' });
  });

  it('counts as wasted only the copies that do not survive, with the layer that added and the one that hid them', async () => {
    const analysis = analyzeLayers(await readExport(streamOf(await classicExport(await fixture()))));
    const byPath = (path: string, addedIn: number) => analysis.wasted.files.find((w) => w.path === path && w.addedIn === addedIn);
    expect(byPath('/data/big.bin', 1)).toEqual({ path: '/data/big.bin', sizeBytes: 5000, addedIn: 1, hiddenIn: 2, how: 'deleted' });
    expect(byPath('/data/olddir/sub/c.bin', 0)).toMatchObject({ hiddenIn: 2, how: 'deleted-with-directory' });
    expect(byPath('/etc/passwd', 0)).toMatchObject({ sizeBytes: 20, hiddenIn: 1, how: 'overwritten' });
    expect(byPath('/etc/passwd', 1)).toMatchObject({ sizeBytes: 25, hiddenIn: 2, how: 'opaque-directory' });
    expect(byPath('/etc/group', 0)).toMatchObject({ sizeBytes: 7, how: 'opaque-directory' });
    const expected = 5000 + 1000 + 300 + KEY.length + 27 + 20 + 25 + 7;
    expect(analysis.wasted.bytes).toBe(expected);
    expect(analysis.shippedBytes - analysis.finalBytes).toBe(expected);
    expect(analysis.finalBytes).toBe(110);
  });

  it("computes dive's efficiency, which counts surviving copies and misses deleted directories and opaque whiteouts", async () => {
    const analysis = analyzeLayers(await readExport(streamOf(await classicExport(await fixture()))));
    // Paths seen twice or more, dive style: big.bin (5000+0), deploy (key+0), .env (27+0), passwd (20+25).
    const diveWasted = 5000 + KEY.length + 27 + 45;
    expect(analysis.dive.wastedBytes).toBe(diveWasted);
    expect(analysis.dive.efficiency).toBeGreaterThan(0);
    expect(analysis.dive.efficiency).toBeLessThan(1);
    expect(analysis.dive.wastedBytes).not.toBe(analysis.wasted.bytes);
  });

  it('flags secrets even when a later layer deleted them, and masks tokens in ENV', async () => {
    const analysis = analyzeLayers(await readExport(streamOf(await classicExport(await fixture()))));
    expect(analysis.secrets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'private-key', path: '/app/deploy', layer: 0, deletedIn: 2 }),
        expect.objectContaining({ kind: 'env-file', path: '/app/.env', layer: 1, deletedIn: 2 }),
        expect.objectContaining({ kind: 'env-var', path: 'API_TOKEN', preview: expect.stringMatching(/^abcd•+en$/) as unknown }),
      ]),
    );
    expect(JSON.stringify(analysis)).not.toContain('not-a-real-token');
    expect(JSON.stringify(analysis)).not.toContain('b3BlbnNzaC1rZXkt');
  });

  it('says when a later layer deleted files that still ship', async () => {
    const analysis = analyzeLayers(await readExport(streamOf(await classicExport(await fixture()))));
    expect(analysis.hints.find((h) => h.kind === 'deleted-later')).toMatchObject({ steps: [2, 3], bytes: analysis.wasted.bytes });
  });

  it('reports an export that breaks off halfway as what it is', async () => {
    const whole = await classicExport(await fixture());
    await expect(readExport(streamOf(whole.subarray(0, Math.floor(whole.length / 2))))).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('broke off') as unknown,
    });
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      runAnalysis({ source: streamOf(await classicExport(await fixture())) }, { mode: 'inline', signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
