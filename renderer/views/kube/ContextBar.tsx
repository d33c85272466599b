import { Alert, Badge, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPlayerPlay, IconPlayerStop, IconPlugConnectedX, IconRefresh } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { practiceClusterCommand, switchContextCommand } from '@shared/cli/kube';
import type { KubeConnection } from '@shared/dto/kube';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { toErrorData } from '../../stores/errors';
import { ownKubeconfig, useKube, useKubeList } from '../../stores/kube';

/** The window's context and namespace, and the connection's state: connected, or why not and what to do. */
export function ContextBar(): ReactElement {
  const { t } = useTranslation('kube');
  const contexts = useKube((s) => s.contexts);
  const context = useKube((s) => s.context);
  const namespace = useKube((s) => s.namespace);
  const connection = useKube((s) => s.connection);
  const selectContext = useKube((s) => s.selectContext);
  const selectNamespace = useKube((s) => s.selectNamespace);
  const namespaces = useKubeList('namespaces');
  const [typed, setTyped] = useState('');
  const chosen = contexts?.contexts.find((c) => c.name === context);
  const forbidden = namespaces?.stale && namespaces.items.size === 0;
  const names = [...(namespaces?.items.values() ?? [])].map((n) => n.meta.name).sort();

  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('context.label')}
          data-testid="kube-context"
          w={280}
          value={context ?? null}
          allowDeselect={false}
          data={(contexts?.contexts ?? []).map((c) => ({ value: c.name, label: c.practice ? `${c.name} (${t('practice.short')})` : c.name }))}
          onChange={(v) => v && selectContext(v)}
        />
        {forbidden ? (
          <TextInput
            label={t('namespace.typed')}
            description={t('namespace.forbidden')}
            w={240}
            value={typed || namespace}
            data-testid="kube-namespace-typed"
            onChange={(e) => setTyped(e.currentTarget.value)}
            onBlur={() => selectNamespace(typed.trim())}
          />
        ) : (
          <Select
            label={t('namespace.label')}
            data-testid="kube-namespace"
            w={220}
            value={namespace}
            allowDeselect={false}
            searchable
            data={[{ value: '', label: t('namespace.all') }, ...names.map((n) => ({ value: n, label: n }))]}
            onChange={(v) => selectNamespace(v ?? '')}
          />
        )}
        {connection ? <ConnectionBadge connection={connection} /> : null}
        {chosen ? (
          <Text size="xs" c="dimmed" maw={360} style={{ overflowWrap: 'anywhere' }}>
            {t('context.detail', { server: chosen.server, user: chosen.user, file: chosen.file })}
          </Text>
        ) : null}
      </Group>
      {context && ownKubeconfig(contexts, context) ? (
        <Text size="xs" c="dimmed" data-testid="kube-practice-export">
          {t('context.practiceTerminal')} <code>export KUBECONFIG={ownKubeconfig(contexts, context)}</code>
        </Text>
      ) : context && contexts?.current && context !== contexts.current ? (
        <Text size="xs" c="dimmed">
          {t('context.notCurrent', { current: contexts.current })} <code>{switchContextCommand(context)}</code>
        </Text>
      ) : null}
      <KubeconfigProblems />
      {connection && connection.status !== 'connected' && connection.status !== 'connecting' ? <ConnectionNotice connection={connection} /> : null}
    </Stack>
  );
}

/** What could not be read in the kubeconfig files: the file, the line, the parser's words. */
export function KubeconfigProblems(): ReactElement {
  const { t } = useTranslation('kube');
  const problems = useKube((s) => s.contexts?.problems);
  return (
    <>
      {(problems ?? []).map((p) => (
        <Alert key={`${p.file}:${p.line ?? 0}:${p.message}`} color="yellow" icon={<IconAlertTriangle />} title={t(`kubeconfig.${p.kind}`)} data-testid="kubeconfig-problem">
          <Text size="sm">{p.line ? t('kubeconfig.at', { file: p.file, line: p.line, column: p.column ?? 1 }) : p.file}</Text>
          <Text size="xs" c="dimmed">
            {p.message}
          </Text>
        </Alert>
      ))}
    </>
  );
}

