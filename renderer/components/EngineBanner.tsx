import { Alert, Button, Group, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useEngineStore } from '../stores/engine';

/** Shown while a connection that once worked is lost; disappears when the engine is back. */
export function EngineBanner(): ReactElement | null {
  const { t } = useTranslation();
  const state = useEngineStore((s) => s.state);
  const retryNow = useEngineStore((s) => s.retryNow);
  const seconds = useCountdown(state?.status === 'disconnected' ? state.retryInMs : undefined, state?.attempt);
  if (!state?.everConnected || state.status === 'connected') return null;
  return (
    <Alert
      color="orange"
      variant="filled"
      icon={<IconPlugConnectedX />}
      title={t('engine.banner.title')}
      data-testid="engine-banner"
      role="alert"
      radius={0}
    >
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          {t('engine.banner.body', {
            address: state.endpoint?.address ?? '?',
            retry: seconds === undefined ? '' : t('engine.banner.retryIn', { seconds }),
          })}
        </Text>
        <Button size="xs" variant="white" color="orange" onClick={() => void retryNow()}>
          {t('engine.banner.retryNow')}
        </Button>
      </Group>
    </Alert>
  );
}

function useCountdown(ms: number | undefined, attempt: number | undefined): number | undefined {
  const id = `${String(attempt)}:${String(ms)}`;
  const [tick, setTick] = useState<{ id: string; left: number } | undefined>(undefined);
  useEffect(() => {
    if (ms === undefined) return undefined;
    const end = Date.now() + ms;
    // A display countdown only; the retry itself is scheduled by the backend.
    const timer = setInterval(() => setTick({ id, left: Math.max(0, Math.ceil((end - Date.now()) / 1000)) }), 250);
    return () => clearInterval(timer);
  }, [ms, id]);
  if (ms === undefined) return undefined;
  return tick?.id === id ? tick.left : Math.ceil(ms / 1000);
}
