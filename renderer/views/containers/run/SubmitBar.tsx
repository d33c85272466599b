import { Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { CommandLine } from '../../../components/CommandLine';
import { SubmitButton } from '../../../components/SubmitButton';
import type { RunFormState } from './useRunForm';

/** Always in view: the command as typed so far, create-only and keep-on-failure, cancel and submit. */
export function SubmitBar({ run, onCancel }: { run: RunFormState; onCancel: () => void }): ReactElement {
  const { t } = useTranslation('containers');
  return (
    <Stack gap={4} pos="sticky" bottom={0} bg="var(--mantine-color-body)" py="xs" style={{ zIndex: 3 }}>
      <Text size="xs" c="dimmed">
        {t('run.commandHelp')}
      </Text>
      <div data-testid="run-command">
        <CommandLine command={run.command} />
      </div>
      <Group justify="space-between">
        <Group gap="lg">
          <Checkbox label={t('run.createOnly')} description={t('run.createOnlyHelp')} checked={run.create} onChange={(e) => run.setCreate(e.currentTarget.checked)} />
          <Checkbox label={t('run.keep')} description={t('run.keepHelp')} checked={run.keep} onChange={(e) => run.setKeep(e.currentTarget.checked)} />
        </Group>
        <Group gap="xs" align="flex-start">
          <Button variant="default" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
          <SubmitButton onClick={() => void run.submit()} loading={run.busy} blockers={run.blockers} testId="run-submit">
            {run.create ? t('run.create') : t('run.run')}
          </SubmitButton>
        </Group>
      </Group>
    </Stack>
  );
}
