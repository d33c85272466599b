import { Badge, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { imageCommands } from '@shared/cli/images';
import type { InspectSections } from '@shared/dto/images';

import { CommandLine } from '../../components/CommandLine';
import { formatBytes } from '../../format';

/** `docker image inspect` as sections a learner can read, and the raw JSON below. */
export function InspectPanel({ inspect }: { inspect: InspectSections }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const list = (values: string[]): ReactElement =>
    values.length ? (
      <Group gap={4}>
        {values.map((v) => (
          <Code key={v}>{v}</Code>
        ))}
      </Group>
    ) : (
      <Text size="sm" c="dimmed">
        –
      </Text>
    );
  const rows: [string, ReactElement][] = [
    ['Cmd', list(inspect.cmd)],
    ['Entrypoint', list(inspect.entrypoint)],
    ['ExposedPorts', list(inspect.exposedPorts)],
    ['Volumes', list(inspect.volumes)],
    ['User', list(inspect.user ? [inspect.user] : [])],
    ['WorkingDir', list(inspect.workingDir ? [inspect.workingDir] : [])],
    [t('inspect.platform'), list([`${inspect.os}/${inspect.architecture}`])],
    [t('inspect.size'), <Text key="size" size="sm">{formatBytes(inspect.sizeBytes, i18n.language)}</Text>],
  ];
  return (
    <Stack gap="sm" data-testid="inspect-panel">
      <CommandLine command={imageCommands.inspect(inspect.tags[0] ?? inspect.id)} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Table>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={140}>{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Stack gap="xs">
          <Title order={5}>Env</Title>
          {inspect.env.map((e) => (
            <Code key={e} block>
              {e}
            </Code>
          ))}
          <Title order={5}>Labels</Title>
          {Object.entries(inspect.labels).map(([k, v]) => (
            <Group key={k} gap={4}>
              <Badge variant="light" size="sm" tt="none">
                {k}
              </Badge>
              <Text size="sm">{v}</Text>
            </Group>
          ))}
          <Title order={5}>RootFS.Layers</Title>
          {inspect.layers.map((l, i) => (
            <Text key={l} size="xs" ff="monospace">
              {i + 1}. {l}
            </Text>
          ))}
        </Stack>
      </SimpleGrid>
      <Title order={5}>{t('inspect.raw')}</Title>
      <Code block style={{ maxHeight: 360, overflow: 'auto' }} data-testid="inspect-raw">
        {inspect.raw}
      </Code>
    </Stack>
  );
}
