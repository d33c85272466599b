import { ActionIcon, Alert, Badge, Button, CopyButton, Group, Mark, NumberInput, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCopy, IconDownload, IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactElement, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { containerCli } from '@shared/cli/containers/lifecycle';
import type { LogLine, StreamEngineMark } from '@shared/dto/containers';

import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber } from '../../format';
import { LOG_CAPACITY, type LogMark, useContainerLogs } from '../../stores/containerLogs';

function highlight(text: string, needle: string): ReactNode {
  if (!needle) return text;
  const parts: ReactNode[] = [];
  const lower = text.toLowerCase();
  const n = needle.toLowerCase();
  let at = 0;
  let found = lower.indexOf(n);
  while (found >= 0) {
    parts.push(text.slice(at, found), <Mark key={found}>{text.slice(found, found + n.length)}</Mark>);
    at = found + n.length;
    found = lower.indexOf(n, at);
  }
  parts.push(text.slice(at));
  return parts;
}

function lineText(line: LogLine): string {
  return line.timestamp ? `${line.timestamp} ${line.text}` : line.text;
}

type Row = { line: LogLine } | { mark: StreamEngineMark };

/** The shown lines with the engine's marks between them; `lines` are the last of `received` lines. */
function withMarks(lines: LogLine[], marks: LogMark[], received: number, keep: (line: LogLine) => boolean): Row[] {
  const base = received - lines.length;
  // Marks before the oldest line kept belong to lines that are gone.
  const pending = marks.filter((mark) => mark.after >= base);
  const rows: Row[] = [];
  lines.forEach((line, i) => {
    while (pending[0] && pending[0].after <= base + i) rows.push({ mark: (pending.shift() as LogMark).mark });
    if (keep(line)) rows.push({ line });
  });
  rows.push(...pending.map((mark) => ({ mark: mark.mark })));
  return rows;
}

