import { Button, Checkbox, Group, Modal, NumberInput, Popover, Select, Stack, Text, TextInput } from '@mantine/core';
import {
  IconPlayerPause,
  IconPlayerPlay,
  IconPlayerStop,
  IconRefresh,
  IconSkull,
  IconTextRecognition,
  IconTrash,
} from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { containerCli } from '@shared/cli/containers/lifecycle';
import type { BulkOutcome, ContainerSummary } from '@shared/dto/containers';
import { LotseError } from '@shared/errors';
import { checkContainerName } from '@shared/rules/names';

import { CommandLine } from '../../components/CommandLine';
import { sayError, sayNameIssue } from '../../components/errorText';
import { SubmitButton } from '../../components/SubmitButton';
import { perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';

const SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGQUIT'];

/** Fails the action when any container refused, naming each, so perform() shows it. */
async function bulk(containers: ContainerSummary[], call: () => Promise<BulkOutcome>): Promise<void> {
  const outcomes = await call();
  const failed = outcomes.filter((o) => !o.ok);
  if (!failed.length) return;
  const name = (id: string): string => containers.find((c) => c.id === id)?.name ?? id.slice(0, 12);
  const first = failed[0]?.error;
  const message = failed.map((f) => `${name(f.id)}: ${f.error?.message ?? ''}`).join('\n');
  // The first refusal's reason is said in the learner's language; every container's own words stay as detail.
  throw new LotseError(first?.code ?? 'INTERNAL', message, first?.hint, first?.reason ? { reason: first.reason, detail: message } : {});
}

/** start, stop, restart, kill, pause, unpause, rename, remove — for one container or a selection. */
export function LifecycleBar({ containers, onRemoved }: { containers: ContainerSummary[]; onRemoved?: () => void }): ReactElement {
  const { t } = useTranslation('containers');
  const [timeout, setTimeoutValue] = useState<number | string>(10);
  const [signal, setSignal] = useState<string>('SIGKILL');
  const [removing, setRemoving] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const ids = containers.map((c) => c.id);
  const names = containers.map((c) => c.name);
  const n = containers.length;
  const any = (states: string[]): boolean => containers.some((c) => states.includes(c.state));
  const seconds = typeof timeout === 'number' ? timeout : undefined;
  const act = (label: string, command: string, call: () => Promise<BulkOutcome>): void => {
    void perform({ label, command, run: () => bulk(containers, call) }).catch(() => undefined);
  };

  return (
    <Group gap="xs" data-testid="lifecycle-bar">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlayerPlay size={14} />}
        disabled={!any(['created', 'exited', 'dead'])}
        onClick={() => act(t('actions.start', { count: n }), containerCli.start(names), () => api.call('containers.start', { ids }))}
        data-testid="action-start"
      >
        {t('actions.startShort')}
      </Button>
      <Popover withArrow trapFocus>
        <Popover.Target>
          <Button size="xs" variant="light" leftSection={<IconPlayerStop size={14} />} disabled={!any(['running', 'restarting', 'paused'])} data-testid="action-stop">
            {t('actions.stopShort')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown maw={340}>
          <Stack gap="xs">
            <NumberInput label={t('actions.timeout')} description={t('actions.timeoutHelp')} min={0} max={3600} value={timeout} onChange={setTimeoutValue} />
            <CommandLine command={containerCli.stop(names, seconds)} />
            <Group gap="xs">
              <Button size="xs" onClick={() => act(t('actions.stop', { count: n }), containerCli.stop(names, seconds), () => api.call('containers.stop', { ids, ...(seconds === undefined ? {} : { timeout: seconds }) }))} data-testid="confirm-stop">
                {t('actions.stopShort')}
              </Button>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconRefresh size={14} />}
                onClick={() => act(t('actions.restart', { count: n }), containerCli.restart(names, seconds), () => api.call('containers.restart', { ids, ...(seconds === undefined ? {} : { timeout: seconds }) }))}
              >
                {t('actions.restartShort')}
              </Button>
            </Group>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Popover withArrow trapFocus>
        <Popover.Target>
          <Button size="xs" variant="light" color="orange" leftSection={<IconSkull size={14} />} disabled={!any(['running', 'restarting', 'paused'])}>
            {t('actions.killShort')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown maw={340}>
          <Stack gap="xs">
            <Select label={t('actions.signal')} description={t('actions.signalHelp')} data={SIGNALS} value={signal} onChange={(v) => setSignal(v ?? 'SIGKILL')} allowDeselect={false} />
            <CommandLine command={containerCli.kill(names, signal)} />
            <Button size="xs" color="orange" onClick={() => act(t('actions.kill', { count: n }), containerCli.kill(names, signal), () => api.call('containers.kill', { ids, signal }))}>
              {t('actions.killShort')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlayerPause size={14} />}
        disabled={!any(['running'])}
        onClick={() => act(t('actions.pause', { count: n }), containerCli.pause(names), () => api.call('containers.pause', { ids }))}
      >
        {t('actions.pauseShort')}
      </Button>
      <Button
        size="xs"
        variant="light"
        disabled={!any(['paused'])}
        onClick={() => act(t('actions.unpause', { count: n }), containerCli.unpause(names), () => api.call('containers.unpause', { ids }))}
      >
        {t('actions.unpauseShort')}
      </Button>
      {n === 1 ? (
        <Button size="xs" variant="light" leftSection={<IconTextRecognition size={14} />} onClick={() => setRenaming(true)}>
          {t('actions.renameShort')}
        </Button>
      ) : null}
      <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} />} onClick={() => setRemoving(true)} data-testid="action-remove">
        {t('actions.removeShort')}
      </Button>
      {removing ? (
        <RemoveDialog
          containers={containers}
          onClose={() => setRemoving(false)}
          onDone={() => {
            setRemoving(false);
            onRemoved?.();
          }}
        />
      ) : null}
      {renaming && containers[0] ? <RenameDialog container={containers[0]} onClose={() => setRenaming(false)} /> : null}
    </Group>
  );
}

