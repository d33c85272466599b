import { Alert, Badge, Button, Checkbox, Code, Group, List, NumberInput, ScrollArea, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type ComposeAction, composeCommand, type ComposeTarget, courseScaleCommand } from '@shared/cli/compose';
import type { ComposeProject, DownPreview, ProjectAnalysis, RunOutcome } from '@shared/compose/dto';
import { dirOf } from '@shared/compose/project';
import type { ErrorData } from '@shared/errors';

import { confirmAction, perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCompose } from '../../stores/compose';
import { useConcept } from '../../stores/concept';
import { toErrorData } from '../../stores/errors';
import { FindingsList } from './FindingsList';
import { sayFinding } from './findings';
import { ProjectGraph } from './ProjectGraph';
import { ProjectLogs } from './ProjectLogs';
import { YamlEditor } from './YamlEditor';

const STATE_COLOR: Record<string, string> = { running: 'teal', partial: 'yellow', exited: 'gray', restarting: 'orange', unhealthy: 'red', created: 'gray', paused: 'grape', down: 'gray' };

function targetOf(project: ComposeProject | undefined, analysis: ProjectAnalysis | undefined, name: string): ComposeTarget | undefined {
  const opened = project?.opened;
  const files = opened?.files ?? analysis?.files.map((f) => f.path) ?? project?.configFiles ?? [];
  if (!files.length) return undefined;
  return { name, files, projectDir: opened?.projectDir ?? project?.workingDir ?? dirOf(files[0] ?? '/'), envFile: opened?.envFile, profiles: opened?.profiles };
}

