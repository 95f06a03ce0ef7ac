import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A country Migration Network; every row and every workflow id carries its code (`tl`). */
@Entity({ name: 'networks' })
export class NetworkEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_networks' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** The country (or region) it serves, as people name it: `Timor-Leste`. */
  @Column({ type: 'text', nullable: true })
  country: string | null;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  /** The agency that serves as Coordinator and Secretariat (IOM, per the ToR). */
  @Column({ name: 'coordinator_agency', type: 'text' })
  coordinatorAgency: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
