import { Inject, Injectable, Logger } from '@nestjs/common';
import { TypedSearchAttributes } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

import { anchorsInHistory } from '../../../libs/audit/anchors';
import type { Config } from '../../../libs/config/config';
import type { AuditAnchor } from '../../../libs/persistence/audit-chain';
import { NETWORK_ATTRIBUTE, PROCESS_ATTRIBUTE } from '../../../libs/temporal';
import { listRuns } from '../../../libs/temporal/visibility';
import { auditAnchorWorkflowId } from '../../../libs/processes/audit-anchor/ids';
import { PROCESSES, type ProcessName } from '../../../libs/processes/registry';
import type { auditAnchorWorkflow } from '../../../workflows/audit-anchor.workflow';
import { CONFIG } from '../../common/config.token';
import { TemporalClientService } from '../temporal/temporal-client.service';

/** The API's key for signing audit rows and exports (libs/audit/signing.ts), loaded once at start. */
export const AUDIT_SIGNER = Symbol('mignet.audit-signer');

/**
 * Keeps one `audit-anchor:{network}` workflow running per network that has an audit log (started with the first row
 * this process writes for it), and reads back the heads it recorded, for `verify` and the export.
 */

/** The anchor's MignetProcess search attribute, by which visibility lists its runs. */
const ANCHOR: ProcessName = 'audit-anchor';
@Injectable()
export class AuditAnchorsService {
  private readonly logger = new Logger('audit');
  private readonly running = new Set<string>();

  constructor(
    private readonly temporal: TemporalClientService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  ensureAnchored(network: string): void {
    if (this.config.auditAnchorEveryMs === 0 || this.running.has(network)) return;
    this.running.add(network);
    this.temporal
      .call(
        () =>
          this.temporal.client.workflow.start<typeof auditAnchorWorkflow>(PROCESSES[ANCHOR].workflowType, {
            taskQueue: this.temporal.taskQueue,
            workflowId: auditAnchorWorkflowId(network),
            args: [{ network, everyMs: this.config.auditAnchorEveryMs }],
            workflowIdConflictPolicy: 'USE_EXISTING', // one per network, whichever API process gets there first
            typedSearchAttributes: new TypedSearchAttributes([
              { key: NETWORK_ATTRIBUTE, value: network },
              { key: PROCESS_ATTRIBUTE, value: ANCHOR },
            ]),
          }),
        'command',
      )
      .catch((err: unknown) => {
        this.running.delete(network); // tried again with the next row
        this.logger.warn(`Could not start ${auditAnchorWorkflowId(network)}: ${String(err)}`);
      });
  }

  /**
   * Every run of the network's anchor workflow with its history, oldest first (none before its first row); each
   * fetch has a deadline of its own, so a long-retained anchor does not exhaust one call's.
   */
  async histories(network: string): Promise<{ runId: string; history: temporal.api.history.v1.IHistory }[]> {
    const runs = await this.temporal.call(() => listRuns(this.temporal.client, { network, process: ANCHOR }));
    runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    const found = [];
    for (const run of runs)
      found.push({
        runId: run.runId,
        history: await this.temporal.call(() =>
          this.temporal.client.workflow.getHandle(run.workflowId, run.runId).fetchHistory(),
        ),
      });
    return found;
  }

  /** Every head recorded for the network, oldest first; or why they could not be read. */
  async anchors(network: string): Promise<{ anchors: AuditAnchor[] } | { notChecked: string }> {
    const workflowId = auditAnchorWorkflowId(network);
    try {
      const anchors = (await this.histories(network)).flatMap((h) => anchorsInHistory(h.history));
      return anchors.length > 0 ? { anchors } : { notChecked: `${workflowId} has recorded no head yet` };
    } catch (err) {
      return {
        notChecked: `the anchors in ${workflowId} could not be read: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
  }
}
