import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DrainProgress, KubeObject, WatchEvent } from '@shared/dto/kube';
import { type LotseError } from '@shared/errors';
import { applyWatchEvent, emptyList, type ListState } from '@shared/kube/reducer';

import { type Backend, createBackend } from '../../../electron/rpc/backend';
import { RpcClient } from '../../../renderer/api/client';
import { inMemoryTransport } from '../../support/in-memory';
import type { TestCluster } from '../practice-cluster/harness';
import { startCluster, waitFor } from './support';

/**
 * The Kubernetes area through the router, as the renderer calls it: results checked against the contract,
 * refused parameters answered with their fields, live lists through the kube.watch topic, a drain's progress.
 */
let t: TestCluster;
let backend: Backend;
let api: RpcClient;
const saved = { KUBECONFIG: process.env.KUBECONFIG, LOTSE_PRACTICE_DIR: process.env.LOTSE_PRACTICE_DIR };
const practiceDir = mkdtempSync(join(tmpdir(), 'lotse-kube-contract-'));
const CONTEXT = 'lotse-practice';

beforeAll(async () => {
  t = await startCluster();
  process.env.KUBECONFIG = t.cluster.kubeconfigPath;
  process.env.LOTSE_PRACTICE_DIR = practiceDir;
  backend = createBackend({ version: 'test', strictResults: true });
  api = new RpcClient(inMemoryTransport(backend.router));
});
afterAll(async () => {
  backend?.close();
  await t?.stop();
  process.env.KUBECONFIG = saved.KUBECONFIG;
  process.env.LOTSE_PRACTICE_DIR = saved.LOTSE_PRACTICE_DIR;
  if (saved.KUBECONFIG === undefined) delete process.env.KUBECONFIG;
  if (saved.LOTSE_PRACTICE_DIR === undefined) delete process.env.LOTSE_PRACTICE_DIR;
  rmSync(practiceDir, { recursive: true, force: true });
});

describe('the kube area through the router', () => {
  it('lists contexts and connects', async () => {
    const contexts = await api.call('kube.contexts', {});
    expect(contexts.contexts.map((c) => c.name)).toEqual([CONTEXT]);
    expect(contexts.current).toBe(CONTEXT);
    expect(await api.call('kube.connection', { context: CONTEXT })).toMatchObject({ status: 'connected' });
    expect((await api.call('kube.overview', { context: CONTEXT })).components.map((c) => c.component)).toContain('etcd');
  });

  it('refuses a negative or absurd scale, a bad name and a bad image at their fields', async () => {
    const refused = async (params: unknown): Promise<LotseError> => (await api.call('kube.scale', params as never).catch((e: unknown) => e)) as LotseError;
    expect((await refused({ context: CONTEXT, namespace: 'default', name: 'web', replicas: -1 })).issues).toEqual([{ path: ['replicas'], code: 'tooSmall', params: { min: 0 } }]);
    expect((await refused({ context: CONTEXT, namespace: 'default', name: 'web', replicas: 100000 })).issues).toEqual([{ path: ['replicas'], code: 'tooBig', params: { max: 1000 } }]);
    expect((await refused({ context: CONTEXT, namespace: 'Bad_NS', name: 'web', replicas: 1 })).issues?.[0]).toMatchObject({ path: ['namespace'], code: 'badFormat' });
    const image = (await api.call('kube.rollout.setImage', { context: CONTEXT, namespace: 'default', name: 'web', container: 'web', image: 'UPPER:case' }).catch((e: unknown) => e)) as LotseError;
    expect(image.code).toBe('INVALID_PARAMS');
    expect(image.issues?.[0]?.path).toEqual(['image']);
  });

  it('keeps a live list through kube.watch, and a drain reports its progress', async () => {
    await t.k(['create', 'namespace', 'contract']);
    let state: ListState = emptyList<KubeObject>();
    const stop = api.subscribe('kube.watch', { context: CONTEXT, resource: 'serviceaccounts', namespace: 'contract' }, (e: WatchEvent) => (state = applyWatchEvent(state, e)));
    await t.k(['create', 'serviceaccount', 'robot', '-n', 'contract']);
    await waitFor('robot', () => [...state.items.values()].some((o) => o.meta.name === 'robot') || undefined);
    stop();

    const progress: DrainProgress[] = [];
    const result = await api.call('kube.drain.run', { context: CONTEXT, node: 'lotse-worker', options: { ignoreDaemonsets: true } }, { onProgress: (p) => progress.push(p) });
    expect(result.outcome).toBe('drained');
    expect(result.command).toBe('kubectl drain lotse-worker --ignore-daemonsets');
    expect(progress[0]).toEqual({ phase: 'cordoned' });
    await api.call('kube.nodes.cordon', { context: CONTEXT, node: 'lotse-worker', cordon: false });
  });

  it('the doctor answers without a context too', async () => {
    const report = await api.call('kube.apply.check', { text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: Web\n' });
    expect(report).toMatchObject({ cluster: false, ok: false });
    expect(report.findings.map((f) => f.code)).toEqual(['invalidName']);
  });
});