/** `docker logs -f`: the last LOG_CAPACITY lines, stdout and stderr told apart, searchable. */
export function LogsPanel({ id, name }: { id: string; name: string }): ReactElement {
  const { t, i18n } = useTranslation('containers');
  const [follow, setFollow] = useState(true);
  const [tail, setTail] = useState<number | string>(500);
  const [since, setSince] = useState('');
  const [timestamps, setTimestamps] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [search, setSearch] = useState('');
  const followLogs = useContainerLogs((s) => s.follow);
  const { ring, version, received, evicted, ended, error, marks } = useContainerLogs();
  const tailValue = typeof tail === 'number' ? tail : undefined;
  const sinceValue = /^(\d+(\.\d+)?|\d+[smh])$/.test(since) ? since : undefined;

  // One subscription while the panel is open; closing the panel stops following.
  useEffect(
    () => followLogs(id, { follow, tail: tailValue, since: sinceValue, timestamps }),
    [id, follow, tailValue, sinceValue, timestamps, followLogs],
  );

  // version changes whenever the ring moved.
  const lines = version >= 0 ? ring.toArray() : [];
  const matches = (l: LogLine): boolean => !search || l.text.toLowerCase().includes(search.toLowerCase());
  const shown = search ? lines.filter(matches) : lines;
  const rows = withMarks(lines, marks, received, matches);
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => 20, overscan: 20 });
  const atBottom = useRef(true);
  useEffect(() => {
    if (atBottom.current && rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows.length, version, virtualizer]);

  const download = (): void => {
    const blob = new Blob([lines.map(lineText).join('\n')], { type: 'text/plain' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}.log`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Stack gap="xs" data-testid="logs-panel">
      <Alert variant="light" icon={<IconInfoCircle />} p="xs">
        <Text size="xs">{t('logs.lifetime')}</Text>
      </Alert>
      <Group gap="sm" align="flex-end">
        <Switch label={t('logs.follow')} checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} />
        <NumberInput label={t('logs.tail')} description={t('logs.tailHelp')} value={tail} onChange={setTail} min={0} max={100000} w={120} size="xs" />
        <TextInput label={t('logs.since')} description={t('logs.sinceHelp')} value={since} onChange={(e) => setSince(e.currentTarget.value)} w={120} size="xs" error={since && !sinceValue ? '10m, 2h' : undefined} />
        <Switch label={t('logs.timestamps')} checked={timestamps} onChange={(e) => setTimestamps(e.currentTarget.checked)} />
        <Switch label={t('logs.wrap')} checked={wrap} onChange={(e) => setWrap(e.currentTarget.checked)} />
        <TextInput label={t('logs.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} size="xs" w={180} data-testid="logs-search" />
        <CopyButton value={shown.map(lineText).join('\n')}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? '✓' : t('logs.copy')}>
              <ActionIcon variant="default" onClick={copy} aria-label={t('logs.copy')}>
                <IconCopy size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
        <Tooltip label={t('logs.download')}>
          <ActionIcon variant="default" onClick={download} aria-label={t('logs.download')}>
            <IconDownload size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('logs.clear')}>
          <ActionIcon variant="default" onClick={() => useContainerLogs.getState().clear()} aria-label={t('logs.clear')}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <CommandLine command={containerCli.logs(name, { follow, tail: tailValue, since: sinceValue, timestamps })} />
      {error ? <ErrorNotice error={error} /> : null}
      <div
        ref={parent}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 30;
        }}
        style={{ height: 'calc(100vh - 420px)', minHeight: 200, overflow: 'auto', fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12, background: 'var(--mantine-color-default-hover)', borderRadius: 4 }}
        data-testid="logs-view"
        role="log"
        aria-live="off"
      >
        {rows.length === 0 && !error ? (
          <Stack gap={4} p="md" maw={640} ff="text" data-testid="logs-empty">
            {search && lines.length > 0 ? (
              <Text size="sm">{t('logs.empty.noMatch', { search })}</Text>
            ) : (
              <>
                <Text size="sm" fw={600}>
                  {t('logs.empty.title')}
                </Text>
                <Text size="sm">{t('logs.empty.body')}</Text>
                {sinceValue || tailValue === 0 ? <Text size="sm">{t('logs.empty.filtered')}</Text> : null}
              </>
            )}
          </Stack>
        ) : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            if ('mark' in row) {
              return (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)`, padding: '0 8px', textAlign: 'center', color: row.mark === 'lost' ? 'var(--mantine-color-orange-text)' : 'var(--mantine-color-green-text)' }}
                  data-testid="logs-mark"
                  data-mark={row.mark}
                >
                  — {t(row.mark === 'lost' ? 'logs.engineLost' : 'logs.reconnected')} —
                </div>
              );
            }
            const { line } = row;
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)`, padding: '0 8px', whiteSpace: wrap ? 'pre-wrap' : 'pre', wordBreak: wrap ? 'break-all' : undefined, color: line.stream === 'stderr' ? 'var(--mantine-color-red-text)' : undefined, borderLeft: `3px solid ${line.stream === 'stderr' ? 'var(--mantine-color-red-filled)' : 'transparent'}` }}
                data-stream={line.stream}
              >
                {line.timestamp ? <span style={{ opacity: 0.6 }}>{line.timestamp} </span> : null}
                {highlight(line.text, search)}
              </div>
            );
          })}
        </div>
      </div>
      <Group gap="xs">
        <Badge variant="light" size="sm">
          {t('logs.count', { shown: formatNumber(shown.length, i18n.language), received: formatNumber(received, i18n.language) })}
        </Badge>
        {evicted ? (
          <Badge variant="light" color="orange" size="sm">
            {t('logs.evicted', { count: evicted, capacity: LOG_CAPACITY })}
          </Badge>
        ) : null}
        <Badge variant="light" color="red" size="sm">
          {t('logs.stderrLegend')}
        </Badge>
        {ended ? <Text size="xs" c="dimmed">{t('logs.ended')}</Text> : null}
        {follow && !ended ? (
          <Button size="compact-xs" variant="subtle" onClick={() => virtualizer.scrollToIndex(rows.length - 1, { align: 'end' })}>
            {t('logs.toEnd')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
