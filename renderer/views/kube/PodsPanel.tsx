import { Badge, Card, Group, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, type ReactElement, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { KPod } from '@shared/dto/kube';
import { explainPod } from '@shared/kube/explain';
import { keyOf } from '@shared/kube/reducer';

import { SearchInput } from '../../components/SearchInput';
import { useKube, useKubeList } from '../../stores/kube';
import { PodDetail } from './PodDetail';
import { useExplanation } from './words';

const ROW_HEIGHT = 40;
const COLUMNS = 'minmax(220px, 2fr) 110px 70px 80px minmax(120px, 1fr) minmax(160px, 2fr)';

/** Every pod of the namespace, live; only the rows on screen exist in the DOM, so thousands stay smooth. */
export function PodsPanel(): ReactElement {
  const { t } = useTranslation('kube');
  const namespace = useKube((s) => s.namespace);
  const pods = useKubeList('pods', namespace);
  const [search, setSearch] = useState('');
  const [phase, setPhase] = useState('all');
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const rows = useMemo(() => {
    const all = pods ? [...pods.items.values()] : [];
    const q = search.trim().toLowerCase();
    const kept = all.filter((p) => (phase === 'all' || p.phase === phase) && (!q || p.meta.name.includes(q) || (p.nodeName ?? '').includes(q)));
    return kept.sort((a, b) => ((a.meta.namespace ?? '') === (b.meta.namespace ?? '') ? (a.meta.name < b.meta.name ? -1 : 1) : (a.meta.namespace ?? '') < (b.meta.namespace ?? '') ? -1 : 1));
  }, [pods, search, phase]);
  const chosen = selected ? pods?.items.get(selected) : undefined;

  return (
    <Stack gap="sm" data-testid="kube-pods">
      <Group gap="sm">
        <SearchInput label={t('pods.search')} value={search} onChange={setSearch} testId="pod-search" />
        <SegmentedControl size="xs" value={phase} onChange={setPhase} data={['all', 'Pending', 'Running', 'Succeeded', 'Failed'].map((v) => ({ value: v, label: v === 'all' ? t('pods.all') : t(`phase.${v}`) }))} />
        <Badge variant="light" data-testid="pod-count">
          {t('pods.count', { count: rows.length })}
        </Badge>
        {pods?.stale ? <Badge color="orange">{t('stale')}</Badge> : null}
      </Group>
      <PodList rows={rows} selected={selected} onSelect={(key) => setSelected((s) => (s === key ? undefined : key))} />
      {chosen ? <PodDetail pod={chosen} /> : null}
    </Stack>
  );
}

function PodList({ rows, selected, onSelect }: { rows: KPod[]; selected: string | undefined; onSelect: (key: string) => void }): ReactElement {
  const { t } = useTranslation('kube');
  const parent = useRef<HTMLDivElement>(null);
  // The list is not memoised by the compiler; its rows are (PodRow).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  return (
    <Card withBorder padding={0} role="table" aria-label={t('pods.title')} aria-rowcount={rows.length} data-testid="kube-pod-list">
      <div role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, padding: '6px 10px' }}>
        {(['name', 'phase', 'ready', 'restarts', 'node', 'why'] as const).map((k) => (
          <Text key={k} size="xs" fw={700} c="dimmed" tt="uppercase" role="columnheader">
            {t(`pods.columns.${k}`)}
          </Text>
        ))}
      </div>
      <div ref={parent} style={{ height: 'calc(100vh - 420px)', minHeight: 240, overflow: 'auto' }} data-testid="kube-pod-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const pod = rows[item.index];
            if (!pod) return null;
            const key = keyOf(pod);
            return (
              <div key={key} role="row" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
                <PodRow pod={pod} selected={key === selected} onSelect={onSelect} />
              </div>
            );
          })}
        </div>
      </div>
    </Card>
  );
}

const PHASE_COLOR: Record<string, string> = { Running: 'teal', Pending: 'yellow', Succeeded: 'gray', Failed: 'red' };

// Memoised: a watch event re-renders the rows whose pod changed, not the others on screen.
const PodRow = memo(function PodRow({ pod, selected, onSelect }: { pod: KPod; selected: boolean; onSelect: (key: string) => void }): ReactElement {
  const { t } = useTranslation('kube');
  const say = useExplanation();
  const explanation = explainPod(pod);
  const sentence = say(explanation);
  const ready = pod.containerStatuses.filter((c) => c.ready).length;
  const restarts = pod.containerStatuses.reduce((n, c) => n + c.restartCount, 0);
  const color = explanation.code === 'crash-loop' || explanation.code === 'image-pull' ? 'red' : (PHASE_COLOR[pod.phase] ?? 'gray');
  return (
    <UnstyledButton
      onClick={() => onSelect(keyOf(pod))}
      data-testid={`pod-row-${pod.meta.name}`}
      style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, padding: '8px 10px', width: '100%', alignItems: 'center', background: selected ? 'var(--mantine-color-blue-light)' : undefined }}
    >
      <Text size="sm" ff="monospace" truncate>
        {pod.meta.namespace}/{pod.meta.name}
      </Text>
      <Badge size="sm" variant="light" color={pod.meta.deleting ? 'gray' : color}>
        {pod.meta.deleting ? t('pods.terminating') : t(`phase.${pod.phase}`, { defaultValue: pod.phase })}
      </Badge>
      <Text size="sm">{`${ready}/${pod.containers.length}`}</Text>
      <Text size="sm">{restarts}</Text>
      <Text size="sm" truncate>
        {pod.nodeName ?? '–'}
      </Text>
      <Text size="xs" c="dimmed" truncate title={sentence}>
        {sentence}
      </Text>
    </UnstyledButton>
  );
});
