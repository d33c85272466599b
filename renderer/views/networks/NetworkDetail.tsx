import { Badge, Button, Code, Drawer, Group, Select, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { type ReactElement, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { connectCommand, disconnectCommand, removeNetworkCommand } from '@shared/cli/networks';
import type { NetworkDetail as Detail } from '@shared/dto/networks';
import type { ErrorData } from '@shared/errors';

import { confirmAction, perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConcept } from '../../stores/concept';
import { toErrorData } from '../../stores/errors';
import { useNetworks } from '../../stores/networks';

/** `docker network inspect`: the attached containers with addresses and aliases; connect, disconnect, remove. */
export function NetworkDetail({ id, onClose }: { id: string | undefined; onClose: () => void }): ReactElement {
  const { t } = useTranslation('networks');
  const topology = useNetworks((s) => s.topology);
  const list = useNetworks((s) => s.list);
  const [detail, setDetail] = useState<Detail | undefined>(undefined);
  const [error, setError] = useState<ErrorData | undefined>(undefined);
  const [connect, setConnect] = useState({ container: '', aliases: [] as string[], ipv4: '' });

  const load = useCallback(async (): Promise<void> => {
    if (!id) return;
    try {
      setDetail(await api.call('networks.inspect', { id }));
      setError(undefined);
    } catch (e) {
      setError(toErrorData(e));
    }
  }, [id]);
  // Re-read when the list changes: the list follows engine events.
  useEffect(() => {
    if (!id) return undefined;
    let live = true;
    api.call('networks.inspect', { id }).then(
      (fresh) => {
        if (live) setDetail(fresh);
      },
      (e: unknown) => {
        if (live) setError(toErrorData(e));
      },
    );
    return () => {
      live = false;
    };
  }, [id, list]);

  const run = async (label: string, command: string, action: () => Promise<unknown>): Promise<void> => {
    try {
      await perform({ label, command, run: action });
      setError(undefined);
      await load();
    } catch (e) {
      setError(toErrorData(e));
    }
  };

  const remove = async (): Promise<void> => {
    if (!detail) return;
    const command = removeNetworkCommand(detail.name);
    const ok = await confirmAction({
      title: t('remove.title', { name: detail.name }),
      body: <Text size="sm">{detail.endpoints > 0 ? t('remove.endpoints', { count: detail.endpoints }) : t('remove.body')}</Text>,
      command,
      confirmLabel: t('remove.confirm'),
      danger: true,
    });
    if (!ok) return;
    try {
      await perform({ label: t('remove.title', { name: detail.name }), command, run: () => api.call('networks.remove', { id: detail.id }) });
      onClose();
    } catch (e) {
      setError(toErrorData(e));
    }
  };

  const candidates = (topology?.containers ?? []).filter((c) => !detail?.attached.some((a) => a.containerId === c.id));
  const connectRequest = { network: detail?.name ?? '', container: connect.container, aliases: connect.aliases, ...(connect.ipv4.trim() ? { ipv4: connect.ipv4.trim() } : {}) };
  const containerName = candidates.find((c) => c.id === connect.container)?.name ?? '<container>';

  return (
    <Drawer opened={id !== undefined} onClose={onClose} position="right" size="xl" title={detail ? <Title order={3}>{detail.name}</Title> : null}>
      {error ? <ErrorNotice error={error} /> : null}
      {detail ? (
        <Stack gap="md" data-testid="network-detail">
          <Group gap="xs">
            <Badge
              component="button"
              style={{ cursor: 'pointer' }}
              onClick={() => useConcept.getState().show(detail.driver === 'null' ? 'network-driver-none' : `network-driver-${detail.driver}`)}
            >
              {detail.driver}
            </Badge>
            <Badge variant="light">{detail.scope}</Badge>
            {detail.subnets.map((s) => (
              <Badge key={s.subnet} variant="outline" ff="monospace">
                {s.subnet}
              </Badge>
            ))}
          </Group>
          <CommandLine command={`docker network inspect ${detail.name}`} />
          <Title order={4}>{t('detail.attached')}</Title>
          {detail.attached.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('detail.none')}
            </Text>
          ) : (
            <Table data-testid="network-attached">
              <Table.Thead>
                <Table.Tr>
                  {(['container', 'ipv4', 'ipv6', 'mac', 'aliases', ''] as const).map((key) => (
                    <Table.Th key={key}>{key ? t(`detail.columns.${key}`) : ''}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {detail.attached.map((a) => (
                  <Table.Tr key={a.containerId}>
                    <Table.Td>
                      {a.name} <Text span size="xs" c="dimmed">({a.state})</Text>
                    </Table.Td>
                    <Table.Td ff="monospace">{a.ipv4 || '–'}</Table.Td>
                    <Table.Td ff="monospace">{a.ipv6 || '–'}</Table.Td>
                    <Table.Td ff="monospace">{a.mac || '–'}</Table.Td>
                    <Table.Td>{a.aliases.join(', ') || '–'}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() =>
                          void run(t('detail.disconnect', { name: a.name }), disconnectCommand(detail.name, a.name), () =>
                            api.call('networks.disconnect', { network: detail.id, container: a.containerId }),
                          )
                        }
                      >
                        {t('detail.disconnectShort')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Title order={4}>{t('connect.title')}</Title>
          <Group grow align="flex-end">
            <Select
              label={t('connect.container')}
              searchable
              value={connect.container || null}
              data={candidates.map((c) => ({ value: c.id, label: c.name }))}
              onChange={(value) => setConnect({ ...connect, container: value ?? '' })}
              data-testid="connect-container"
            />
            <TagsInput label={t('connect.aliases')} value={connect.aliases} onChange={(aliases) => setConnect({ ...connect, aliases })} />
            <TextInput label={t('connect.ipv4')} placeholder={detail.subnets[0] ? detail.subnets[0].subnet.replace(/\.0\/\d+$/, '.20') : ''} value={connect.ipv4} onChange={(e) => setConnect({ ...connect, ipv4: e.currentTarget.value })} />
          </Group>
          <CommandLine command={connectCommand({ ...connectRequest, container: containerName })} />
          <Group>
            <Button
              disabled={!connect.container}
              onClick={() =>
                void run(t('connect.action', { name: containerName }), connectCommand({ ...connectRequest, container: containerName }), () =>
                  api.call('networks.connect', { ...connectRequest, network: detail.id }),
                ).then(() => setConnect({ container: '', aliases: [], ipv4: '' }))
              }
            >
              {t('connect.submit')}
            </Button>
            <Button color="red" variant="light" onClick={() => void remove()} disabled={detail.predefined} data-testid="network-remove">
              {t('remove.button')}
            </Button>
          </Group>
          {detail.predefined ? (
            <Text size="xs" c="dimmed">
              {t('remove.predefined')}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {t('detail.endpointExplain')} <Code>docker network rm</Code>
          </Text>
        </Stack>
      ) : null}
    </Drawer>
  );
}
