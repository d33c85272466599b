import { Accordion, Badge, Code, Group, Loader, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { type ReactElement, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { containerCli } from '@shared/cli/containers/lifecycle';
import type { ContainerDetails } from '@shared/dto/containers';
import type { ErrorData } from '@shared/errors';

import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatBytes } from '../../format';
import { toErrorData } from '../../stores/errors';
import { StateBadge } from './StateBadge';

function Rows({ rows }: { rows: [string, ReactNode][] }): ReactElement {
  return (
    <Table>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={200}>{label}</Table.Th>
            <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const mono = (text: string): ReactNode => (text ? <Code>{text}</Code> : '–');

/** `docker inspect` as sections a learner can read, and the raw answer below. */
export function InspectPanel({ id, name, version }: { id: string; name: string; version: string }): ReactElement {
  const { t, i18n } = useTranslation('containers');
  const [details, setDetails] = useState<ContainerDetails | undefined>(undefined);
  const [error, setError] = useState<ErrorData | undefined>(undefined);
  useEffect(() => {
    api.call('containers.inspect', { id }).then(
      (d) => {
        setDetails(d);
        setError(undefined);
      },
      (e: unknown) => setError(toErrorData(e)),
    );
  }, [id, version]);
  if (error) return <ErrorNotice error={error} />;
  if (!details) return <Loader size="sm" />;
  const d = details;
  const time = (ms: number | undefined): string => (ms ? new Date(ms).toLocaleString(i18n.language) : '–');
  const limit = (bytes: number): string => (bytes > 0 ? formatBytes(bytes, i18n.language) : bytes === -1 ? t('inspect.unlimited') : t('inspect.none'));
  return (
    <Stack gap="sm" data-testid="inspect-panel">
      <CommandLine command={containerCli.inspect(name)} />
      <Accordion multiple defaultValue={['config', 'state', 'mounts', 'networks', 'resources']} variant="separated">
        <Accordion.Item value="config">
          <Accordion.Control>{t('inspect.config')}</Accordion.Control>
          <Accordion.Panel>
            <Rows
              rows={[
                [t('fields.image'), <Group gap={4} key="i"><Code>{d.image}</Code><Text size="xs" c="dimmed">{d.imageId.slice(7, 19)}</Text></Group>],
                [t('fields.entrypoint'), mono(d.config.entrypoint.join(' '))],
                [t('fields.command'), mono(d.config.cmd.join(' '))],
                [t('inspect.process'), mono([d.path, ...d.args].join(' '))],
                [t('fields.workdir'), mono(d.config.workdir)],
                [t('fields.user'), mono(d.config.user || 'root (0)')],
                [t('fields.hostname'), mono(d.config.hostname)],
                ['TTY / stdin', `${String(d.config.tty)} / ${String(d.config.openStdin)}`],
                [t('fields.env'), <Stack gap={2} key="e">{d.config.env.map((e) => <Code key={e}>{e}</Code>)}</Stack>],
                [t('fields.labels'), <Stack gap={2} key="l">{Object.entries(d.config.labels).map(([k, v]) => <Code key={k}>{k}={v}</Code>)}</Stack>],
                [t('inspect.exposed'), d.config.exposedPorts.join(', ') || '–'],
                [t('inspect.ports'), d.ports.map((p) => `${p.hostIp ?? ''}${p.hostPort ? `:${p.hostPort}→` : ''}${p.containerPort}/${p.protocol}`).join(', ') || '–'],
              ]}
            />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="state">
          <Accordion.Control>{t('inspect.state')}</Accordion.Control>
          <Accordion.Panel>
            <Rows
              rows={[
                [t('list.columns.state'), <StateBadge key="s" state={d.state.status} health={d.state.health} />],
                ['PID', String(d.state.pid)],
                [t('inspect.exitCode'), String(d.state.exitCode)],
                [t('inspect.error'), d.state.error || '–'],
                ['OOM killed', d.state.oomKilled ? <Badge color="red" key="o">OOM</Badge> : '–'],
                [t('inspect.created'), time(d.created)],
                [t('inspect.started'), time(d.state.startedAt)],
                [t('inspect.finished'), time(d.state.finishedAt)],
                [t('inspect.restartCount'), String(d.restartCount)],
                [t('fields.restart'), `${d.restartPolicy.name}${d.restartPolicy.maxRetries ? `:${d.restartPolicy.maxRetries}` : ''}`],
                ['--rm', String(d.autoRemove)],
                [t('fields.readOnly'), String(d.readOnly)],
                [t('inspect.logDriver'), d.logDriver],
              ]}
            />
            {d.state.healthLog.length ? (
              <>
                <Text size="sm" fw={600} mt="sm">
                  {t('inspect.healthLog')}
                </Text>
                {d.state.healthLog.map((h) => (
                  <Text key={h.start} size="xs" ff="monospace">
                    {time(h.start)} · exit {h.exitCode} · {h.output.trim()}
                  </Text>
                ))}
              </>
            ) : null}
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="mounts">
          <Accordion.Control>{t('inspect.mounts')}</Accordion.Control>
          <Accordion.Panel>
            {d.mounts.length ? (
              <Rows rows={d.mounts.map((m) => [`${m.type}${m.readOnly ? ' (ro)' : ''}`, <Code key={m.destination}>{`${m.name ?? m.source} → ${m.destination}`}</Code>])} />
            ) : (
              <Text size="sm">{t('inspect.noMounts')}</Text>
            )}
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="networks">
          <Accordion.Control>{t('inspect.networks')}</Accordion.Control>
          <Accordion.Panel>
            <Rows rows={d.networks.map((n) => [n.name, `${n.ipAddress || '–'} (gateway ${n.gateway || '–'}, MAC ${n.macAddress || '–'})${n.aliases.length ? ` · aliases: ${n.aliases.join(', ')}` : ''}`])} />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="resources">
          <Accordion.Control>{t('inspect.resources')}</Accordion.Control>
          <Accordion.Panel>
            <Rows
              rows={[
                [t('fields.memory'), limit(d.resources.memoryBytes)],
                [t('fields.memorySwap'), limit(d.resources.memorySwapBytes)],
                [t('fields.cpuShares'), d.resources.cpuShares ? String(d.resources.cpuShares) : t('inspect.defaultShares')],
                [t('fields.cpus'), d.resources.nanoCpus ? String(d.resources.nanoCpus / 1e9) : t('inspect.none')],
              ]}
            />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="raw">
          <Accordion.Control>{t('inspect.raw')}</Accordion.Control>
          <Accordion.Panel>
            <ScrollArea h={400}>
              <Code block data-testid="inspect-raw">
                {JSON.stringify(d.raw, null, 2)}
              </Code>
            </ScrollArea>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
