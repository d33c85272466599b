import './DashboardView.css';

import { Loader } from '@mantine/core';
import { Fragment, lazy, type ReactElement, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import type { EngineInfo } from '@shared/dto/engine';

import { afterNextPaint } from '../../components/afterPaint';
import { CleanupLink } from '../../components/CleanupLink';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ViewHeader } from '../../components/ViewHeader';
import { formatBytes } from '../../format';
import { useDashboardStore } from '../../stores/dashboard';
import { isConnected, useEngineStore } from '../../stores/engine';

// The chart library loads with the first chart, after the counts are on screen.
const DiskUsageChart = lazy(() => import('../../components/DiskUsageChart').then((m) => ({ default: m.DiskUsageChart })));

export function DashboardView(): ReactElement {
  const { t } = useTranslation();
  const engine = useEngineStore((s) => s.state);
  const connected = isConnected(engine);
  const countsError = useDashboardStore((s) => s.countsError);
  // Each card follows its own part of the store: the disk usage arriving does not draw the counts again.
  // The view is the first picture of every start: plain elements with the app's classes (styles.css,
  // DashboardView.css), not the component library's layout and text components.
  return (
    <div className="lotse-dashboard">
      <ViewHeader title={t('dashboard.title')} intro={t('dashboard.intro')} />
      {/* Without an engine the banner above says so; the counts' own error would repeat it. */}
      {connected && countsError ? <ErrorNotice error={countsError} /> : null}
      <Counts />
      <div className="lotse-dashboard-cards">
        <DiskCard connected={connected} />
        {engine?.info ? <EngineCard info={engine.info} /> : null}
      </div>
    </div>
  );
}

function Counts(): ReactElement {
  const { t } = useTranslation();
  // The counts are followed while the dashboard is the area (renderer/startup.ts), so they are asked for before this view mounts.
  const counts = useDashboardStore((s) => s.counts);
  return (
    <div className="lotse-dashboard-counts">
      <CountCard label={t('dashboard.counts.images')} value={counts?.images} testId="count-images" command="docker image ls" />
      <CountCard
        label={t('dashboard.counts.containers')}
        value={counts?.containers.total}
        testId="count-containers"
        command="docker ps -a"
        detail={
          counts
            ? [
                t('dashboard.counts.running', { count: counts.containers.running }),
                t('dashboard.counts.stopped', { count: counts.containers.stopped }),
                ...(counts.containers.paused ? [t('dashboard.counts.paused', { count: counts.containers.paused })] : []),
              ].join(' · ')
            : undefined
        }
      />
      <CountCard label={t('dashboard.counts.networks')} value={counts?.networks} testId="count-networks" command="docker network ls" />
      <CountCard label={t('dashboard.counts.volumes')} value={counts?.volumes} testId="count-volumes" command="docker volume ls" />
    </div>
  );
}

function DiskCard({ connected }: { connected: boolean }): ReactElement {
  const { t } = useTranslation();
  const counted = useDashboardStore((s) => s.counts !== undefined || s.countsError !== undefined);
  const disk = useDashboardStore((s) => s.disk);
  const diskLoading = useDashboardStore((s) => s.diskLoading);
  const diskError = useDashboardStore((s) => s.diskError);
  const loadDisk = useDashboardStore((s) => s.loadDisk);

  useEffect(() => {
    if (!connected || !counted) return undefined;
    // /system/df can take seconds on a full engine: ask after the counts are painted, never before.
    return afterNextPaint(() => void loadDisk());
  }, [connected, counted, loadDisk]);

  return (
    <section className="lotse-card">
      <h3 className="lotse-h3 lotse-card-title">{t('dashboard.disk.title')}</h3>
      {diskError ? <ErrorNotice error={diskError} /> : null}
      {disk ? (
        <Suspense fallback={<Loader size="sm" />}>
          <DiskUsageChart disk={disk} />
        </Suspense>
      ) : diskLoading || !diskError ? (
        <div className="lotse-row" data-testid="disk-usage-loading">
          <Loader size="sm" />
          <span className="lotse-sm lotse-dimmed">{t('dashboard.disk.loading')}</span>
        </div>
      ) : null}
      <p className="lotse-text lotse-xs lotse-dimmed lotse-dashboard-explain">{t('dashboard.disk.explain')}</p>
      <CommandLine command={t('dashboard.disk.command')} />
      <CleanupLink />
    </section>
  );
}

function CountCard(props: { label: string; value: number | undefined; testId: string; command: string; detail?: string | undefined }): ReactElement {
  return (
    <section className="lotse-card">
      <p className="lotse-text lotse-sm lotse-dimmed">{props.label}</p>
      <p className="lotse-text lotse-dashboard-count" data-testid={props.testId}>
        {props.value ?? '–'}
      </p>
      {props.detail ? (
        <p className="lotse-text lotse-xs lotse-dimmed" data-testid={`${props.testId}-detail`}>
          {props.detail}
        </p>
      ) : null}
      <p className="lotse-text lotse-xs lotse-mono lotse-dimmed lotse-dashboard-command">
        <Words text={`$ ${props.command}`} />
      </p>
    </section>
  );
}

function EngineCard({ info }: { info: EngineInfo }): ReactElement {
  const { t, i18n } = useTranslation();
  const rows: [string, string][] = [
    [t('engine.fields.version'), `${info.product === 'podman' ? 'Podman' : 'Docker'} ${info.version}`],
    [t('engine.fields.apiVersion'), info.apiVersion],
    [t('engine.fields.os'), `${info.os} (${info.osType}/${info.architecture})`],
    [t('engine.fields.kernel'), info.kernelVersion],
    [t('engine.fields.storageDriver'), info.storageDriver],
    [t('engine.fields.rootless'), info.rootless ? t('engine.rootless.yes') : t('engine.rootless.no')],
    [t('engine.fields.cpus'), String(info.cpus)],
    [t('engine.fields.memory'), formatBytes(info.memoryBytes, i18n.language)],
    [t('engine.fields.swarm'), t(`engine.swarmState.${info.swarm}`)],
  ];
  return (
    <section className="lotse-card" data-testid="engine-card">
      <h3 className="lotse-h3 lotse-card-title">{t('dashboard.engineCard')}</h3>
      <table className="lotse-facts">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th>{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CommandLine command="docker version && docker info" />
    </section>
  );
}

/** A command that wraps between its words only, never after the hyphen of an option (`ps -` / `a`). */
function Words({ text }: { text: string }): ReactElement {
  const words = text.split(' ');
  return (
    <>
      {words.map((word, index) => (
        // The words of a fixed command never move: their position is their identity.
        <Fragment key={index}>
          {index > 0 ? ' ' : null}
          <span className="lotse-nowrap">{word}</span>
        </Fragment>
      ))}
    </>
  );
}
