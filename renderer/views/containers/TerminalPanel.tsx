import '@xterm/xterm/css/xterm.css';

import { ActionIcon, Badge, Button, Group, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconCopy, IconPlayerPlay } from '@tabler/icons-react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { containerCli } from '@shared/cli/containers/lifecycle';

import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { toErrorData } from '../../stores/errors';

type Mode = 'exec' | 'attach';
type Status = { kind: 'connecting' } | { kind: 'open' } | { kind: 'ended'; code?: number | undefined; reason: string };

/** `docker exec -it CONTAINER sh` in a real terminal, or `docker attach` to the main process. */
export function TerminalPanel({ id, name, running }: { id: string; name: string; running: boolean }): ReactElement {
  const { t } = useTranslation('containers');
  const [mode, setMode] = useState<Mode>('exec');
  const [shell, setShell] = useState('sh');
  const [run, setRun] = useState(0);
  const [status, setStatus] = useState<Status>({ kind: 'connecting' });
  const host = useRef<HTMLDivElement>(null);
  const terminal = useRef<Terminal | undefined>(undefined);

  useEffect(() => {
    const element = host.current;
    if (!element || !running) return undefined;
    const term = new Terminal({ cursorBlink: true, fontSize: 13, convertEol: false, scrollback: 5000 });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();
    terminal.current = term;
    setStatus({ kind: 'connecting' });
    let session: string | undefined;
    let disposeTopic: (() => void) | undefined;
    let closed = false;
    const input = term.onData((data) => {
      if (session) void api.call('containers.session.input', { session, data }).catch(() => undefined);
    });
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        fit.fit();
        if (session) void api.call('containers.session.resize', { session, cols: term.cols, rows: term.rows }).catch(() => undefined);
      }, 100);
    });
    observer.observe(element);
    api
      .call('containers.session.open', { id, mode, command: [shell], cols: term.cols, rows: term.rows })
      .then(({ session: opened }) => {
        if (closed) return;
        session = opened;
        setStatus({ kind: 'open' });
        disposeTopic = api.subscribe('containers.session', { session: opened }, (event) => {
          if (event.data) term.write(event.data);
          if (event.exit) {
            const code = event.exit.code;
            term.write(`\r\n\x1b[2m[${code === undefined ? event.exit.reason : t('terminal.exitCode', { code })}]\x1b[0m\r\n`);
            setStatus({ kind: 'ended', code, reason: event.exit.reason });
          }
        });
        term.focus();
      })
      .catch((error: unknown) => {
        const data = toErrorData(error);
        term.write(`\x1b[31m${data.message}\x1b[0m\r\n${data.hint ?? ''}\r\n`);
        setStatus({ kind: 'ended', reason: data.message });
      });
    return () => {
      closed = true;
      clearTimeout(resizeTimer);
      observer.disconnect();
      input.dispose();
      disposeTopic?.();
      term.dispose();
      terminal.current = undefined;
    };
  }, [id, mode, shell, run, running, t]);

  const command = mode === 'exec' ? containerCli.exec(name, [shell]) : containerCli.attach(name);
  return (
    <Stack gap="xs" data-testid="terminal-panel">
      <Group gap="sm">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => setMode(v === 'attach' ? 'attach' : 'exec')}
          data={[
            { value: 'exec', label: t('terminal.exec') },
            { value: 'attach', label: t('terminal.attach') },
          ]}
        />
        {mode === 'exec' ? <SegmentedControl size="xs" value={shell} onChange={setShell} data={['sh', 'bash']} /> : null}
        <Badge variant="light" color={status.kind === 'open' ? 'teal' : status.kind === 'ended' ? 'gray' : 'blue'} data-testid="terminal-status">
          {status.kind === 'ended' ? (status.code === undefined ? t('terminal.ended') : t('terminal.exitCode', { code: status.code })) : t(`terminal.${status.kind}`)}
        </Badge>
        {status.kind === 'ended' && running ? (
          <Button size="compact-xs" leftSection={<IconPlayerPlay size={12} />} onClick={() => setRun((n) => n + 1)}>
            {t('terminal.again')}
          </Button>
        ) : null}
        <Tooltip label={t('terminal.copy')}>
          <ActionIcon variant="default" aria-label={t('terminal.copy')} onClick={() => void navigator.clipboard?.writeText(terminal.current?.getSelection() ?? '')}>
            <IconCopy size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Text size="xs" c="dimmed">
        {mode === 'exec' ? t('terminal.execHelp') : t('terminal.attachHelp')}
      </Text>
      <CommandLine command={command} />
      {running ? (
        <div ref={host} style={{ height: 'calc(100vh - 400px)', minHeight: 240, background: '#000', padding: 4, borderRadius: 4 }} data-testid="terminal" />
      ) : (
        <Text c="dimmed">{t('terminal.notRunning')}</Text>
      )}
    </Stack>
  );
}
