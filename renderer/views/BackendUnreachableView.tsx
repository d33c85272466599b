import { Alert, Code, Stack, Text, Title } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** The page cannot reach the bridge: a wrong or missing token, or `start:web` was stopped. */
export function BackendUnreachableView({ wasOpen }: { wasOpen: boolean }): ReactElement {
  const { t } = useTranslation();
  return (
    <Stack p="lg" maw={760} data-testid="backend-unreachable">
      <Title order={2}>{t('backend.title')}</Title>
      <Alert color="red" icon={<IconPlugConnectedX />}>
        <Text size="sm">{wasOpen ? t('backend.lost') : t('backend.refused')}</Text>
      </Alert>
      <Text size="sm">{t('backend.howTo')}</Text>
      <Code block>npm run start:web</Code>
    </Stack>
  );
}
