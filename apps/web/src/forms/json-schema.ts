/** The task kinds' answer schemas: the same definition the API validates with (libs/domain/json-schema.ts). */
export type { JsonSchema } from '../../../../libs/domain/json-schema';
