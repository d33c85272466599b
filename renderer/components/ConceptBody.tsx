import { Anchor, Badge, Group, Text, Title } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

import type { Language } from '../i18n';
import { useConcepts } from '../learn/concepts';
import { ConceptDiagram } from '../learn/diagrams/ConceptDiagram';
import { useConcept } from '../stores/concept';
import { CommandLine } from './CommandLine';

/** The concept itself: its text, diagram, commands and related concepts. Loaded when the side panel first shows one. */
export function ConceptBody({ conceptId }: { conceptId: string }): ReactElement {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'de' ? 'de' : 'en';
  const concepts = useConcepts(language);
  const [followed, setFollowed] = useState<{ from: string; id: string } | undefined>(undefined);
  const id = followed?.from === conceptId ? followed.id : conceptId;
  const concept = concepts.get(id);
  // The live object belongs to the concept it was shown for, not to a related one followed from there.
  const context = useConcept((s) => (s.selected === conceptId && id === conceptId ? s.context : undefined));
  if (!concept) {
    return (
      <Text size="sm" c="dimmed">
        {id}
      </Text>
    );
  }
  return (
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
                {concepts.get(rel)?.title ?? rel}
              </Badge>
            </Anchor>
          ))}
        </Group>
      ) : null}
    </>
  );
}
