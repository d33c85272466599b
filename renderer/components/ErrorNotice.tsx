import { Alert, Code, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { ErrorData } from '@shared/errors';

import { sayError } from './errorText';

/** What happened and what to do, in the learner's language; the engine's own words beneath. */
export function ErrorText({ error }: { error: ErrorData }): ReactElement {
  const { t } = useTranslation();
  const said = sayError(error, t);
  return (
    <Stack gap={4}>
      <Text size="sm" data-testid="error-message">
        {said.message}
      </Text>
      {said.hint ? (
        <Text size="sm">
          <strong>{t('errors.whatToDo')}:</strong> {said.hint}
        </Text>
      ) : null}
      {said.detail ? (
        <Text size="xs" c="dimmed" data-testid="error-detail">
          {t('errors:original')}: <Code>{said.detail}</Code>
        </Text>
      ) : null}
    </Stack>
  );
}

/** An error as the learner reads it: what happened, in their language, and what to do. */
export function ErrorNotice({ error }: { error: ErrorData }): ReactElement {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={sayError(error, t).title} role="alert" data-testid="error-notice">
      <ErrorText error={error} />
    </Alert>
  );
}
