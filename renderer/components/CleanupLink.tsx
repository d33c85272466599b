import { Button } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** From any disk chart to the disk usage details and prune (volumes area, cleanup tab). */
export function CleanupLink(): ReactElement {
  const { t } = useTranslation('prune');
  return (
    <Button component="a" href="#/volumes/cleanup" variant="subtle" size="xs" rightSection={<IconArrowRight size={14} />} data-testid="disk-cleanup-link">
      {t('disk.link')}
    </Button>
  );
}
