import { Alert, Button, Card, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useEngineStore } from '../../stores/engine';

/** Shown while no engine has ever answered: how to install one and how to check it. */
export function OnboardingView(): ReactElement {
  const { t } = useTranslation();
  const state = useEngineStore((s) => s.state);
  const retryNow = useEngineStore((s) => s.retryNow);
  return (
    <Stack p="lg" gap="md" maw={860} data-testid="onboarding">
      <Title order={2}>{t('onboarding.title')}</Title>
      <Text>{t('onboarding.intro', { address: state?.endpoint?.address ?? '/var/run/docker.sock' })}</Text>
      {state?.error ? <ErrorNotice error={state.error} /> : null}
      <Card withBorder>
        <Title order={3} size="h4">
          {t('onboarding.linux.title')}
        </Title>
        <Text size="sm" my="xs">
          {t('onboarding.linux.steps')}
        </Text>
        <CommandLine command="sudo apt install docker.io && sudo systemctl start docker" />
        <Alert color="yellow" icon={<IconAlertTriangle />} mt="sm">
          {t('onboarding.linux.group')}
        </Alert>
      </Card>
      <Card withBorder>
        <Title order={3} size="h4">
          {t('onboarding.desktop.title')}
        </Title>
        <Text size="sm" mt="xs">
          {t('onboarding.desktop.steps')}
        </Text>
      </Card>
      <Card withBorder>
        <Title order={3} size="h4">
          {t('onboarding.verify.title')}
        </Title>
        <Text size="sm" my="xs">
          {t('onboarding.verify.steps')}
        </Text>
        <CommandLine command="docker run --rm hello-world" />
      </Card>
      <Button onClick={() => void retryNow()} w="fit-content">
        {t('onboarding.retry')}
      </Button>
    </Stack>
  );
}
