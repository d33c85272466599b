import { type Dispatch, type SetStateAction, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { parseRunCommand } from '@shared/cli/containers/parse';
import { runCommand } from '@shared/cli/containers/render';
import type { FieldIssue, RunResult, RunSpecInput } from '@shared/dto/containers';
import type { PullProgress } from '@shared/dto/images';
import { errorReasons, LotseError } from '@shared/errors';

import { perform } from '../../../actions/perform';
import { api } from '../../../api';
import { exerciseLabels } from '../../../stores/exercises';
import { emptyForm, fromSpec, issueFor, localIssues, plainIssue, type RunForm, stillCurrent, toSpec } from './runForm';

const reasons = new Set<string>(errorReasons);

export type RunDone = (result: Extract<RunResult, { ok: true }>, spec: RunSpecInput) => void;

/**
 * The run dialog's state: the form, the command it stands for, the problems found here and by the
 * engine, what the engine offers (images, networks, volumes, exposed ports), and the actions
 * paste, pull and submit.
 */
export interface RunFormState {
  form: RunForm;
  setForm: Dispatch<SetStateAction<RunForm>>;
  update: <K extends keyof RunForm>(key: K, value: RunForm[K]) => void;
  command: string;
  /** The first problem of a field (of one row of it), in the learner's language. */
  problem: (field: FieldIssue['field'], index?: number) => string | undefined;
  /** Every problem of a field at once (a field that takes several values, such as env files). */
  problems: (field: FieldIssue['field']) => string | undefined;
  imageMissing: boolean;
  /** Why submit is disabled, if it is. */
  blockers: string[];
  images: string[];
  networks: string[];
  volumes: string[];
  /** The ports the image declares (EXPOSE). */
  exposed: string[];
  paste: { text: string; set: (text: string) => void; fill: () => void; report: { unknown: string[]; problems: string[] } | undefined };
  pull: { percent: number; status: string } | undefined;
  pullImage: () => Promise<void>;
  create: boolean;
  setCreate: (create: boolean) => void;
  keep: boolean;
  setKeep: (keep: boolean) => void;
  busy: boolean;
  submit: () => Promise<void>;
}

export function useRunForm(opened: boolean, onDone: RunDone): RunFormState {
  const { t } = useTranslation('containers');
  const [form, setForm] = useState<RunForm>(emptyForm);
  const [create, setCreate] = useState(false);
  const [keep, setKeep] = useState(false);
  // The backend's answer and the spec it was about: each issue stands only while its field is unchanged.
  const [checked, setChecked] = useState<{ spec: RunSpecInput; issues: FieldIssue[] }>({ spec: toSpec(emptyForm), issues: [] });
  const [pasted, setPasted] = useState('');
  const [pasteReport, setPasteReport] = useState<{ unknown: string[]; problems: string[] } | undefined>(undefined);
  const [images, setImages] = useState<string[]>([]);
  const [networks, setNetworks] = useState<string[]>(['bridge', 'host', 'none']);
  const [volumes, setVolumes] = useState<string[]>([]);
  const [exposedOf, setExposedOf] = useState<{ image: string; ports: string[] }>({ image: '', ports: [] });
  const [busy, setBusy] = useState(false);
  const [pull, setPull] = useState<{ percent: number; status: string } | undefined>(undefined);

  // While an exercise is open, what Lotse creates carries its label, so the trainer's reset finds it.
  const spec = useMemo(() => {
    const base = toSpec(form);
    const exercise = Object.entries(exerciseLabels()).map(([key, value]) => ({ key, value }));
    return exercise.length ? { ...base, labels: [...(base.labels ?? []), ...exercise] } : base;
  }, [form]);
  const command = runCommand(spec, { create });
  const local = useMemo(() => localIssues(form, t), [form, t]);
  const shown = [...local, ...checked.issues.filter((issue) => stillCurrent(issue, checked.spec, spec))];

  // Problems the backend named (code) are said in the learner's language; others as the engine said them.
  const say = (issue: FieldIssue): string => {
    if (!issue.code) return plainIssue(issue);
    if (reasons.has(issue.code)) return `${t(`errors:reasons.${issue.code}`)} ${t(`errors:hints.${issue.code}`)} ${t('errors:original')}: ${issue.message}`;
    return t(`issues.${issue.code}`, { ...issue.params, defaultValue: plainIssue(issue) });
  };
  const problem = (field: FieldIssue['field'], index?: number): string | undefined => issueFor(shown, field, index, say);
  const problems = (field: FieldIssue['field']): string | undefined =>
    shown
      .filter((i) => i.field === field)
      .map(say)
      .join(' ') || undefined;

  const blockers = [
    ...(spec.image ? [] : [t('errors:form.missing', { field: t('fields.image') })]),
    ...[...new Set(local.map((issue) => issue.field))].map((field) => t('errors:form.invalid', { field: t([`fields.${field}`, `run.sections.${field}`]) })),
  ];

  const update = <K extends keyof RunForm>(key: K, value: RunForm[K]): void => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    if (!opened) return;
    api.call('images.list', {}).then(
      (list) => setImages([...new Set(list.flatMap((i) => i.tags))].sort()),
      () => setImages([]),
    );
    api.call('networks.list', {}).then(
      (list) => setNetworks([...new Set(list.map((n) => n.name))].sort()),
      () => undefined,
    );
    api.call('volumes.list', {}).then(
      (list) => setVolumes(list.map((v) => v.name).sort()),
      () => undefined,
    );
  }, [opened]);

  // The engine's view of the spec (name taken, port taken, path missing...), a moment after typing stops.
  useEffect(() => {
    if (!opened || !spec.image || local.length) return undefined;
    let stale = false;
    const timer = setTimeout(() => {
      api.call('containers.check', { spec }).then(
        (found) => !stale && setChecked({ spec, issues: found }),
        () => undefined,
      );
    }, 400);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [opened, spec, local.length]);

  // The ports the image declares (EXPOSE) are offered for publishing.
  useEffect(() => {
    const image = form.image;
    if (!opened || !images.includes(image)) return;
    api.call('images.inspect', { ref: image }).then(
      (inspect) => setExposedOf({ image, ports: inspect.exposedPorts }),
      () => setExposedOf({ image, ports: [] }),
    );
  }, [opened, form.image, images]);
  const exposed = exposedOf.image === form.image ? exposedOf.ports : [];

  const fill = (): void => {
    const parsed = parseRunCommand(pasted);
    setForm(fromSpec(parsed.spec));
    setCreate(parsed.create);
    setPasteReport({ unknown: parsed.unknownFlags, problems: parsed.problems });
  };

  const pullImage = async (): Promise<void> => {
    const ref = form.image;
    setPull({ percent: 0, status: '' });
    const layers = new Map<string, PullProgress>();
    try {
      await perform({
        label: t('run.pull', { image: ref }),
        command: `docker pull ${ref}`,
        run: () =>
          api.call('images.pull', { ref }, {
            onProgress: (p) => {
              if (p.id) layers.set(p.id, p);
              const all = [...layers.values()];
              const total = all.reduce((s, l) => s + (l.total ?? 0), 0);
              const current = all.reduce((s, l) => s + (l.phase === 'done' || l.phase === 'exists' ? (l.total ?? 0) : (l.current ?? 0)), 0);
              setPull({ percent: total ? (current / total) * 100 : 0, status: p.status });
            },
          }),
      });
      setImages((list) => [...new Set([...list, ref])].sort());
      setChecked((old) => ({ ...old, issues: old.issues.filter((i) => i.field !== 'image') }));
    } catch {
      // perform() told the learner.
    } finally {
      setPull(undefined);
    }
  };

  const submit = async (): Promise<void> => {
    if (local.length) return;
    setBusy(true);
    try {
      const result = await perform({
        label: create ? t('run.createLabel', { image: spec.image }) : t('run.runLabel', { image: spec.image }),
        command,
        run: async () => {
          const r = await api.call('containers.run', { spec, start: !create, keepOnFailure: keep });
          if (!r.ok) {
            setChecked({ spec, issues: r.issues });
            throw new LotseError('INVALID_PARAMS', r.issues.map(say).join(' '));
          }
          return r;
        },
      });
      onDone(result, spec);
    } catch {
      // The problems stand next to their fields.
    } finally {
      setBusy(false);
    }
  };

  return {
    form,
    setForm,
    update,
    command,
    problem,
    problems,
    imageMissing: shown.some((i) => i.code === 'imageMissing'),
    blockers,
    images,
    networks,
    volumes,
    exposed,
    paste: { text: pasted, set: setPasted, fill, report: pasteReport },
    pull,
    pullImage,
    create,
    setCreate,
    keep,
    setKeep,
    busy,
    submit,
  };
}
