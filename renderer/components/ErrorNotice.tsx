import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { ErrorData } from '@shared/errors';

/** An error as the learner reads it: what happened, in their language, and what to do. */
export function ErrorNotice({ error }: { error: ErrorData }): ReactElement {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t(`errors.${error.code}`)} role="alert">
      <Text size="sm">{error.message}</Text>
      {error.hint ? (
        <Text size="sm" mt={4}>
          <strong>{t('errors.whatToDo')}:</strong> {error.hint}
        </Text>
      ) : null}
    </Alert>
  );
}
