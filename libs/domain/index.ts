export * from './annual-cycle';
export * from './calendar';
export * from './gcm-objectives';
export * from './network';
export * from './roles';
export * from './time-zone';
