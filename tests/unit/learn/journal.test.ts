import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { cli } from '@shared/cli/shell';
import { LotseError } from '@shared/errors';

// perform() shows toasts and translates error codes; neither exists without a window.
vi.mock('@mantine/notifications', () => ({ notifications: { show: vi.fn() } }));
vi.mock('../../../renderer/i18n', () => ({ default: { t: (key: string) => key } }));
vi.mock('react-i18next', () => ({ useTranslation: () => ({ t: (key: string) => key, i18n: { language: 'en' } }) }));

const { perform } = await import('../../../renderer/actions/perform');
const { useJournal } = await import('../../../renderer/stores/journal');
const { JournalEntryRow } = await import('../../../renderer/components/JournalEntryRow');

const commands = [
  cli('docker', 'volume', 'create', 'foo'),
  cli('docker', 'run', '-d', '--name', 'web', '-p', '8080:80', '--mount', 'type=volume,source=foo,target=/www', 'lotse-lab/httpd:1.0'),
  cli('docker', 'exec', 'web', 'sh', '-c', `echo "Hallo" > /www/index.html && echo 'it''s'`),
];

describe('journal', () => {
  beforeEach(() => useJournal.getState().clear());

  it('records exactly the command strings the actions pass, in order, with their result', async () => {
    for (const command of commands) await perform({ label: `run ${command}`, command, run: () => Promise.resolve(1) });
    await expect(
      perform({ label: 'fails', command: cli('docker', 'rm', 'nope'), run: () => Promise.reject(new LotseError('NOT_FOUND', 'No such container: nope')) }),
    ).rejects.toThrow('No such container');
    const entries = useJournal.getState().entries;
    expect(entries.map((e) => e.command)).toEqual([...commands, 'docker rm nope']);
    expect(entries.map((e) => e.status)).toEqual(['ok', 'ok', 'ok', 'error']);
    expect(entries[3]?.error?.code).toBe('NOT_FOUND');
  });

  it('renders the same command string the action used', async () => {
    const command = commands[2] ?? '';
    await perform({ label: 'write the page', command, run: () => Promise.resolve(undefined) });
    const entry = useJournal.getState().entries[0];
    if (!entry) throw new Error('no entry');
    const html = renderToStaticMarkup(createElement(MantineProvider, null, createElement(JournalEntryRow, { entry, hideSecrets: false })));
    const rendered = /data-testid="command-line"[^>]*>([\s\S]*?)<\/code>/.exec(html)?.[1] ?? '';
    const text = rendered.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&amp;', '&').replaceAll('&gt;', '>').replaceAll('&lt;', '<').replaceAll('<!-- -->', '');
    expect(text).toBe(`$ ${command}`);
  });
});
