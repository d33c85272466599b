import { Alert, Badge, Button, Card, Checkbox, Code, Group, Progress, SegmentedControl, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { IconClock, IconInfoCircle } from '@tabler/icons-react';
import { type ReactElement, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { cronLine, hasVolumeAllFilter, pruneCommands } from '@shared/cli/prune';
import { PruneRequest, type PruneItem, type PruneKind, type PrunePreview, type PruneResult } from '@shared/dto/prune';
import type { ErrorData } from '@shared/errors';

import { confirmAction, perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatBytes } from '../../format';
import { useConcept } from '../../stores/concept';
import { useEngineStore } from '../../stores/engine';
import { toErrorData } from '../../stores/errors';
import { requestOf, usePrune } from '../../stores/prune';
import { PruneItemsTable } from './PruneItemsTable';

const KINDS: PruneKind[] = ['images', 'containers', 'volumes', 'networks', 'buildCache', 'system'];

/** Prune with an exact preview: choose, preview what goes and what stays (and why), then remove exactly that preview and see what went and what stayed. */
export function PrunePanel(): ReactElement {
  const { t, i18n } = useTranslation('prune');
  const apiVersion = useEngineStore((s) => s.state?.info?.apiVersion ?? '1.41');
  const { form, preview, previewing, previewError, result, progress, setForm, loadPreview, setResult, setProgress, loadDisk } = usePrune();
  const [runError, setRunError] = useState<ErrorData | undefined>(undefined);
  const abort = useRef<AbortController | undefined>(undefined);
  const bytes = (n: number): string => formatBytes(n, i18n.language);
  const request = requestOf(form);
  const [command = ''] = pruneCommands(request, apiVersion);
  const allLabel = form.kind === 'volumes' ? t('form.allVolumes') : t('form.all');
  const showAll = form.kind !== 'containers' && form.kind !== 'networks';
  const parsed = PruneRequest.safeParse(request);

  const run = async (current: PrunePreview): Promise<void> => {
    const ok = await confirmAction({
      title: t('confirm.title'),
      body: (
        <Stack gap="xs">
          <Text size="sm">{t('confirm.body', { count: current.items.length, size: bytes(current.reclaimableBytes) })}</Text>
          <Text size="sm">{t('confirm.exact')}</Text>
          <Text size="xs" c="dimmed" data-testid="prune-cli-note">
            {t('cliNote')}
          </Text>
        </Stack>
      ),
      command: current.commands.join(' && '),
      confirmLabel: t('confirm.go'),
      danger: true,
    });
    if (!ok) return;
    setRunError(undefined);
    const controller = new AbortController();
    abort.current = controller;
    try {
      const done = await perform({
        label: t('run.label', { kind: t(`kinds.${current.request.kind}`) }),
        command: current.commands.join(' && '),
        run: () => api.call('prune.run', { previewId: current.id }, { signal: controller.signal, onProgress: setProgress }),
      });
      setResult(done);
      void loadDisk();
    } catch (error) {
      const data = toErrorData(error);
      // An expired or already run preview cannot be run again: it has to be made anew.
      if (data.code === 'NOT_FOUND') usePrune.setState({ preview: undefined });
      setRunError(data);
    } finally {
      abort.current = undefined;
      setProgress(undefined);
    }
  };

  return (
    <Stack gap="md" data-testid="prune-panel">
      <Group justify="space-between">
        <Title order={3}>{t('title')}</Title>
        <Button size="xs" variant="subtle" onClick={() => useConcept.getState().show('prune')}>
          {t('explain')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" maw={860}>
        {t('intro')}
      </Text>
      <SegmentedControl
        value={form.kind}
        onChange={(value) => setForm({ kind: value })}
        data={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        data-testid="prune-kind"
      />
      <Text size="sm">{t(`rules.${form.kind}`)}</Text>
      <Group align="flex-end">
        {showAll ? <Checkbox label={allLabel} checked={form.all} onChange={(e) => setForm({ all: e.currentTarget.checked })} data-testid="prune-all" /> : null}
        {form.kind === 'system' ? <Checkbox label={t('form.volumes')} checked={form.volumes} onChange={(e) => setForm({ volumes: e.currentTarget.checked })} data-testid="prune-volumes" /> : null}
      </Group>
      {form.kind === 'volumes' ? (
        <Alert color="blue" icon={<IconInfoCircle />} title={t('volumesApi.title', { api: apiVersion })}>
          {hasVolumeAllFilter(apiVersion) ? t('volumesApi.new') : t('volumesApi.old')}
        </Alert>
      ) : null}
      <Group grow align="flex-start">
        <TextInput
          label={t('form.until')}
          description={t('form.untilHelp')}
          placeholder="24h"
          value={form.until}
          onChange={(e) => setForm({ until: e.currentTarget.value })}
          disabled={form.kind === 'volumes' || (form.kind === 'system' && form.volumes)}
          error={previewError?.code === 'INVALID_PARAMS' && form.until ? previewError.message : undefined}
          data-testid="prune-until"
        />
        <TagsInput label={t('form.labels')} description={t('form.labelsHelp')} placeholder="lotse.test=…" value={form.labels} onChange={(labels) => setForm({ labels })} data-testid="prune-labels" />
        <TagsInput label={t('form.notLabels')} description={t('form.notLabelsHelp')} value={form.notLabels} onChange={(notLabels) => setForm({ notLabels })} />
      </Group>
      <CommandLine command={command} />
      <Group>
        <Button onClick={() => void loadPreview()} loading={previewing} disabled={!parsed.success} data-testid="prune-preview">
          {t('preview.button')}
        </Button>
        {preview ? (
          <Button color="red" onClick={() => void run(preview)} disabled={preview.items.length === 0 || progress !== undefined} data-testid="prune-run">
            {t('run.button', { count: preview.items.length })}
          </Button>
        ) : null}
      </Group>
      {previewError && !(previewError.code === 'INVALID_PARAMS' && form.until) ? <ErrorNotice error={previewError} /> : null}
      {progress ? (
        <Group>
          <Progress value={(progress.done / Math.max(1, progress.total)) * 100} animated style={{ flex: 1 }} />
          <Text size="xs">
            {t(`types.${progress.step}`)} · {progress.done}/{progress.total}
          </Text>
          <Button size="xs" variant="default" onClick={() => abort.current?.abort()}>
            {t('common:actions.cancel')}
          </Button>
        </Group>
      ) : null}
      {runError?.code === 'NOT_FOUND' && !preview ? (
        <Alert color="yellow" icon={<IconInfoCircle />} data-testid="prune-expired">
          {t('run.expired')}
        </Alert>
      ) : runError && runError.code !== 'NOT_FOUND' ? (
        <ErrorNotice error={runError} />
      ) : null}
      {preview ? (
        <Card withBorder data-testid="prune-preview-result">
          <Stack gap="sm">
            <Title order={4}>{t('preview.title', { count: preview.items.length, size: bytes(preview.reclaimableBytes) })}</Title>
            {preview.items.length > 0 ? (
              <Text size="xs" c="dimmed">
                {t('preview.validUntil', { time: new Date(preview.validUntil).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) })}
              </Text>
            ) : null}
            <Group gap="xs">
              {Object.entries(preview.totals)
                .filter(([, total]) => total.count + total.untagged > 0)
                .map(([type, total]) => (
                  <Badge key={type} variant="light" tt="none">
                    {t(`types.${type}`)}: {total.count}
                    {total.untagged ? ` + ${t('preview.untags', { count: total.untagged })}` : ''} · {bytes(total.bytes)}
                  </Badge>
                ))}
            </Group>
            {preview.notes.map((note) => (
              <Text key={note} size="sm" c="dimmed">
                {t(`notes.${note}`, { api: preview.apiVersion })}
              </Text>
            ))}
            {preview.items.length === 0 ? <Text size="sm">{t('preview.nothing')}</Text> : <PruneItemsTable items={preview.items} />}
            {preview.keptTotal > 0 ? (
              <details>
                <summary style={{ cursor: 'pointer' }}>
                  <Text span size="sm">
                    {t('preview.kept', { count: preview.keptTotal })}
                  </Text>
                </summary>
                <Table mt="xs" data-testid="prune-kept">
                  <Table.Tbody>
                    {preview.kept.slice(0, 200).map((k) => (
                      <Table.Tr key={`${k.type}:${k.id}`}>
                        <Table.Td>{t(`types.${k.type}`)}</Table.Td>
                        <Table.Td ff="monospace">{k.name}</Table.Td>
                        <Table.Td>{t(`kept.${k.reason}`, { by: k.heldBy ?? '' })}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </details>
            ) : null}
            <Text size="xs" c="dimmed">
              {t('preview.timing', { engine: Math.round(preview.timings.engineMs), df: Math.round(preview.timings.dfMs), compute: Math.round(preview.timings.computeMs) })}
            </Text>
          </Stack>
        </Card>
      ) : null}
      {result ? <PruneReport result={result} /> : null}
      <Card withBorder>
        <Group gap="xs" mb={4}>
          <IconClock size={18} />
          <Text fw={700}>{t('cron.title')}</Text>
        </Group>
        <Text size="sm">{t('cron.body')}</Text>
        <Code block mt="xs" data-testid="prune-cron">
          {cronLine(parsed.success ? parsed.data : PruneRequest.parse({ kind: form.kind }))}
        </Code>
        <Text size="xs" c="dimmed" mt={4}>
          {t('cron.caution')}
        </Text>
      </Card>
    </Stack>
  );
}

/** What the run did: removed, skipped with the reason, and what appeared since and was left alone. */
function PruneReport({ result }: { result: PruneResult }): ReactElement {
  const { t, i18n } = useTranslation('prune');
  return (
    <Card withBorder data-testid="prune-result">
      <Stack gap="sm">
        <Title order={4} data-testid="prune-reclaimed">
          {t('result.title', { count: result.removed.filter((r) => r.action === 'delete').length, size: formatBytes(result.spaceReclaimedBytes, i18n.language) })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('result.engine', { layers: result.layersDeleted })}
        </Text>
        {result.removed.length > 0 ? <PruneItemsTable items={result.removed} /> : null}
        {result.skipped.length > 0 ? (
          <Stack gap={4} data-testid="prune-skipped">
            <Text fw={700} size="sm">
              {t('result.skipped', { count: result.skipped.length })}
            </Text>
            <Table>
              <Table.Tbody>
                {result.skipped.map((s) => (
                  <Table.Tr key={`${s.item.type}:${s.item.action}:${s.item.id}:${s.item.name}`} data-testid="prune-skipped-item">
                    <Table.Td>{t(`types.${s.item.type}`)}</Table.Td>
                    <Table.Td ff="monospace">{s.item.name}</Table.Td>
                    <Table.Td>
                      {t(`skipped.${s.reason}`, { by: s.heldBy ?? '', defaultValue: t(`kept.${s.reason}`, { by: s.heldBy ?? '', defaultValue: s.reason }) })}
                      {s.detail ? (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {s.detail}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ) : null}
        {result.untouched.length > 0 ? (
          <Stack gap={4} data-testid="prune-untouched">
            <Text fw={700} size="sm">
              {t('result.untouched', { count: result.untouched.length })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('result.untouchedHelp')}
            </Text>
            <Table>
              <Table.Tbody>
                {result.untouched.map((item: PruneItem) => (
                  <Table.Tr key={`${item.type}:${item.action}:${item.id}:${item.name}`}>
                    <Table.Td>{t(`types.${item.type}`)}</Table.Td>
                    <Table.Td ff="monospace">{item.name}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ) : null}
        {result.commands.map((c) => (
          <CommandLine key={c} command={c} />
        ))}
        <Text size="xs" c="dimmed">
          {t('cliNote')}
        </Text>
      </Stack>
    </Card>
  );
}
