import { Modal, Stack } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { freshOnOpen } from '../../components/freshOnOpen';
import { BasicsSection } from './run/BasicsSection';
import { EnvSection } from './run/EnvSection';
import { LimitsSection } from './run/LimitsSection';
import { MountsSection } from './run/MountsSection';
import { NetworkSection } from './run/NetworkSection';
import { PasteSection } from './run/PasteSection';
import { PortsSection } from './run/PortsSection';
import { ProcessSection } from './run/ProcessSection';
import { SubmitBar } from './run/SubmitBar';
import { type RunDone, useRunForm } from './run/useRunForm';

interface RunDialogProps {
  opened: boolean;
  onClose: () => void;
  onDone: RunDone;
}

/** `docker run` as a form: every option of the course, its command shown as the learner types. */
function RunDialogForm({ opened, onClose, onDone }: RunDialogProps): ReactElement {
  const { t } = useTranslation('containers');
  const run = useRunForm(opened, onDone);
  return (
    <Modal opened={opened} onClose={onClose} title={t('run.title')} size="80rem" data-testid="run-dialog">
      <Stack gap="md">
        <PasteSection run={run} />
        <BasicsSection run={run} />
        <PortsSection run={run} />
        <EnvSection run={run} />
        <MountsSection run={run} />
        <NetworkSection run={run} />
        <ProcessSection run={run} />
        <LimitsSection run={run} />
        <SubmitBar run={run} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}

export const RunDialog = freshOnOpen(RunDialogForm);