/** One project: its services live, actions through the learner's Compose, the graph, the files with the doctor, the logs. */
export function ProjectDetail({ name }: { name: string }): ReactElement {
  const { t } = useTranslation('compose');
  const project = useCompose((s) => s.byName[name]);
  const cli = useCompose((s) => s.cli);
  const refresh = useCompose((s) => s.refresh);
  const [analysis, setAnalysis] = useState<ProjectAnalysis | undefined>();
  /** The files' texts as they are on disk: what differs from them is unsaved. */
  const [disk, setDisk] = useState<Record<string, string>>({});
  const drafts = useCompose((s) => s.drafts);
  const setDraft = useCompose((s) => s.setDraft);
  const texts = useMemo(() => Object.fromEntries(Object.entries(disk).map(([path, text]) => [path, drafts[path] ?? text])), [disk, drafts]);
  const [versions, setVersions] = useState<Record<string, string>>({});
  const [file, setFile] = useState<string | undefined>();
  const [error, setError] = useState<ErrorData | undefined>();
  const [running, setRunning] = useState<{ command: string; lines: string[] } | undefined>();
  const [outcome, setOutcome] = useState<RunOutcome | undefined>();
  const [scale, setScale] = useState<Record<string, number>>({});
  const controller = useRef<AbortController | undefined>(undefined);

  const analyze = useCallback(
    async (overrides: Record<string, string> = {}) => {
      try {
        const result = await api.call('compose.analyze', { project: name, overrides: Object.entries(overrides).map(([path, text]) => ({ path, text })) });
        setAnalysis(result);
        setError(undefined);
        return result;
      } catch (e) {
        setError(toErrorData(e));
        return undefined;
      }
    },
    [name],
  );

  useEffect(() => {
    let alive = true;
    api.call('compose.analyze', { project: name, overrides: [] }).then(
      (result) => {
        if (!alive) return;
        setAnalysis(result);
        setDisk(Object.fromEntries(result.files.map((f) => [f.path, f.text])));
        setVersions(Object.fromEntries(result.files.map((f) => [f.path, f.version])));
        setFile(result.files[0]?.path);
      },
      (e: unknown) => alive && setError(toErrorData(e)),
    );
    return () => {
      alive = false;
    };
  }, [name]);

  // The editor's unsaved text is checked as the learner types (a moment after the last key).
  const dirty = useMemo(() => Object.entries(texts).filter(([path, text]) => disk[path] !== text), [texts, disk]);
  useEffect(() => {
    if (!Object.keys(disk).length) return undefined;
    const timer = setTimeout(() => void analyze(Object.fromEntries(dirty)), 250);
    return () => clearTimeout(timer);
  }, [dirty, disk, analyze]);

  const target = targetOf(project, analysis, name);
  const tool = cli?.found ? cli : undefined;
  const command = (action: ComposeAction): string => (tool && target ? composeCommand(tool, target, action).display : '');

  const run = async (action: ComposeAction, label: string): Promise<void> => {
    if (!tool || !target) return;
    const display = command(action);
    controller.current = new AbortController();
    setOutcome(undefined);
    setRunning({ command: display, lines: [] });
    try {
      const result = await perform({
        label,
        command: display,
        run: async () => {
          const r = await api.call('compose.run', { project: name, action }, {
            signal: controller.current?.signal,
            onProgress: (line) => setRunning((old) => (old ? { ...old, lines: [...old.lines.slice(-300), line.text] } : old)),
          });
          if (!r.ok && !r.cancelled) throw Object.assign(new Error(r.detail ?? r.output.at(-1) ?? ''), { outcome: r });
          return r;
        },
      });
      setOutcome(result);
    } catch (e) {
      const failed = (e as { outcome?: RunOutcome }).outcome;
      if (failed) setOutcome(failed);
      else setError(toErrorData(e));
    } finally {
      setRunning(undefined);
      void refresh([name]);
    }
  };

  const up = async (options: { build?: boolean; removeOrphans?: boolean; scale?: Record<string, number> } = {}): Promise<void> => {
    const action: ComposeAction = { kind: 'up', ...options };
    const errors = (analysis?.findings ?? []).filter((f) => f.severity === 'error');
    if (errors.length) {
      const go = await confirmAction({
        title: t('actions.upWithErrors', { count: errors.length }),
        body: (
          <List size="sm">
            {errors.slice(0, 5).map((f, i) => (
              <List.Item key={i}>{sayFinding(f, t).title}</List.Item>
            ))}
          </List>
        ),
        command: command(action),
        confirmLabel: t('actions.upAnyway'),
      });
      if (!go) return;
    }
    await run(action, options.scale ? t('actions.scaleLabel', { project: name }) : t('actions.upLabel', { project: name }));
  };

  const down = async (): Promise<void> => {
    let removeVolumes = false;
    let preview: DownPreview;
    try {
      preview = await api.call('compose.downPreview', { project: name });
    } catch (e) {
      setError(toErrorData(e));
      return;
    }
    const go = await confirmAction({
      title: t('actions.downTitle', { project: name }),
      body: (
        <Stack gap="xs">
          <Text size="sm">{t('actions.downBody')}</Text>
          {preview.volumes.length ? (
            <>
              <Checkbox label={t('actions.downVolumes')} onChange={(e) => (removeVolumes = e.currentTarget.checked)} data-testid="compose-down-volumes" />
              <List size="sm" data-testid="compose-down-preview">
                {preview.volumes.map((v) => (
                  <List.Item key={v.name}>
                    <Code>{v.name}</Code> {v.inUseBy.length ? t('actions.usedBy', { containers: v.inUseBy.join(', ') }) : ''}
                  </List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('actions.noVolumes')}
            </Text>
          )}
        </Stack>
      ),
      command: command({ kind: 'down', volumes: false }),
      confirmLabel: t('actions.down'),
      danger: true,
    });
    if (go) await run({ kind: 'down', volumes: removeVolumes }, t('actions.downLabel', { project: name }));
  };

  const save = async (path: string): Promise<void> => {
    try {
      const saved = await perform({
        label: t('editor.saveLabel', { file: path }),
        command: `# ${t('editor.saveCommand', { file: path })}`,
        run: () => api.call('compose.save', { project: name, path, text: texts[path] ?? '', version: versions[path] ?? '' }),
      });
      setVersions((v) => ({ ...v, [path]: saved.version }));
      setDisk((d) => ({ ...d, [path]: texts[path] ?? '' }));
      setDraft(path, undefined);
    } catch (e) {
      // A conflict or a refusal: the learner's text stays in the editor.
      setError(toErrorData(e));
    }
  };

  const services = [...new Set([...(analysis?.model.services.map((s) => s.name) ?? []), ...(project?.services.map((s) => s.name) ?? [])])].sort();
  const fileFindings = (analysis?.findings ?? []).filter((f) => f.at.file === file);

  return (
    <Stack gap="sm" data-testid="compose-project">
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={3}>{name}</Title>
          <Badge color={STATE_COLOR[project?.state ?? 'down']} data-testid="compose-project-state">
            {t(`state.${project?.state ?? 'down'}`)}
          </Badge>
          {project?.flavor ? <Badge variant="outline">{t('madeBy', { flavor: project.flavor, version: project.composeVersion ?? '' })}</Badge> : null}
        </Group>
        <Button variant="subtle" size="xs" onClick={() => useConcept.getState().show('compose', { name, containers: services })}>
          {t('explain')}
        </Button>
      </Group>
      {error ? <ErrorNotice error={error} /> : null}
      {!tool ? <Alert color="orange">{t('cli.missing')}</Alert> : null}
      <Group gap="xs">
        <Button size="xs" disabled={!tool || !!running} onClick={() => void up()} data-testid="compose-up">
          {t('actions.up')}
        </Button>
        <Button size="xs" variant="light" disabled={!tool || !!running} onClick={() => void up({ build: true })}>
          {t('actions.upBuild')}
        </Button>
        <Button size="xs" variant="light" disabled={!tool || !!running} onClick={() => void up({ removeOrphans: true })}>
          {t('actions.upOrphans')}
        </Button>
        {(['stop', 'start', 'restart', 'pull', 'build'] as const).map((kind) => (
          <Button key={kind} size="xs" variant="default" disabled={!tool || !!running} onClick={() => void run({ kind }, t(`actions.${kind}Label`, { project: name }))}>
            {t(`actions.${kind}`)}
          </Button>
        ))}
        <Button size="xs" color="red" variant="light" disabled={!tool || !!running} onClick={() => void down()} data-testid="compose-down">
          {t('actions.down')}
        </Button>
      </Group>
      {target && tool ? <CommandLine command={command({ kind: 'up' })} /> : null}
      {running ? (
        <Stack gap={4} data-testid="compose-running">
          <Group gap="xs">
            <Text size="sm">{t('run.running')}</Text>
            <Button size="compact-xs" variant="outline" color="red" onClick={() => controller.current?.abort()}>
              {t('run.cancel')}
            </Button>
          </Group>
          <ScrollArea h={140}>
            <Code block>{running.lines.join('\n')}</Code>
          </ScrollArea>
        </Stack>
      ) : null}
      {outcome && !outcome.ok ? (
        <Alert color={outcome.cancelled ? 'gray' : 'red'} data-testid="compose-run-failed">
          <Text size="sm" fw={600}>
            {outcome.cancelled ? t('run.cancelled') : t(`run.reasons.${outcome.reason ?? 'unknown'}`)}
          </Text>
          {outcome.detail ? <Code block>{outcome.detail}</Code> : null}
          {outcome.unhealthy.map((u) => (
            <Text key={u.container} size="sm">
              {t('run.unhealthy', { service: u.service, container: u.container, output: u.output })}
            </Text>
          ))}
          <Text size="xs" c="dimmed">
            {t('run.leftAsIs')}
          </Text>
        </Alert>
      ) : null}
      <Tabs defaultValue="services" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="services">{t('tabs.services')}</Tabs.Tab>
          <Tabs.Tab value="graph" data-testid="compose-tab-graph">
            {t('tabs.graph')}
          </Tabs.Tab>
          <Tabs.Tab value="files" data-testid="compose-tab-files">
            {t('tabs.files', { count: analysis?.findings.length ?? 0 })}
          </Tabs.Tab>
          <Tabs.Tab value="logs" data-testid="compose-tab-logs">
            {t('tabs.logs')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="services" pt="sm">
          <Table data-testid="compose-services">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('services.name')}</Table.Th>
                <Table.Th>{t('services.state')}</Table.Th>
                <Table.Th>{t('services.containers')}</Table.Th>
                <Table.Th>{t('services.scale')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {services.map((s) => {
                const live = project?.services.find((x) => x.name === s);
                const wanted = analysis?.model.services.find((x) => x.name === s)?.replicas ?? 1;
                const n = scale[s] ?? live?.total ?? wanted;
                return (
                  <Table.Tr key={s} data-testid={`compose-service-${s}`}>
                    <Table.Td>{s}</Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLOR[live?.state ?? 'down']} variant="light">
                        {live ? t('services.running', { running: live.running, total: live.total }) : t('services.notRunning')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{live?.containers.map((c) => `${c.name} (${c.status})`).join(', ') ?? ''}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <NumberInput size="xs" w={70} min={0} max={100} value={n} onChange={(v) => setScale((old) => ({ ...old, [s]: Number(v) || 0 }))} aria-label={t('services.scale')} data-testid={`compose-scale-${s}`} />
                        <Button size="compact-xs" disabled={!tool || !!running} onClick={() => void up({ scale: { [s]: n } })} data-testid={`compose-scale-apply-${s}`}>
                          {t('services.apply')}
                        </Button>
                      </Group>
                      {tool ? (
                        <Text size="xs" c="dimmed">
                          {t('services.courseScale', { course: courseScaleCommand(tool, s, n), flavor: tool.flavor })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="default" disabled={!tool || !!running || !live} onClick={() => void run({ kind: 'restart', services: [s] }, t('actions.restartService', { service: s }))}>
                        {t('actions.restart')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {project?.oneOffs.length ? (
            <Text size="xs" c="dimmed">
              {t('services.oneOffs', { names: project.oneOffs.map((c) => c.name).join(', ') })}
            </Text>
          ) : null}
        </Tabs.Panel>
        <Tabs.Panel value="graph" pt="sm">
          <ProjectGraph model={analysis?.model} project={project} />
        </Tabs.Panel>
        <Tabs.Panel value="files" pt="sm">
          {analysis && file ? (
            <Stack gap="xs">
              <Group gap="xs">
                {analysis.files.map((f) => (
                  <Button key={f.path} size="compact-xs" variant={f.path === file ? 'filled' : 'default'} onClick={() => setFile(f.path)}>
                    {f.path.split('/').pop()}
                  </Button>
                ))}
                <Button size="compact-xs" color="teal" disabled={(texts[file] ?? '') === disk[file]} onClick={() => void save(file)} data-testid="compose-save">
                  {t('editor.save')}
                </Button>
                <Text size="xs" c="dimmed">
                  {file}
                </Text>
              </Group>
              <YamlEditor
                key={file}
                text={texts[file] ?? ''}
                marks={fileFindings.map((f) => ({ ...f.at, severity: f.severity, message: sayFinding(f, t).title }))}
                onChange={(text) => setDraft(file, text === disk[file] ? undefined : text)}
              />
              <FindingsList findings={analysis.findings} />
              {analysis.variables.length ? (
                <Table data-testid="compose-variables">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('variables.name')}</Table.Th>
                      <Table.Th>{t('variables.value')}</Table.Th>
                      <Table.Th>{t('variables.source')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {analysis.variables.map((v) => (
                      <Table.Tr key={v.name}>
                        <Table.Td>
                          <Code>{v.name}</Code>
                        </Table.Td>
                        <Table.Td>{v.value ?? '—'}</Table.Td>
                        <Table.Td>{t(`variables.from.${v.source}`, { file: v.file ?? '', line: v.line ?? 0, shadowed: v.shadowed ?? '' })}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('editor.noFiles')}
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="logs" pt="sm">
          <ProjectLogs project={name} services={services} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
