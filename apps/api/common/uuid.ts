/** An id the database makes (gen_random_uuid): checked before a query, so a malformed one is a 400 naming its field. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
