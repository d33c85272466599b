import { Alert, Badge, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { LoadSpreadResult, ServiceSummary } from '@shared/dto/swarm';

import { perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { nodeName, useSwarm } from '../../stores/swarm';

/**
 * How the swarm spreads requests, shown where it can be: a short-lived helper on the service's
 * overlay network asks for tasks.<service> and requests what it gets, so each answer names its
 * task and node. The routing mesh's published port is explained, and whether the service's
 * virtual IP answered here is said as it is.
 */
export function LoadSpread({ service }: { service: ServiceSummary }): ReactElement {
  const { t } = useTranslation('swarm');
  const snapshot = useSwarm((s) => s.snapshot);
  const [requests, setRequests] = useState<number | string>(12);
  const [result, setResult] = useState<LoadSpreadResult | undefined>(undefined);
  const { busy, error, submit } = useSubmit(requests);
  const n = typeof requests === 'number' ? requests : 12;
  const run = (): void =>
    void submit(async () => {
      const done = await perform({
        label: t('spread.action', { service: service.name }),
        command: `docker run --rm --network <overlay> busybox nslookup tasks.${service.name}`,
        run: () => api.call('swarm.services.loadSpread', { service: service.id, requests: n }),
      });
      setResult(done);
    });
  const counts = new Map<string, number>();
  for (const r of result?.requests ?? []) counts.set(r.address, (counts.get(r.address) ?? 0) + 1);
  return (
    <Stack gap="sm" data-testid="load-spread">
      <Text size="sm">{t('spread.intro')}</Text>
      <Alert color="gray">
        <Text size="sm">{t('spread.mesh')}</Text>
      </Alert>
      <Group align="flex-end">
        <NumberInput label={t('spread.requests')} min={1} max={50} w={160} value={requests} onChange={setRequests} />
        <Button onClick={run} loading={busy} data-testid="spread-run">
          {t('spread.run')}
        </Button>
      </Group>
      {error ? <ErrorNotice error={error} /> : null}
      {result ? (
        <Stack gap="xs" data-testid="spread-result">
          <Text size="sm">{t('spread.resolved', { count: result.tasks.length, network: result.network, port: result.port })}</Text>
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('spread.address')}</Table.Th>
                <Table.Th>{t('spread.task')}</Table.Th>
                <Table.Th>{t('spread.node')}</Table.Th>
                <Table.Th>{t('spread.answers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.tasks.map((task) => (
                <Table.Tr key={task.address} data-testid="spread-task">
                  <Table.Td ff="monospace">{task.address}</Table.Td>
                  <Table.Td>{task.slot === undefined ? task.taskId.slice(0, 12) : `${result.service}.${task.slot}`}</Table.Td>
                  <Table.Td>{nodeName(snapshot, task.nodeId)}</Table.Td>
                  <Table.Td>
                    <Badge color={task.answered ? 'teal' : 'red'} size="sm">
                      {task.answered ? t('spread.answered', { count: counts.get(task.address) ?? 0 }) : t('spread.silent')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" data-testid="spread-vip">
            {t(result.vipAnswered ? 'spread.vipAnswered' : 'spread.vipSilent', { service: result.service })}
          </Text>
          {result.commands.map((c) => (
            <CommandLine key={c} command={c} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
