import { Badge, Button, Code, Group, ScrollArea, Stack, Textarea, TextInput } from '@mantine/core';
import { type ReactElement, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { BuildLine } from '@shared/api/images';
import { imageCommands } from '@shared/cli/images';
import type { ErrorData } from '@shared/errors';
import { checkImageReference } from '@shared/rules/names';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { sayNameIssue } from '../../components/errorText';
import { SubmitButton } from '../../components/SubmitButton';
import { toErrorData } from '../../stores/errors';

/** `KEY=value` per line → build args. */
function parseArgs(text: string): Record<string, string> {
  const args: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) args[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return args;
}

/** `docker build` of a folder: the log streams step by step, cache hits marked, errors at their step. */
export function BuildForm({ onBuilt }: { onBuilt: (id: string) => void }): ReactElement {
  const { t } = useTranslation('images');
  const [contextDir, setContextDir] = useState('');
  const [dockerfile, setDockerfile] = useState('Dockerfile');
  const [tag, setTag] = useState('');
  const [args, setArgs] = useState('');
  const [target, setTarget] = useState('');
  const [log, setLog] = useState<BuildLine[]>([]);
  const [error, setError] = useState<ErrorData | undefined>();
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);
  const tagIssue = tag ? checkImageReference(tag) : null;
  const tagError = tagIssue ? sayNameIssue(tagIssue, 'reference', t) : undefined;
  const blockers = [...(contextDir ? [] : [t('errors:form.missing', { field: t('build.folder') })]), ...(tagError ? [t('errors:form.invalid', { field: t('build.tag') })] : [])];
  const buildArgs = parseArgs(args);
  const command = imageCommands.build({ contextDir: contextDir || '.', dockerfile, tag, buildArgs, target });

  const start = async (): Promise<void> => {
    controller.current = new AbortController();
    setLog([]);
    setError(undefined);
    setRunning(true);
    try {
      const result = await perform({
        label: t('build.label', { dir: contextDir }),
        command,
        run: () =>
          api.call(
            'images.build',
            { contextDir, dockerfile, buildArgs, ...(tag ? { tag } : {}), ...(target ? { target } : {}) },
            { signal: controller.current!.signal, onProgress: (line) => setLog((old) => [...old.slice(-500), line]) },
          ),
      });
      onBuilt(result.id);
    } catch (e) {
      setError(toErrorData(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Stack gap="sm">
      <TextInput label={t('build.folder')} description={t('build.folderHint')} placeholder="/home/me/my-app" value={contextDir} onChange={(e) => setContextDir(e.currentTarget.value)} data-testid="build-folder" />
      <Group grow>
        <TextInput label={t('build.dockerfile')} value={dockerfile} onChange={(e) => setDockerfile(e.currentTarget.value)} />
        <TextInput label={t('build.tag')} placeholder="my-app:1.0" value={tag} onChange={(e) => setTag(e.currentTarget.value)} error={tagError} data-testid="build-tag" />
        <TextInput label={t('build.target')} value={target} onChange={(e) => setTarget(e.currentTarget.value)} />
      </Group>
      <Textarea label={t('build.args')} placeholder="VERSION=1.2" autosize minRows={1} value={args} onChange={(e) => setArgs(e.currentTarget.value)} />
      <CommandLine command={command} />
      {log.length > 0 ? (
        <ScrollArea h={260} type="auto" data-testid="build-log">
          <Stack gap={0}>
            {log.map((line, i) => (
              <Group key={i} gap={6} wrap="nowrap" align="flex-start">
                {line.cached ? (
                  <Badge size="xs" color="teal" variant="light">
                    {t('build.cached')}
                  </Badge>
                ) : null}
                <Code c={line.error ? 'red' : undefined} style={{ whiteSpace: 'pre-wrap', background: 'none' }}>
                  {line.text}
                </Code>
              </Group>
            ))}
          </Stack>
        </ScrollArea>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <Group justify="flex-end" align="flex-start">
        {running ? (
          <Button variant="default" onClick={() => controller.current?.abort()}>
            {t('actions.cancel')}
          </Button>
        ) : null}
        <SubmitButton onClick={() => void start()} loading={running} blockers={blockers} testId="build-start">
          {t('actions.build')}
        </SubmitButton>
      </Group>
    </Stack>
  );
}
