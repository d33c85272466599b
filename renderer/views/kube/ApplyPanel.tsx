import { Alert, Badge, Button, Card, Code, Group, Menu, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconBook, IconCheck, IconChecks, IconEye, IconUpload } from '@tabler/icons-react';
import { diffLines } from 'diff';
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { applyCommand, diffCommand } from '@shared/cli/kube';
import type { ApplyMode, ApplyResult, DoctorFinding, DoctorReport, DocumentResult } from '@shared/dto/kube';
import { courseManifests, courseManifestText } from '@shared/kube/course';
import { applyFixes } from '@shared/kube/yaml';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CodeEditor, type EditorMark } from '../../components/CodeEditor';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { toErrorData } from '../../stores/errors';
import { kubeTarget, useKube } from '../../stores/kube';

const FILE = 'manifest.yaml';

/** A doctor finding in the learner's language. */
export function useFindingText(): (f: DoctorFinding) => string {
  const { t } = useTranslation('kube');
  return (f) => {
    const params = { ...f.params, path: f.path ?? '', ...(typeof f.params.rule === 'string' ? { rule: t(`doctor.rules.${f.params.rule}`) } : {}) };
    const parts = [t(`doctor.${f.code}`, params)];
    if (f.params.suggestion !== undefined) parts.push(t('doctor.didYouMean', params));
    if (f.params.belongsTo !== undefined) parts.push(t('doctor.belongsTo', params));
    return parts.join(' ');
  };
}

