import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';

import { root } from '../../support/lab';

/** The store survives a kill in the middle of writes: every acknowledged object is there after a restart. */
const dir = mkdtempSync(join(tmpdir(), 'lotse-practice-kill-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Access {
  port: number;
  ca: string;
  cert: string;
  key: string;
}

function startServer(port: number): Promise<{ child: ChildProcess; access: Access }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/practice-cluster/main.ts'), '--data-dir', dir, '--port', String(port), '--no-runtime'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /KUBECONFIG=(.+)\n/.exec(out);
      if (!m) return;
      const config = parse(readFileSync(m[1] ?? '', 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority-data': string } }[]; users: { user: Record<string, string> }[] };
      const b64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString();
      resolve({
        child,
        access: {
          port: Number(new URL(config.clusters[0]!.cluster.server).port),
          ca: b64(config.clusters[0]!.cluster['certificate-authority-data']),
          cert: b64(config.users[0]!.user['client-certificate-data']),
          key: b64(config.users[0]!.user['client-key-data']),
        },
      });
    });
    child.on('exit', (code) => reject(new Error(`the practice cluster exited (${code}): ${err}`)));
  });
}

function call(a: Access, method: string, path: string, body?: object): Promise<{ code: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: a.port, method, path, ca: a.ca, cert: a.cert, key: a.key, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ code: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

describe('persistence', () => {
  it('a SIGKILL in the middle of writes loses no acknowledged object and leaves a loadable store', async () => {
    const first = await startServer(0);
    const acknowledged: string[] = [];
    let n = 0;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const name = `cm-${n++}`;
        try {
          const r = await call(first.access, 'POST', '/api/v1/namespaces/default/configmaps', { metadata: { name }, data: { payload: 'x'.repeat(2000) } });
          if (r.code === 201) acknowledged.push(name);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(50);

    const second = await startServer(first.access.port);
    const list = await call(second.access, 'GET', '/api/v1/namespaces/default/configmaps');
    expect(list.code).toBe(200);
    const names = new Set((JSON.parse(list.body) as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name));
    const missing = acknowledged.filter((name) => !names.has(name));
    expect(missing).toEqual([]);
    // Still writable, and resourceVersions keep counting up.
    const created = await call(second.access, 'POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'after-restart' } });
    expect(created.code).toBe(201);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  });
});
