import { Button, Checkbox, Group, Modal, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { createNetworkCommand } from '@shared/cli/networks';
import type { CreateNetworkInput, HostInterface, NetworkDriver } from '@shared/dto/networks';
import { checkNetworkName } from '@shared/rules/names';
import { type NetworkFieldError, validateNetwork } from '@shared/rules/networks';

import { perform } from '../../actions/perform';
import { useSubmit } from '../../actions/useSubmit';
import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { issuesAt, sayNameIssue, sayParamProblem } from '../../components/errorText';
import { freshOnOpen } from '../../components/freshOnOpen';
import { parseLabels } from '../../components/labels';
import { SubmitButton } from '../../components/SubmitButton';
import { useConcept } from '../../stores/concept';
import { exerciseLabels } from '../../stores/exercises';
import { useNetworks } from '../../stores/networks';

const DRIVERS: NetworkDriver[] = ['bridge', 'host', 'none', 'overlay', 'ipvlan', 'macvlan'];

/** `docker network create` as a form: every driver explained in one line, checked while typing. */
function CreateNetworkDialog({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactElement {
  const { t } = useTranslation('networks');
  const existing = useNetworks((s) => s.list);
  const [form, setForm] = useState({ name: '', driver: 'bridge' as NetworkDriver, subnet: '', gateway: '', ipRange: '', internal: false, attachable: false, parent: '', labels: [] as string[] });
  const [interfaces, setInterfaces] = useState<HostInterface[]>([]);
  const { busy, error, submit: run } = useSubmit(form);

  useEffect(() => {
    if (opened && (form.driver === 'macvlan' || form.driver === 'ipvlan')) void api.call('networks.interfaces', {}).then(setInterfaces, () => undefined);
  }, [opened, form.driver]);

  const request: CreateNetworkInput = {
    name: form.name.trim(),
    driver: form.driver,
    ...(form.subnet.trim() ? { subnet: form.subnet.trim() } : {}),
    ...(form.gateway.trim() ? { gateway: form.gateway.trim() } : {}),
    ...(form.ipRange.trim() ? { ipRange: form.ipRange.trim() } : {}),
    internal: form.internal,
    attachable: form.attachable,
    ...(form.parent ? { parent: form.parent } : {}),
    // While an exercise is open, what Lotse creates carries its label, so the trainer's reset finds it.
    labels: { ...exerciseLabels(), ...parseLabels(form.labels) },
  };
  // The contract's naming rule, checked as the learner types; then what the engine would refuse.
  const nameIssue = request.name ? checkNetworkName(request.name) : null;
  const problems = request.name ? validateNetwork(request, existing) : [];
  const problem = (field: NetworkFieldError['field']): string | undefined => {
    if (field === 'name' && nameIssue) return sayNameIssue(nameIssue, 'network', t);
    const found = problems.find((p) => p.field === field);
    if (found) return t(`validation.${found.code}`, { other: found.other ?? '', field: t(`create.${field}`) });
    const refused = issuesAt(error, field)[0];
    return refused ? sayParamProblem(refused, t) : undefined;
  };
  const fields: NetworkFieldError['field'][] = ['name', 'driver', 'parent', 'subnet', 'gateway', 'ipRange'];
  const blockers = [
    ...(request.name ? [] : [t('errors:form.missing', { field: t('create.name') })]),
    ...fields.filter((field) => problem(field)).map((field) => t('errors:form.invalid', { field: t(`create.${field}`) })),
  ];
  // Refused values stand at their fields; whatever has no field goes above the buttons.
  const placed = error?.issues?.length && error.issues.every((issue) => fields.some((field) => field === issue.path[0]));
  const unplaced = error && !placed ? error : undefined;
  const command = createNetworkCommand({ ...request, name: request.name || '<name>' });
  const macOrIp = form.driver === 'macvlan' || form.driver === 'ipvlan';

  const submit = async (): Promise<void> => {
    const created = await run(() => perform({ label: t('create.action', { name: request.name }), command, run: () => api.call('networks.create', request) }));
    if (created) onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('create.title')} size="lg">
      <Stack gap="sm">
        <TextInput
          label={t('create.name')}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          error={problem('name')}
          data-testid="network-name"
          data-autofocus
        />
        <Select
          label={t('create.driver')}
          value={form.driver}
          allowDeselect={false}
          data={DRIVERS.map((d) => ({ value: d, label: `${d} — ${t(`drivers.${d}.short`)}` }))}
          onChange={(value) => {
            if (!value) return;
            setForm({ ...form, driver: value });
            useConcept.getState().show(`network-driver-${value}`);
          }}
          error={problem('driver')}
          data-testid="network-driver"
        />
        <Text size="xs" c="dimmed">
          {t(`drivers.${form.driver}.when`)}
        </Text>
        {macOrIp ? (
          <Select
            label={t('create.parent')}
            value={form.parent || null}
            data={interfaces.filter((i) => !i.internal).map((i) => ({ value: i.name, label: `${i.name} ${i.addresses.join(', ')}` }))}
            onChange={(value) => setForm({ ...form, parent: value ?? '' })}
            error={problem('parent')}
          />
        ) : null}
        <Group grow align="flex-start">
          <TextInput label={t('create.subnet')} placeholder="10.231.1.0/24" value={form.subnet} onChange={(e) => setForm({ ...form, subnet: e.currentTarget.value })} error={problem('subnet')} data-testid="network-subnet" />
          <TextInput label={t('create.gateway')} placeholder="10.231.1.1" value={form.gateway} onChange={(e) => setForm({ ...form, gateway: e.currentTarget.value })} error={problem('gateway')} />
          <TextInput label={t('create.ipRange')} placeholder="10.231.1.128/25" value={form.ipRange} onChange={(e) => setForm({ ...form, ipRange: e.currentTarget.value })} error={problem('ipRange')} />
        </Group>
        <Group>
          <Checkbox label={t('create.internal')} description={t('create.internalHelp')} checked={form.internal} onChange={(e) => setForm({ ...form, internal: e.currentTarget.checked })} />
          <Checkbox label={t('create.attachable')} description={t('create.attachableHelp')} checked={form.attachable} onChange={(e) => setForm({ ...form, attachable: e.currentTarget.checked })} />
        </Group>
        <TagsInput label={t('create.labels')} placeholder="team=web" value={form.labels} onChange={(labels) => setForm({ ...form, labels })} data-testid="network-labels" />
        <CommandLine command={command} />
        {unplaced ? <ErrorNotice error={unplaced} /> : null}
        <Group justify="flex-end" align="flex-start">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <SubmitButton onClick={() => void submit()} loading={busy} blockers={blockers} testId="network-create-submit">
            {t('create.submit')}
          </SubmitButton>
        </Group>
      </Stack>
    </Modal>
  );
}

export const CreateNetworkModal = freshOnOpen(CreateNetworkDialog);
