import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadKubeconfig } from '../../../electron/services/kube/kubeconfig';
import { renamedKubeconfig, serviceFor, startCluster, waitFor } from './support';
import type { TestCluster } from '../practice-cluster/harness';

/**
 * Contexts from several kubeconfig files merged as kubectl merges them, and the connection per context in
 * words: unreachable (and back), a missing exec plugin, one found only on the login shell's PATH,
 * forbidden with verb and resource. Against the practice cluster (no containers needed).
 */
let t: TestCluster;
let dir: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  t = await startCluster();
  dir = t.dir;
});
afterAll(async () => {
  for (const c of cleanups) await c();
  await t.stop();
});

describe('kubeconfig files', () => {
  it('merges KUBECONFIG as kubectl does: the first file wins names and current-context; broken files say where', async () => {
    const a = renamedKubeconfig(t, 'alpha', dir);
    const b = renamedKubeconfig(t, 'beta', dir, (doc) => {
      // beta's file also defines alpha's cluster with another server: alpha's own file comes first and wins.
      (doc.clusters as { name: string; cluster: { server: string } }[]).push({ name: 'alpha', cluster: { server: 'https://127.0.0.1:1' } });
    });
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: v1\nclusters:\n  - name: x\n    cluster: {server: "https://a\n');
    const loaded = await loadKubeconfig({ env: { KUBECONFIG: [a, join(dir, 'missing.yaml'), broken, b].join(':') }, home: dir });
    expect([...loaded.contexts.keys()]).toEqual(['alpha', 'beta']);
    expect(loaded.current).toBe('alpha');
    expect(loaded.clusters.get('alpha')?.cluster.server).toBe(t.cluster.url);
    expect(loaded.problems.map((p) => [p.kind, p.file.endsWith('.yaml') ? p.file.split('/').pop() : p.file, p.line])).toEqual([
      ['missing', 'missing.yaml', undefined],
      ['yaml', 'broken.yaml', 5],
    ]);
  });

  it('without KUBECONFIG, ~/.kube/config; without that, no contexts and no error', async () => {
    const home = join(dir, 'home');
    const { service, dispose } = serviceFor([], { kubeconfig: { env: {}, home } });
    cleanups.push(dispose);
    expect((await service.contexts()).contexts).toEqual([]);
    mkdirSync(join(home, '.kube'), { recursive: true });
    writeFileSync(join(home, '.kube', 'config'), readFileSync(renamedKubeconfig(t, 'home-ctx', dir), 'utf8'));
    const listed = await service.contexts();
    expect(listed.source).toBe('default');
    expect(listed.contexts.map((c) => [c.name, c.current, c.auth])).toEqual([['home-ctx', true, 'client-certificate']]);
  });
});

describe('the connection of a context', () => {
  it('connected: the version; unreachable: K8S_UNREACHABLE, retried with backoff, and back by itself', async () => {
    const file = renamedKubeconfig(t, 'flaky', dir);
    const { service, dispose } = serviceFor([file]);
    cleanups.push(dispose);
    expect(await service.state('flaky')).toMatchObject({ status: 'connected', version: 'v1.32.4' });
    const port = Number(new URL(t.cluster.url).port);
    await t.cluster.stop();
    await expect(service.overview('flaky')).rejects.toMatchObject({ code: 'K8S_UNREACHABLE' });
    await waitFor('unreachable', () => service.connection('flaky').state.status === 'unreachable' || undefined);
    expect(service.connection('flaky').state).toMatchObject({ everConnected: true, error: { code: 'K8S_UNREACHABLE', reason: 'k8sUnreachable' } });
    expect(service.connection('flaky').state.retryInMs).toBeGreaterThan(0);
    t = await startCluster({ dataDir: dir, port });
    await waitFor('reconnected', () => service.connection('flaky').state.status === 'connected' || undefined, 15_000);
  });

  it('an exec plugin that is not installed: said by name with how to get it', async () => {
    const file = renamedKubeconfig(t, 'gke', dir, (doc) => {
      doc.users = [{ name: 'gke-admin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin', interactiveMode: 'IfAvailable' } } }];
      (doc.contexts as { context: { user: string } }[])[0]!.context.user = 'gke-admin';
    });
    // A PATH without the plugin (this machine may have one in /usr/bin).
    const { service, dispose } = serviceFor([file], { searchPath: () => Promise.resolve(join(dir, 'empty-bin')) });
    cleanups.push(dispose);
    const state = await service.state('gke');
    expect(state).toMatchObject({ status: 'unauthorized', auth: { kind: 'exec-missing', subject: 'gke-gcloud-auth-plugin', detail: 'gcloud components install gke-gcloud-auth-plugin' } });
    expect(state.error).toMatchObject({ code: 'DENIED', reason: 'k8sExecPluginMissing' });
    expect((await service.contexts()).contexts[0]).toMatchObject({ auth: 'exec', execCommand: 'gke-gcloud-auth-plugin' });
  });

  it("an exec plugin on the login shell's PATH only is found and signs in", async () => {
    const bin = join(dir, 'login-bin');
    mkdirSync(bin, { recursive: true });
    const doc = readFileSync(t.cluster.kubeconfigPath, 'utf8');
    const cert = /client-certificate-data: (\S+)/.exec(doc)![1]!;
    const key = /client-key-data: (\S+)/.exec(doc)![1]!;
    const credential = JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { clientCertificateData: Buffer.from(cert, 'base64').toString(), clientKeyData: Buffer.from(key, 'base64').toString() },
    });
    writeFileSync(join(bin, 'lotse-test-login'), `#!/bin/sh\ncat <<'EOF'\n${credential}\nEOF\n`);
    chmodSync(join(bin, 'lotse-test-login'), 0o755);
    const file = renamedKubeconfig(t, 'sso', dir, (d) => {
      d.users = [{ name: 'sso-user', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'lotse-test-login' } } }];
      (d.contexts as { context: { user: string } }[])[0]!.context.user = 'sso-user';
    });
    const { service, dispose } = serviceFor([file], { searchPath: () => Promise.resolve(`/usr/bin:${bin}`) });
    cleanups.push(dispose);
    expect(await service.state('sso')).toMatchObject({ status: 'connected' });
    expect((await service.overview('sso')).practice).toBe(false);
  });

  it('forbidden: K8S_FORBIDDEN with the verb and resource refused; the watch says so instead of a list', async () => {
    const file = renamedKubeconfig(t, 'anon', dir, (d) => {
      d.users = [{ name: 'nobody', user: {} }];
      (d.contexts as { context: { user: string } }[])[0]!.context.user = 'nobody';
    });
    const { service, dispose } = serviceFor([file]);
    cleanups.push(dispose);
    expect(await service.state('anon')).toMatchObject({ status: 'connected' });
    const refused = await service.scale('anon', 'deployments', 'default', 'web', 3).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'K8S_FORBIDDEN', reason: 'k8sForbidden' });
    expect((refused as Error).message).toBe('Forbidden: system:anonymous may not patch deployments.apps/scale in namespace default.');
    const events: unknown[] = [];
    const stop = service.watch('anon', 'namespaces', undefined, (e) => events.push(e));
    await waitFor('the refusal', () => events.length > 0 || undefined);
    stop();
    expect(events[0]).toMatchObject({ kind: 'stale', error: { code: 'K8S_FORBIDDEN' } });
  });
});
