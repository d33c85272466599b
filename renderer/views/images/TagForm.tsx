import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { imageCommands } from '@shared/cli/images';
import { parseReference } from '@shared/dto/images';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { toErrorData } from '../../stores/errors';

/** `docker tag`: the new name is checked against the naming rules while typing. */
export function TagForm({ source, onDone }: { source: string; onDone: () => void }): ReactElement {
  const { t } = useTranslation('images');
  const [target, setTarget] = useState('');
  const [serverError, setServerError] = useState<string | undefined>();
  const parsed = target ? parseReference(target) : undefined;
  const error = parsed && 'error' in parsed ? parsed.error : serverError;
  const submit = async (): Promise<void> => {
    try {
      await perform({ label: t('tag.label', { target }), command: imageCommands.tag(source, target), run: () => api.call('images.tag', { source, target }) });
      onDone();
    } catch (e) {
      setServerError(toErrorData(e).message);
    }
  };
  return (
    <Stack gap="sm">
      <TextInput
        label={t('tag.target')}
        description={t('tag.rules')}
        placeholder="127.0.0.1:5000/learn/web:1.0"
        value={target}
        onChange={(e) => {
          setTarget(e.currentTarget.value);
          setServerError(undefined);
        }}
        error={error}
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
        <Button onClick={() => void submit()} disabled={!target || Boolean(parsed && 'error' in parsed)} data-testid="tag-submit">
          {t('actions.tag')}
        </Button>
      </Group>
    </Stack>
  );
}
