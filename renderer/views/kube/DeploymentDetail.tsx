import { Alert, Badge, Button, Card, Checkbox, Code, Group, NumberInput, ScrollArea, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconInfoCircle, IconPlayerPause, IconPlayerPlay, IconPlayerSkipForward, IconRefresh, IconRotate } from '@tabler/icons-react';
import { diffLines } from 'diff';
import { type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { rolloutCommand, rolloutHistoryCommand, rolloutStatusCommand, rolloutUndoCommand, scaleCommand, setImageCommand } from '@shared/cli/kube';
import type { KDeployment, KReplicaSet, RolloutHistory } from '@shared/dto/kube';
import type { ListState } from '@shared/kube/reducer';
import { nextFrame, replicaSetsOf, type RolloutFrame, rolloutState } from '@shared/kube/rollout';

import { perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { issuesAt, sayParamProblem } from '../../components/errorText';
import { toErrorData } from '../../stores/errors';
import { kubeTarget, useKube, useKubeList } from '../../stores/kube';

const MAX_FRAMES = 60;

/** One Deployment: scale, the rollout as it happens, its history with diffs, and the rollout verbs. */
export function DeploymentDetail({ deployment: d, replicaSets }: { deployment: KDeployment; replicaSets: ListState<KReplicaSet> | undefined }): ReactElement {
  const { t } = useTranslation('kube');
  const context = useKube((s) => s.context) ?? '';
  const ns = d.meta.namespace ?? 'default';
  const target = kubeTarget(ns);
  const state = rolloutState(d);
  const sets = useMemo(() => replicaSetsOf(d, replicaSets?.items.values() ?? []), [d, replicaSets]);
  const pods = useKubeList('pods', ns);
  const [history, setHistory] = useState<RolloutHistory | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const revision = d.revision;

  // The history follows the revision: a new one appears when the template changes.
  useEffect(() => {
    api.call('kube.rollout.history', { context, namespace: ns, name: d.meta.name }).then(setHistory, setError);
  }, [context, ns, d.meta.name, revision]);

  const act = (label: string, command: string, run: () => Promise<unknown>): void => {
    setError(undefined);
    perform({ label, command, run }).catch(setError);
  };
  const verb = (v: 'restart' | 'pause' | 'resume'): void =>
    act(t(`rollout.${v}`), rolloutCommand(target, v, d.meta.name), () => api.call('kube.rollout', { context, namespace: ns, name: d.meta.name, verb: v }));

  const podsOf = (rs: KReplicaSet): number => [...(pods?.items.values() ?? [])].filter((p) => p.meta.owners.some((o) => o.uid === rs.meta.uid)).length;

  return (
    <Card withBorder data-testid="deployment-detail">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4} ff="monospace">
            {ns}/{d.meta.name}
          </Title>
          <Badge size="lg" variant="light" color={state.code === 'done' ? 'teal' : 'blue'} data-testid="rollout-state">
            {t(`rollout.state.${state.code}`)} · {t('rollout.counts', { ...state })}
          </Badge>
        </Group>
        <CommandLine command={rolloutStatusCommand(target, d.meta.name)} />
        <OwnerTree sets={sets} podsOf={podsOf} name={d.meta.name} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <ScaleControl deployment={d} />
          <Stack gap="xs">
            <Text fw={700} size="sm">
              {t('rollout.actions')}
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={() => verb('restart')} data-testid="rollout-restart">
                {t('rollout.restart')}
              </Button>
              {d.paused ? (
                <Button size="xs" variant="default" leftSection={<IconPlayerPlay size={14} />} onClick={() => verb('resume')} data-testid="rollout-resume">
                  {t('rollout.resume')}
                </Button>
              ) : (
                <Button size="xs" variant="default" leftSection={<IconPlayerPause size={14} />} onClick={() => verb('pause')} data-testid="rollout-pause">
                  {t('rollout.pause')}
                </Button>
              )}
            </Group>
            <SetImage deployment={d} />
          </Stack>
        </SimpleGrid>
        <StepThrough deployment={d} />
        {error ? <ErrorNotice error={toErrorData(error)} /> : null}
        <Timeline deployment={d} replicaSets={replicaSets} />
        <HistoryView deployment={d} history={history} onUndo={(to) => act(t('rollout.undo'), rolloutUndoCommand(target, d.meta.name, to), () => api.call('kube.rollout.undo', { context, namespace: ns, name: d.meta.name, toRevision: to }))} />
      </Stack>
    </Card>
  );
}

/** Deployment → ReplicaSets → Pods, drawn from the live objects (the concept, with this Deployment's own names). */
function OwnerTree({ sets, podsOf, name }: { sets: KReplicaSet[]; podsOf: (rs: KReplicaSet) => number; name: string }): ReactElement {
  const { t } = useTranslation('kube');
  return (
    <Stack gap={2} data-testid="owner-tree">
      <Text size="sm">
        <Badge variant="filled" size="sm">
          Deployment
        </Badge>{' '}
        {name}
      </Text>
      {sets.map((rs) => (
        <Text size="sm" key={rs.meta.uid} pl="lg">
          └ <Badge variant="light" size="sm">ReplicaSet</Badge> {rs.meta.name} · {t('workloads.revision', { revision: rs.revision ?? '–' })} · {t('rollout.pods', { count: podsOf(rs) })}
        </Text>
      ))}
    </Stack>
  );
}

function ScaleControl({ deployment: d }: { deployment: KDeployment }): ReactElement {
  const { t } = useTranslation(['kube', 'errors']);
  const context = useKube((s) => s.context) ?? '';
  const ns = d.meta.namespace ?? 'default';
  const [replicas, setReplicas] = useState<number | string>(d.replicas);
  const value = typeof replicas === 'number' ? replicas : Number.NaN;
  const { busy, error, submit } = useSubmit({ replicas: value });
  const issue = issuesAt(error, 'replicas')[0];
  const command = scaleCommand(kubeTarget(ns), 'deployment', d.meta.name, Number.isFinite(value) ? value : d.replicas);
  const run = (): void =>
    void submit(() => perform({ label: t('kube:scale.label', { name: d.meta.name }), command, run: () => api.call('kube.scale', { context, namespace: ns, name: d.meta.name, kind: 'deployment', replicas: value }) }));
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs">
        <NumberInput
          label={t('kube:scale.replicas')}
          value={replicas}
          onChange={setReplicas}
          allowDecimal={false}
          w={140}
          data-testid="scale-input"
          error={issue ? sayParamProblem(issue, t) : Number.isFinite(value) && value > 100 ? t('kube:scale.many') : undefined}
        />
        <Button onClick={run} loading={busy} disabled={!Number.isFinite(value)} data-testid="scale-submit">
          {t('kube:scale.submit')}
        </Button>
      </Group>
      <div data-testid="scale-command">
        <CommandLine command={command} />
      </div>
      {error && !issue ? <ErrorNotice error={error} /> : null}
    </Stack>
  );
}

