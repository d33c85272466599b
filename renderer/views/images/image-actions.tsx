import { List, Text } from '@mantine/core';

import { imageCommands } from '@shared/cli/images';

import { confirmAction, perform } from '../../actions/perform';
import { api } from '../../api';
import i18n from '../../i18n';
import { useConcept } from '../../stores/concept';
import { BuildForm } from './BuildForm';
import { LoginForm } from './LoginForm';
import { TagForm } from './TagForm';
import { TransferDialog } from './TransferDialog';
import { modals } from '../../actions/modals';

const t = (key: string, options: Record<string, unknown> = {}): string => i18n.t(key, { ns: 'images', ...options });

/** Remove with a preview: what goes, who still uses it, and what --force would do. */
export async function removeImage(ref: string, containers: number): Promise<boolean> {
  useConcept.getState().show('image-size');
  const users = containers > 0 ? await api.call('images.usage', { ref }) : [];
  const force = users.length > 0;
  const running = users.filter((u) => u.state === 'running');
  const ok = await confirmAction({
    title: t('remove.title', { ref }),
    body: (
      <>
        <Text size="sm">{t('remove.preview')}</Text>
        {force ? (
          <>
            <Text size="sm" c="red">
              {running.length > 0 ? t('remove.running', { count: running.length }) : t('remove.inUse', { count: users.length })}
            </Text>
            <List size="sm">
              {users.map((u) => (
                <List.Item key={u.id}>
                  {u.name} ({u.state})
                </List.Item>
              ))}
            </List>
            <Text size="sm">{t('remove.forceConsequence')}</Text>
          </>
        ) : null}
      </>
    ),
    command: imageCommands.remove(ref, force),
    confirmLabel: force ? t('remove.force') : t('remove.confirm'),
    danger: true,
  });
  if (!ok) return false;
  await perform({
    label: t('remove.label', { ref }),
    command: imageCommands.remove(ref, force),
    run: () => api.call('images.remove', { ref, force }),
  }).catch(() => undefined);
  return true;
}

export function openTagDialog(source: string): void {
  useConcept.getState().show('tag');
  const id = modals.open({ title: t('tag.title', { ref: source }), children: <TagForm source={source} onDone={() => modals.close(id)} /> });
}

export function openPullDialog(): void {
  useConcept.getState().show('registry');
  modals.open({ title: t('pull.title'), size: 'lg', children: <TransferDialog mode="pull" /> });
}

export function openPushDialog(ref: string): void {
  useConcept.getState().show('registry');
  modals.open({ title: t('push.title', { ref }), size: 'lg', children: <TransferDialog mode="push" initialRef={ref} /> });
}

export function openLoginDialog(): void {
  useConcept.getState().show('registry-login');
  modals.open({ title: t('login.title'), children: <LoginForm /> });
}

export function openBuildDialog(onBuilt: (id: string) => void): void {
  useConcept.getState().show('build-cache');
  const id = modals.open({
    title: t('build.title'),
    size: 'xl',
    children: (
      <BuildForm
        onBuilt={(imageId) => {
          modals.close(id);
          onBuilt(imageId);
        }}
      />
    ),
  });
}
