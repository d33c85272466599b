import { ActionIcon, Code, CopyButton } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { Hint } from './Hint';

/** A shell command with a copy button: every action shows the command it stands for. */
export function CommandLine({ command }: { command: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="lotse-row lotse-command">
      <Code style={{ flex: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="command-line">
        $ {command}
      </Code>
      <CopyButton value={command} timeout={1500}>
        {({ copied, copy }) => (
          <Hint label={copied ? '✓' : t('actions.copy')} withArrow>
            <ActionIcon variant="subtle" onClick={copy} aria-label={`${t('actions.copy')}: ${command}`}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Hint>
        )}
      </CopyButton>
    </div>
  );
}
