import { Alert, Button, Checkbox, Group, List, Loader, Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { serviceRemoveCommand, serviceRollbackCommand, serviceScaleCommand, serviceUpdateCommand } from '@shared/cli/swarm';
import type { ServiceChangesInput, ServiceDetail, ServiceSummary, UpdatePolicy } from '@shared/dto/swarm';
import { checkImageReference } from '@shared/rules/names';
import { serviceFormIssues } from '@shared/rules/swarm-spec';

import { confirmAction, perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { sayNameIssue } from '../../components/errorText';
import { SubmitButton } from '../../components/SubmitButton';
import { parseLabels } from '../../components/labels';

function ScaleDialog({ service, onClose }: { service: ServiceSummary; onClose: () => void }): ReactElement {
  const { t } = useTranslation('swarm');
  const [replicas, setReplicas] = useState<number | string>(service.desired);
  const { busy, error, submit } = useSubmit(replicas);
  const n = typeof replicas === 'number' ? replicas : Number.NaN;
  const command = serviceScaleCommand(service.name, Number.isInteger(n) ? n : 0);
  const run = async (): Promise<void> => {
    const ok = await submit(() => perform({ label: t('scale.action', { service: service.name, replicas: n }), command, run: () => api.call('swarm.services.scale', { service: service.id, replicas: n }) }));
    if (ok) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('scale.title', { service: service.name })}>
      {service.mode === 'global' ? (
        <Alert color="blue" data-testid="scale-global">
          {t('scale.global')}
        </Alert>
      ) : (
        <Stack gap="sm">
          <NumberInput label={t('scale.replicas')} description={t('scale.help')} min={0} max={1000} value={replicas} onChange={setReplicas} data-testid="scale-replicas" data-autofocus />
          <CommandLine command={command} />
          {error ? <ErrorNotice error={error} /> : null}
          <Group justify="flex-end">
            <SubmitButton blockers={Number.isInteger(n) && n >= 0 ? [] : [t('errors:form.invalid', { field: t('scale.replicas') })]} loading={busy} testId="scale-submit" onClick={() => void run()}>
              {t('scale.submit')}
            </SubmitButton>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

const pairs = (items: string[]): { key: string; value: string }[] => Object.entries(parseLabels(items)).map(([key, value]) => ({ key, value }));

function UpdateDialog({ service, onClose }: { service: ServiceSummary; onClose: () => void }): ReactElement {
  const { t } = useTranslation('swarm');
  const [detail, setDetail] = useState<ServiceDetail | undefined>(undefined);
  const [form, setForm] = useState({ image: service.image, env: [] as string[], replicas: service.desired as number | string, limitCpus: '', limitMemory: '', reserveCpus: '', reserveMemory: '', force: false, policy: service.updateConfig });
  const { busy, error, submit } = useSubmit(form);
  useEffect(() => {
    void api.call('swarm.services.inspect', { service: service.id }).then((d) => {
      setDetail(d);
      setForm((f) => ({
        ...f,
        image: d.form.image.replace(/@.*$/, ''),
        env: d.form.env.map((e) => `${e.key}=${e.value}`),
        limitCpus: d.form.limits.cpus ?? '',
        limitMemory: d.form.limits.memory ?? '',
        reserveCpus: d.form.reservations.cpus ?? '',
        reserveMemory: d.form.reservations.memory ?? '',
        policy: d.form.update,
      }));
    }, () => undefined);
  }, [service.id]);
  const current = detail?.form;
  const policy: Partial<UpdatePolicy> = {};
  for (const key of Object.keys(form.policy) as (keyof UpdatePolicy)[]) if (current && form.policy[key] !== current.update[key]) Object.assign(policy, { [key]: form.policy[key] });
  const env = pairs(form.env);
  const changes: ServiceChangesInput = {
    ...(current && form.image.trim() !== current.image.replace(/@.*$/, '') ? { image: form.image.trim() } : {}),
    ...(current && JSON.stringify(env) !== JSON.stringify(current.env) ? { env } : {}),
    ...(service.mode === 'replicated' && typeof form.replicas === 'number' && form.replicas !== service.desired ? { replicas: form.replicas } : {}),
    ...(current && (form.limitCpus !== (current.limits.cpus ?? '') || form.limitMemory !== (current.limits.memory ?? '')) ? { limits: { cpus: form.limitCpus, memory: form.limitMemory } } : {}),
    ...(current && (form.reserveCpus !== (current.reservations.cpus ?? '') || form.reserveMemory !== (current.reservations.memory ?? '')) ? { reservations: { cpus: form.reserveCpus, memory: form.reserveMemory } } : {}),
    ...(Object.keys(policy).length ? { update: policy } : {}),
    force: form.force,
  };
  const command = serviceUpdateCommand(service.name, changes, current?.env ?? []);
  const imageIssue = form.image.trim() ? checkImageReference(form.image.trim()) : { code: 'empty' as const };
  const issues = serviceFormIssues({
    name: 'x',
    image: 'x',
    env,
    limits: { cpus: form.limitCpus, memory: form.limitMemory },
    reservations: { cpus: form.reserveCpus, memory: form.reserveMemory },
    update: form.policy,
  });
  const issueAt = (field: string, part?: string): string | undefined => {
    const found = issues.find((i) => i.field === field && (part === undefined || i.part === part));
    return found ? t(`issues.${found.code}`, found.params ?? {}) : undefined;
  };
  const changed = Object.keys(changes).some((k) => k !== 'force') || form.force;
  const blockers = [
    ...(imageIssue ? [t('errors:form.invalid', { field: t('create.fields.image') })] : []),
    ...(issues.length ? [t('errors:form.invalid', { field: t(`create.fields.${issues[0]?.field ?? 'update'}`) })] : []),
    ...(changed ? [] : [t('update.nothing')]),
  ];
  const run = async (): Promise<void> => {
    const ok = await submit(() => perform({ label: t('update.action', { service: service.name }), command, run: () => api.call('swarm.services.update', { service: service.id, changes }) }));
    if (ok) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('update.title', { service: service.name })} size="lg">
      {!detail ? (
        <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          <TextInput label={t('create.fields.image')} description={t('update.imageHelp')} value={form.image} onChange={(e) => setForm({ ...form, image: e.currentTarget.value })} error={imageIssue && form.image ? sayNameIssue(imageIssue, 'reference', t) : undefined} data-testid="update-image" />
          {service.mode === 'replicated' ? <NumberInput label={t('scale.replicas')} min={0} max={1000} value={form.replicas} onChange={(replicas) => setForm({ ...form, replicas })} /> : null}
          <TagsInput label={t('create.fields.env')} value={form.env} onChange={(e) => setForm({ ...form, env: e })} error={issueAt('env')} />
          <SimpleGrid cols={4}>
            <TextInput label={t('create.limitCpus')} value={form.limitCpus} onChange={(e) => setForm({ ...form, limitCpus: e.currentTarget.value })} error={issueAt('limits', 'cpus')} />
            <TextInput label={t('create.limitMemory')} value={form.limitMemory} onChange={(e) => setForm({ ...form, limitMemory: e.currentTarget.value })} error={issueAt('limits', 'memory')} />
            <TextInput label={t('create.reserveCpus')} value={form.reserveCpus} onChange={(e) => setForm({ ...form, reserveCpus: e.currentTarget.value })} error={issueAt('reservations', 'cpus')} />
            <TextInput label={t('create.reserveMemory')} value={form.reserveMemory} onChange={(e) => setForm({ ...form, reserveMemory: e.currentTarget.value })} error={issueAt('reservations', 'memory')} />
          </SimpleGrid>
          <PolicyFields value={form.policy} onChange={(p) => setForm({ ...form, policy: p })} error={(part) => issueAt('update', part)} testPrefix="update" />
          <Checkbox label={t('update.force')} description={t('update.forceHelp')} checked={form.force} onChange={(e) => setForm({ ...form, force: e.currentTarget.checked })} />
          <CommandLine command={command} />
          {error ? <ErrorNotice error={error} /> : null}
          <Group justify="flex-end">
            <SubmitButton blockers={blockers} loading={busy} testId="update-submit" onClick={() => void run()}>
              {t('update.submit')}
            </SubmitButton>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Parallelism, delay, failure action, order, monitor: how an update (or rollback) proceeds. */
export function PolicyFields({ value, onChange, error, testPrefix, rollback = false }: { value: UpdatePolicy; onChange: (p: UpdatePolicy) => void; error: (part: string) => string | undefined; testPrefix: string; rollback?: boolean }): ReactElement {
  const { t } = useTranslation('swarm');
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }}>
      <NumberInput label={t('policy.parallelism')} description={t('policy.parallelismHelp')} min={0} max={1000} value={value.parallelism} onChange={(v) => onChange({ ...value, parallelism: typeof v === 'number' ? v : 0 })} data-testid={`${testPrefix}-parallelism`} />
      <TextInput label={t('policy.delay')} description={t('policy.delayHelp')} value={value.delay} onChange={(e) => onChange({ ...value, delay: e.currentTarget.value })} error={error('delay')} data-testid={`${testPrefix}-delay`} />
      <Select
        label={t('policy.failureAction')}
        data={(rollback ? ['pause', 'continue'] : ['pause', 'continue', 'rollback']).map((v) => ({ value: v, label: t(`policy.failure.${v}`) }))}
        value={value.failureAction}
        allowDeselect={false}
        onChange={(v) => v && onChange({ ...value, failureAction: v as UpdatePolicy['failureAction'] })}
        error={error('failureAction')}
      />
      <Select
        label={t('policy.order')}
        description={t(`policy.orderHelp.${value.order}`)}
        data={['stop-first', 'start-first']}
        value={value.order}
        allowDeselect={false}
        onChange={(v) => v && onChange({ ...value, order: v })}
        data-testid={`${testPrefix}-order`}
      />
      <TextInput label={t('policy.monitor')} description={t('policy.monitorHelp')} value={value.monitor} onChange={(e) => onChange({ ...value, monitor: e.currentTarget.value })} error={error('monitor')} />
    </SimpleGrid>
  );
}

/** scale, update, rollback, remove: each dialog shows its command before it runs. */
export function ServiceActions({ service }: { service: ServiceSummary }): ReactElement {
  const { t } = useTranslation('swarm');
  const [dialog, setDialog] = useState<'scale' | 'update' | undefined>(undefined);

  const rollback = async (): Promise<void> => {
    const command = serviceRollbackCommand(service.name);
    const body = <Text size="sm">{t(service.canRollback ? 'rollback.body' : 'rollback.none')}</Text>;
    if (!(await confirmAction({ title: t('rollback.title', { service: service.name }), body, command, confirmLabel: t('rollback.confirm') }))) return;
    await perform({ label: t('rollback.action', { service: service.name }), command, run: () => api.call('swarm.services.rollback', { service: service.id }) }).catch(() => undefined);
  };
  const remove = async (): Promise<void> => {
    const command = serviceRemoveCommand(service.name);
    const preview = await api.call('swarm.services.removePreview', { service: service.id }).catch(() => undefined);
    const body = (
      <Stack gap="xs" data-testid="remove-preview">
        <Text size="sm">{t('remove.service', { count: preview?.tasks.length ?? 0 })}</Text>
        {preview?.service.ports.length ? (
          <List size="xs">
            {preview.service.ports.map((p) => (
              <List.Item key={`${p.published ?? ''}-${p.target}`}>{t('remove.port', { published: p.published ?? '?', target: p.target })}</List.Item>
            ))}
          </List>
        ) : null}
      </Stack>
    );
    if (!(await confirmAction({ title: t('remove.serviceTitle', { service: service.name }), body, command, confirmLabel: t('remove.confirm'), danger: true }))) return;
    await perform({ label: t('remove.serviceAction', { service: service.name }), command, run: () => api.call('swarm.services.remove', { service: service.id }) }).catch(() => undefined);
  };

  return (
    <Group gap={4} wrap="nowrap">
      <Button size="compact-xs" variant="light" onClick={() => setDialog('scale')} data-testid={`service-scale-${service.name}`}>
        {t('scale.button')}
      </Button>
      <Button size="compact-xs" variant="light" onClick={() => setDialog('update')} data-testid={`service-update-${service.name}`}>
        {t('update.button')}
      </Button>
      <Button size="compact-xs" variant="light" color="orange" onClick={() => void rollback()} data-testid={`service-rollback-${service.name}`}>
        {t('rollback.button')}
      </Button>
      <Button size="compact-xs" variant="light" color="red" onClick={() => void remove()} data-testid={`service-remove-${service.name}`}>
        {t('remove.button')}
      </Button>
      {dialog === 'scale' ? <ScaleDialog service={service} onClose={() => setDialog(undefined)} /> : null}
      {dialog === 'update' ? <UpdateDialog service={service} onClose={() => setDialog(undefined)} /> : null}
    </Group>
  );
}
