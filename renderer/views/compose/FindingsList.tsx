import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { Finding } from '@shared/compose/types';

import { sayFinding } from './findings';

const COLOR = { error: 'red', warning: 'yellow', hint: 'blue' } as const;

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
              <Badge color={COLOR[f.severity]} variant="light" title={t(`doctor.severity.${f.severity}`)}>
                {file}:{f.at.line}:{f.at.column}
              </Badge>
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  {said.title}
                </Text>
                <Text size="xs">{said.why}</Text>
                <Text size="xs">
                  <strong>{t('doctor.fixLabel')}:</strong> {said.fix}
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
