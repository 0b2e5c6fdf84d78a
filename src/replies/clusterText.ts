import type { ClusterResult } from '../clusters/clusterFinder.js';
import type { Language } from '../text/languages.js';
import type { TemplateSet } from './templates.js';

/** The text of an exact table answer, per kind of question; `inCard`: it stands above the card with the list. */
export function clusterText(
  templates: TemplateSet,
  language: Language,
  result: ClusterResult,
  source: string,
  inCard: boolean,
): string {
  const { answer, table } = result;
  const total = answer.kind === 'profile' || answer.kind === 'extreme' ? table.columns.length : table.rows.length;
  const base = { source, total, inCard };
  let text: string;
  switch (answer.kind) {
    case 'select':
      text = templates.render(language, 'clusterSelect', {
        ...base,
        ...answer,
        followUp: answer.within !== null,
        parallel: answer.overlap !== null,
      });
      break;
    case 'profile':
      text = templates.render(language, 'clusterProfile', { ...base, ...answer, total: table.columns.length });
      break;
    case 'membership':
      text = templates.render(language, 'clusterMembership', { ...base, ...answer });
      break;
    case 'compare':
      text = templates.render(language, 'clusterCompare', {
        ...base,
        ...answer,
        first: answer.clusters[0],
        second: answer.clusters[1],
        firstCount: answer.shared.length + answer.onlyFirst.length,
        secondCount: answer.shared.length + answer.onlySecond.length,
        areaCount: table.columns.length,
      });
      break;
    case 'extreme':
      text = templates.render(language, 'clusterExtreme', {
        ...base,
        ...answer,
        isAll: answer.which === 'all',
        isMost: answer.which === 'most',
        single: answer.clusters.length === 1,
        total: answer.totalAreas,
        // "the second most": the labels' ordinal for ranks below the first
        ordinal: answer.rank > 1 ? (templates.labels(language).ordinals[answer.rank - 2] ?? '') : '',
      });
      break;
    case 'total':
      text = templates.render(language, 'clusterTotal', { ...base, ...answer });
      break;
    case 'areaExtreme':
      text = templates.render(language, 'clusterAreaExtreme', {
        ...base,
        ...answer,
        isAll: answer.which === 'all',
        isMost: answer.which === 'most',
        single: answer.areas.length === 1,
      });
      break;
  }
  return text;
}
