import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { memo, type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ComposeProject, OpenProblem } from '@shared/compose/dto';

import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { useCompose } from '../../stores/compose';
import { isConnected, useEngineStore } from '../../stores/engine';
import { toErrorData } from '../../stores/errors';
import { ProjectDetail } from './ProjectDetail';

const STATE_COLOR: Record<string, string> = { running: 'teal', partial: 'yellow', exited: 'gray', down: 'gray' };

/** Opens a project from a folder or compose files typed as paths (checked by the backend, said at the field). */
function OpenForm(): ReactElement {
  const { t } = useTranslation('compose');
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [envFile, setEnvFile] = useState('');
  const [profiles, setProfiles] = useState('');
  const [problems, setProblems] = useState<OpenProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const { refresh, open } = useCompose();
  const say = (field: OpenProblem['field']): string | undefined => {
    const p = problems.find((x) => x.field === field);
    return p ? t(`open.problems.${p.code}`, { path: p.path ?? '' }) : undefined;
  };
  const submit = async (): Promise<void> => {
    setBusy(true);
    try {
      const paths = path
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const result = await api.call('compose.open', {
        ...(paths.length > 1 ? { files: paths } : { path: paths[0] ?? '' }),
        ...(name.trim() ? { projectName: name.trim() } : {}),
        ...(envFile.trim() ? { envFile: envFile.trim() } : {}),
        ...(profiles.trim() ? { profiles: profiles.split(',').map((p) => p.trim()).filter(Boolean) } : {}),
      });
      if (!result.ok) {
        setProblems(result.problems.map((p) => (p.field === 'files' ? { ...p, field: 'path' } : p)));
        return;
      }
      setProblems([]);
      await refresh([result.project.name]);
      open(result.project.name);
    } catch (error) {
      setProblems([{ field: 'path', code: 'unreadable', path: toErrorData(error).message }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" data-testid="compose-open-form">
      <TextInput label={t('open.path')} description={t('open.pathHelp')} value={path} onChange={(e) => setPath(e.currentTarget.value)} error={say('path')} data-testid="compose-open-path" />
      <Group grow>
        <TextInput label={t('open.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={say('name')} />
        <TextInput label={t('open.envFile')} value={envFile} onChange={(e) => setEnvFile(e.currentTarget.value)} error={say('envFile')} />
        <TextInput label={t('open.profiles')} value={profiles} onChange={(e) => setProfiles(e.currentTarget.value)} />
      </Group>
      <Group>
        <Button onClick={() => void submit()} loading={busy} disabled={!path.trim()} data-testid="compose-open-submit">
          {t('open.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** One project in the list; memoised: an event re-reads one project, and only its row renders again. */
const ProjectRow = memo(function ProjectRow({ project: p, selected, onOpen }: { project: ComposeProject; selected: boolean; onOpen: (name: string) => void }): ReactElement {
  const { t } = useTranslation('compose');
  const running = p.services.reduce((n, s) => n + s.running, 0);
  const total = p.services.reduce((n, s) => n + s.total, 0);
  return (
    <Table.Tr onClick={() => onOpen(p.name)} style={{ cursor: 'pointer' }} data-testid={`compose-project-${p.name}`} bg={selected ? 'var(--mantine-color-blue-light)' : undefined}>
      <Table.Td>
        {p.name} {p.flavor ? <Badge size="xs" variant="outline">{p.flavor}</Badge> : null}
      </Table.Td>
      <Table.Td>
        <Badge color={STATE_COLOR[p.state]} variant="light">
          {t(`state.${p.state}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{t('list.count', { running, total, services: p.services.length })}</Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed" truncate="end" maw={260}>
          {p.opened?.projectDir ?? p.workingDir ?? ''}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
});

/** Compose: every project on the engine and the opened ones, one open with its services, graph, files and logs. */
export function ComposeView(): ReactElement {
  const { t } = useTranslation('compose');
  const connected = isConnected(useEngineStore((s) => s.state));
  const { byName, loaded, error, cli, openName, load, loadCli, watchEvents, open } = useCompose();
  const [opening, setOpening] = useState(false);

  useEffect(() => {
    void loadCli();
  }, [loadCli]);
  useEffect(() => {
    if (!connected) return undefined;
    const dispose = watchEvents();
    void load();
    return dispose;
  }, [connected, load, watchEvents]);

  const projects = useMemo(() => Object.values(byName).sort((a, b) => a.name.localeCompare(b.name)), [byName]);
  return (
    <Stack p="lg" gap="md" data-testid="view-compose">
      <ViewHeader title={t('title')} intro={t('intro')}>
        {cli?.found ? (
        <Text size="sm" data-testid="compose-cli">
          {t('cli.found', { command: cli.command.join(' '), flavor: cli.flavor, version: cli.version })}
        </Text>
      ) : null}
      {cli && !cli.found ? (
          <Button size="xs" variant="light" color="orange" onClick={() => void loadCli(true)}>
            {t('cli.lookAgain')}
          </Button>
        ) : null}
        <Button onClick={() => setOpening((o) => !o)} data-testid="compose-open" style={{ flexShrink: 0 }}>
          {t('open.button')}
        </Button>
      </ViewHeader>
      {cli && !cli.found ? (
        <Alert color="orange" data-testid="compose-cli-missing">
          {t('cli.missing')}
        </Alert>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {opening ? <OpenForm /> : null}
      <div>
          {!loaded ? (
            <Loader size="sm" />
          ) : projects.length ? (
            <Table highlightOnHover data-testid="compose-projects">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('list.name')}</Table.Th>
                  <Table.Th>{t('list.state')}</Table.Th>
                  <Table.Th>{t('list.services')}</Table.Th>
                  <Table.Th>{t('list.folder')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {projects.map((p) => (
                  <ProjectRow key={p.name} project={p} selected={p.name === openName} onOpen={open} />
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text c="dimmed" size="sm" data-testid="compose-empty">
              {t('list.empty')}
            </Text>
          )}
      </div>
      {openName ? <ProjectDetail key={openName} name={openName} /> : null}
    </Stack>
  );
}
