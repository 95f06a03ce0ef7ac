import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import type { Config } from '../../libs/config/config';
import { dataSourceOptions } from '../../libs/persistence/data-source';
import { CONFIG } from '../common/config.token';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({})
export class WorkerModule {
  static forRoot(config: Config & { databaseUrl: string }): DynamicModule {
    return {
      module: WorkerModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, config.databasePoolSize))],
      providers: [{ provide: CONFIG, useValue: config }, TemporalWorkerService],
    };
  }
}
