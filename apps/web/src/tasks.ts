import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';

import { get } from './api';
import type { JsonSchema } from './forms/json-schema';
import type { Language } from './i18n';

/** A task as the API answers it (apps/api/tasks/task.dto.ts). */
export interface Task {
  readonly id: string;
  readonly kind: string;
  readonly process: string;
  readonly assignee: string;
  readonly assigneeRole: 'agency' | 'coordinator';
  readonly subject: string | null;
  readonly status: 'open' | 'completed' | 'cancelled' | 'expired';
  readonly openedAt: string;
  readonly dueAt: string;
  readonly escalateAt: string | null;
  readonly expiresAt: string | null;
  readonly completedAt: string | null;
  readonly completedBy: string | null;
  readonly completedByPerson: string | null;
  readonly completedOnBehalfOf: string | null;
  readonly submissions: number;
  readonly result: unknown;
  readonly remindedAt: string | null;
  readonly escalatedAt: string | null;
  readonly closedReason: string | null;
  readonly context?: Record<string, unknown> | null;
}

export interface TaskKind {
  readonly kind: string;
  readonly process: string;
  readonly name: Record<Language, string>;
  readonly instructions: Record<Language, string>;
  readonly schema: JsonSchema;
  readonly example: Record<string, unknown>;
  readonly resubmittable: boolean;
  /** The coordinator may give it to another member agency. */
  readonly reassignable: boolean;
  readonly silenceMeans: string | null;
}

export function useTaskKinds(network: string) {
  return useQuery({
    queryKey: ['task-kinds', network],
    queryFn: async () => (await get<{ items: TaskKind[] }>(`/networks/${network}/task-kinds`)).items,
    staleTime: 10 * 60_000,
  });
}

/** Past due and still open. */
export const overdue = (t: Task, now = Date.now()) => t.status === 'open' && Date.parse(t.dueAt) < now;

/**
 * What a task is about, in words: `r2:ILO` is "revision 2" (the agency is said elsewhere), `Q3:A1` "quarter 3 · A1",
 * `twg:labour` "TWG labour".
 */
export function subjectWords(subject: string | null, assignee: string, t: TFunction): string {
  if (!subject) return '';
  const parts = subject.split(':').filter((p) => p !== assignee);
  return parts
    .map((p, i) => {
      if (p === 'twg') return '';
      if (parts[i - 1] === 'twg') return t('task.twg', { name: p });
      const revision = /^r(\d+)$/.exec(p);
      if (revision) return t('task.revision', { n: revision[1] });
      const quarter = /^Q([1-4])$/.exec(p);
      return quarter ? t('task.quarter', { n: quarter[1] }) : p;
    })
    .filter(Boolean)
    .join(' · ');
}