function RemoveDialog({ containers, onClose, onDone }: { containers: ContainerSummary[]; onClose: () => void; onDone: () => void }): ReactElement {
  const { t } = useTranslation('containers');
  const running = containers.filter((c) => ['running', 'paused', 'restarting'].includes(c.state));
  const [force, setForce] = useState(running.length > 0);
  const [volumes, setVolumes] = useState(false);
  const names = containers.map((c) => c.name);
  const command = containerCli.remove(names, { force, volumes });
  return (
    <Modal opened onClose={onClose} title={t('remove.title', { count: containers.length })}>
      <Stack gap="sm">
        <Text size="sm">{t('remove.preview')}</Text>
        <Text size="sm" ff="monospace" data-testid="remove-preview">
          {names.slice(0, 20).join(', ')}
          {names.length > 20 ? ` … (+${names.length - 20})` : ''}
        </Text>
        {running.length ? (
          <Text size="sm" c="orange">
            {t('remove.running', { count: running.length })}
          </Text>
        ) : null}
        <Checkbox label={t('remove.force')} description={t('remove.forceHelp')} checked={force} onChange={(e) => setForce(e.currentTarget.checked)} />
        <Checkbox label={t('remove.volumes')} description={t('remove.volumesHelp')} checked={volumes} onChange={(e) => setVolumes(e.currentTarget.checked)} />
        <CommandLine command={command} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            color="red"
            data-testid="confirm-remove"
            onClick={() => {
              void perform({
                label: t('actions.remove', { count: containers.length }),
                command,
                run: () => bulk(containers, () => api.call('containers.remove', { ids: containers.map((c) => c.id), force, volumes })),
              }).then(onDone, () => undefined);
            }}
          >
            {t('actions.removeShort')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RenameDialog({ container, onClose }: { container: ContainerSummary; onClose: () => void }): ReactElement {
  const { t } = useTranslation('containers');
  const [name, setName] = useState(container.name);
  const { busy, error, submit } = useSubmit(name);
  const command = containerCli.rename(container.name, name);
  // The naming rule as the learner types; the engine's refusal (a name taken) until the name changes.
  const issue = name ? checkContainerName(name) : null;
  const problem = issue ? sayNameIssue(issue, 'name', t) : error ? sayError(error, t).message : undefined;
  const blockers = !name ? [t('errors:form.missing', { field: t('rename.name') })] : problem ? [t('errors:form.invalid', { field: t('rename.name') })] : [];
  const rename = async (): Promise<void> => {
    if (await submit(() => perform({ label: t('rename.title'), command, run: () => api.call('containers.rename', { id: container.id, name }) }))) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('rename.title')}>
      <Stack gap="sm">
        <TextInput label={t('rename.name')} description={t('rename.help')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={problem} data-autofocus data-testid="rename-name" />
        <CommandLine command={command} />
        <Group justify="flex-end" align="flex-start">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <SubmitButton onClick={() => void rename()} loading={busy} blockers={name === container.name ? [t('errors:form.unchanged', { field: t('rename.name') })] : blockers} testId="rename-submit">
            {t('rename.confirm')}
          </SubmitButton>
        </Group>
      </Stack>
    </Modal>
  );
}
