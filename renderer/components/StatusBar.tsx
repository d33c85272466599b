import { Badge, Group, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { useEngineStore } from '../stores/engine';

const statusColor = { connected: 'teal', connecting: 'yellow', disconnected: 'red' } as const;

/** The engine in one line: state, endpoint, version, API, OS, storage driver, rootless. */
export function StatusBar(): ReactElement {
  const { t } = useTranslation();
  const state = useEngineStore((s) => s.state);
  const info = state?.info;
  const endpoint = state?.endpoint;
  return (
    <Group h="100%" px="md" gap="lg" wrap="nowrap" data-testid="status-bar" style={{ overflow: 'hidden' }}>
      <Badge color={statusColor[state?.status ?? 'connecting']} variant="dot" data-testid="engine-status">
        {t(`engine.status.${state?.status ?? 'connecting'}`)}
      </Badge>
      {endpoint ? (
        <Text size="xs" c="dimmed" truncate>
          {t('engine.fields.endpoint')}: {endpoint.kind}://{endpoint.address} (
          {t(`engine.source.${endpoint.source}`, { context: endpoint.context ?? '' })})
        </Text>
      ) : null}
      {info ? (
        <>
          <Text size="xs" c="dimmed" data-testid="engine-version">
            {info.product === 'podman' ? 'Podman' : 'Docker'} {info.version} · {t('engine.fields.apiVersion')}{' '}
            {info.apiVersion}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {info.os} · {info.storageDriver} · {info.rootless ? t('engine.rootless.yes') : t('engine.rootless.no')}
          </Text>
        </>
      ) : null}
    </Group>
  );
}
