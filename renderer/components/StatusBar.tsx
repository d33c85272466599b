import { Badge } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { useEngineStore } from '../stores/engine';

const statusColor = { connected: 'teal', connecting: 'yellow', disconnected: 'red' } as const;

/**
 * The engine in one line: state, endpoint, version, API, OS, storage driver, rootless. Never more
 * than one line, so it stays inside the footer's height: the state and version keep their room,
 * the endpoint and the OS give way (the whole text on hover).
 */
export function StatusBar(): ReactElement {
  const { t } = useTranslation();
  const state = useEngineStore((s) => s.state);
  const info = state?.info;
  const endpoint = state?.endpoint;
  const where = endpoint ? `${t('engine.fields.endpoint')}: ${endpoint.kind}://${endpoint.address} (${t(`engine.source.${endpoint.source}`, { context: endpoint.context ?? '' })})` : '';
  const system = info ? `${info.os} · ${info.storageDriver} · ${info.rootless ? t('engine.rootless.yes') : t('engine.rootless.no')}` : '';
  return (
    <div className="lotse-status-bar" data-testid="status-bar">
      <Badge color={statusColor[state?.status ?? 'connecting']} variant="dot" data-testid="engine-status" style={{ flexShrink: 0, overflow: 'visible' }}>
        {t(`engine.status.${state?.status ?? 'connecting'}`)}
      </Badge>
      {info ? (
        <span className="lotse-xs lotse-dimmed lotse-status-fixed" data-testid="engine-version">
          {info.product === 'podman' ? 'Podman' : 'Docker'} {info.version} · {t('engine.fields.apiVersion')} {info.apiVersion}
        </span>
      ) : null}
      {endpoint ? (
        <span className="lotse-xs lotse-dimmed lotse-status-gives-way" title={where}>
          {where}
        </span>
      ) : null}
      {info ? (
        <span className="lotse-xs lotse-dimmed lotse-status-gives-way" title={system}>
          {system}
        </span>
      ) : null}
    </div>
  );
}
