import { Alert, Badge, Button, Card, Code, Group, Loader, Progress, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconKey, IconTrash } from '@tabler/icons-react';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { imageCommands } from '@shared/cli/images';

import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatBytes } from '../../format';
import { useConcept } from '../../stores/concept';
import { useLayerAnalysis } from '../../stores/layer-analysis';
import { FamilyTree } from './FamilyTree';
import { FilesPanel } from './FilesPanel';
import { HistoryTable } from './HistoryTable';
import { openTagDialog, removeImage } from './image-actions';
import { InspectPanel } from './InspectPanel';
import { LayerSizeChart } from './LayerSizeChart';
import { SecretsPanel } from './SecretsPanel';
import { WastedPanel } from './WastedPanel';

const tabConcepts: Record<string, string> = {
  history: 'image-layers',
  files: 'image-layers',
  wasted: 'image-size',
  secrets: 'secrets-in-layers',
  family: 'shared-layers',
  dockerfile: 'dockerfile',
  inspect: 'image',
};

/** The layer explorer of one image: history, files per layer, wasted space, secrets, family tree, inspect. */
export function ImageExplorer({ imageRef, onBack, onOpen }: { imageRef: string; onBack: () => void; onOpen: (ref: string) => void }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const { history, analysis, family, inspect, open, cancel } = useLayerAnalysis();
  const [tab, setTab] = useState<string>('history');
  const [layer, setLayer] = useState(0);
  const [now] = useState(() => Date.now());
  useEffect(() => {
    open(imageRef);
  }, [imageRef, open]);
  const name = inspect.value?.tags[0] ?? imageRef;
  const rows = history.value?.rows;
  useEffect(() => {
    // The side panel draws this image's own layer stack, lowest first, as the course draws it.
    const layers = rows?.filter((r) => r.filesystem).map((r) => ({ label: r.instruction, sizeBytes: r.sizeBytes }));
    useConcept.getState().show(tabConcepts[tab] ?? 'image', layers ? { name, layers } : { name });
  }, [tab, rows, name]);
  const a = analysis.value;
  const goToLayer = (diffId: string): void => {
    const index = a?.layers.findIndex((l) => l.diffId === diffId) ?? -1;
    if (index >= 0) {
      setLayer(index);
      setTab('files');
    }
  };
  const progress = analysis.progress;
  return (
    <Stack p="lg" gap="md" data-testid="image-explorer" data-ref={imageRef}>
      <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack} data-testid="explorer-back" w="fit-content" px={4}>
        {t('explorer.back')}
      </Button>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <div style={{ minWidth: 0 }}>
            <Title order={2} ff="monospace" size="h3" style={{ overflowWrap: 'anywhere' }} data-testid="explorer-name">
              {name}
            </Title>
            {inspect.value ? (
              <Text size="xs" c="dimmed" ff="monospace">
                {/* Only the ID may break anywhere; size and layer count stay whole. */}
                <span style={{ wordBreak: 'break-all' }}>{inspect.value.id}</span> ·{' '}
                <span style={{ whiteSpace: 'nowrap' }}>{formatBytes(inspect.value.sizeBytes, i18n.language)}</span> ·{' '}
                <span style={{ whiteSpace: 'nowrap' }} data-testid="explorer-layer-count">
                  {t('explorer.layers', { count: inspect.value.layers.length })}
                </span>
              </Text>
            ) : null}
          </div>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" size="xs" onClick={() => openTagDialog(name)}>
            {t('actions.tag')}
          </Button>
          <Button variant="light" color="red" size="xs" leftSection={<IconTrash size={14} />} onClick={() => void removeImage(name, 1).then((removed) => removed && onBack())}>
            {t('actions.remove')}
          </Button>
        </Group>
      </Group>
      {analysis.loading ? (
        <Card withBorder data-testid="analysis-progress">
          <Group justify="space-between">
            <Group gap="xs">
              <Loader size="sm" />
              <Text size="sm">
                {t('explorer.analysing', {
                  bytes: formatBytes(progress?.bytes ?? 0, i18n.language),
                  layers: progress?.layers ?? 0,
                })}
              </Text>
            </Group>
            <Button size="xs" variant="default" onClick={cancel} data-testid="analysis-cancel">
              {t('actions.cancel')}
            </Button>
          </Group>
          {progress?.totalBytes ? <Progress mt="xs" value={Math.min(100, (progress.bytes / progress.totalBytes) * 100)} /> : null}
          <CommandLine command={imageCommands.analyze(name)} />
        </Card>
      ) : null}
      {analysis.error ? <ErrorNotice error={analysis.error} /> : null}
      {a ? (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Fact label={t('explorer.facts.layers')} value={String(a.layers.length)} />
          <Fact label={t('explorer.facts.final')} value={formatBytes(a.finalBytes, i18n.language)} />
          <Fact label={t('explorer.facts.wasted')} value={formatBytes(a.wasted.bytes, i18n.language)} warn={a.wasted.bytes > 0} />
          <Fact label={t('explorer.facts.secrets')} value={String(a.secrets.length)} warn={a.secrets.length > 0} />
        </SimpleGrid>
      ) : null}
      {a && a.wasted.bytes > 0 && tab !== 'wasted' ? (
        <Alert color="orange" title={t('wasted.title', { bytes: formatBytes(a.wasted.bytes, i18n.language) })} data-testid="wasted-banner">
          <Button size="xs" variant="light" color="orange" onClick={() => setTab('wasted')}>
            {t('wasted.show')}
          </Button>
        </Alert>
      ) : null}
      <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="history" data-testid="tab-history">{t('tabs.history')}</Tabs.Tab>
          <Tabs.Tab value="files" data-testid="tab-files" disabled={!a}>{t('tabs.files')}</Tabs.Tab>
          <Tabs.Tab value="wasted" data-testid="tab-wasted" disabled={!a}>
            {t('tabs.wasted')} {a && a.wasted.bytes > 0 ? <Badge size="xs" color="orange">{formatBytes(a.wasted.bytes, i18n.language)}</Badge> : null}
          </Tabs.Tab>
          <Tabs.Tab value="secrets" data-testid="tab-secrets" disabled={!a} leftSection={a && a.secrets.length > 0 ? <IconKey size={14} color="red" /> : undefined}>
            {t('tabs.secrets')}
          </Tabs.Tab>
          <Tabs.Tab value="family" data-testid="tab-family">{t('tabs.family')}</Tabs.Tab>
          <Tabs.Tab value="dockerfile" data-testid="tab-dockerfile">{t('tabs.dockerfile')}</Tabs.Tab>
          <Tabs.Tab value="inspect" data-testid="tab-inspect">{t('tabs.inspect')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="history" pt="md">
          {history.error ? <ErrorNotice error={history.error} /> : null}
          {history.value ? (
            <Stack gap="sm">
              <LayerSizeChart rows={history.value.rows} />
              <HistoryTable rows={history.value.rows} now={now} onLayer={goToLayer} />
              <CommandLine command={imageCommands.history(name)} />
            </Stack>
          ) : history.loading ? (
            <Loader size="sm" />
          ) : null}
        </Tabs.Panel>
        <Tabs.Panel value="files" pt="md">
          {a ? <FilesPanel analysis={a} rows={history.value?.rows} layer={layer} onLayer={setLayer} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="wasted" pt="md">
          {a ? <WastedPanel analysis={a} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="secrets" pt="md">
          {a ? <SecretsPanel analysis={a} rows={history.value?.rows} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="family" pt="md">
          {family.error ? <ErrorNotice error={family.error} /> : null}
          {family.value ? (
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t('family.explain')}
              </Text>
              <FamilyTree family={family.value} onOpen={onOpen} />
            </Stack>
          ) : family.loading ? (
            <Loader size="sm" />
          ) : null}
        </Tabs.Panel>
        <Tabs.Panel value="dockerfile" pt="md">
          {history.value ? (
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t('dockerfile.explain')}
              </Text>
              <Code block data-testid="dockerfile">
                {history.value.dockerfile}
              </Code>
            </Stack>
          ) : null}
        </Tabs.Panel>
        <Tabs.Panel value="inspect" pt="md">
          {inspect.error ? <ErrorNotice error={inspect.error} /> : null}
          {inspect.value ? <InspectPanel inspect={inspect.value} /> : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Fact({ label, value, warn }: { label: string; value: string; warn?: boolean }): ReactElement {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={22} fw={700} c={warn ? 'orange' : undefined}>
        {value}
      </Text>
    </Card>
  );
}
