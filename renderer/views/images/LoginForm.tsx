import { Badge, Button, Group, PasswordInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { RegistryAccount } from '@shared/api/images';
import { imageCommands } from '@shared/cli/images';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { toErrorData } from '../../stores/errors';

/** `docker login` / `docker logout`: the password goes to the backend once and never comes back. */
export function LoginForm(): ReactElement {
  const { t } = useTranslation('images');
  const [accounts, setAccounts] = useState<RegistryAccount[]>([]);
  const [server, setServer] = useState('127.0.0.1:5001');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const reload = (): void => void api.call('registry.accounts', {}).then(setAccounts, () => undefined);
  useEffect(reload, []);
  const login = async (): Promise<void> => {
    setError(undefined);
    try {
      await perform({ label: t('login.label', { server }), command: imageCommands.login(server, username), run: () => api.call('registry.login', { server, username, password }) });
      setPassword('');
      reload();
    } catch (e) {
      const data = toErrorData(e);
      setError(data.hint ? `${data.message} ${data.hint}` : data.message);
    }
  };
  const logout = async (account: string): Promise<void> => {
    await perform({ label: t('login.logoutLabel', { server: account }), command: imageCommands.logout(account), run: () => api.call('registry.logout', { server: account }) }).catch(() => undefined);
    reload();
  };
  return (
    <Stack gap="sm">
      {accounts.length > 0 ? (
        <Table data-testid="registry-accounts">
          <Table.Tbody>
            {accounts.map((a) => (
              <Table.Tr key={a.server}>
                <Table.Td ff="monospace">{a.server}</Table.Td>
                <Table.Td>{a.username || '–'}</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light">
                    {t(`login.source.${a.source}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {a.source === 'lotse' ? (
                    <Button size="xs" variant="subtle" onClick={() => void logout(a.server)}>
                      {t('login.logout')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {t('login.none')}
        </Text>
      )}
      <TextInput label={t('login.server')} value={server} onChange={(e) => setServer(e.currentTarget.value)} data-testid="login-server" />
      <TextInput label={t('login.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} data-testid="login-username" />
      <PasswordInput label={t('login.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={error} data-testid="login-password" />
      <Text size="xs" c="dimmed">
        {t('login.storage')}
      </Text>
      <CommandLine command={imageCommands.login(server, username || 'USER')} />
      <Group justify="flex-end">
        <Button onClick={() => void login()} disabled={!server || !username || !password} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
