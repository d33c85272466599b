import { TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ReactElement } from 'react';

/** The search field above a list: its placeholder is also its accessible name. */
export function SearchInput(props: { label: string; value: string; onChange: (value: string) => void; testId: string; w?: number }): ReactElement {
  return (
    <TextInput
      leftSection={<IconSearch size={16} />}
      placeholder={props.label}
      aria-label={props.label}
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}
      w={props.w ?? 280}
      data-testid={props.testId}
    />
  );
}
