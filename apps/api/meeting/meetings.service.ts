import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, LessThan, Repository } from 'typeorm';

import { DEFAULT_OFFSETS } from '../../../libs/domain/calendar';
import type { FieldError } from '../../../libs/domain/field-error';
import { MeetingInput, meetingWorkflowId } from '../../../libs/processes/meeting/meeting';
import { ActionItemEntity, DecisionEntity, MeetingEntity, NetworkEntity } from '../../../libs/persistence/entities';
import {
  cancelMeetingUpdate,
  dropActionItemUpdate,
  rescheduleMeetingUpdate,
} from '../../../libs/processes/meeting/messages';
import type { meetingWorkflow } from '../../../workflows/meeting.workflow';
import { actorOf, Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { isoOrNull } from '../common/iso';
import { afterFirstProjection } from '../common/read-your-writes';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { ActionItemQueryDto, ConveneMeetingDto, MeetingQueryDto, ReasonDto, RescheduleMeetingDto } from './meeting.dto';

/** Network meetings and their action items: commands go to the meeting's workflow, reads come from PostgreSQL. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly temporal: TemporalClientService,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(ActionItemEntity) private readonly actionItems: Repository<ActionItemEntity>,
    @InjectRepository(DecisionEntity) private readonly decisions: Repository<DecisionEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
  ) {}

  /** An ad-hoc meeting (`meeting:{n}:adhoc-{id}`); the quarterly ones are started by the annual cycle. */
  async convene(network: string, dto: ConveneMeetingDto, by: Principal) {
    const now = Date.now();
    const at = Date.parse(dto.scheduledAt);
    const callAt = dto.agendaCallAt === undefined ? now : Date.parse(dto.agendaCallAt);
    const dueAt =
      dto.agendaDueAt === undefined ? Math.round((Math.max(now, callAt) + at) / 2) : Date.parse(dto.agendaDueAt);
    const errors: FieldError[] = [];
    if (!(at > now)) errors.push({ field: 'scheduledAt', message: 'must be in the future' });
    else if (!(dueAt <= at)) errors.push({ field: 'agendaDueAt', message: 'must not be after scheduledAt' });
    else if (!(dueAt > now)) errors.push({ field: 'agendaDueAt', message: 'must be in the future' });
    else if (!(callAt < dueAt)) errors.push({ field: 'agendaCallAt', message: 'must be before agendaDueAt' });
    if (errors.length > 0) throw AppError.validation(errors);
    // A real meeting's timers are the calendar's; one convened at short notice (a demo, a test) scales them down.
    const span = at - now;
    const scaled = (ms: number) => Math.max(1, Math.min(ms, Math.round(span / 2)));
    const id = `adhoc-${new Date(now).toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
    const { timeZone } = await this.networks.findOneByOrFail({ code: network });
    const year = dto.year ?? Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
    const input: MeetingInput = {
      network,
      id,
      kind: 'adhoc',
      year,
      quarter: null,
      title: dto.title,
      scheduledAt: new Date(at).toISOString(),
      agendaCallAt: new Date(callAt).toISOString(),
      agendaDueAt: new Date(dueAt).toISOString(),
      offsets: {
        reminderBeforeMs: scaled(DEFAULT_OFFSETS.reminderBeforeMs),
        escalationAfterMs: scaled(DEFAULT_OFFSETS.escalationAfterMs),
        minutesReviewMs: scaled(DEFAULT_OFFSETS.endorsementRoundMs),
        writingMs: scaled(DEFAULT_OFFSETS.revisionMs),
      },
      convenedBy: actorOf(by),
    };
    const workflowId = meetingWorkflowId(network, id);
    await this.temporal.startProcess<typeof meetingWorkflow>(
      'meeting',
      { workflowId, taskQueue: this.temporal.taskQueue, args: [input] },
      { network, year, onDuplicate: () => new AppError(ErrorCode.INTERNAL, `Meeting id ${id} collided`) },
    );
    const status = await afterFirstProjection(
      async () => (await this.meetings.findOneBy({ networkCode: network, id }))?.status,
      () => 'SCHEDULED',
    );
    return {
      id,
      workflowId,
      kind: input.kind,
      title: input.title,
      status,
      scheduledAt: input.scheduledAt,
      agendaCallAt: input.agendaCallAt,
      agendaDueAt: input.agendaDueAt,
    };
  }

  async list(network: string, query: MeetingQueryDto) {
    const where: FindOptionsWhere<MeetingEntity> = { networkCode: network };
    if (query.year !== undefined) where.year = query.year;
    if (query.status) where.status = query.status;
    const rows = await this.meetings.find({ where, order: { scheduledAt: 'ASC', id: 'ASC' } });
    return {
      items: rows.map((m) => ({
        id: m.id,
        workflowId: m.workflowId,
        kind: m.kind,
        year: m.year,
        quarter: m.quarter,
        title: m.title,
        status: m.status,
        scheduledAt: m.scheduledAt.toISOString(),
        heldAt: isoOrNull(m.heldAt),
        adoptedAt: isoOrNull(m.adoptedAt),
      })),
    };
  }

  /** The meeting with its agenda (each item's source), attendance, minutes, decisions, minutes reviews and action items. */
  async get(network: string, id: string) {
    const m = await this.row(network, id);
    const items = await this.actionItems.find({
      where: { networkCode: network, meeting: m.workflowId },
      order: { id: 'ASC' },
    });
    const reviewDecisions = await this.decisions.findBy({ workflowId: In(m.reviews.map((r) => r.decision)) });
    return {
      id: m.id,
      workflowId: m.workflowId,
      kind: m.kind,
      year: m.year,
      quarter: m.quarter,
      title: m.title,
      status: m.status,
      scheduledAt: m.scheduledAt.toISOString(),
      agendaCallAt: m.agendaCallAt.toISOString(),
      agendaDueAt: m.agendaDueAt.toISOString(),
      agendaPublishedAt: isoOrNull(m.agendaPublishedAt),
      agenda: m.agenda,
      attendance: m.attendance,
      minutes: m.minutes,
      decisions: m.decisions,
      minutesReviews: m.reviews.map((r) => ({
        ...r,
        objections: reviewDecisions.find((d) => d.workflowId === r.decision)?.objections ?? [],
      })),
      reschedules: m.reschedules,
      cancelled: m.cancelled,
      heldAt: isoOrNull(m.heldAt),
      adoptedAt: isoOrNull(m.adoptedAt),
      actionItems: items.map(actionItemDto),
    };
  }

  async reschedule(network: string, id: string, dto: RescheduleMeetingDto, by: Principal) {
    const workflowId = await this.workflowOf(network, id);
    await this.temporal.update(workflowId, rescheduleMeetingUpdate, {
      by: actorOf(by),
      scheduledAt: dto.scheduledAt,
      reason: dto.reason,
    });
    return this.get(network, id);
  }

  async cancel(network: string, id: string, dto: ReasonDto, by: Principal) {
    const workflowId = await this.workflowOf(network, id);
    await this.temporal.update(workflowId, cancelMeetingUpdate, { by: actorOf(by), reason: dto.reason });
    return this.get(network, id);
  }

  async listActionItems(network: string, query: ActionItemQueryDto) {
    const where: FindOptionsWhere<ActionItemEntity> = { networkCode: network };
    if (query.owner) where.owner = query.owner;
    if (query.status) where.status = query.status;
    if (query.overdue === true) {
      if (query.status && query.status !== 'open') return { items: [] }; // only open items are overdue
      Object.assign(where, { status: 'open', dueAt: LessThan(new Date()) });
    }
    const rows = await this.actionItems.find({ where, order: { openedAt: 'ASC', id: 'ASC' } });
    const items =
      query.overdue === false ? rows.filter((r) => !(r.status === 'open' && r.dueAt.getTime() < Date.now())) : rows;
    return { items: items.map(actionItemDto) };
  }

  async dropActionItem(network: string, id: string, dto: ReasonDto, by: Principal) {
    const item = await this.actionItems.findOneBy({ networkCode: network, id });
    if (!item) throw new AppError(ErrorCode.TASK_NOT_FOUND, `Network "${network}" has no action item ${id}`);
    await this.temporal.update(item.meeting, dropActionItemUpdate, { by: actorOf(by), taskId: id, reason: dto.reason });
    return actionItemDto((await this.actionItems.findOneBy({ networkCode: network, id }))!);
  }

  /** The meeting's workflow: from its read model, or, for one convened an instant ago and not yet projected, from Temporal. */
  private async workflowOf(network: string, id: string): Promise<string> {
    const row = await this.meetings.findOneBy({ networkCode: network, id });
    if (row) return row.workflowId;
    const workflowId = meetingWorkflowId(network, id);
    const exists = await this.temporal
      .call(() => this.temporal.client.workflow.getHandle(workflowId).describe())
      .then(
        () => true,
        (err: unknown) => {
          if (err instanceof WorkflowNotFoundError) return false;
          throw err;
        },
      );
    if (!exists) throw new AppError(ErrorCode.MEETING_NOT_FOUND, `Network "${network}" has no meeting ${id}`);
    return workflowId;
  }

  private async row(network: string, id: string): Promise<MeetingEntity> {
    const row = await this.meetings.findOneBy({ networkCode: network, id });
    if (!row) throw new AppError(ErrorCode.MEETING_NOT_FOUND, `Network "${network}" has no meeting ${id}`);
    return row;
  }
}

function actionItemDto(a: ActionItemEntity) {
  const overdue = a.status === 'open' && a.dueAt.getTime() < Date.now();
  return {
    id: a.id,
    meeting: a.meeting,
    title: a.title,
    owner: a.owner,
    dueAt: a.dueAt.toISOString(),
    impediment: a.impedimentId,
    status: a.status,
    overdue,
    openedAt: a.openedAt.toISOString(),
    completedAt: isoOrNull(a.completedAt),
    closedReason: a.closedReason,
    carriedTo: a.carriedTo,
  };
}
