import { Group, Text, Title } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';

/** The top of every area: its title, one paragraph saying what the learner sees here, its actions. */
export function ViewHeader({ title, intro, children }: { title: string; intro: string; children?: ReactNode }): ReactElement {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <div>
        <Title order={2}>{title}</Title>
        <Text c="dimmed" size="sm" maw={820}>
          {intro}
        </Text>
      </div>
      {children ? (
        <Group gap="xs" wrap="nowrap">
          {children}
        </Group>
      ) : null}
    </Group>
  );
}
