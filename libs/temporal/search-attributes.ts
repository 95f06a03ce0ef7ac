import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes that every mignet workflow carries, so auditors can list a network's processes from
 * Temporal visibility. The dev server registers them at start; a production cluster needs
 * `temporal operator search-attribute create` once (README, "External services").
 */
export const NETWORK_ATTRIBUTE = defineSearchAttributeKey('MignetNetwork', SearchAttributeType.KEYWORD);
export const PROCESS_ATTRIBUTE = defineSearchAttributeKey('MignetProcess', SearchAttributeType.KEYWORD);
export const YEAR_ATTRIBUTE = defineSearchAttributeKey('MignetYear', SearchAttributeType.INT);

export const SEARCH_ATTRIBUTES = [NETWORK_ATTRIBUTE, PROCESS_ATTRIBUTE, YEAR_ATTRIBUTE] as const;
