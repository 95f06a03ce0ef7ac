export * from './data-source';
export * from './entities';
export * from './seeds/seed';
export * from './seeds/timor-leste.seed';
