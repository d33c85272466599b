import { Anchor, Badge, Button, Chip, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconSearch, IconTrash } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactElement, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { maskSecrets } from '@shared/rules/secrets';

import type { Language } from '../../i18n';
import { fold } from '../../learn/concept-search';
import { eventSentence, type EventSentence, type ObjectArea, sentenceText } from '../../learn/event-sentences';
import { useEventsFeed } from '../../stores/events-feed';
import { useNavigation } from '../../stores/navigation';
import { useTrainer } from '../../stores/trainer';

const TYPES = ['container', 'image', 'network', 'volume', 'daemon'] as const;
const toneColor = { info: 'gray', success: 'teal', warning: 'orange', danger: 'red' } as const;

/** The images area opens one image by its address (#/images/<ref>); the others open their list. */
function openObject(area: ObjectArea, ref: string): void {
  if (area === 'images') window.location.hash = `/images/${encodeURIComponent(ref)}`;
  else useNavigation.getState().go(area);
}

function Sentence({ sentence, hide }: { sentence: EventSentence; hide: boolean }): ReactElement {
  return (
    <Text size="sm" span>
      {sentence.segments.map((segment, index) =>
        'area' in segment ? (
          <Anchor key={index} component="button" type="button" fw={600} onClick={() => openObject(segment.area, segment.ref)} data-testid="event-link">
            {segment.text}
          </Anchor>
        ) : (
          <span key={index}>{hide ? maskSecrets(segment.text) : segment.text}</span>
        ),
      )}
    </Text>
  );
}

/** The engine's events as sentences, live, filterable by kind and words, linking to the objects. */
export function EventsPanel(): ReactElement {
  const { t, i18n } = useTranslation('learn');
  const language: Language = i18n.language === 'de' ? 'de' : 'en';
  const events = useEventsFeed((s) => s.events);
  const names = useEventsFeed((s) => s.names);
  const paused = useEventsFeed((s) => s.paused);
  const { setPaused, clear } = useEventsFeed.getState();
  const hide = useTrainer((s) => s.hideSecrets);
  const [types, setTypes] = useState<string[]>([...TYPES]);
  const [query, setQuery] = useState('');

  const rows = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return events
      .filter((e) => types.includes(e.type) || (!TYPES.includes(e.type as (typeof TYPES)[number]) && types.includes('daemon')))
      .map((e) => ({ event: e, sentence: eventSentence(e, language, (id) => names.get(id)) }))
      .filter((r) => words.every((w) => fold(sentenceText(r.sentence)).includes(w)))
      .reverse();
  }, [events, types, query, language, names]);

  const parent = useRef<HTMLDivElement>(null);
  // TanStack Virtual's functions cannot be memoised by the React Compiler; this component opts out.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => 44, overscan: 8 });

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('events.intro')}
      </Text>
      <Group justify="space-between" wrap="wrap">
        <Chip.Group multiple value={types} onChange={setTypes}>
          <Group gap={6}>
            {TYPES.map((type) => (
              <Chip key={type} value={type} size="xs" data-testid={`events-type-${type}`}>
                {t(`events.types.${type}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Group gap="xs">
          <TextInput
            size="xs"
            leftSection={<IconSearch size={14} />}
            placeholder={t('events.filter')}
            aria-label={t('events.filter')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            data-testid="events-filter"
          />
          <Button size="xs" variant="default" leftSection={paused ? <IconPlayerPlay size={14} /> : <IconPlayerPause size={14} />} onClick={() => setPaused(!paused)}>
            {paused ? t('events.resume') : t('events.pause')}
          </Button>
          <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={clear} disabled={events.length === 0}>
            {t('events.clear')}
          </Button>
        </Group>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="events-empty">
          {events.length === 0 ? t('events.waiting') : t('events.noMatch')}
        </Text>
      ) : (
        <div ref={parent} style={{ height: 'calc(100vh - 300px)', overflowY: 'auto' }} data-testid="events-list">
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <div
                  key={row.event.seq}
                  ref={virtual.measureElement}
                  data-index={item.index}
                  style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${String(item.start)}px)` }}
                >
                  <Group gap="sm" wrap="nowrap" align="flex-start" py={6} data-testid="event-row">
                    <Text size="xs" c="dimmed" ff="monospace" w={70} style={{ flexShrink: 0 }}>
                      {new Date(row.event.time).toLocaleTimeString(i18n.language)}
                    </Text>
                    <Badge size="xs" variant="light" color={toneColor[row.sentence.tone]} w={90} style={{ flexShrink: 0 }}>
                      {t(`events.types.${TYPES.includes(row.event.type as (typeof TYPES)[number]) ? row.event.type : 'daemon'}`)}
                    </Badge>
                    <Sentence sentence={row.sentence} hide={hide} />
                  </Group>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </Stack>
  );
}
