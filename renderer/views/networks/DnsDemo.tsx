import { Alert, Button, Card, Code, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { dnsDemoCommands } from '@shared/cli/networks';
import type { DnsDemoMode, DnsDemoResult } from '@shared/dto/networks';
import type { ErrorData } from '@shared/errors';

import { perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber } from '../../format';
import { useConcept } from '../../stores/concept';
import { toErrorData } from '../../stores/errors';

const MODES: DnsDemoMode[] = ['user-defined', 'default-bridge'];

/** The course's point, run for real: names resolve on a user-defined bridge and not on the default bridge. */
export function DnsDemo(): ReactElement {
  const { t, i18n } = useTranslation('networks');
  const [results, setResults] = useState<Partial<Record<DnsDemoMode, DnsDemoResult>>>({});
  const [errors, setErrors] = useState<Partial<Record<DnsDemoMode, ErrorData>>>({});
  const [running, setRunning] = useState<DnsDemoMode | undefined>(undefined);

  const run = async (mode: DnsDemoMode): Promise<void> => {
    setRunning(mode);
    useConcept.getState().show('dns-user-defined-bridge');
    try {
      const result = await perform({
        label: t(`dns.${mode}.run`),
        command: dnsDemoCommands(mode, { network: 'demo', target: 'target', image: 'busybox' }).join(' && '),
        run: () => api.call('networks.dnsDemo', { mode }),
      });
      setResults((r) => ({ ...r, [mode]: result }));
      setErrors((e) => ({ ...e, [mode]: undefined }));
    } catch (error) {
      setErrors((e) => ({ ...e, [mode]: toErrorData(error) }));
    } finally {
      setRunning(undefined);
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm" maw={820}>
        {t('dns.intro')}
      </Text>
      {/* Side by side only where both cards have room: the columns follow the panel's width, not the window's. */}
      <SimpleGrid type="container" cols={{ base: 1, '760px': 2 }}>
        {MODES.map((mode) => {
          const result = results[mode];
          const error = errors[mode];
          return (
            <Card withBorder key={mode} data-testid={`dns-${mode}`} miw={0}>
              <Stack gap="sm">
                <Title order={4}>{t(`dns.${mode}.title`)}</Title>
                <Text size="sm" c="dimmed">
                  {t(`dns.${mode}.body`)}
                </Text>
                <Button
                  onClick={() => void run(mode)}
                  loading={running === mode}
                  disabled={running !== undefined}
                  data-testid={`dns-run-${mode}`}
                  w="fit-content"
                  maw="100%"
                  h="auto"
                  mih={36}
                  py={6}
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                >
                  {t(`dns.${mode}.run`)}
                </Button>
                {error ? <ErrorNotice error={error} /> : null}
                {result ? (
                  <>
                    <Alert
                      color={result.resolved ? 'teal' : 'orange'}
                      icon={result.resolved ? <IconCheck /> : <IconX />}
                      title={result.resolved ? t('dns.resolved', { name: result.target, address: result.address ?? '' }) : t('dns.failed', { name: result.target })}
                      data-testid={`dns-result-${mode}`}
                    >
                      <Text size="sm">{result.resolved ? t('dns.whyResolved') : t('dns.whyFailed')}</Text>
                    </Alert>
                    <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={`dns-output-${mode}`}>
                      {result.output}
                    </Code>
                    {result.commands.map((c) => (
                      <CommandLine key={c} command={c} />
                    ))}
                    <Text size="xs" c="dimmed">
                      {t('dns.cleanedUp', { image: result.image, seconds: formatNumber(result.durationMs / 1000, i18n.language, 1, 1) })}
                    </Text>
                  </>
                ) : null}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
