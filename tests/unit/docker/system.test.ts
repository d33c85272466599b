import { describe, expect, it } from 'vitest';

import { summarizeDiskUsage } from '../../../electron/services/docker/system';

describe('summarizeDiskUsage', () => {
  it('computes totals and reclaimable space as docker system df does', () => {
    const usage = summarizeDiskUsage({
      LayersSize: 1000,
      Images: [
        { Size: 600, SharedSize: 200, Containers: 1 },
        { Size: 400, SharedSize: 200, Containers: 0 },
      ],
      Containers: [
        { SizeRw: 50, State: 'running' },
        { SizeRw: 30, State: 'exited' },
        { SizeRw: 20, State: 'created' },
      ],
      Volumes: [{ UsageData: { Size: 70, RefCount: 1 } }, { UsageData: { Size: 30, RefCount: 0 } }, { UsageData: { Size: -1, RefCount: 0 } }],
      BuildCache: [
        { Size: 10, InUse: true },
        { Size: 5, InUse: false },
        { Size: 7, InUse: false, Shared: true },
      ],
    });
    expect(usage.images).toEqual({ count: 2, active: 1, sizeBytes: 1000, reclaimableBytes: 600 });
    expect(usage.containers).toEqual({ count: 3, active: 1, sizeBytes: 100, reclaimableBytes: 50 });
    expect(usage.volumes).toEqual({ count: 3, active: 1, sizeBytes: 100, reclaimableBytes: 30 });
    expect(usage.buildCache).toEqual({ count: 3, active: 1, sizeBytes: 15, reclaimableBytes: 5 });
  });

  it('copes with an empty engine (null lists)', () => {
    const usage = summarizeDiskUsage({ LayersSize: 0, Images: null, Containers: null, Volumes: null, BuildCache: null });
    expect(usage.images).toEqual({ count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 });
  });
});
