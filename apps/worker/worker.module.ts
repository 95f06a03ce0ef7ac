import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import type { Config } from '../../libs/config/config';
import { dataSourceOptions } from '../../libs/persistence/data-source';
import { CycleEntity } from '../../libs/persistence/entities';
import { CONFIG } from '../common/config.token';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({})
export class WorkerModule {
  static forRoot(config: Config & { databaseUrl: string }): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, config.databasePoolSize)),
        TypeOrmModule.forFeature([CycleEntity]),
      ],
      providers: [{ provide: CONFIG, useValue: config }, TemporalWorkerService],
    };
  }
}
