import { Badge, Button, Group, Progress, Stack, Text, TextInput } from '@mantine/core';
import { type ReactElement, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { imageCommands } from '@shared/cli/images';
import type { PullProgress } from '@shared/dto/images';
import { checkImageReference } from '@shared/rules/names';
import { parseReference } from '@shared/rules/references';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { sayNameIssue } from '../../components/errorText';
import { SubmitButton } from '../../components/SubmitButton';
import { formatBytes } from '../../format';

const phaseColor: Record<PullProgress['phase'], string> = {
  waiting: 'gray',
  downloading: 'blue',
  extracting: 'violet',
  exists: 'teal',
  done: 'teal',
  pushing: 'blue',
  info: 'gray',
};

/** Pull or push with a progress bar per layer and overall; cancellable. */
export function TransferDialog({ mode, initialRef = '' }: { mode: 'pull' | 'push'; initialRef?: string }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const [ref, setRef] = useState(initialRef);
  const [layers, setLayers] = useState<Map<string, PullProgress>>(new Map());
  const [status, setStatus] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState<string | undefined>();
  const controller = useRef<AbortController | undefined>(undefined);
  const issue = ref ? checkImageReference(ref) : null;
  const invalid = issue ? sayNameIssue(issue, 'reference', t) : undefined;
  const parsed = ref && !issue ? parseReference(ref) : undefined;
  const blockers = ref ? (invalid ? [t('errors:form.invalid', { field: t(`${mode}.ref`) })] : []) : [t('errors:form.missing', { field: t(`${mode}.ref`) })];
  const command = mode === 'pull' ? imageCommands.pull(ref || 'NAME[:TAG]') : imageCommands.push(ref || 'NAME[:TAG]');

  const start = async (): Promise<void> => {
    controller.current = new AbortController();
    setLayers(new Map());
    setStatus([]);
    setDone(undefined);
    setRunning(true);
    const onProgress = (p: PullProgress): void => {
      if (p.id && /^[0-9a-f]{12}$/.test(p.id)) setLayers((old) => new Map(old).set(p.id, p));
      else setStatus((old) => [...old.slice(-4), p.status]);
    };
    try {
      const signal = controller.current.signal;
      if (mode === 'pull') {
        const result = await perform({ label: t('pull.label', { ref }), command, run: () => api.call('images.pull', { ref }, { signal, onProgress }) });
        setDone(result.id);
      } else {
        const result = await perform({ label: t('push.label', { ref }), command, run: () => api.call('images.push', { ref }, { signal, onProgress }) });
        setDone(result.digest ?? ref);
      }
    } catch {
      // perform showed the error with its hint.
    } finally {
      setRunning(false);
    }
  };
  const all = [...layers.values()];
  const finished = all.filter((l) => l.phase === 'done' || l.phase === 'exists').length;
  return (
    <Stack gap="sm">
      <TextInput
        label={t(`${mode}.ref`)}
        placeholder="127.0.0.1:5000/learn/busybox:1.0"
        value={ref}
        onChange={(e) => setRef(e.currentTarget.value)}
        error={invalid}
        disabled={running || mode === 'push'}
        data-testid="transfer-ref"
        data-autofocus
      />
      {parsed && !('error' in parsed) && (parsed.implied.registry || parsed.implied.tag) ? (
        <Text size="xs" c="dimmed" data-testid="transfer-implied">
          {t('pull.implied', { full: parsed.full })}
        </Text>
      ) : null}
      <CommandLine command={command} />
      {all.length > 0 ? (
        <>
          <Progress value={all.length ? (finished / all.length) * 100 : 0} aria-label={t('pull.overall')} data-testid="transfer-overall" />
          <Stack gap={4} data-testid="transfer-layers">
            {all.map((l) => (
              <Group key={l.id} gap="xs" wrap="nowrap">
                <Text size="xs" ff="monospace" w={110}>
                  {l.id}
                </Text>
                <Badge size="xs" color={phaseColor[l.phase]} w={110}>
                  {t(`pull.phase.${l.phase}`)}
                </Badge>
                <Progress style={{ flex: 1 }} value={l.phase === 'done' || l.phase === 'exists' ? 100 : l.total ? ((l.current ?? 0) / l.total) * 100 : 0} />
                <Text size="xs" c="dimmed" w={140}>
                  {l.total ? `${formatBytes(l.current ?? 0, i18n.language)} / ${formatBytes(l.total, i18n.language)}` : ''}
                </Text>
              </Group>
            ))}
          </Stack>
        </>
      ) : null}
      {status.map((s, i) => (
        <Text key={i} size="xs" c="dimmed">
          {s}
        </Text>
      ))}
      {done ? (
        <Text size="sm" c="teal" data-testid="transfer-done">
          {t(`${mode}.done`, { ref, result: done })}
        </Text>
      ) : null}
      <Group justify="flex-end" align="flex-start">
        {running ? (
          <Button variant="default" onClick={() => controller.current?.abort()} data-testid="transfer-cancel">
            {t('actions.cancel')}
          </Button>
        ) : null}
        <SubmitButton onClick={() => void start()} loading={running} blockers={blockers} testId="transfer-start">
          {t(`actions.${mode}`)}
        </SubmitButton>
      </Group>
    </Stack>
  );
}
