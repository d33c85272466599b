import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';

import type { ErrorData } from '@shared/errors';

import i18n from '../i18n';
import { CommandLine } from '../components/CommandLine';
import { ErrorText } from '../components/ErrorNotice';
import { toErrorData } from '../stores/errors';
import { useJournal } from '../stores/journal';
import { modals } from './modals';

export interface Action<T> {
  /** What the learner does, in words (translated). */
  label: string;
  /** The docker/kubectl command it stands for (shared/cli builds these). */
  command: string;
  run: () => Promise<T>;
}

/**
 * Runs an action the learner clicked: records it in the journal with its command, and shows
 * the command in a toast afterwards, with the result. Errors are rethrown for the caller to
 * show next to the field they belong to.
 */
export async function perform<T>(action: Action<T>): Promise<T> {
  const journal = useJournal.getState();
  const id = journal.add({ label: action.label, command: action.command });
  try {
    const result = await action.run();
    journal.finish(id, {});
    notifications.show({
      color: 'teal',
      title: action.label,
      // Copyable: the learner can take the command to a terminal.
      message: (
        <div data-testid="toast-command">
          <CommandLine command={action.command} />
        </div>
      ),
    });
    return result;
  } catch (error) {
    const data: ErrorData = toErrorData(error);
    journal.finish(id, { error: data });
    notifications.show({
      color: 'red',
      title: `${action.label}: ${i18n.t(`common:errors.${data.code}`)}`,
      message: (
        <Stack gap={4} data-testid="toast-error">
          <ErrorText error={data} />
          <CommandLine command={action.command} />
        </Stack>
      ),
    });
    throw error;
  }
}

export interface ConfirmOptions {
  title: string;
  /** What will happen: the preview of exactly what goes. */
  body: ReactNode;
  command: string;
  confirmLabel: string;
  danger?: boolean;
}

/** Asks before a destructive action, showing what will happen and the command. */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    modals.openConfirmModal({
      title: options.title,
      children: (
        <Stack gap="sm">
          {options.body}
          {/* Wrapped, never cut: the learner reads the whole command before saying yes. */}
          <div data-testid="confirm-command">
            <CommandLine command={options.command} />
          </div>
        </Stack>
      ),
      labels: { confirm: options.confirmLabel, cancel: i18n.t('common:actions.cancel') },
      confirmProps: { color: options.danger ? 'red' : undefined, 'data-testid': 'confirm-action' } as Record<string, unknown>,
      onConfirm: () => resolve(true),
      onCancel: () => resolve(false),
      onClose: () => resolve(false),
    });
  });
}
