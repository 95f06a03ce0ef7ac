import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';

import type { TaskKind } from '../../../libs/domain/tasks';
import {
  ActionItemEntity,
  CycleEntity,
  DecisionEntity,
  GcmObjectiveEntity,
  ImpedimentEntity,
  MeetingEntity,
  NetworkObjectiveEntity,
  PlanActivityEntity,
  PlanRevisionEntity,
  TaskEntity,
  TwgRoundEntity,
} from '../../../libs/persistence/entities';
import { isoOrNull } from '../common/iso';

type Context = Record<string, unknown>;

/**
 * What a person needs to answer a task, read from the read models of its process: the contributions a consolidation
 * merges, the draft an endorsement is asked of (with what changed since the last revision), the activity a progress
 * report is about, the proposal of a decision, the agenda of a meeting, the impediments of the last TWG round.
 */
@Injectable()
export class TaskContextService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(task: TaskEntity): Promise<Context | null> {
    const build = BUILDERS[task.kind];
    return build ? build.call(this, task) : null;
  }

  // --- annual cycle -------------------------------------------------------------------------------------------

  private async cycle(task: TaskEntity) {
    return this.db.getRepository(CycleEntity).findOneByOrFail({ workflowId: task.process });
  }

  private async revisions(task: TaskEntity) {
    const c = await this.cycle(task);
    const rows = await this.db
      .getRepository(PlanRevisionEntity)
      .find({ where: { networkCode: c.networkCode, year: c.year }, order: { revision: 'ASC' } });
    return { cycle: c, revisions: rows.map(({ networkCode: _n, year: _y, cycleRevision: _c, ...r }) => r) };
  }

  /** The objectives an activity is placed under: the GCM's 23 and the Network's own. */
  async objectives(network: string) {
    const [gcm, own] = await Promise.all([
      this.db.getRepository(GcmObjectiveEntity).find({ order: { number: 'ASC' } }),
      this.db
        .getRepository(NetworkObjectiveEntity)
        .find({ where: { networkCode: network, scope: 'network' }, order: { number: 'ASC' } }),
    ]);
    return {
      gcmObjectives: gcm.map((o) => ({ number: o.number, title: o.title })),
      networkObjectives: own.map((o) => ({ number: o.number, text: o.text })),
    };
  }

  async contributeActivities(task: TaskEntity): Promise<Context> {
    const c = await this.cycle(task);
    return { year: c.year, ...(await this.objectives(task.networkCode)) };
  }

  async consolidatePlan(task: TaskEntity): Promise<Context> {
    const { cycle, revisions } = await this.revisions(task);
    const asked = await this.db
      .getRepository(TaskEntity)
      .find({ where: { process: task.process, kind: 'contribute-activities' }, order: { assignee: 'ASC' } });
    const last = revisions.at(-1) ?? null;
    return {
      year: cycle.year,
      contributions: asked.map((t) => ({
        agency: t.assignee,
        status: t.status,
        at: isoOrNull(t.completedAt),
        by: t.completedByPerson,
        activities: (t.result as { activities?: unknown[] } | null)?.activities ?? [],
      })),
      previousRevision: last,
      ...(await this.objectives(task.networkCode)),
    };
  }

  async endorsePlan(task: TaskEntity): Promise<Context> {
    const { cycle, revisions } = await this.revisions(task);
    const draft = revisions.at(-1)!;
    const before = revisions.at(-2);
    const ids = (r: typeof draft | undefined) => new Map((r?.activities ?? []).map((a) => [a.id, JSON.stringify(a)]));
    const [now, then] = [ids(draft), ids(before)];
    return {
      year: cycle.year,
      draft,
      changes: before
        ? {
            since: before.revision,
            added: [...now.keys()].filter((id) => !then.has(id)),
            removed: [...then.keys()].filter((id) => !now.has(id)),
            changed: [...now.keys()].filter((id) => then.has(id) && then.get(id) !== now.get(id)),
            objections: before.objections,
          }
        : null,
    };
  }

  async reportProgress(task: TaskEntity): Promise<Context> {
    const c = await this.cycle(task);
    const [quarter, activityId] = (task.subject ?? '').split(':');
    const a = await this.db
      .getRepository(PlanActivityEntity)
      .findOneBy({ networkCode: c.networkCode, year: c.year, id: activityId });
    const q = Number(quarter.slice(1));
    return {
      year: c.year,
      quarter: q,
      activity: a && { ...a, networkCode: undefined, year: undefined, cycleRevision: undefined },
      milestone: a?.milestones[q - 1] ?? null,
    };
  }

  async finaliseReport(task: TaskEntity): Promise<Context> {
    const c = await this.cycle(task);
    return { year: c.year, report: c.report };
  }

  // --- decision, TWG round, meeting -----------------------------------------------------------------------------

  async concurOrObject(task: TaskEntity): Promise<Context> {
    const d = await this.db.getRepository(DecisionEntity).findOneByOrFail({ workflowId: task.process });
    return { id: d.id, kind: d.kind, round: d.round, proposal: d.proposal, objections: d.objections };
  }

  private async round(task: TaskEntity) {
    return this.db.getRepository(TwgRoundEntity).findOneByOrFail({ id: task.process });
  }

  async submitTwgUpdate(task: TaskEntity): Promise<Context> {
    const r = await this.round(task);
    const open = await this.db.getRepository(ImpedimentEntity).find({
      where: { networkCode: r.networkCode, twg: r.twg, status: In(['open', 'in-progress', 'raised']) },
      order: { raisedAt: 'ASC', id: 'ASC' },
    });
    return {
      twg: r.twg,
      year: r.year,
      period: r.period,
      start: r.periodStart.toISOString(),
      end: r.periodEnd.toISOString(),
      openImpediments: open.map(({ networkCode: _n, raisedAt, statusAt, ...i }) => ({
        ...i,
        raisedAt: raisedAt.toISOString(),
        statusAt: isoOrNull(statusAt),
      })),
      ...(await this.objectives(task.networkCode)),
    };
  }

  async consolidateTwgReport(task: TaskEntity): Promise<Context> {
    const r = await this.round(task);
    return { twg: r.twg, year: r.year, period: r.period, updates: r.updates };
  }

  private async meeting(task: TaskEntity) {
    return this.db.getRepository(MeetingEntity).findOneByOrFail({ workflowId: task.process });
  }

  private meetingHeader(m: MeetingEntity) {
    return {
      id: m.id,
      title: m.title,
      status: m.status,
      scheduledAt: m.scheduledAt.toISOString(),
      agendaDueAt: m.agendaDueAt.toISOString(),
    };
  }

  async proposeAgendaItems(task: TaskEntity): Promise<Context> {
    return { meeting: this.meetingHeader(await this.meeting(task)) };
  }

  async recordMeeting(task: TaskEntity): Promise<Context> {
    const m = await this.meeting(task);
    const open = await this.db.getRepository(ImpedimentEntity).find({
      where: { networkCode: m.networkCode, status: In(['open', 'in-progress', 'raised']) },
      order: { raisedAt: 'ASC', id: 'ASC' },
    });
    return {
      meeting: this.meetingHeader(m),
      agenda: m.agenda,
      openImpediments: open.map((i) => ({ id: i.id, twg: i.twg, description: i.description, status: i.status })),
    };
  }

  async correctMinutes(task: TaskEntity): Promise<Context> {
    const m = await this.meeting(task);
    const review = m.reviews.at(-1);
    const decision = review
      ? await this.db.getRepository(DecisionEntity).findOneBy({ workflowId: review.decision })
      : null;
    return {
      meeting: this.meetingHeader(m),
      minutes: m.minutes.at(-1) ?? null,
      objections: decision?.objections ?? [],
    };
  }

  async actionItem(task: TaskEntity): Promise<Context> {
    const item = await this.db
      .getRepository(ActionItemEntity)
      .findOneBy({ networkCode: task.networkCode, id: task.id });
    const m = item && (await this.db.getRepository(MeetingEntity).findOneBy({ workflowId: item.meeting }));
    return {
      meeting: m ? this.meetingHeader(m) : null,
      actionItem: item && {
        title: item.title,
        owner: item.owner,
        dueAt: item.dueAt.toISOString(),
        impediment: item.impedimentId,
        carriedTo: item.carriedTo,
      },
    };
  }
}

const BUILDERS: Record<TaskKind, (this: TaskContextService, task: TaskEntity) => Promise<Context>> = {
  'contribute-activities': TaskContextService.prototype.contributeActivities,
  'consolidate-plan': TaskContextService.prototype.consolidatePlan,
  'endorse-plan': TaskContextService.prototype.endorsePlan,
  'report-progress': TaskContextService.prototype.reportProgress,
  'finalise-report': TaskContextService.prototype.finaliseReport,
  'concur-or-object': TaskContextService.prototype.concurOrObject,
  'submit-twg-update': TaskContextService.prototype.submitTwgUpdate,
  'consolidate-twg-report': TaskContextService.prototype.consolidateTwgReport,
  'propose-agenda-items': TaskContextService.prototype.proposeAgendaItems,
  'record-meeting': TaskContextService.prototype.recordMeeting,
  'correct-minutes': TaskContextService.prototype.correctMinutes,
  'action-item': TaskContextService.prototype.actionItem,
};
