/** Network and agency codes appear in workflow ids and URLs: short, lower-case for networks, upper-case for agencies. */
export const NETWORK_CODE = /^[a-z][a-z0-9-]{1,31}$/;
export const AGENCY_CODE = /^[A-Z][A-Z0-9-]{1,31}$/;
