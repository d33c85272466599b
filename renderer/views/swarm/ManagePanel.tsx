import { Button, Card, Group, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { type ReactElement, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { autolockCommand, joinTokenCommand, swarmJoinCommand, unlockKeyCommand } from '@shared/cli/swarm';
import type { JoinTokens, NodeRole, SwarmState } from '@shared/dto/swarm';
import type { ErrorData } from '@shared/errors';
import { maskValue } from '@shared/rules/secrets';

import { confirmAction, perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { toErrorData } from '../../stores/errors';
import { leaveSwarm } from './SetupPanel';

/** A join token, hidden until asked for (a projector shows what the room may not), with its join command. */
function TokenCard({ role, token, address, onRotate }: { role: NodeRole; token: string; address: string; onRotate: () => void }): ReactElement {
  const { t } = useTranslation('swarm');
  const [shown, setShown] = useState(false);
  return (
    <Card withBorder data-testid={`swarm-token-${role}`}>
      <Stack gap="xs">
        <Title order={5}>{t(`manage.token.${role}`)}</Title>
        <Text size="sm">{t(`manage.token.${role}Help`)}</Text>
        <CommandLine command={swarmJoinCommand({ token: shown ? token : maskValue(token), remoteAddr: address })} />
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setShown(!shown)} data-testid={`swarm-token-${role}-reveal`}>
            {t(shown ? 'manage.token.hide' : 'manage.token.show')}
          </Button>
          <Button size="xs" variant="light" color="orange" onClick={onRotate} data-testid={`swarm-token-${role}-rotate`}>
            {t('manage.token.rotate')}
          </Button>
        </Group>
        {shown ? null : <Text size="xs" c="dimmed">{t('manage.token.copyHint')}</Text>}
      </Stack>
    </Card>
  );
}

/** A manager's own: the join tokens (copyable, rotatable), autolock and its key, and leaving. */
export function ManagePanel({ state }: { state: SwarmState }): ReactElement {
  const { t } = useTranslation('swarm');
  const [tokens, setTokens] = useState<JoinTokens | undefined>(undefined);
  const [unlockKey, setUnlockKey] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ErrorData | undefined>(undefined);
  const load = useCallback(() => void api.call('swarm.tokens', {}).then(setTokens, (e: unknown) => setError(toErrorData(e))), []);
  useEffect(load, [load]);
  const address = state.nodeAddr ? `${state.nodeAddr}:2377` : '';

  const rotate = async (role: NodeRole): Promise<void> => {
    const command = joinTokenCommand(role, true);
    if (!(await confirmAction({ title: t('manage.token.rotateTitle'), body: <Text size="sm">{t('manage.token.rotateBody')}</Text>, command, confirmLabel: t('manage.token.rotate') }))) return;
    const next = await perform({ label: t('manage.token.rotateAction', { role }), command, run: () => api.call('swarm.rotateToken', { role }) }).catch(() => undefined);
    if (next) setTokens(next);
  };
  const autolock = async (enabled: boolean): Promise<void> => {
    const command = autolockCommand(enabled);
    const result = await perform({ label: t(enabled ? 'manage.autolockOn' : 'manage.autolockOff'), command, run: () => api.call('swarm.setAutolock', { enabled }) }).catch(() => undefined);
    setUnlockKey(result?.key || undefined);
  };

  return (
    <Stack gap="md" data-testid="swarm-manage">
      {error ? <ErrorNotice error={error} /> : null}
      {tokens ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TokenCard role="worker" token={tokens.worker} address={address} onRotate={() => void rotate('worker')} />
          <TokenCard role="manager" token={tokens.manager} address={address} onRotate={() => void rotate('manager')} />
        </SimpleGrid>
      ) : null}
      <Card withBorder>
        <Stack gap="xs">
          <Switch label={t('manage.autolock')} description={t('manage.autolockHelp')} checked={state.autolock} onChange={(e) => void autolock(e.currentTarget.checked)} data-testid="swarm-autolock" />
          {unlockKey ? (
            <>
              <Text size="sm" c="orange">
                {t('manage.unlockKeyShown')}
              </Text>
              <CommandLine command={unlockKey} />
            </>
          ) : state.autolock ? (
            <CommandLine command={unlockKeyCommand()} />
          ) : null}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={5}>{t('leave.title')}</Title>
          <Text size="sm">{t(state.managers <= 1 ? 'leave.lastManager' : 'leave.manager')}</Text>
          <Group>
            <Button color="red" variant="light" onClick={() => void leaveSwarm(t, state)} data-testid="swarm-leave">
              {t('leave.button')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
