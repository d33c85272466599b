import { Anchor, Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { SearchInput } from '../../components/SearchInput';
import type { Language } from '../../i18n';
import { searchConcepts } from '../../learn/concept-search';
import { chapters, type Concept, useConcepts } from '../../learn/concepts';
import { useConcept } from '../../stores/concept';

function open(id: string): void {
  useConcept.getState().show(id);
}

/** Every concept of the course by chapter, searchable; or as a glossary of one-line summaries. */
export function ConceptsPanel(): ReactElement {
  const { t, i18n } = useTranslation('learn');
  const language: Language = i18n.language === 'de' ? 'de' : 'en';
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<'chapters' | 'glossary'>('chapters');
  const concepts = useConcepts(language).all;
  const found = useMemo(() => searchConcepts(concepts, query), [concepts, query]);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <SearchInput label={t('concepts.search')} value={query} onChange={setQuery} testId="concept-search" w={360} />
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value === 'glossary' ? 'glossary' : 'chapters')}
          data={[
            { value: 'chapters', label: t('concepts.byChapter') },
            { value: 'glossary', label: t('concepts.glossary') },
          ]}
          data-testid="concept-mode"
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('concepts.count', { count: found.length })}
      </Text>
      {mode === 'glossary' ? <Glossary concepts={found} /> : <ByChapter concepts={found} language={language} />}
    </Stack>
  );
}

function ByChapter({ concepts, language }: { concepts: Concept[]; language: Language }): ReactElement {
  const { t } = useTranslation('learn');
  const known = chapters();
  const groups = [...known.map((c) => ({ id: c.id, title: c[language] })), { id: '', title: t('concepts.otherChapter') }]
    .map((chapter) => ({
      ...chapter,
      items: concepts.filter((c) => (chapter.id ? c.chapter === chapter.id : !known.some((k) => k.id === c.chapter))),
    }))
    .filter((g) => g.items.length > 0);
  return (
    <Stack gap="lg">
      {groups.map((group) => (
        <Stack key={group.id || 'other'} gap="xs" data-testid={`chapter-${group.id || 'other'}`}>
          <Title order={4}>{group.title}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {group.items.map((concept) => (
              <UnstyledButton key={concept.id} onClick={() => open(concept.id)} data-testid={`concept-card-${concept.id}`}>
                <Card withBorder padding="sm" h="100%">
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text fw={600} size="sm">
                      {concept.title}
                    </Text>
                    {concept.diagram ? (
                      <Badge size="xs" variant="light">
                        {t('concepts.diagram')}
                      </Badge>
                    ) : null}
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={3} mt={4}>
                    {concept.summary}
                  </Text>
                </Card>
              </UnstyledButton>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

function Glossary({ concepts }: { concepts: Concept[] }): ReactElement {
  const sorted = [...concepts].sort((a, b) => a.title.localeCompare(b.title));
  return (
    <Table striped highlightOnHover data-testid="glossary">
      <Table.Tbody>
        {sorted.map((concept) => (
          <Table.Tr key={concept.id}>
            <Table.Td w={220} style={{ verticalAlign: 'top' }}>
              <Anchor component="button" type="button" fw={600} size="sm" ta="left" onClick={() => open(concept.id)}>
                {concept.title}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{concept.summary}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
