import { ActionIcon, Alert, Badge, Button, Group, List, Menu, Modal, Stack, TagsInput, Text } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { nodeAvailabilityCommand, nodeLabelsCommand, nodeRemoveCommand, nodeRoleCommand } from '@shared/cli/swarm';
import type { DrainPreview, NodeAvailability, NodeRole, NodeSummary, SwarmSnapshot } from '@shared/dto/swarm';
import { checkLabelKey } from '@shared/rules/swarm-names';

import { confirmAction, perform } from '../../actions/perform';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { parseLabels } from '../../components/labels';
import { nodeName } from '../../stores/swarm';

/** What a drain (or pause) will do: the tasks that leave, where they can go, and what it costs. */
export function DrainPreviewBody({ preview, snapshot }: { preview: DrainPreview; snapshot: SwarmSnapshot }): ReactElement {
  const { t } = useTranslation('swarm');
  if (preview.availability === 'pause') return <Text size="sm">{t('drain.pause')}</Text>;
  return (
    <Stack gap="xs" data-testid="drain-preview">
      <Text size="sm">{t('drain.intro', { node: preview.node.hostname })}</Text>
      {preview.services.length ? null : <Text size="sm">{t('drain.nothing')}</Text>}
      {preview.services.map((s) => (
        <Stack key={s.serviceId} gap={2} data-testid={`drain-service-${s.serviceName}`}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {s.serviceName}
            </Text>
            <Badge size="sm" color={s.outcome === 'moves' ? 'teal' : s.outcome === 'pending' ? 'red' : 'gray'} data-testid={`drain-outcome-${s.serviceName}`}>
              {t(`drain.outcome.${s.outcome}`)}
            </Badge>
          </Group>
          <Text size="xs" data-testid={`drain-leaving-${s.serviceName}`}>
            {t('drain.leaving', { count: s.leaving.length, tasks: s.leaving.map((l) => (l.slot === undefined ? s.serviceName : `${s.serviceName}.${l.slot}`)).join(', ') })}
          </Text>
          <List size="xs" spacing={0}>
            {s.candidates.map((c) => (
              <List.Item key={c.nodeId}>
                {c.fits
                  ? c.room === null
                    ? t('drain.fits', { node: c.hostname })
                    : t('drain.fitsRoom', { node: c.hostname, count: c.room })
                  : t('drain.blocked', { node: c.hostname, reasons: c.blockers.map((b) => t(`drain.blocker.${b.kind}`, { detail: b.detail })).join('; ') })}
                {c.fits && c.image === 'unknown' ? ` ${t('drain.imageUnknown')}` : ''}
              </List.Item>
            ))}
            {s.candidates.length ? null : <List.Item>{t('drain.noOtherNode')}</List.Item>}
          </List>
          {s.outcome === 'pending' ? <Text size="xs" c="red">{t('drain.pending')}</Text> : null}
          {s.downtime ? (
            <Text size="xs" c="orange" data-testid={`drain-downtime-${s.serviceName}`}>
              {t('drain.downtime')}
            </Text>
          ) : null}
        </Stack>
      ))}
      <Alert color="gray" p="xs">
        <Text size="xs">{preview.plainContainers === undefined ? t('drain.plainElsewhere') : t('drain.plain', { count: preview.plainContainers })}</Text>
        <Text size="xs">{t('drain.noReturn', { node: nodeName(snapshot, preview.node.id) })}</Text>
      </Alert>
    </Stack>
  );
}

