import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Backend, createBackend } from '../../../electron/rpc/backend';
import { RpcClient } from '../../../renderer/api/client';
import { inMemoryTransport } from '../../support/in-memory';
import { labEnv, removeLabelled, root } from '../../support/lab';

/** The Compose methods through the router (in-memory transport, results checked against the contract), with the lab's Compose v1. */
const lab = labEnv();
const name = `lotsetestrpc${String(process.pid)}${String(Date.now())}`;
const work = mkdtempSync('/tmp/lotse-compose-rpc-');
const web = join(work, 'web');
let backend: Backend;
let api: RpcClient;

beforeAll(async () => {
  cpSync(resolve(root, 'tests/fixtures/compose/course/web'), web, { recursive: true });
  backend = createBackend({ version: 'test', strictResults: true, dataDir: join(work, 'data') });
  api = new RpcClient(inMemoryTransport(backend.router));
  await backend.engine.reconnect();
});

afterAll(async () => {
  await removeLabelled(`label=com.docker.compose.project=${name}`).catch(() => undefined);
  backend.close();
  rmSync(work, { recursive: true, force: true });
});

describe('compose over the router', () => {
  it('refuses a malformed request with INVALID_PARAMS, never reaching the service', async () => {
    await expect(api.call('compose.open', { path: '/x', files: ['/y'] })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(api.call('compose.run', { project: 'Bad Name', action: { kind: 'up' } } as never)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(api.call('compose.run', { project: name, action: { kind: 'exec' } } as never)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(api.call('compose.run', { project: name, action: { kind: 'up', scale: { web: 1000 } } })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it("opens the course's web sample and says what is wrong with it, in the doctor's words", async () => {
    const opened = await api.call('compose.open', { path: web, projectName: name });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.analysis.flavor).toBe('v1');
    expect(opened.analysis.findings.map((f) => `${String(f.at.line)} ${f.rule}`)).toEqual(['3 keys-as-services']);
  });

  it('checks the unsaved text of the editor, then saves it; a file changed on disk meanwhile is not overwritten', async () => {
    const file = join(web, 'docker-compose.yml');
    const fixed = `services:\n  web:\n    image: ${lab.LOTSE_LAB_IMAGE_HTTPD ?? 'lotse-lab/httpd:1.0'}\n    ports:\n      - "80"\n    stop_grace_period: 1s\n`;
    const checked = await api.call('compose.analyze', { project: name, overrides: [{ path: file, text: fixed }] });
    expect(checked.findings).toEqual([]);
    const version = checked.files[0]?.version ?? '';
    writeFileSync(file, `${readFileSync(file, 'utf8')}# changed elsewhere\n`);
    await expect(api.call('compose.save', { project: name, path: file, text: fixed, version })).rejects.toMatchObject({ code: 'CONFLICT' });
    const fresh = (await api.call('compose.analyze', { project: name })).files[0]?.version ?? '';
    const saved = await api.call('compose.save', { project: name, path: file, text: fixed, version: fresh });
    expect(readFileSync(file, 'utf8')).toBe(fixed);
    expect(readFileSync(saved.backup, 'utf8')).toContain('# changed elsewhere');
    await expect(api.call('compose.save', { project: name, path: '/etc/passwd', text: 'x', version: '' })).rejects.toMatchObject({ code: 'DENIED' });
  });

  it('runs up with its output as progress, lists the project, and takes it down again', async () => {
    const progress: string[] = [];
    const outcome = await api.call('compose.run', { project: name, action: { kind: 'up' } }, { onProgress: (line) => progress.push(line.text) });
    expect(outcome.ok).toBe(true);
    expect(progress.join('\n')).toContain(`${name}_web_1`);
    const [project] = await api.call('compose.projects', { projects: [name] });
    expect(project?.services.map((s) => [s.name, s.running])).toEqual([['web', 1]]);
    expect((await api.call('compose.run', { project: name, action: { kind: 'down', volumes: false } })).ok).toBe(true);
    expect(await api.call('compose.forget', { project: name })).toEqual({ forgotten: true });
    expect(readdirSync(join(work, 'data'))).toContain('compose-projects.json');
  });

  it('a project Lotse does not know is NOT_FOUND', async () => {
    await expect(api.call('compose.run', { project: 'lotsetestnobody', action: { kind: 'ps' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