/** Paste or load manifests, let the doctor look first, dry-run them on the server with a diff, then apply or create. */
export function ApplyPanel(): ReactElement {
  const { t } = useTranslation('kube');
  const context = useKube((s) => s.context);
  const connected = useKube((s) => s.connection?.status === 'connected');
  const namespace = useKube((s) => s.namespace) || 'default';
  const [text, setText] = useState('');
  const [report, setReport] = useState<DoctorReport | undefined>(undefined);
  const [mode, setMode] = useState<ApplyMode>('apply');
  const [result, setResult] = useState<ApplyResult | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const say = useFindingText();

  // The doctor reads the text as the learner types (with the cluster's schemas while connected).
  useEffect(() => {
    if (!text.trim()) {
      // An empty editor has nothing to report.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setReport(undefined);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.call('kube.apply.check', { text, namespace, ...(context && connected ? { context } : {}) }).then(
        (r) => current && setReport(r),
        (e: unknown) => current && setError(e),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, namespace, context, connected]);

  const marks = useMemo<EditorMark[]>(
    () => (report?.findings ?? []).map((f) => ({ line: f.line, column: f.column, endLine: f.endLine ?? f.line, endColumn: f.endColumn ?? f.column, severity: f.severity, message: say(f) })),
    // say follows the language, which the report's recomputation follows too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [report],
  );

  const send = (dryRun: boolean): void => {
    if (!context) return;
    setBusy(true);
    setError(undefined);
    perform({
      label: t(dryRun ? 'apply.dryRun' : mode === 'apply' ? 'apply.apply' : 'apply.create'),
      command: applyCommand(kubeTarget(), mode, FILE, dryRun),
      run: async () => {
        const r = await api.call('kube.apply.run', { context, text, mode, dryRun, namespace });
        setResult(r);
        return r;
      },
    })
      .catch(setError)
      .finally(() => setBusy(false));
  };

  const errors = report?.findings.filter((f) => f.severity === 'error').length ?? 0;
  return (
    <Stack gap="md" data-testid="kube-apply">
      <Group justify="space-between">
        <Group gap="xs">
          <Menu>
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<IconBook size={14} />} data-testid="apply-course">
                {t('apply.course')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => setText(courseManifestText())} data-testid="apply-course-all">
                {t('apply.courseAll')}
              </Menu.Item>
              {courseManifests.map((m) => (
                <Menu.Item key={m.file} onClick={() => setText(m.text)}>
                  {m.file}
                  {m.flawed ? ` · ${t('apply.flawed')}` : ''}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(v) => setMode(v === 'create' ? 'create' : 'apply')}
            data={[
              { value: 'apply', label: 'apply --server-side' },
              { value: 'create', label: 'create' },
            ]}
          />
        </Group>
        <Badge color={errors ? 'red' : report ? 'teal' : 'gray'} variant="light" data-testid="doctor-summary">
          {report ? (errors ? t('apply.errors', { count: errors }) : t('apply.clean')) : t('apply.empty')}
          {report && !report.cluster ? ` · ${t('apply.offline')}` : ''}
        </Badge>
      </Group>
      <CodeEditor text={text} marks={marks} onChange={setText} testId="kube-editor" />
      {report?.findings.length ? (
        <Card withBorder padding="sm" data-testid="doctor-findings">
          <Group justify="space-between" mb="xs">
            <Title order={5}>{t('apply.findings')}</Title>
            {report.findings.some((f) => f.fix) ? (
              <Button size="xs" leftSection={<IconChecks size={14} />} onClick={() => setText(report.mended)} data-testid="doctor-fix-all">
                {t('apply.fixAll')}
              </Button>
            ) : null}
          </Group>
          <Stack gap={6}>
            {report.findings.map((f, i) => (
              <Group key={i} gap="xs" wrap="nowrap" align="flex-start" data-testid={`finding-${f.code}`}>
                <Badge size="sm" color={f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'orange' : 'blue'} w={90}>
                  {t('apply.at', { line: f.line, column: f.column })}
                </Badge>
                <Stack gap={0} style={{ flex: 1 }}>
                  <Text size="sm">{say(f)}</Text>
                  {f.params.parentDoc ? (
                    <Text size="xs" c="dimmed">
                      {t('apply.fieldDoc', { doc: f.params.parentDoc })}
                    </Text>
                  ) : null}
                </Stack>
                {f.fix ? (
                  <Button size="compact-xs" variant="light" leftSection={<IconCheck size={12} />} onClick={() => setText((current) => applyFixes(current, [f.fix!]))}>
                    {t('apply.fix')}
                  </Button>
                ) : null}
              </Group>
            ))}
          </Stack>
        </Card>
      ) : null}
      <Group>
        <Button variant="default" leftSection={<IconEye size={14} />} onClick={() => send(true)} loading={busy} disabled={!context || !connected || !text.trim() || errors > 0} data-testid="apply-dry-run">
          {t('apply.dryRun')}
        </Button>
        <Button leftSection={<IconUpload size={14} />} onClick={() => send(false)} loading={busy} disabled={!context || !connected || !text.trim() || errors > 0} data-testid="apply-run">
          {mode === 'apply' ? t('apply.apply') : t('apply.create')}
        </Button>
      </Group>
      <Stack gap={4}>
        <CommandLine command={applyCommand(kubeTarget(), mode, FILE, true)} />
        <CommandLine command={mode === 'apply' ? diffCommand(kubeTarget(), FILE) : applyCommand(kubeTarget(), mode, FILE, false)} />
      </Stack>
      {errors > 0 ? <Text size="xs" c="dimmed">{t('apply.fixFirst')}</Text> : null}
      {error ? <ErrorNotice error={toErrorData(error)} /> : null}
      {result ? <Results result={result} /> : null}
    </Stack>
  );
}

const OUTCOME_COLOR: Record<DocumentResult['outcome'], string> = { created: 'teal', configured: 'blue', unchanged: 'gray', failed: 'red', skipped: 'yellow' };

function Results({ result }: { result: ApplyResult }): ReactElement {
  const { t } = useTranslation('kube');
  const failed = result.documents.filter((d) => d.outcome === 'failed').length;
  return (
    <Card withBorder data-testid="apply-results">
      <Title order={5} mb="xs">
        {t(result.dryRun ? 'apply.results.dry' : 'apply.results.real')}
      </Title>
      {failed && !result.dryRun ? (
        <Alert color="orange" mb="xs" data-testid="apply-partial">
          {t('apply.results.partial', { failed, total: result.documents.length })}
        </Alert>
      ) : null}
      <Stack gap="xs">
        {result.documents.map((d) => (
          <Stack key={d.doc} gap={4} data-testid={`apply-doc-${d.kind}-${d.name}`}>
            <Group gap="xs">
              <Badge color={OUTCOME_COLOR[d.outcome]} data-testid="apply-outcome">
                {t(`apply.outcome.${d.outcome}`)}
              </Badge>
              <Text size="sm" ff="monospace">
                {d.kind}/{d.name}
                {d.namespace ? ` (${d.namespace})` : ''}
              </Text>
            </Group>
            {d.warnings.map((w) => (
              <Text key={w} size="xs" c="orange">
                {w.startsWith('namespace-pending:') ? t('apply.namespacePending', { namespace: w.slice('namespace-pending:'.length) }) : w}
              </Text>
            ))}
            {d.error ? <ErrorNotice error={d.error} /> : null}
            {result.dryRun && d.result !== undefined && d.outcome === 'configured' ? (
              <Code block>
                {diffLines(d.live ?? '', d.result)
                  .filter((p) => p.added || p.removed)
                  .map((p) => p.value.replace(/\n$/, '').split('\n').map((l) => `${p.added ? '+' : '-'} ${l}`).join('\n'))
                  .join('\n')}
              </Code>
            ) : null}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
