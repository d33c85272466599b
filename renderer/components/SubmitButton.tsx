import { Button, Stack, Text } from '@mantine/core';
import { type ReactElement, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A form's submit button that says why it cannot be pressed yet: each blocker (a missing or
 * wrong field, in words) stands beneath it, and the button is disabled while there is one.
 */
export function SubmitButton(props: {
  blockers: string[];
  onClick: () => void;
  loading?: boolean;
  testId: string;
  children: ReactNode;
}): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const blocked = props.blockers.length > 0;
  return (
    <Stack gap={4} align="flex-end">
      <Button onClick={props.onClick} loading={props.loading} disabled={blocked} aria-describedby={blocked ? id : undefined} data-testid={props.testId}>
        {props.children}
      </Button>
      {blocked ? (
        <Text id={id} size="xs" c="dimmed" ta="right" maw={360} data-testid={`${props.testId}-reason`}>
          {t('errors:form.blocked', { reasons: props.blockers.join('; ') })}
        </Text>
      ) : null}
    </Stack>
  );
}
