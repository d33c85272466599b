import { useTranslation } from 'react-i18next';

import type { Explanation } from '@shared/kube/explain';

/** A pod's explanation as a sentence: the scheduling rules that keep it off the nodes, the image, the exit code. */
export function useExplanation(): (e: Explanation) => string {
  const { t } = useTranslation('kube');
  return (e) => {
    const base = t(`pod.explain.${e.code}`, { ...e.params, container: e.container ?? '' });
    if (e.code !== 'unschedulable' || !e.reasons?.length) return base;
    const rules = e.reasons.map((r) => t(`pod.rule.${r.rule}`, { count: r.nodes, detail: r.detail ?? '' })).join('; ');
    return `${base} ${rules}.`;
  };
}
