import { describe, expect, it } from 'vitest';

import { jsonPatch, mergePatch, PatchError, strategicMerge } from '../../../electron/practice-cluster/api/patch';

const deployment = () => ({
  metadata: { name: 'web', labels: { app: 'web', tier: 'front' }, finalizers: ['a', 'b'] },
  spec: {
    replicas: 3,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
          { name: 'sidecar', image: 'busybox', args: ['sleep', '1d'] },
        ],
        tolerations: [{ key: 'x', operator: 'Exists' }],
      },
    },
  },
});
const smp = (patch: unknown) => strategicMerge(deployment(), patch, 'V1Deployment') as ReturnType<typeof deployment>;

describe('strategic merge patch', () => {
  it('merges containers by name: a new image keeps ports and env (kubectl set image)', () => {
    const out = smp({ spec: { template: { spec: { $setElementOrder: undefined, containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } });
    const c = out.spec.template.spec.containers;
    expect(c).toHaveLength(2);
    expect(c[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 80 }] });
  });

  it('merges env by name and adds new entries at the end', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }] }] } } } });
    expect(out.spec.template.spec.containers[0]?.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }]);
  });

  it('$patch: delete removes one element of a merged list', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } });
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx']);
  });

  it('$patch: replace in a list replaces the whole list', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } });
    expect(out.spec.template.spec.containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('$setElementOrder/containers orders the merged list', () => {
    const out = smp({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }], containers: [{ name: 'nginx', image: 'nginx:2' }] } } } });
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['sidecar', 'nginx']);
    expect(out.spec.template.spec.containers[1]?.image).toBe('nginx:2');
  });

  it('lists without a merge key are replaced (args, tolerations)', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'sidecar', args: ['true'] }], tolerations: [] } } } });
    expect(out.spec.template.spec.containers[1]?.args).toEqual(['true']);
    expect(out.spec.template.spec.tolerations).toEqual([]);
  });

  it('null deletes a key (uncordon, label removal)', () => {
    const out = smp({ metadata: { labels: { tier: null } } });
    expect(out.metadata.labels).toEqual({ app: 'web' });
  });

  it('primitive merge lists: union and $deleteFromPrimitiveList', () => {
    expect(smp({ metadata: { finalizers: ['b', 'c'] } }).metadata.finalizers).toEqual(['a', 'b', 'c']);
    expect(smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }).metadata.finalizers).toEqual(['b']);
  });

  it('$retainKeys drops what the new strategy does not keep (RollingUpdate → Recreate)', () => {
    const out = smp({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } });
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('$patch: replace and delete on maps', () => {
    expect(smp({ spec: { strategy: { $patch: 'replace', type: 'Recreate' } } }).spec.strategy).toEqual({ type: 'Recreate' });
    expect(smp({ metadata: { labels: { $patch: 'delete' } } }).metadata.labels).toBeUndefined();
    expect(smp({ metadata: { labels: { $patch: 'replace', only: 'this' } } }).metadata.labels).toEqual({ only: 'this' });
  });

  it('refuses unknown directives and items without the merge key', () => {
    expect(() => smp({ spec: { $patch: 'explode' } })).toThrow(PatchError);
    expect(() => smp({ spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).toThrow(/merge key: name/);
  });

  it('server-side apply merges lists by key without directives', () => {
    const out = strategicMerge(deployment(), { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:3' }] } } } }, 'V1Deployment', { apply: true }) as ReturnType<typeof deployment>;
    expect(out.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ['nginx', 'nginx:3'],
      ['sidecar', 'busybox'],
    ]);
  });

  it('service ports merge by port', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 80, nodePort: 30080 }, { port: 443, targetPort: 8443 }] } };
    const out = strategicMerge(svc, { spec: { ports: [{ port: 80, targetPort: 8080 }] } }, 'V1Service') as typeof svc;
    expect(out.spec.ports).toEqual([{ port: 80, targetPort: 8080, nodePort: 30080 }, { port: 443, targetPort: 8443 }]);
  });
});

describe('merge patch and JSON patch', () => {
  it('merge patch replaces lists and deletes with null', () => {
    expect(mergePatch({ a: [1, 2], b: { c: 1, d: 2 } }, { a: [3], b: { c: null } })).toEqual({ a: [3], b: { d: 2 } });
  });
  it('JSON patch applies (rollout undo) and a failing test operation is a PatchError', () => {
    expect(jsonPatch({ spec: { replicas: 1 } }, [{ op: 'replace', path: '/spec/replicas', value: 4 }])).toEqual({ spec: { replicas: 4 } });
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(PatchError);
    expect(() => jsonPatch({ a: 1 }, [{ op: 'replace', path: '/missing/x', value: 2 }])).toThrow(PatchError);
    expect(() => jsonPatch({ a: 1 }, { op: 'add' })).toThrow('json patch must be an array');
  });
});
