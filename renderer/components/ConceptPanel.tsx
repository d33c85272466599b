import { Anchor, Badge, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

import type { Language } from '../i18n';
import { concept as findConcept } from '../learn/concepts';
import { ConceptDiagram } from '../learn/diagrams/ConceptDiagram';
import { useConcept } from '../stores/concept';
import { CommandLine } from './CommandLine';

/** The side panel that explains the concept behind the current view or object. */
export function ConceptPanel({ conceptId }: { conceptId: string }): ReactElement {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'de' ? 'de' : 'en';
  const [followed, setFollowed] = useState<{ from: string; id: string } | undefined>(undefined);
  const id = followed?.from === conceptId ? followed.id : conceptId;
  const concept = findConcept(language, id);
  // The live object belongs to the concept it was shown for, not to a related one followed from there.
  const context = useConcept((s) => (s.selected === conceptId && id === conceptId ? s.context : undefined));
  return (
    <ScrollArea h="100%" type="auto" data-testid="concept-panel">
      <Stack gap="sm" p="md">
        <Text size="xs" tt="uppercase" c="dimmed" fw={700}>
          {t('shell.concept.title')}
        </Text>
        {concept ? (
          <>
            <Title order={3} data-testid="concept-title">
              {concept.title}
            </Title>
            <Text size="sm" fw={500}>
              {concept.summary}
            </Text>
            {context?.name ? (
              <Badge variant="outline" data-testid="concept-live-object">
                {t('learn:concepts.live', { name: context.name })}
              </Badge>
            ) : null}
            {concept.diagram ? <ConceptDiagram id={concept.diagram} language={language} context={context} /> : null}
            <div className="lotse-markdown">
              <Markdown remarkPlugins={[remarkGfm]}>{concept.body}</Markdown>
            </div>
            {concept.commands.map((command) => (
              <CommandLine key={command} command={command} />
            ))}
            {concept.related.length > 0 ? (
              <Group gap={6}>
                {concept.related.map((rel) => (
                  <Anchor key={rel} component="button" type="button" onClick={() => setFollowed({ from: conceptId, id: rel })}>
                    <Badge variant="light" style={{ cursor: 'pointer' }}>
                      {findConcept(language, rel)?.title ?? rel}
                    </Badge>
                  </Anchor>
                ))}
              </Group>
            ) : null}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {id}
          </Text>
        )}
      </Stack>
    </ScrollArea>
  );
}
