import { Alert, Badge, Button, Card, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconEye, IconPresentation, IconRefresh, IconTrash } from '@tabler/icons-react';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { labResetCommand } from '@shared/cli/learn';
import type { LabItem } from '@shared/dto/learn';
import type { ErrorData } from '@shared/errors';


import { confirmAction, perform } from '../../actions/perform';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { toErrorData } from '../../stores/errors';
import { useExercises } from '../../stores/exercises';
import { useTrainer } from '../../stores/trainer';
import { modals } from '../../actions/modals';

/** Trainer mode: the projector look, hidden secrets, and a lab reset that removes only what the exercises made. */
export function TrainerPanel(): ReactElement {
  const { t } = useTranslation('learn');
  const presentation = useTrainer((s) => s.presentation);
  const hideSecrets = useTrainer((s) => s.hideSecrets);
  const { setPresentation, setHideSecrets } = useTrainer.getState();
  const [items, setItems] = useState<LabItem[] | undefined>(undefined);
  const [error, setError] = useState<ErrorData | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const load = async (): Promise<void> => {
    try {
      setItems(await api.call('learn.lab.preview', {}));
      setError(undefined);
    } catch (e) {
      setError(toErrorData(e));
    }
  };
  useEffect(() => {
    let live = true;
    api.call('learn.lab.preview', {}).then(
      (found) => live && setItems(found),
      (e: unknown) => live && setError(toErrorData(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const confirmProgressReset = (): void => {
    modals.openConfirmModal({
      title: t('trainer.resetProgressTitle'),
      children: <Text size="sm">{t('trainer.resetProgressBody')}</Text>,
      labels: { confirm: t('trainer.resetProgress'), cancel: t('common:actions.cancel') },
      onConfirm: () => useExercises.getState().resetAll(),
    });
  };

  const reset = async (): Promise<void> => {
    if (!items?.length) return;
    const command = labResetCommand(items);
    const ok = await confirmAction({
      title: t('trainer.reset.confirmTitle'),
      body: <Text size="sm">{t('trainer.reset.confirmBody', { count: items.length })}</Text>,
      command,
      confirmLabel: t('trainer.reset.confirm'),
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    try {
      const result = await perform({
        label: t('trainer.reset.action'),
        command,
        run: () => api.call('learn.lab.reset', { items: items.map((i) => ({ kind: i.kind, ref: i.ref })) }),
      });
      if (result.failed.length) setError({ code: 'CONFLICT', message: result.failed.map((f) => `${f.item.name}: ${f.message}`).join('\n') });
    } catch {
      // perform() has shown the error.
    } finally {
      setBusy(false);
      await load();
    }
  };

  return (
    <Stack gap="lg">
      <Card withBorder>
        <Stack gap="md">
          <Switch
            checked={presentation}
            onChange={(e) => setPresentation(e.currentTarget.checked)}
            label={t('trainer.presentation')}
            description={t('trainer.presentationHint')}
            thumbIcon={<IconPresentation size={12} />}
            data-testid="trainer-presentation"
          />
          <Switch
            checked={hideSecrets}
            onChange={(e) => setHideSecrets(e.currentTarget.checked)}
            label={t('trainer.hideSecrets')}
            description={t('trainer.hideSecretsHint')}
            thumbIcon={<IconEye size={12} />}
            data-testid="trainer-hide-secrets"
          />
          <Group>
            <Button size="xs" variant="default" onClick={confirmProgressReset} data-testid="trainer-reset-progress">
              {t('trainer.resetProgress')}
            </Button>
          </Group>
        </Stack>
      </Card>

      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>{t('trainer.reset.title')}</Title>
          <Button size="xs" variant="default" leftSection={<IconRefresh size={16} />} onClick={() => void load()}>
            {t('trainer.reset.refresh')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('trainer.reset.intro')}
        </Text>
        {error ? <ErrorNotice error={error} /> : null}
        {items && items.length === 0 ? (
          <Alert variant="light" color="teal" data-testid="lab-clean">
            {t('trainer.reset.nothing')}
          </Alert>
        ) : null}
        {items && items.length > 0 ? (
          <>
            <Table data-testid="lab-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('trainer.reset.kind')}</Table.Th>
                  <Table.Th>{t('trainer.reset.name')}</Table.Th>
                  <Table.Th>{t('trainer.reset.why')}</Table.Th>
                  <Table.Th>{t('trainer.reset.exercise')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={`${item.kind}:${item.ref}`}>
                    <Table.Td>
                      <Badge variant="light">{t(`trainer.reset.kinds.${item.kind}`)}</Badge>
                    </Table.Td>
                    <Table.Td ff="monospace">{item.name}</Table.Td>
                    <Table.Td>{t(`trainer.reset.whys.${item.why}`)}</Table.Td>
                    <Table.Td>{item.exercise}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group>
              <Button color="red" leftSection={<IconTrash size={16} />} loading={busy} onClick={() => void reset()} data-testid="lab-reset">
                {t('trainer.reset.button', { count: items.length })}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Stack>
  );
}
