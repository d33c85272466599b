import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { root } from '../../support/lab';

const run = promisify(execFile);

/** A Node process that throws and rejects where nothing catches it, with or without the guard. */
async function misbehave(guarded: boolean): Promise<{ code: number; stdout: string }> {
  const script = `
    import { keepServing } from './electron/rpc/backend.ts';
    const logged = [];
    if (${guarded}) keepServing((message) => logged.push(message));
    setTimeout(() => { throw new Error('thrown where nothing catches it'); }, 0);
    void Promise.reject(new Error('rejected where nobody waits'));
    setTimeout(() => console.log(JSON.stringify(logged)), 200);
  `;
  return run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

describe('the process-level guard of the backend', () => {
  it('logs what nobody caught and keeps the process running', async () => {
    const { code, stdout } = await misbehave(true);
    expect(code).toBe(0);
    const logged = JSON.parse(stdout) as string[];
    expect(logged.sort()).toEqual([expect.stringMatching(/failed promise nobody waited for/), expect.stringMatching(/no handler caught/)]);
  });

  it('is what keeps it running: without it the same process ends', async () => {
    const { code, stdout } = await misbehave(false);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
  });
});
