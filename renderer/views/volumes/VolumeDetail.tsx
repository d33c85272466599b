import { Anchor, Badge, Breadcrumbs, Button, Code, Drawer, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconFile, IconFolder, IconLink } from '@tabler/icons-react';
import { type ReactElement, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { removeVolumeCommand } from '@shared/cli/volumes';
import type { VolumeFile, VolumeListing } from '@shared/dto/volumes';
import type { ErrorData } from '@shared/errors';

import { confirmAction, perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatBytes } from '../../format';
import { useConcept } from '../../stores/concept';
import { toErrorData } from '../../stores/errors';
import { useVolumes } from '../../stores/volumes';

/** One volume: where it lives, who mounts it, its files (read-only, through a helper container), remove. */
export function VolumeDetail({ name, onClose }: { name: string | undefined; onClose: () => void }): ReactElement {
  const { t, i18n } = useTranslation('volumes');
  const volume = useVolumes((s) => s.list.find((v) => v.name === name));
  const size = useVolumes((s) => (name ? s.sizes?.[name] : undefined));
  const [listing, setListing] = useState<VolumeListing | undefined>(undefined);
  const [file, setFile] = useState<VolumeFile | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ErrorData | undefined>(undefined);

  const browse = useCallback(
    async (path: string): Promise<void> => {
      if (!name) return;
      setLoading(true);
      setFile(undefined);
      try {
        setListing(await api.call('volumes.browse', { name, path }));
        setError(undefined);
      } catch (e) {
        setError(toErrorData(e));
      } finally {
        setLoading(false);
      }
    },
    [name],
  );

  const open = async (path: string): Promise<void> => {
    if (!name) return;
    try {
      setFile(await api.call('volumes.readFile', { name, path }));
    } catch (e) {
      setError(toErrorData(e));
    }
  };

  const remove = async (): Promise<void> => {
    if (!volume) return;
    const command = removeVolumeCommand(volume.name);
    const inUse = volume.usedBy.length > 0;
    const ok = await confirmAction({
      title: t('remove.title', { name: volume.name }),
      body: <Text size="sm">{inUse ? t('remove.inUse', { names: volume.usedBy.map((u) => `${u.name} (${u.state})`).join(', ') }) : t('remove.body')}</Text>,
      command,
      confirmLabel: t('remove.confirm'),
      danger: true,
    });
    if (!ok) return;
    try {
      await perform({ label: t('remove.title', { name: volume.name }), command, run: () => api.call('volumes.remove', { name: volume.name }) });
      onClose();
    } catch (e) {
      setError(toErrorData(e));
    }
  };

  const path = listing?.path ?? '/';
  const segments = path.split('/').filter(Boolean);
  const join = (entry: string): string => `${path === '/' ? '' : path}/${entry}`;

  return (
    <Drawer opened={name !== undefined} onClose={onClose} position="right" size="xl" title={
        <Title order={3} title={volume?.name ?? name} style={{ overflowWrap: 'anywhere' }}>
          {volume?.anonymous ? `${volume.name.slice(0, 16)}…` : (volume?.name ?? name)}
        </Title>
      }>
      {volume ? (
        <Stack gap="md" data-testid="volume-detail">
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={160}>{t('detail.mountpoint')}</Table.Th>
                <Table.Td ff="monospace">{volume.mountpoint}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('detail.driver')}</Table.Th>
                <Table.Td>{volume.driver}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('detail.size')}</Table.Th>
                <Table.Td>{size === undefined ? '–' : formatBytes(size, i18n.language)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('detail.labels')}</Table.Th>
                <Table.Td>
                  <Group gap={4}>
                    {Object.entries(volume.labels).map(([k, v]) => (
                      <Badge key={k} variant="light" tt="none">
                        {k}={v}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('detail.usedBy')}</Table.Th>
                <Table.Td>{volume.usedBy.map((u) => `${u.name} → ${u.destination}${u.readOnly ? ' (ro)' : ''} · ${u.state}`).join(', ') || t('list.unused')}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            {t('detail.whereExplain')}{' '}
            <Anchor component="button" type="button" size="xs" onClick={() => useConcept.getState().show('volume')} data-testid="volume-explain">
              {t('mounts.explain')}
            </Anchor>
          </Text>
          <CommandLine command={`docker volume inspect ${volume.name}`} />
          <Group justify="space-between" gap="xs">
            <Title order={4}>{t('browse.title')}</Title>
            <Button size="xs" variant="light" onClick={() => void browse(path)} loading={loading} data-testid="volume-browse">
              {listing ? t('browse.refresh') : t('browse.open')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('browse.how')}
          </Text>
          {error ? <ErrorNotice error={error} /> : null}
          {error?.code === 'NOT_FOUND' && error.message.includes('helper image') ? <Text size="sm">{t('browse.noImage')}</Text> : null}
          {loading && !listing ? <Loader size="sm" /> : null}
          {listing ? (
            <>
              <Breadcrumbs>
                <Anchor component="button" type="button" onClick={() => void browse('/')}>
                  {volume.anonymous ? volume.name.slice(0, 12) : volume.name}
                </Anchor>
                {segments.map((segment, index) => (
                  <Anchor key={index} component="button" type="button" onClick={() => void browse(`/${segments.slice(0, index + 1).join('/')}`)}>
                    {segment}
                  </Anchor>
                ))}
              </Breadcrumbs>
              <Table data-testid="volume-files" highlightOnHover>
                <Table.Tbody>
                  {listing.entries.length === 0 ? (
                    <Table.Tr>
                      <Table.Td c="dimmed">{t('browse.empty')}</Table.Td>
                    </Table.Tr>
                  ) : null}
                  {listing.entries.map((entry) => (
                    <Table.Tr key={entry.name}>
                      <Table.Td>
                        <Anchor
                          component="button"
                          type="button"
                          onClick={() => void (entry.type === 'dir' ? browse(join(entry.name)) : entry.type === 'file' ? open(join(entry.name)) : Promise.resolve())}
                        >
                          <Group gap={6} wrap="nowrap">
                            {entry.type === 'dir' ? <IconFolder size={16} /> : entry.type === 'link' ? <IconLink size={16} /> : <IconFile size={16} />}
                            {entry.name}
                          </Group>
                        </Anchor>
                      </Table.Td>
                      <Table.Td ff="monospace">{entry.mode}</Table.Td>
                      <Table.Td>{entry.type === 'dir' ? '' : formatBytes(entry.size, i18n.language)}</Table.Td>
                      <Table.Td c="dimmed">{new Date(entry.modified).toLocaleString(i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <CommandLine command={listing.command} />
            </>
          ) : null}
          {file ? (
            <Stack gap={4}>
              <Text fw={600} ff="monospace">
                {file.path}
              </Text>
              {file.binary ? <Text size="sm">{t('browse.binary')}</Text> : <Code block>{file.content}</Code>}
              {file.truncated ? <Text size="xs">{t('browse.truncated')}</Text> : null}
              <CommandLine command={file.command} />
            </Stack>
          ) : null}
          <Group>
            <Button color="red" variant="light" onClick={() => void remove()} data-testid="volume-remove">
              {t('remove.button')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Drawer>
  );
}
