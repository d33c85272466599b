import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconDownload, IconHammer, IconKey } from '@tabler/icons-react';
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { imageCommands } from '@shared/cli/images';

import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SearchInput } from '../../components/SearchInput';
import { ViewHeader } from '../../components/ViewHeader';
import { isConnected, useEngineStore } from '../../stores/engine';
import { useImagesStore } from '../../stores/images';
import { useLayerAnalysis } from '../../stores/layer-analysis';
import { openBuildDialog, openLoginDialog, openPullDialog } from './image-actions';
import { ImageExplorer } from './ImageExplorer';
import { ImageList } from './ImageList';
import { type ImageFilter, imageRows, type ImageSort } from './listing';

/** `#/images/<ref>` opens an image's layer explorer; `#/images` the list. */
function refFromHash(): string | undefined {
  const [area, ...rest] = window.location.hash.replace(/^#\/?/, '').split('/');
  return area === 'images' && rest.length ? decodeURIComponent(rest.join('/')) || undefined : undefined;
}

export function ImagesView(): ReactElement {
  const { t } = useTranslation('images');
  const connected = isConnected(useEngineStore((s) => s.state));
  const { images, error, load, watchEvents } = useImagesStore();
  const closeExplorer = useLayerAnalysis((s) => s.close);
  const [ref, setRef] = useState<string | undefined>(refFromHash);
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<ImageFilter>('all');
  const [sort, setSort] = useState<ImageSort>('created');
  const [now] = useState(() => Date.now());

  useEffect(() => {
    const onHash = (): void => setRef(refFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const listShown = ref === undefined;
  useEffect(() => {
    // The list follows the engine only while it is on screen; the explorer shows one image.
    if (!connected || !listShown) return undefined;
    const dispose = watchEvents();
    void load();
    return dispose;
  }, [connected, listShown, watchEvents, load]);

  const openImage = useCallback((next: string) => {
    window.location.hash = `/images/${encodeURIComponent(next)}`;
  }, []);
  const back = useCallback(() => {
    closeExplorer();
    window.location.hash = '/images';
  }, [closeExplorer]);
  const rows = useMemo(() => imageRows(images ?? [], { search, filter, sort }), [images, search, filter, sort]);

  if (ref) return <ImageExplorer key={ref} imageRef={ref} onBack={back} onOpen={openImage} />;
  return (
    <Stack p="lg" gap="md">
      <ViewHeader title={t('title')} intro={t('intro')}>
        <Button leftSection={<IconDownload size={16} />} onClick={openPullDialog} data-testid="open-pull">
          {t('actions.pull')}
        </Button>
        <Button variant="default" leftSection={<IconHammer size={16} />} onClick={() => openBuildDialog((id) => openImage(id))} data-testid="open-build">
          {t('actions.build')}
        </Button>
        <Button variant="default" leftSection={<IconKey size={16} />} onClick={openLoginDialog} data-testid="open-login">
          {t('actions.registries')}
        </Button>
      </ViewHeader>
      {error ? <ErrorNotice error={error} /> : null}
      <Group gap="sm">
        <SearchInput label={t('list.search')} value={search} onChange={setSearch} testId="image-search" w={280} />
        <SegmentedControl
          value={filter}
          onChange={(v) => setFilter(v)}
          data={(['all', 'in-use', 'unused', 'dangling'] as const).map((value) => ({ value, label: t(`list.filter.${value}`) }))}
        />
        <Select
          aria-label={t('list.sort.label')}
          value={sort}
          onChange={(v) => v && setSort(v)}
          data={(['created', 'name', 'size'] as const).map((value) => ({ value, label: t(`list.sort.${value}`) }))}
          allowDeselect={false}
          w={160}
        />
        <Text size="sm" c="dimmed" data-testid="image-count">
          {t('list.count', { count: rows.length })}
        </Text>
      </Group>
      <ImageList rows={rows} now={now} onOpen={openImage} />
      <CommandLine command={imageCommands.list()} />
    </Stack>
  );
}
