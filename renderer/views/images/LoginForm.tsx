import { Badge, Button, Group, PasswordInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { RegistryAccount } from '@shared/api/images';
import { imageCommands } from '@shared/cli/images';

import { perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { sayError } from '../../components/errorText';
import { SubmitButton } from '../../components/SubmitButton';

/** `docker login` / `docker logout`: the password goes to the backend once and never comes back. */
export function LoginForm(): ReactElement {
  const { t } = useTranslation('images');
  const [accounts, setAccounts] = useState<RegistryAccount[]>([]);
  const [server, setServer] = useState('127.0.0.1:5001');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit({ server, username, password });
  const missing = (['server', 'username', 'password'] as const).filter((field) => !{ server, username, password }[field]);
  const reload = (): void => void api.call('registry.accounts', {}).then(setAccounts, () => undefined);
  useEffect(reload, []);
  const said = error ? sayError(error, t) : undefined;
  const login = async (): Promise<void> => {
    const done = await submit(() => perform({ label: t('login.label', { server }), command: imageCommands.login(server, username), run: () => api.call('registry.login', { server, username, password }) }));
    if (!done) return;
    setPassword('');
    reload();
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
      <PasswordInput label={t('login.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={said ? [said.message, said.hint].filter(Boolean).join(' ') : undefined} data-testid="login-password" />
      <Text size="xs" c="dimmed">
        {t('login.storage')}
      </Text>
      <CommandLine command={imageCommands.login(server, username || 'USER')} />
      <Group justify="flex-end">
        <SubmitButton onClick={() => void login()} loading={busy} blockers={missing.map((field) => t('errors:form.missing', { field: t(`login.${field}`) }))} testId="login-submit">
          {t('login.submit')}
        </SubmitButton>
      </Group>
    </Stack>
  );
}
