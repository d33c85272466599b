import { Group, Stack, Text, TextInput } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { imageCommands } from '@shared/cli/images';
import { checkImageReference } from '@shared/rules/names';
import { parseReference } from '@shared/rules/references';

import { perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { issuesAt, sayError, sayNameIssue, sayParamProblem } from '../../components/errorText';
import { SubmitButton } from '../../components/SubmitButton';

/** `docker tag`: the new name is checked against the naming rules while typing. */
export function TagForm({ source, onDone }: { source: string; onDone: () => void }): ReactElement {
  const { t } = useTranslation('images');
  const [target, setTarget] = useState('');
  const { busy, error, submit } = useSubmit(target);
  const issue = target ? checkImageReference(target) : null;
  const parsed = target && !issue ? parseReference(target) : undefined;
  const refused = issuesAt(error, 'target')[0];
  const fieldError = issue ? sayNameIssue(issue, 'reference', t) : refused ? sayParamProblem(refused, t) : error ? sayError(error, t).message : undefined;
  const blockers = target ? (fieldError ? [t('errors:form.invalid', { field: t('tag.target') })] : []) : [t('errors:form.missing', { field: t('tag.target') })];
  const tag = async (): Promise<void> => {
    const done = await submit(() => perform({ label: t('tag.label', { target }), command: imageCommands.tag(source, target), run: () => api.call('images.tag', { source, target }) }));
    if (done) onDone();
  };
  return (
    <Stack gap="sm">
      <TextInput
        label={t('tag.target')}
        description={t('tag.rules')}
        placeholder="127.0.0.1:5000/learn/web:1.0"
        value={target}
        onChange={(e) => setTarget(e.currentTarget.value)}
        error={fieldError}
        data-testid="tag-target"
        data-autofocus
      />
      {parsed && !('error' in parsed) ? (
        <Text size="xs" c="dimmed">
          {t('tag.full', { full: parsed.full })}
        </Text>
      ) : null}
      <CommandLine command={imageCommands.tag(source, target || 'NAME[:TAG]')} />
      <Group justify="flex-end">
        <SubmitButton onClick={() => void tag()} loading={busy} blockers={blockers} testId="tag-submit">
          {t('actions.tag')}
        </SubmitButton>
      </Group>
    </Stack>
  );
}
