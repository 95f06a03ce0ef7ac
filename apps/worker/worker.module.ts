import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';

import type { Config } from '../../libs/config/config';
import { dataSourceOptions } from '../../libs/persistence/data-source';
import { CONFIG } from '../common/config.token';
import { PROCESS_LOGGER } from '../common/process-logger.token';
import { OutboxDispatcher } from './outbox-dispatcher';
import { TemporalWorkerService, WORKER_DATA_SOURCE } from './temporal-worker.service';

@Module({})
export class WorkerModule {
  static forRoot(config: Config & { databaseUrl: string }, log: Logger): DynamicModule {
    return {
      module: WorkerModule,
      // Named: `npm start` and the tests run the API beside it in one process, whose data source is the default one.
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.databaseUrl, config.databasePoolSize),
          name: WORKER_DATA_SOURCE,
        }),
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: PROCESS_LOGGER, useValue: log },
        TemporalWorkerService,
        OutboxDispatcher,
      ],
    };
  }
}
