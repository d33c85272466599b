import { Alert, Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { canICommand } from '@shared/cli/kube';
import type { AccessAnswer, GrantDto, PolicyRuleRbac, RbacSubjectRef } from '@shared/dto/kube';
import { ruleParts, subjectsOf } from '@shared/kube/rbac';

import { api } from '../../api';
import { CommandLine } from '../../components/CommandLine';
import { ErrorNotice } from '../../components/ErrorNotice';
import { toErrorData } from '../../stores/errors';
import { kubeTarget, useKube, useKubeList } from '../../stores/kube';

const subjectKey = (s: RbacSubjectRef): string => `${s.kind}|${s.namespace ?? ''}|${s.name}`;
const fromKey = (key: string): RbacSubjectRef => {
  const [kind, namespace, name] = key.split('|') as ['ServiceAccount' | 'User' | 'Group', string, string];
  return { kind, name, ...(namespace ? { namespace } : {}) };
};

/** RBAC in plain words: what a subject may do (from its bindings' rules), and "can it do X?" answered by the cluster. */
export function RbacPanel(): ReactElement {
  const { t } = useTranslation('kube');
  const context = useKube((s) => s.context) ?? '';
  const accounts = useKubeList('serviceaccounts');
  const roleBindings = useKubeList('rolebindings');
  const clusterBindings = useKubeList('clusterrolebindings');
  const subjects = useMemo(() => {
    const named = subjectsOf({ roles: [], clusterRoles: [], roleBindings: [...(roleBindings?.items.values() ?? [])], clusterRoleBindings: [...(clusterBindings?.items.values() ?? [])] });
    const all = new Map(named.map((s) => [subjectKey(s), s]));
    for (const a of accounts?.items.values() ?? []) {
      const ref: RbacSubjectRef = { kind: 'ServiceAccount', name: a.meta.name, namespace: a.meta.namespace ?? 'default' };
      all.set(subjectKey(ref), ref);
    }
    return [...all.values()].filter((s) => !s.name.startsWith('system:'));
  }, [accounts, roleBindings, clusterBindings]);
  const [chosen, setChosen] = useState<string | null>(null);
  const subject = chosen ? fromKey(chosen) : undefined;
  const [grants, setGrants] = useState<GrantDto[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    if (!subject) return;
    let current = true;
    api.call('kube.rbac.grants', { context, subject }).then(
      (g) => current && setGrants(g),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
    // The subject is its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [context, chosen, roleBindings, clusterBindings]);

  const own = grants?.filter((g) => g.via === 'self') ?? [];
  const inherited = grants?.filter((g) => g.via !== 'self') ?? [];
  return (
    <Stack gap="md" data-testid="kube-rbac">
      <Select
        label={t('rbac.subject')}
        placeholder={t('rbac.pick')}
        w={420}
        searchable
        value={chosen}
        onChange={setChosen}
        data-testid="rbac-subject"
        data={subjects.map((s) => ({ value: subjectKey(s), label: s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace ?? ''}/${s.name}` : `${s.kind} ${s.name}` }))}
      />
      {error ? <ErrorNotice error={toErrorData(error)} /> : null}
      {subject && grants ? (
        <Card withBorder data-testid="rbac-grants">
          <Title order={5} mb="xs">
            {t('rbac.whatCanItDo', { subject: subject.name })}
          </Title>
          {own.some((g) => g.everything && g.scope === '*') ? (
            <Alert color="red" icon={<IconAlertTriangle />} title={t('rbac.tooMuch.title')} mb="sm" data-testid="rbac-too-much">
              {t('rbac.tooMuch.body', { subject: subject.name, binding: own.find((g) => g.everything)?.binding.name ?? '' })}
            </Alert>
          ) : null}
          {own.length ? own.map((g) => <GrantText key={`${g.binding.kind}/${g.binding.namespace ?? ''}/${g.binding.name}`} grant={g} />) : <Text size="sm">{t('rbac.nothingOwn')}</Text>}
          {inherited.length ? (
            <>
              <Text size="sm" fw={700} mt="sm">
                {t('rbac.throughGroups')}
              </Text>
              {inherited.map((g) => (
                <GrantText key={`${g.binding.kind}/${g.binding.namespace ?? ''}/${g.binding.name}`} grant={g} />
              ))}
            </>
          ) : null}
        </Card>
      ) : null}
      <CanI subject={subject} />
    </Stack>
  );
}

function GrantText({ grant: g }: { grant: GrantDto }): ReactElement {
  const { t } = useTranslation('kube');
  return (
    <Stack gap={2} mb="xs">
      <Text size="sm">
        {t(g.scope === '*' ? 'rbac.grantCluster' : 'rbac.grantNamespace', {
          binding: `${g.binding.kind} ${g.binding.name}`,
          role: `${g.role.kind} ${g.role.name}`,
          namespace: g.scope,
          via: g.via === 'self' ? '' : t('rbac.via', { group: g.via }),
        })}
      </Text>
      {g.roleMissing ? (
        <Text size="xs" c="orange">
          {t('rbac.roleMissing')}
        </Text>
      ) : null}
      {g.rules.map((r, i) => (
        <Text key={i} size="xs" pl="md">
          • <RuleWords rule={r} />
        </Text>
      ))}
    </Stack>
  );
}

function RuleWords({ rule }: { rule: PolicyRuleRbac }): string {
  const { t } = useTranslation('kube');
  const p = ruleParts(rule);
  if (p.urls.length) return t('rbac.rule.urls', { verbs: p.verbs === 'all' ? t('rbac.rule.allVerbs') : p.verbs.join(', '), urls: p.urls.join(', ') });
  return t('rbac.rule.resources', {
    verbs: p.verbs === 'all' ? t('rbac.rule.allVerbs') : p.verbs.join(', '),
    resources: p.resources === 'all' ? t('rbac.rule.allResources') : p.resources.join(', '),
    groups: p.groups === 'all' ? t('rbac.rule.allGroups') : p.groups.join(', '),
    names: p.names.length ? t('rbac.rule.names', { names: p.names.join(', ') }) : '',
  });
}

function CanI({ subject }: { subject: RbacSubjectRef | undefined }): ReactElement {
  const { t } = useTranslation('kube');
  const context = useKube((s) => s.context) ?? '';
  const namespace = useKube((s) => s.namespace);
  const [verb, setVerb] = useState('delete');
  const [resource, setResource] = useState('pods');
  const [ns, setNs] = useState(namespace);
  const [answer, setAnswer] = useState<AccessAnswer | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [group, plain] = resource.includes('.') ? [resource.slice(resource.indexOf('.') + 1), resource.slice(0, resource.indexOf('.'))] : ['', resource];
  const command = canICommand({ ...kubeTarget(), ...(ns ? { namespace: ns } : {}) }, verb, resource, subject);
  const ask = (): void => {
    setError(undefined);
    api
      .call('kube.rbac.canI', { context, verb: verb as 'get', resource: plain, group, ...(ns ? { namespace: ns } : {}), ...(subject ? { subject } : {}) })
      .then(setAnswer, setError);
  };
  return (
    <Card withBorder data-testid="rbac-can-i">
      <Title order={5} mb="xs">
        {t('rbac.canI.title', { subject: subject?.name ?? t('rbac.canI.you') })}
      </Title>
      <Group align="flex-end" gap="xs">
        <Select w={140} label={t('rbac.canI.verb')} value={verb} onChange={(v) => setVerb(v ?? 'get')} data={['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', '*']} />
        <TextInput w={200} label={t('rbac.canI.resource')} value={resource} onChange={(e) => setResource(e.currentTarget.value.trim())} description={t('rbac.canI.resourceHint')} />
        <TextInput w={160} label={t('rbac.canI.namespace')} value={ns} onChange={(e) => setNs(e.currentTarget.value.trim())} />
        <Button onClick={ask} data-testid="rbac-ask">
          {t('rbac.canI.ask')}
        </Button>
      </Group>
      <CommandLine command={command} />
      {answer ? (
        <Group gap="xs" mt="xs" data-testid="rbac-answer">
          <Badge color={answer.allowed ? 'teal' : 'red'} size="lg">
            {answer.allowed ? t('rbac.canI.yes') : t('rbac.canI.no')}
          </Badge>
          <Text size="xs" c="dimmed">
            {t(`rbac.canI.source.${answer.source}`)} {answer.reason ?? ''}
          </Text>
        </Group>
      ) : null}
      {error ? <ErrorNotice error={toErrorData(error)} /> : null}
    </Card>
  );
}
