import { Card, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { type ComingAreaId, navigationArea } from '@shared/areas';

import { AreaIcon } from '../components/AreaIcon';

/** An area whose view is not built yet says what it will show, never a blank page. */
export function ComingSoonView({ area }: { area: ComingAreaId }): ReactElement {
  const { t } = useTranslation();
  return (
    <Stack p="lg" data-testid={`view-${area}`}>
      <Title order={2}>{t(`nav.${area}`)}</Title>
      <Card withBorder maw={720}>
        <Stack align="flex-start" gap="xs">
          <AreaIcon icon={navigationArea[area].icon} size={40} />
          <Text fw={600}>{t('area.comingTitle', { area: t(`nav.${area}`) })}</Text>
          <Text size="sm" c="dimmed">
            {t(`area.${area}`)}
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}
