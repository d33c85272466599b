import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactElement, ReactNode } from 'react';

import { useConcept } from '../../../stores/concept';
import type { KeyValueRow } from './runForm';

/** A section's legend with a button that opens its concept. */
export function LegendWithConcept({ label, concept }: { label: string; concept: string }): ReactElement {
  return (
    <Group gap={6}>
      <span>{label}</span>
      <ActionIcon size="xs" variant="subtle" aria-label={label} onClick={() => useConcept.getState().show(concept)}>
        ?
      </ActionIcon>
    </Group>
  );
}

/** Rows the learner adds and removes (ports, mounts, variables, labels). */
export function Rows<T>(props: {
  rows: T[];
  onChange: (rows: T[]) => void;
  empty: T;
  addLabel: string;
  testId?: string;
  render: (row: T, set: (row: T) => void, index: number) => ReactNode;
}): ReactElement {
  const { rows, onChange } = props;
  return (
    <Stack gap={6}>
      {rows.map((row, index) => (
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
          {props.render(row, (next) => onChange(rows.map((r, i) => (i === index ? next : r))), index)}
          <ActionIcon variant="subtle" color="red" aria-label="−" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, props.empty])} w="fit-content" data-testid={props.testId}>
        {props.addLabel}
      </Button>
    </Stack>
  );
}

export function KeyValueRows(props: {
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  addLabel: string;
  error: (index: number) => string | undefined;
  testId: string;
}): ReactElement {
  const { rows, onChange, addLabel, error, testId } = props;
  return (
    <Rows
      rows={rows}
      onChange={onChange}
      empty={{ key: '', value: '' }}
      addLabel={addLabel}
      testId={`${testId}-add`}
      render={(row, set, index) => (
        <>
          <TextInput aria-label="key" placeholder="KEY" value={row.key} onChange={(e) => set({ ...row, key: e.currentTarget.value })} w={220} error={error(index)} ff="monospace" data-testid={`${testId}-key-${index}`} />
          <Text>=</Text>
          <TextInput aria-label="value" placeholder="value" value={row.value} onChange={(e) => set({ ...row, value: e.currentTarget.value })} style={{ flex: 1 }} ff="monospace" data-testid={`${testId}-value-${index}`} />
        </>
      )}
    />
  );
}
