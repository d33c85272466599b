import { Alert, Button, Code, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactElement, ReactNode } from 'react';
import { type FallbackProps, getErrorMessage, ErrorBoundary as LibraryBoundary } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';

/** What browsers say when a lazily loaded chunk (or its CSS) does not arrive. */
const CHUNK_FAILED = /dynamically imported module|Importing a module script failed|Unable to preload CSS|Loading (CSS )?chunk/i;

/** True when the error is a part of the app that failed to load, rather than one that failed to render. */
export function isChunkLoadError(error: unknown): boolean {
  return CHUNK_FAILED.test(getErrorMessage(error) ?? '');
}

function Failure({ error }: FallbackProps): ReactElement {
  const { t } = useTranslation();
  const chunk = isChunkLoadError(error);
  const message = getErrorMessage(error) ?? String(error);
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t(chunk ? 'failure.chunkTitle' : 'failure.title')} role="alert" data-testid="error-boundary">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t(chunk ? 'failure.chunkBody' : 'failure.body')}</Text>
        <Text size="xs" c="dimmed">
          {t('failure.details')}:
        </Text>
        <Code block data-testid="error-boundary-message">
          {message}
        </Code>
        <Button leftSection={<IconRefresh size={16} />} onClick={() => window.location.reload()} data-testid="error-reload">
          {t('failure.reload')}
        </Button>
      </Stack>
    </Alert>
  );
}

/**
 * Keeps a failure in one part of the UI (a render error, a chunk that did not load) from blanking
 * the page: that part says what happened and offers a reload; the rest of the window stays.
 */
export function ErrorBoundary({ children }: { children: ReactNode }): ReactElement {
  return <LibraryBoundary FallbackComponent={Failure}>{children}</LibraryBoundary>;
}
