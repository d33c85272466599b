import { Alert, Anchor, Badge, List, Stack, Text, Title } from '@mantine/core';
import { IconBulb, IconKey, IconShieldCheck } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import type { HistoryRow, LayerAnalysis } from '@shared/dto/images';

import { formatBytes } from '../../format';
import { useConcept } from '../../stores/concept';
import { layerNumbers } from './layer-numbers';

/** Secrets found in any layer (also those deleted later) and hints for a better Dockerfile. */
export function SecretsPanel({ analysis, rows }: { analysis: LayerAnalysis; rows: HistoryRow[] | undefined }): ReactElement {
  const { t, i18n } = useTranslation('images');
  const numbers = layerNumbers(rows ?? []);
  // A hint names history steps: those that made a layer by its number, the others by their instruction only.
  const step = (index: number): string => {
    const layer = numbers.get(index);
    const instruction = rows?.find((r) => r.index === index)?.instruction ?? '';
    return layer === undefined ? instruction : `${t('history.layerNo', { layer })}: ${instruction}`;
  };
  return (
    <Stack gap="md">
      {analysis.secrets.length > 0 ? (
        <Alert color="red" icon={<IconKey />} title={t('secrets.title', { count: analysis.secrets.length })} data-testid="secrets-warning">
          <Text size="sm" mb="xs">
            {t('secrets.warning')}{' '}
            <Anchor component="button" size="sm" onClick={() => useConcept.getState().show('secrets-in-layers')}>
              {t('wasted.learnMore')}
            </Anchor>
          </Text>
          <List size="sm" spacing={4}>
            {analysis.secrets.map((s) => (
              <List.Item key={`${s.kind}:${s.path}:${s.layer ?? 'env'}`}>
                <Badge size="xs" color="red" variant="light" mr={6}>
                  {t(`secrets.kind.${s.kind}`)}
                </Badge>
                <Text span ff="monospace" size="sm">
                  {s.kind === 'env-var' ? `${s.path}=${s.preview ?? ''}` : s.path}
                </Text>{' '}
                <Text span size="xs" c="dimmed">
                  {s.layer !== undefined ? t('secrets.inLayer', { layer: s.layer + 1 }) : t('secrets.inConfig')}
                  {s.deletedIn !== undefined ? ` · ${t('secrets.deletedIn', { layer: s.deletedIn + 1 })}` : ''}
                  {` · ${t(`secrets.reason.${s.reason}`, { defaultValue: s.reason })}`}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <Alert color="teal" icon={<IconShieldCheck />} title={t('secrets.none')} data-testid="secrets-none" />
      )}
      <div>
        <Title order={4} size="h5" mb="xs">
          {t('hints.title')}
        </Title>
        {analysis.hints.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('hints.none')}
          </Text>
        ) : (
          <List spacing="xs" icon={<IconBulb size={16} />} data-testid="hints">
            {analysis.hints.map((h) => (
              <List.Item key={h.kind}>
                <Text size="sm">{t(`hints.${h.kind}`, { count: h.count ?? h.steps.length, bytes: formatBytes(h.bytes ?? 0, i18n.language) })}</Text>
                {h.steps.map((index) => (
                  <Text key={index} size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {step(index)}
                  </Text>
                ))}
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </Stack>
  );
}
