import { Autocomplete, Button, Card, Checkbox, Group, List, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { swarmInitCommand, swarmJoinCommand, swarmLeaveCommand, unlockCommand } from '@shared/cli/swarm';
import type { AddressCandidate, SwarmState } from '@shared/dto/swarm';
import { checkSwarmAddress, JOIN_TOKEN, UNLOCK_KEY } from '@shared/rules/swarm-names';

import { confirmAction, perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SubmitButton } from '../../components/SubmitButton';

/** The three ports a swarm needs between its machines, and why 4789 stays inside. */
function Ports(): ReactElement {
  const { t } = useTranslation('swarm');
  return (
    <List size="sm" spacing={2} data-testid="swarm-ports">
      <List.Item>{t('setup.ports.manager')}</List.Item>
      <List.Item>{t('setup.ports.gossip')}</List.Item>
      <List.Item>{t('setup.ports.overlay')}</List.Item>
    </List>
  );
}

function addressProblem(text: string, interfaces: boolean, t: (key: string) => string): string | undefined {
  if (!text.trim()) return undefined;
  const issue = checkSwarmAddress(text, interfaces);
  return issue ? t(`setup.address.${issue}`) : undefined;
}

function InitForm(): ReactElement {
  const { t } = useTranslation('swarm');
  const [candidates, setCandidates] = useState<AddressCandidate[]>([]);
  const [form, setForm] = useState({ advertiseAddr: '', listenAddr: '', autolock: false });
  const { busy, error, submit } = useSubmit(form);
  useEffect(() => void api.call('swarm.addresses', {}).then(setCandidates, () => undefined), []);
  const request = {
    advertiseAddr: form.advertiseAddr.trim(),
    ...(form.listenAddr.trim() ? { listenAddr: form.listenAddr.trim() } : {}),
    autolock: form.autolock,
  };
  const command = swarmInitCommand(request);
  const advertiseProblem = addressProblem(form.advertiseAddr, true, t);
  const listenProblem = addressProblem(form.listenAddr, true, t);
  const blockers = [
    ...(request.advertiseAddr ? [] : [t('errors:form.missing', { field: t('setup.advertise') })]),
    ...(advertiseProblem ? [t('errors:form.invalid', { field: t('setup.advertise') })] : []),
    ...(listenProblem ? [t('errors:form.invalid', { field: t('setup.listen') })] : []),
  ];
  return (
    <Card withBorder data-testid="swarm-init">
      <Stack gap="sm">
        <Title order={4}>{t('setup.initTitle')}</Title>
        <Text size="sm">{t('setup.initIntro')}</Text>
        <Autocomplete
          label={t('setup.advertise')}
          description={t('setup.advertiseHelp')}
          placeholder="192.168.56.10"
          data={candidates.filter((c) => !c.internal).map((c) => ({ value: c.address, label: `${c.address} (${c.interface})` }))}
          value={form.advertiseAddr}
          onChange={(advertiseAddr) => setForm({ ...form, advertiseAddr })}
          error={advertiseProblem}
          data-testid="swarm-advertise"
        />
        <TextInput
          label={t('setup.listen')}
          description={t('setup.listenHelp')}
          placeholder="0.0.0.0:2377"
          value={form.listenAddr}
          onChange={(e) => setForm({ ...form, listenAddr: e.currentTarget.value })}
          error={listenProblem}
        />
        <Checkbox label={t('setup.autolock')} description={t('setup.autolockHelp')} checked={form.autolock} onChange={(e) => setForm({ ...form, autolock: e.currentTarget.checked })} />
        <Ports />
        <CommandLine command={command} />
        {error ? <ErrorNotice error={error} /> : null}
        <Group justify="flex-end">
          <SubmitButton
            blockers={blockers}
            loading={busy}
            testId="swarm-init-submit"
            onClick={() => void submit(() => perform({ label: t('setup.initAction'), command, run: () => api.call('swarm.init', request) }))}
          >
            {t('setup.initSubmit')}
          </SubmitButton>
        </Group>
      </Stack>
    </Card>
  );
}

function JoinForm(): ReactElement {
  const { t } = useTranslation('swarm');
  const [form, setForm] = useState({ remoteAddr: '', token: '', advertiseAddr: '' });
  const { busy, error, submit } = useSubmit(form);
  const token = form.token.trim();
  const request = { remoteAddr: form.remoteAddr.trim(), token, ...(form.advertiseAddr.trim() ? { advertiseAddr: form.advertiseAddr.trim() } : {}) };
  const command = swarmJoinCommand(request);
  const remoteProblem = addressProblem(form.remoteAddr, false, t);
  const tokenProblem = token && !JOIN_TOKEN.test(token) ? t('setup.tokenShape') : undefined;
  const blockers = [
    ...(request.remoteAddr ? [] : [t('errors:form.missing', { field: t('setup.remote') })]),
    ...(token ? [] : [t('errors:form.missing', { field: t('setup.token') })]),
    ...(remoteProblem ? [t('errors:form.invalid', { field: t('setup.remote') })] : []),
    ...(tokenProblem ? [t('errors:form.invalid', { field: t('setup.token') })] : []),
  ];
  return (
    <Card withBorder data-testid="swarm-join">
      <Stack gap="sm">
        <Title order={4}>{t('setup.joinTitle')}</Title>
        <Text size="sm">{t('setup.joinIntro')}</Text>
        <TextInput label={t('setup.remote')} description={t('setup.remoteHelp')} placeholder="192.168.56.10:2377" value={form.remoteAddr} onChange={(e) => setForm({ ...form, remoteAddr: e.currentTarget.value })} error={remoteProblem} data-testid="swarm-remote" />
        <PasswordInput label={t('setup.token')} description={t('setup.tokenHelp')} placeholder="SWMTKN-1-…" value={form.token} onChange={(e) => setForm({ ...form, token: e.currentTarget.value })} error={tokenProblem} data-testid="swarm-token" />
        <TextInput label={t('setup.advertiseOptional')} value={form.advertiseAddr} onChange={(e) => setForm({ ...form, advertiseAddr: e.currentTarget.value })} error={addressProblem(form.advertiseAddr, true, t)} />
        <CommandLine command={command} />
        {error ? <ErrorNotice error={error} /> : null}
        <Group justify="flex-end">
          <SubmitButton blockers={blockers} loading={busy} testId="swarm-join-submit" onClick={() => void submit(() => perform({ label: t('setup.joinAction'), command, run: () => api.call('swarm.join', request) }))}>
            {t('setup.joinSubmit')}
          </SubmitButton>
        </Group>
      </Stack>
    </Card>
  );
}

function UnlockForm(): ReactElement {
  const { t } = useTranslation('swarm');
  const [key, setKey] = useState('');
  const { busy, error, submit } = useSubmit(key);
  const problem = key.trim() && !UNLOCK_KEY.test(key.trim()) ? t('setup.keyShape') : undefined;
  return (
    <Card withBorder data-testid="swarm-unlock">
      <Stack gap="sm">
        <Title order={4}>{t('setup.unlockTitle')}</Title>
        <PasswordInput label={t('setup.unlockKey')} placeholder="SWMKEY-1-…" value={key} onChange={(e) => setKey(e.currentTarget.value)} error={problem} />
        <CommandLine command={unlockCommand()} />
        {error ? <ErrorNotice error={error} /> : null}
        <Group justify="flex-end">
          <SubmitButton
            blockers={key.trim() && !problem ? [] : [t('errors:form.missing', { field: t('setup.unlockKey') })]}
            loading={busy}
            testId="swarm-unlock-submit"
            onClick={() => void submit(() => perform({ label: t('setup.unlockAction'), command: unlockCommand(), run: () => api.call('swarm.unlock', { key: key.trim() }) }))}
          >
            {t('setup.unlockSubmit')}
          </SubmitButton>
        </Group>
      </Stack>
    </Card>
  );
}

/** Leaves (a worker, or cancels a pending join / a broken state) with the command first. */
export async function leaveSwarm(t: TFunction<'swarm'>, state: SwarmState): Promise<void> {
  const force = state.manager || state.localState !== 'active';
  const command = swarmLeaveCommand(force);
  const body = <Text size="sm">{t(state.manager ? (state.managers <= 1 ? 'leave.lastManager' : 'leave.manager') : 'leave.worker')}</Text>;
  if (!(await confirmAction({ title: t('leave.title'), body, command, confirmLabel: t('leave.confirm'), danger: state.manager }))) return;
  await perform({ label: t('leave.action'), command, run: () => api.call('swarm.leave', { force }) }).catch(() => undefined);
}

/** Outside a swarm: init or join. Pending, locked, error or a worker: what it means and the way out. */
export function SetupPanel({ state }: { state: SwarmState }): ReactElement {
  const { t } = useTranslation('swarm');
  if (state.localState === 'inactive') {
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <InitForm />
        <JoinForm />
      </SimpleGrid>
    );
  }
  return (
    <Stack gap="sm">
      {state.localState === 'locked' ? <UnlockForm /> : null}
      <Group>
        <Button variant="light" color={state.localState === 'active' ? 'blue' : 'red'} onClick={() => void leaveSwarm(t, state)} data-testid="swarm-leave">
          {t(state.localState === 'active' ? 'leave.button' : 'leave.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