/** drain / active / pause (with a preview), promote / demote, labels, remove: each with its command first. */
export function NodeActions({ snapshot, node }: { snapshot: SwarmSnapshot; node: NodeSummary }): ReactElement {
  const { t } = useTranslation('swarm');
  const [labelsOpen, setLabelsOpen] = useState(false);

  const setAvailability = async (availability: NodeAvailability): Promise<void> => {
    const command = nodeAvailabilityCommand(node.hostname, availability);
    let body: ReactElement;
    if (availability === 'active') body = <Text size="sm">{t('drain.active')}</Text>;
    else {
      const preview = await api.call('swarm.nodes.drainPreview', { node: node.id, availability }).catch(() => undefined);
      body = preview ? <DrainPreviewBody preview={preview} snapshot={snapshot} /> : <Text size="sm">{t('drain.noPreview')}</Text>;
    }
    const title = t(`drain.title.${availability}`, { node: node.hostname });
    if (!(await confirmAction({ title, body, command, confirmLabel: t(`drain.confirm.${availability}`), danger: availability === 'drain' }))) return;
    await perform({ label: title, command, run: () => api.call('swarm.nodes.update', { node: node.id, availability }) }).catch(() => undefined);
  };

  const setRole = async (role: NodeRole): Promise<void> => {
    const command = nodeRoleCommand(node.hostname, role);
    const managers = snapshot.state.managers + (role === 'manager' ? 1 : -1);
    const body = (
      <Stack gap="xs">
        <Text size="sm">{t(`role.${role}`)}</Text>
        {managers % 2 === 0 ? <Text size="sm" c="orange">{t('role.even', { count: managers })}</Text> : null}
      </Stack>
    );
    const title = t(`role.title.${role}`, { node: node.hostname });
    if (!(await confirmAction({ title, body, command, confirmLabel: t(`role.confirm.${role}`) }))) return;
    await perform({ label: title, command, run: () => api.call('swarm.nodes.update', { node: node.id, role }) }).catch(() => undefined);
  };

  const remove = async (): Promise<void> => {
    const force = node.status !== 'down';
    const command = nodeRemoveCommand(node.hostname, force);
    const title = t('remove.title', { node: node.hostname });
    if (!(await confirmAction({ title, body: <Text size="sm">{t(force ? 'remove.up' : 'remove.down')}</Text>, command, confirmLabel: t('remove.confirm'), danger: true }))) return;
    await perform({ label: title, command, run: () => api.call('swarm.nodes.remove', { node: node.id, force }) }).catch(() => undefined);
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" aria-label={t('node.actions', { node: node.hostname })} data-testid={`node-actions-${node.hostname}`}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('node.availabilityLabel')}</Menu.Label>
          {(['active', 'pause', 'drain'] as const).map((a) => (
            <Menu.Item key={a} disabled={node.availability === a} onClick={() => void setAvailability(a)} data-testid={`node-set-${a}-${node.hostname}`}>
              {t(`drain.menu.${a}`)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          {node.role === 'worker' ? (
            <Menu.Item onClick={() => void setRole('manager')} data-testid={`node-promote-${node.hostname}`}>
              {t('role.menu.manager')}
            </Menu.Item>
          ) : (
            <Menu.Item onClick={() => void setRole('worker')} data-testid={`node-demote-${node.hostname}`}>
              {t('role.menu.worker')}
            </Menu.Item>
          )}
          <Menu.Item onClick={() => setLabelsOpen(true)}>{t('labels.menu')}</Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" disabled={node.self} onClick={() => void remove()} data-testid={`node-remove-${node.hostname}`}>
            {t('remove.menu')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {labelsOpen ? <LabelsDialog node={node} onClose={() => setLabelsOpen(false)} /> : null}
    </>
  );
}

function LabelsDialog({ node, onClose }: { node: NodeSummary; onClose: () => void }): ReactElement {
  const { t } = useTranslation('swarm');
  const current = Object.entries(node.labels).map(([k, v]) => (v ? `${k}=${v}` : k));
  const [labels, setLabels] = useState(current);
  const next = parseLabels(labels);
  const add = Object.fromEntries(Object.entries(next).filter(([k, v]) => node.labels[k] !== v));
  const remove = Object.keys(node.labels).filter((k) => !(k in next));
  const bad = Object.keys(next).find((k) => checkLabelKey(k));
  const command = nodeLabelsCommand(node.hostname, add, remove);
  const save = async (): Promise<void> => {
    const done = await perform({ label: t('labels.action', { node: node.hostname }), command, run: () => api.call('swarm.nodes.update', { node: node.id, labelsAdd: add, labelsRemove: remove }) }).catch(() => undefined);
    if (done) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('labels.title', { node: node.hostname })}>
      <Stack gap="sm">
        <Text size="sm">{t('labels.help')}</Text>
        <TagsInput value={labels} onChange={setLabels} placeholder="zone=a" error={bad !== undefined ? t('labels.bad', { key: bad }) : undefined} data-testid="node-labels" />
        <CommandLine command={command} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button onClick={() => void save()} disabled={bad !== undefined || (!Object.keys(add).length && !remove.length)}>
            {t('labels.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
