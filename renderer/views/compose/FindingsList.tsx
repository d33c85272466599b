import { Alert, Code, Group, Stack, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { Finding } from '@shared/compose/types';

import { sayFinding } from './findings';

const COLOR = { error: 'red', warning: 'yellow', hint: 'blue' } as const;

/** The sentences mark keys and commands with `backticks`: shown as code. */
function withCode(text: string): ReactNode[] {
  return text.split('`').map((part, i) => (i % 2 ? <Code key={i}>{part}</Code> : part));
}

/** The doctor's findings: where (file:line:column), what is wrong and why, and the fix. */
export function FindingsList({ findings, onJump }: { findings: Finding[]; onJump?: (finding: Finding) => void }): ReactElement {
  const { t } = useTranslation('compose');
  if (!findings.length) {
    return (
      <Alert color="teal" data-testid="compose-findings-none">
        {t('doctor.none')}
      </Alert>
    );
  }
  return (
    <Stack gap="xs" data-testid="compose-findings">
      {findings.map((f, i) => {
        const said = sayFinding(f, t);
        const file = f.at.file.split('/').pop() ?? f.at.file;
        return (
          <Alert key={`${f.rule}-${String(i)}`} color={COLOR[f.severity]} p="xs" data-testid={`finding-${f.rule}`} onClick={() => onJump?.(f)} style={{ cursor: onJump ? 'pointer' : undefined }}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              {/* The place keeps its width; the text beside it wraps. */}
              <Code style={{ whiteSpace: 'nowrap', flexShrink: 0 }} title={t(`doctor.severity.${f.severity}`)} data-testid="finding-at">
                {file}:{f.at.line}:{f.at.column}
              </Code>
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {withCode(said.title)}
                </Text>
                <Text size="xs">{withCode(said.why)}</Text>
                <Text size="xs">
                  <strong>{t('doctor.fixLabel')}:</strong> {withCode(said.fix)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`doctor.severity.${f.severity}`)}
                </Text>
              </Stack>
            </Group>
          </Alert>
        );
      })}
    </Stack>
  );
}
