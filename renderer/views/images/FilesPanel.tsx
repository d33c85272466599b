import { Badge, Group, SegmentedControl, Select, Stack, Text, Tree, useTree } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconFile, IconFolder, IconLink } from '@tabler/icons-react';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { HistoryRow, LayerAnalysis } from '@shared/dto/images';

import { formatBytes, shorten } from '../../format';
import { mergedAt, toTree, type TreeNode } from './file-tree';

const changeColor = { added: 'teal', modified: 'yellow', deleted: 'red' } as const;

/** The files of one layer (what it adds, modifies, deletes) or the merged filesystem seen from it. */
export function FilesPanel({ analysis, rows, layer, onLayer }: { analysis: LayerAnalysis; rows: HistoryRow[] | undefined; layer: number; onLayer: (index: number) => void }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const [view, setView] = useState<'changes' | 'merged'>('changes');
  const current = analysis.layers[layer];
  const data = useMemo(() => {
    if (!current) return [];
    const files = view === 'changes' ? current.changes.map((c) => ({ ...c })) : mergedAt(analysis.layers, layer);
    return toTree(files);
  }, [analysis, current, layer, view]);
  const tree = useTree();
  const counts = current
    ? (['added', 'modified', 'deleted'] as const).map((c) => [c, current.changes.filter((x) => x.change === c && x.kind !== 'dir').length] as const)
    : [];
  const instruction = (index: number): string => {
    const historyIndex = analysis.layers[index]?.historyIndex;
    return (historyIndex === undefined ? undefined : rows?.[historyIndex]?.instruction) ?? analysis.layers[index]?.createdBy ?? '';
  };
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end">
        <Select
          label={t('files.layer')}
          data={analysis.layers.map((l) => ({ value: String(l.index), label: `${t('history.layerNo', { layer: l.index + 1 })}: ${shorten(instruction(l.index), 90)}` }))}
          value={String(layer)}
          onChange={(v) => v !== null && onLayer(Number(v))}
          allowDeselect={false}
          w="100%"
          maw={640}
          title={instruction(layer)}
          data-testid="files-layer"
        />
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v)}
          data={[
            { value: 'changes', label: t('files.changes') },
            { value: 'merged', label: t('files.merged') },
          ]}
        />
      </Group>
      {current ? (
        <Group gap="xs">
          <Text size="xs" ff="monospace" c="dimmed">
            {current.diffId.slice(0, 19)}
          </Text>
          <Badge variant="light" size="sm">
            {formatBytes(current.sizeBytes, i18n.language)}
          </Badge>
          {counts.map(([c, n]) => (
            <Badge key={c} color={changeColor[c]} variant="light" size="sm">
              {t(`files.count.${c}`, { count: n })}
            </Badge>
          ))}
        </Group>
      ) : null}
      <Text size="xs" c="dimmed">
        {view === 'changes' ? t('files.changesExplain') : t('files.mergedExplain', { layer: layer + 1 })}
      </Text>
      <div style={{ maxHeight: 480, overflow: 'auto' }} data-testid="files-tree">
        <Tree
          data={data}
          tree={tree}
          levelOffset={18}
          renderNode={({ node, expanded, hasChildren, elementProps }) => {
            const n = node as unknown as TreeNode;
            return (
              <Group gap={6} wrap="nowrap" {...elementProps}>
                {hasChildren ? expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} /> : <span style={{ width: 14 }} />}
                {n.kind === 'dir' ? <IconFolder size={14} /> : n.kind === 'symlink' ? <IconLink size={14} /> : <IconFile size={14} />}
                <Text size="sm" ff="monospace" td={n.change === 'deleted' ? 'line-through' : undefined}>
                  {n.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatBytes(n.sizeBytes, i18n.language)}
                </Text>
                {n.change && n.kind !== 'dir' ? (
                  <Badge size="xs" color={changeColor[n.change]} variant="light">
                    {t(`files.change.${n.change}`)}
                  </Badge>
                ) : n.change === 'deleted' ? (
                  <Badge size="xs" color="red" variant="light">
                    {t('files.change.deleted')}
                  </Badge>
                ) : null}
                {view === 'merged' && n.layer !== undefined && n.kind !== 'dir' ? (
                  <Text size="xs" c="dimmed">
                    {t('files.fromLayer', { layer: n.layer + 1 })}
                  </Text>
                ) : null}
              </Group>
            );
          }}
        />
      </div>
    </Stack>
  );
}
