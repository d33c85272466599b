import type { TFunction } from 'i18next';

import type { Finding } from '@shared/compose/types';

/** A finding's sentence key: an unknown key with a close known one has its own sentence. */
export function findingKey(finding: Finding): string {
  return finding.rule === 'unknown-key' && finding.params.suggestion ? 'unknown-key-suggestion' : finding.rule;
}

/** Title, reason and fix of a finding in the learner's language. */
export function sayFinding(finding: Finding, t: TFunction): { title: string; why: string; fix: string } {
  const key = findingKey(finding);
  const params = { ...finding.params, shape: typeof finding.params.shape === 'string' ? t(`doctor.shapes.${finding.params.shape}`) : '' };
  return {
    title: t(`doctor.${key}.title`, params),
    why: t(`doctor.${key}.why`, params),
    fix: t(`doctor.${key}.fix`, params),
  };
}
