import { Alert, Anchor, Badge, Button, Card, FileInput, Group, Loader, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ARCHIVE_LIMIT_BYTES } from '@shared/rules/containers';
import { containerCli } from '@shared/cli/containers/lifecycle';
import type { ErrorData } from '@shared/errors';
import { LotseError } from '@shared/errors';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatBytes } from '../../format';
import { useConcept } from '../../stores/concept';
import { toErrorData } from '../../stores/errors';
import { type DiffRow, diffRows } from './diff-tree';

const kindColors = { A: 'teal', C: 'yellow', D: 'red' } as const;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `docker diff` as a tree, and `docker cp` both ways (archive endpoints, one message each, size-capped). */
export function FilesPanel({ id, name, image, version }: { id: string; name: string; image: string; version: string }): ReactElement {
  const { t, i18n } = useTranslation('containers');
  const [diff, setDiff] = useState<DiffRow[] | undefined>(undefined);
  const [error, setError] = useState<ErrorData | undefined>(undefined);
  const [outPath, setOutPath] = useState('/etc/hostname');
  const [inDir, setInDir] = useState('/tmp');
  const [files, setFiles] = useState<File[]>([]);

  useEffect(() => {
    api.call('containers.diff', { id }).then(
      (d) => {
        setDiff(diffRows(d));
        setError(undefined);
      },
      (e: unknown) => setError(toErrorData(e)),
    );
  }, [id, version]);

  const copyOut = (): void => {
    void perform({
      label: t('files.copyOut', { path: outPath }),
      command: containerCli.copyOut(name, outPath),
      run: async () => {
        const result = await api.call('containers.copyOut', { id, path: outPath });
        const url = URL.createObjectURL(new Blob([fromBase64(result.base64)], { type: result.kind === 'tar' ? 'application/x-tar' : 'application/octet-stream' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = result.name;
        a.click();
        URL.revokeObjectURL(url);
        return result;
      },
    }).catch(() => undefined);
  };

  const copyIn = (): void => {
    void perform({
      label: t('files.copyIn', { count: files.length, dir: inDir }),
      command: containerCli.copyIn(name, files.map((f) => f.name), inDir),
      run: async () => {
        const total = files.reduce((s, f) => s + f.size, 0);
        if (total > ARCHIVE_LIMIT_BYTES) throw new LotseError('INVALID_PARAMS', t('files.tooBig', { size: formatBytes(ARCHIVE_LIMIT_BYTES, i18n.language) }), t('files.tooBigHint'));
        const payload = await Promise.all(files.map(async (f) => ({ name: f.name, base64: toBase64(new Uint8Array(await f.arrayBuffer())) })));
        const result = await api.call('containers.copyIn', { id, directory: inDir, files: payload });
        setFiles([]);
        return result;
      },
    }).catch(() => undefined);
  };

  return (
    <Stack gap="md" data-testid="files-panel">
      <Card withBorder>
        <Title order={4} mb={4}>
          {t('files.diffTitle')}
        </Title>
        <Text size="sm" mb="xs">
          {t('files.diffExplain')}{' '}
          <Anchor href={`#/images/${encodeURIComponent(image)}`} size="sm">
            {t('files.imageLayers', { image })}
          </Anchor>{' '}
          ·{' '}
          <Anchor component="button" size="sm" onClick={() => useConcept.getState().show('container-writable-layer')}>
            {t('files.concept')}
          </Anchor>
        </Text>
        <CommandLine command={containerCli.diff(name)} />
        <Group gap="xs" my="xs">
          <Badge color="teal" variant="light">A {t('files.added')}</Badge>
          <Badge color="yellow" variant="light">C {t('files.changed')}</Badge>
          <Badge color="red" variant="light">D {t('files.deleted')}</Badge>
        </Group>
        {error ? <ErrorNotice error={error} /> : null}
        {!diff && !error ? <Loader size="sm" /> : null}
        {diff && diff.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="diff-empty">
            {t('files.noChanges')}
          </Text>
        ) : null}
        {diff?.length ? (
          <ScrollArea.Autosize mah={320} data-testid="diff-tree">
            {diff.map((entry) => (
              <Group key={entry.path} gap={6} pl={entry.depth * 16} wrap="nowrap" title={entry.path}>
                <Badge size="xs" color={kindColors[entry.kind]} variant="filled" w={22} p={0}>
                  {entry.kind}
                </Badge>
                <Text size="sm" ff="monospace" td={entry.kind === 'D' ? 'line-through' : undefined}>
                  {entry.base}
                </Text>
              </Group>
            ))}
          </ScrollArea.Autosize>
        ) : null}
      </Card>
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('files.copyTitle')}
        </Title>
        <Alert variant="light" p="xs" mb="xs">
          <Text size="xs">{t('files.limit', { size: formatBytes(ARCHIVE_LIMIT_BYTES, i18n.language) })}</Text>
        </Alert>
        <Group align="flex-end" gap="xs">
          <TextInput label={t('files.outPath')} description={t('files.outPathHelp')} value={outPath} onChange={(e) => setOutPath(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button leftSection={<IconDownload size={16} />} onClick={copyOut} disabled={!outPath.startsWith('/')}>
            {t('files.download')}
          </Button>
        </Group>
        <CommandLine command={containerCli.copyOut(name, outPath)} />
        <Group align="flex-end" gap="xs" mt="md">
          <FileInput label={t('files.pick')} description={t('files.pickHelp')} multiple value={files} onChange={setFiles} style={{ flex: 1 }} clearable />
          <TextInput label={t('files.inDir')} description={t('files.inDirHelp')} value={inDir} onChange={(e) => setInDir(e.currentTarget.value)} w={220} />
          <Button leftSection={<IconUpload size={16} />} onClick={copyIn} disabled={!files.length || !inDir.startsWith('/')}>
            {t('files.upload')}
          </Button>
        </Group>
        {files.length ? <CommandLine command={containerCli.copyIn(name, files.map((f) => f.name), inDir)} /> : null}
      </Card>
    </Stack>
  );
}