function SetImage({ deployment: d }: { deployment: KDeployment }): ReactElement {
  const { t } = useTranslation(['kube', 'errors']);
  const context = useKube((s) => s.context) ?? '';
  const ns = d.meta.namespace ?? 'default';
  const [container, setContainer] = useState(d.template.containers[0]?.name ?? '');
  const [image, setImage] = useState('');
  const { busy, error, submit } = useSubmit({ container, image });
  const issue = issuesAt(error, 'image')[0];
  const command = setImageCommand(kubeTarget(ns), d.meta.name, container, image || '…');
  return (
    <Stack gap={4}>
      <Group align="flex-end" gap="xs">
        <Select size="xs" label={t('kube:rollout.container')} w={140} value={container} data={d.template.containers.map((c) => c.name)} onChange={(v) => setContainer(v ?? '')} />
        <TextInput size="xs" label={t('kube:rollout.image')} w={220} value={image} placeholder={d.template.containers.find((c) => c.name === container)?.image} onChange={(e) => setImage(e.currentTarget.value)} error={issue ? sayParamProblem(issue, t) : undefined} data-testid="set-image-input" />
        <Button
          size="xs"
          loading={busy}
          disabled={!image.trim()}
          data-testid="set-image-submit"
          onClick={() => void submit(() => perform({ label: t('kube:rollout.setImage'), command, run: () => api.call('kube.rollout.setImage', { context, namespace: ns, name: d.meta.name, container, image }) }))}
        >
          {t('kube:rollout.setImage')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" ff="monospace">
        $ {command}
      </Text>
      {error && !issue ? <ErrorNotice error={error} /> : null}
    </Stack>
  );
}

/** A class watches each replacement: one pod at a time, Continue for the next (rollout pause and resume). */
function StepThrough({ deployment: d }: { deployment: KDeployment }): ReactElement {
  const { t } = useTranslation('kube');
  const context = useKube((s) => s.context) ?? '';
  const ns = d.meta.namespace ?? 'default';
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const pending = d.paused && d.status.updatedReplicas < d.replicas;
  const step = (): void => {
    setBusy(true);
    setError(undefined);
    perform({
      label: t('rollout.step.label'),
      command: `${rolloutCommand(kubeTarget(ns), 'resume', d.meta.name)} && ${rolloutCommand(kubeTarget(ns), 'pause', d.meta.name)}`,
      run: () => api.call('kube.rollout.step', { context, namespace: ns, name: d.meta.name }),
    })
      .then((r) => setLast(t(`rollout.step.${r.outcome}`, r)))
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <Alert color="blue" variant="light" icon={<IconInfoCircle />} title={t('rollout.step.title')} data-testid="step-through">
      <Stack gap={6}>
        <Text size="sm">{d.paused ? (pending ? t('rollout.step.pending', { updated: d.status.updatedReplicas, desired: d.replicas }) : t('rollout.step.pausedIdle')) : t('rollout.step.how')}</Text>
        <Group gap="xs">
          <Button size="xs" leftSection={<IconPlayerSkipForward size={14} />} onClick={step} loading={busy} disabled={!d.paused} data-testid="step-continue">
            {t('rollout.step.continue')}
          </Button>
          {last ? (
            <Text size="sm" data-testid="step-result">
              {last}
            </Text>
          ) : null}
        </Group>
        {error ? <ErrorNotice error={toErrorData(error)} /> : null}
      </Stack>
    </Alert>
  );
}

/** The ReplicaSets growing and shrinking while a rollout runs, one line per change, newest last. */
function Timeline({ deployment: d, replicaSets }: { deployment: KDeployment; replicaSets: ListState<KReplicaSet> | undefined }): ReactElement {
  const { t, i18n } = useTranslation('kube');
  const [frames, setFrames] = useState<RolloutFrame[]>([]);
  const last = useRef<RolloutFrame | undefined>(undefined);
  useEffect(() => {
    const frame = nextFrame(last.current, d, replicaSets?.items.values() ?? [], Date.now());
    if (!frame) return;
    last.current = frame;
    // A new frame is an event from the cluster, kept as the timeline's next line.
    setFrames((f) => [...f, frame].slice(-MAX_FRAMES));
  }, [d, replicaSets]);
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <Stack gap={4}>
      <Text fw={700} size="sm">
        {t('rollout.timeline')}
      </Text>
      <ScrollArea.Autosize mah={220}>
        <Stack gap={2} data-testid="rollout-timeline">
          {frames.map((f) => (
            <Group key={f.time} gap="xs" wrap="nowrap">
              <Text size="xs" c="dimmed" w={70} ff="monospace">
                {time.format(f.time)}
              </Text>
              {f.sets.map((s) => (
                <Group key={s.name} gap={2} wrap="nowrap">
                  <Text size="xs" ff="monospace">
                    r{s.revision}
                  </Text>
                  {Array.from({ length: Math.max(s.desired, s.ready) }, (_, i) => (
                    <span key={i} style={{ display: 'inline-block', width: 9, height: 9, borderRadius: 2, border: '1px solid var(--mantine-color-blue-6)', background: i < s.ready ? 'var(--mantine-color-blue-6)' : 'transparent' }} />
                  ))}
                  <Text size="xs" c="dimmed">
                    {s.ready}/{s.desired}
                  </Text>
                </Group>
              ))}
            </Group>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}

function HistoryView({ deployment: d, history, onUndo }: { deployment: KDeployment; history: RolloutHistory | undefined; onUndo: (toRevision?: number) => void }): ReactElement {
  const { t } = useTranslation('kube');
  const [pair, setPair] = useState<number[]>([]);
  const revisions = history?.revisions ?? [];
  const [a, b] = [...pair].sort((x, y) => x - y);
  const left = revisions.find((r) => r.revision === a);
  const right = revisions.find((r) => r.revision === b);
  const reused = revisions.filter((r) => r.earlier.length);
  return (
    <Stack gap="xs" data-testid="rollout-history">
      <Group justify="space-between">
        <Text fw={700} size="sm">
          {t('rollout.history')}
        </Text>
        <Button size="xs" variant="default" leftSection={<IconRotate size={14} />} onClick={() => onUndo()} disabled={revisions.length < 2} data-testid="rollout-undo">
          {t('rollout.undoPrevious')}
        </Button>
      </Group>
      <CommandLine command={rolloutHistoryCommand(kubeTarget(d.meta.namespace), d.meta.name)} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {(['revision', 'images', 'cause', 'replicaSet', ''] as const).map((k) => (
              <Table.Th key={k}>{k ? t(`rollout.columns.${k}`) : null}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {revisions.map((r) => (
            <Table.Tr key={r.revision} data-testid={`revision-${r.revision}`}>
              <Table.Td>
                <Checkbox aria-label={t('rollout.compare', { revision: r.revision })} checked={pair.includes(r.revision)} onChange={() => setPair((p) => (p.includes(r.revision) ? p.filter((x) => x !== r.revision) : [...p, r.revision].slice(-2)))} />
              </Table.Td>
              <Table.Td>
                {r.revision} {r.current ? <Badge size="xs">{t('rollout.current')}</Badge> : null}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {r.images.join(', ')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{r.changeCause ?? '–'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {r.replicaSet}
                </Text>
                {r.earlier.length ? (
                  <Text size="xs" c="dimmed">
                    {t('rollout.earlier', { revisions: r.earlier.join(', ') })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {!r.current ? (
                  <Button size="compact-xs" variant="subtle" onClick={() => onUndo(r.revision)} data-testid={`undo-to-${r.revision}`}>
                    {t('rollout.undoTo', { revision: r.revision })}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {reused.length ? (
        <Alert color="gray" icon={<IconInfoCircle />} data-testid="history-reuse">
          {t('rollout.reuseExplained', { revisions: reused.map((r) => `${r.earlier.join(', ')} → ${r.revision}`).join('; ') })}
        </Alert>
      ) : null}
      {left && right ? (
        <Stack gap={2}>
          <Text size="sm" fw={700}>
            {t('rollout.diff', { a: left.revision, b: right.revision })}
          </Text>
          <Code block data-testid="revision-diff">
            {diffLines(left.template, right.template).map((part, i) => (
              <span key={i} style={{ color: part.added ? 'var(--mantine-color-green-7)' : part.removed ? 'var(--mantine-color-red-7)' : undefined }}>
                {part.value
                  .replace(/\n$/, '')
                  .split('\n')
                  .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}`)
                  .join('\n')}
                {'\n'}
              </span>
            ))}
          </Code>
        </Stack>
      ) : (
        <Text size="xs" c="dimmed">
          {t('rollout.diffHint')}
        </Text>
      )}
    </Stack>
  );
}
