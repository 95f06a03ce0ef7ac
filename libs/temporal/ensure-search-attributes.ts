import { Connection, ConnectionOptions } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

import { SEARCH_ATTRIBUTES } from './search-attributes';

const INDEXED_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.KEYWORD]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
};

/**
 * Registers mignet's custom search attributes in `namespace` where they are missing, so a cluster that mignet did not
 * start (docker compose, production) needs no manual `temporal operator search-attribute create`. Idempotent.
 */
export async function ensureSearchAttributes(connect: ConnectionOptions, namespace: string): Promise<string[]> {
  const connection = await Connection.connect(connect);
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = SEARCH_ATTRIBUTES.filter((key) => !(key.name in (customAttributes ?? {})));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_TYPE[key.type]])),
      });
    }
    return missing.map((key) => key.name);
  } finally {
    await connection.close();
  }
}
