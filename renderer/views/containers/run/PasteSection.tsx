import { Alert, Button, Group, Text, Textarea } from '@mantine/core';
import { IconClipboardText } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { RunFormState } from './useRunForm';

/** A pasted `docker run` command fills the form; what it could not take is listed. */
export function PasteSection({ run }: { run: RunFormState }): ReactElement {
  const { t } = useTranslation('containers');
  const { paste } = run;
  return (
    <>
      <Group align="flex-end" gap="xs">
        <Textarea
          style={{ flex: 1 }}
          label={t('run.paste')}
          description={t('run.pasteHelp')}
          placeholder="docker run -d -p 8080:80 --name web nginx"
          autosize
          minRows={1}
          maxRows={4}
          value={paste.text}
          onChange={(e) => paste.set(e.currentTarget.value)}
          data-testid="run-paste"
        />
        <Button variant="light" leftSection={<IconClipboardText size={16} />} onClick={paste.fill} disabled={!paste.text.trim()} data-testid="run-paste-fill">
          {t('run.fill')}
        </Button>
      </Group>
      {paste.report && (paste.report.unknown.length || paste.report.problems.length) ? (
        <Alert color="orange" title={t('run.pasteReport')} data-testid="paste-report">
          {paste.report.unknown.length ? <Text size="sm">{t('run.unknownFlags', { flags: paste.report.unknown.join(', ') })}</Text> : null}
          {paste.report.problems.map((p) => (
            <Text size="sm" key={p}>
              {p}
            </Text>
          ))}
        </Alert>
      ) : null}
    </>
  );
}
