import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { createNetworkActivities } from '../../../activities/network.activities';
import { LANGUAGES } from '../../../libs/domain/people';
import type { TaskKind } from '../../../libs/domain/tasks';
import { translate } from '../../../libs/notifications/messages';
import type { AnswerContext } from '../../../libs/processes/task-answer';
import { TASK_KIND_DEFINITIONS } from '../../../libs/processes/task-kinds';
import type { TaskKindDto } from './task-kind.dto';

/** What each task kind asks and what its answer looks like, in a network (its members, its objectives). */
@Injectable()
export class TaskKindsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The network's members of the day and its number of objectives, as a process starting now would read them. */
  async context(network: string): Promise<AnswerContext> {
    const { members, networkObjectives } = await createNetworkActivities({ dataSource: this.dataSource }).loadNetwork(
      network,
    );
    return { members, networkObjectives, now: Date.now() };
  }

  async list(network: string): Promise<{ items: TaskKindDto[] }> {
    const ctx = await this.context(network);
    return { items: TASK_KIND_DEFINITIONS.map((d) => describe(d.kind, ctx)) };
  }
}

const inEachLanguage = (key: string) =>
  Object.fromEntries(LANGUAGES.map((l) => [l, translate(l, key)])) as Record<(typeof LANGUAGES)[number], string>;

function describe(kind: TaskKind, ctx: AnswerContext): TaskKindDto {
  const d = TASK_KIND_DEFINITIONS.find((x) => x.kind === kind)!;
  return {
    kind,
    process: d.process,
    name: inEachLanguage(`kind.${kind}`),
    instructions: inEachLanguage(`instructions.${kind}`),
    schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', ...d.answer.schema(ctx) },
    example: d.answer.example,
    reassignable: d.reassignable,
    resubmittable: d.resubmittable,
    silenceMeans: d.silenceMeans,
  };
}