function ConnectionBadge({ connection }: { connection: KubeConnection }): ReactElement {
  const { t } = useTranslation('kube');
  const color = connection.status === 'connected' ? 'teal' : connection.status === 'connecting' ? 'blue' : 'red';
  return (
    <Badge color={color} variant="light" size="lg" data-testid="kube-connection">
      {connection.status === 'connected' ? t('connection.connected', { version: connection.version ?? '' }) : t(`connection.${connection.status}`)}
    </Badge>
  );
}

/** Why the cluster cannot be used, in words, with what to do; like the engine's banner, it recovers by itself. */
function ConnectionNotice({ connection }: { connection: KubeConnection }): ReactElement {
  const { t } = useTranslation('kube');
  const auth = connection.auth;
  const retry = (): void => void api.call('kube.reconnect', { context: connection.context }).then((c) => useKube.setState({ connection: c }), () => undefined);
  return (
    <Alert color={connection.status === 'unreachable' ? 'orange' : 'red'} icon={<IconPlugConnectedX />} title={t(`connection.title.${auth?.kind ?? connection.status}`)} data-testid="kube-connection-banner" role="alert">
      <Stack gap={6}>
        <Text size="sm">
          {auth
            ? t(`connection.auth.${auth.kind}`, { subject: auth.subject ?? '', detail: auth.detail ?? '', server: connection.server })
            : t('connection.unreachableBody', { server: connection.server, seconds: Math.ceil((connection.retryInMs ?? 0) / 1000) })}
        </Text>
        {auth?.detail && auth.kind !== 'exec-missing' ? (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {auth.detail}
          </Text>
        ) : null}
        {auth?.kind === 'exec-missing' && auth.detail ? <CommandLine command={auth.detail} /> : null}
        <Group>
          <Button size="xs" variant="white" leftSection={<IconRefresh size={14} />} onClick={retry} data-testid="kube-retry">
            {t('connection.retry')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The practice cluster: offered when there is no context, startable and stoppable from here. */
export function PracticeCard({ compact = false }: { compact?: boolean }): ReactElement {
  const { t } = useTranslation('kube');
  const practice = useKube((s) => s.practice);
  const [error, setError] = useState<unknown>(undefined);
  const running = practice?.status === 'running';
  const busy = practice?.status === 'starting' || practice?.status === 'stopping';
  const start = (): void => {
    setError(undefined);
    perform({ label: t('practice.start'), command: practiceClusterCommand(), run: () => api.call('kube.practice.start', {}) })
      .then(() => useKube.getState().loadContexts())
      .catch(setError);
  };
  const stop = (): void => {
    setError(undefined);
    perform({ label: t('practice.stop'), command: t('practice.stopCommand'), run: () => api.call('kube.practice.stop', {}) }).catch(setError);
  };
  return (
    <Card withBorder padding={compact ? 'xs' : 'md'} data-testid="kube-practice">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700}>{t('practice.title')}</Text>
          <Badge variant="light" color={running ? 'teal' : practice?.status === 'failed' ? 'red' : 'gray'} data-testid="kube-practice-status">
            {t(`practice.status.${practice?.status ?? 'stopped'}`)}
          </Badge>
        </Group>
        {!compact ? <Text size="sm">{t('practice.body')}</Text> : null}
        {practice?.status === 'failed' && practice.log.length ? (
          <Text size="xs" c="red" style={{ whiteSpace: 'pre-wrap' }}>
            {practice.log.slice(-5).join('\n')}
          </Text>
        ) : null}
        <Group>
          {running ? (
            <Button size="xs" variant="default" leftSection={<IconPlayerStop size={14} />} disabled={!practice.ownedByLotse} onClick={stop} data-testid="kube-practice-stop">
              {t('practice.stop')}
            </Button>
          ) : (
            <Button size="xs" leftSection={<IconPlayerPlay size={14} />} loading={busy} onClick={start} data-testid="kube-practice-start">
              {t('practice.start')}
            </Button>
          )}
          {running && !practice.ownedByLotse ? <Text size="xs">{t('practice.foreign')}</Text> : null}
        </Group>
        <CommandLine command={practiceClusterCommand()} />
        {error ? <ErrorNotice error={toErrorData(error)} /> : null}
      </Stack>
    </Card>
  );
}
