import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { cli } from '@shared/cli/shell';

import { exportJournal, journalFileName } from '../../../renderer/learn/journal-export';
import type { JournalEntry } from '../../../renderer/stores/journal';

const dir = mkdtempSync(join(tmpdir(), 'lotse-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `bash -n`: parses the script without running anything; throws with bash's message when invalid. */
function bashCheck(script: string): void {
  const file = join(dir, `s${String(Math.random()).slice(2)}.sh`);
  writeFileSync(file, script);
  execFileSync('bash', ['-n', file], { stdio: 'pipe' });
}

let id = 0;
function makeEntry(command: string, overrides: Partial<JournalEntry> = {}): JournalEntry {
  id += 1;
  return { id: String(id), time: Date.UTC(2026, 10, 22, 9, id), label: `Action ${String(id)}`, command, status: 'ok', ...overrides };
}

const tricky = [
  makeEntry(cli('docker', 'volume', 'create', 'foo'), { label: 'Volume foo anlegen' }),
  makeEntry(cli('docker', 'run', '-d', '--name', 'web', '-p', '8080:80', '-v', 'foo:/www', 'lotse-lab/httpd:1.0')),
  makeEntry(cli('docker', 'exec', 'web', 'sh', '-c', `echo "it's <b>fine</b>" > /www/index.html; ls | wc -l`)),
  makeEntry(cli('docker', 'run', '--rm', 'busybox', 'sh', '-c', 'printf "a\nb"\necho $HOME `id`')),
  makeEntry(cli('docker', 'rm', 'missing'), {
    status: 'error',
    label: 'Remove missing\nwith a newline',
    error: { code: 'NOT_FOUND', message: 'No such container: missing\n# not a command', hint: 'Check the name' },
  }),
  makeEntry(cli('docker', 'pull', 'nginx:1.27'), { status: 'running' }),
  makeEntry(cli('docker', 'run', '-e', 'DB_PASSWORD=s3cr3t value', 'lotse-lab/busybox:1.0')),
];

describe('exportJournal', () => {
  it('writes a script bash accepts, with every successful command as its own line', () => {
    const script = exportJournal(tricky, { language: 'de', now: Date.UTC(2026, 10, 22, 10), hideSecrets: false });
    expect(() => bashCheck(script)).not.toThrow();
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    const lines = script.split('\n');
    for (const entry of tricky.filter((e) => e.status === 'ok')) {
      // Multi-line quoted arguments stay intact: the command appears verbatim.
      expect(script).toContain(`\n${entry.command}\n`);
    }
    expect(lines.filter((l) => /^# 1\. \[\d\d:\d\d:\d\d\] Volume foo anlegen$/.test(l))).toHaveLength(1);
    expect(script).toContain('Exportiert');
  });

  it('comments out failed and unfinished actions with their error, so the script replays only what worked', () => {
    const script = exportJournal(tricky, { language: 'en', now: 0, hideSecrets: false });
    expect(script).toContain('# docker rm missing');
    expect(script).not.toMatch(/^docker rm missing$/m);
    expect(script).toContain('# Failed – NOT_FOUND: No such container: missing # not a command');
    expect(script).toContain('# docker pull nginx:1.27');
    expect(script).not.toMatch(/^# not a command$/m);
    expect(script).not.toMatch(/^with a newline/m);
  });

  it('hides secrets in trainer mode and stays valid', () => {
    const script = exportJournal(tricky, { language: 'en', now: 0, hideSecrets: true });
    expect(script).not.toContain('s3cr3t');
    expect(script).toContain('# Passwords and tokens are replaced by ••••••');
    expect(() => bashCheck(script)).not.toThrow();
  });

  it('exports an empty journal as a valid script that says so', () => {
    const script = exportJournal([], { language: 'de', now: 0, hideSecrets: false });
    expect(script).toContain('Das Journal ist leer.');
    expect(() => bashCheck(script)).not.toThrow();
  });

  it('names the file after the moment of export', () => {
    expect(journalFileName(new Date(2026, 10, 22, 5, 7).getTime())).toBe('lotse-journal-2026-11-22-0507.sh');
  });
});
