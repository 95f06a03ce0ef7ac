import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Something a process could not do by itself and a person must look at: today, a projection PostgreSQL refused
 * (its data, not its connection). One row per workflow and kind; it reopens if the fault comes back.
 */
@Entity({ name: 'incidents' })
export class IncidentEntity {
  @PrimaryColumn({ name: 'network_code', type: 'text', primaryKeyConstraintName: 'pk_incidents' })
  networkCode: string;

  @PrimaryColumn({ name: 'workflow_id', type: 'text', primaryKeyConstraintName: 'pk_incidents' })
  workflowId: string;

  /** `projection:projectCycle` and the like. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_incidents' })
  kind: string;

  @Column({ name: 'first_at', type: 'timestamptz' })
  firstAt: Date;

  @Column({ name: 'last_at', type: 'timestamptz' })
  lastAt: Date;

  @Column({ type: 'integer' })
  occurrences: number;

  @Column({ name: 'last_error', type: 'text' })
  lastError: string;

  /** When the same work succeeded again; null while the incident is open. */
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
