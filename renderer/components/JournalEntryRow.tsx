import { Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { maskSecrets } from '@shared/rules/secrets';

import type { JournalEntry } from '../stores/journal';
import { CommandLine } from './CommandLine';
import { sayError } from './errorText';

const statusColor = { ok: 'teal', error: 'red', running: 'gray' } as const;

/** One action in the journal: when, what, the command it stood for, and how it ended. */
export function JournalEntryRow({ entry, hideSecrets }: { entry: JournalEntry; hideSecrets: boolean }): ReactElement {
  const { t, i18n } = useTranslation('learn');
  const show = (text: string): string => (hideSecrets ? maskSecrets(text) : text);
  return (
    <Stack gap={4} py="xs" data-testid="journal-entry">
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" ff="monospace">
            {new Date(entry.time).toLocaleTimeString(i18n.language)}
          </Text>
          <Text size="sm" fw={500} truncate>
            {show(entry.label)}
          </Text>
        </Group>
        <Badge size="sm" variant="light" color={statusColor[entry.status]} data-testid="journal-status">
          {t(`journal.status.${entry.status}`)}
        </Badge>
      </Group>
      <CommandLine command={show(entry.command)} />
      {entry.error ? (
        <Text size="xs" c="red">
          {show(sayError(entry.error, t).message)}
        </Text>
      ) : null}
    </Stack>
  );
}
