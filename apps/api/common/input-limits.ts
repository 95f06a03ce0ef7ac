import type { FieldError } from '../../../libs/domain/field-error';

/**
 * What the API accepts as input at all, before any validator, query or workflow sees it. PostgreSQL cannot store a
 * NUL in text or jsonb, nor a lone UTF-16 surrogate in jsonb; a workflow that folded such a string would carry it
 * into every projection after. Deep or huge JSON would overflow the recursive code after it (canonicalisation,
 * class-transformer).
 */
const INPUT_LIMITS = {
  /** Nesting of objects and arrays in a body. The deepest real payload (a work plan's activity) is 4. */
  maxDepth: 32,
  /** Object keys and array elements in a body, in all. */
  maxNodes: 20_000,
  /** Characters in one query parameter. */
  maxQueryLength: 512,
} as const;

/** Control characters other than tab, line feed and carriage return, and UTF-16 surrogates that are not a pair. */
const UNSTORABLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** Keys that reach Object.prototype when code after the parser copies or merges objects. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Path parameters are ids, codes or years: letters, digits and `._:@-`, which every mignet id is made of. */
const PATH_PARAMETER = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;

function hasUnstorableText(s: string): boolean {
  return UNSTORABLE.test(s);
}

const describe = (s: string) => {
  const found = UNSTORABLE.exec(s)?.[0] ?? '';
  const code = found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `must not contain the character U+${code} (control characters other than tab and line breaks, and unpaired surrogates, cannot be stored)`;
};

const child = (path: string, key: string | number) =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : /^[A-Za-z_$][\w$]*$/.test(key)
      ? path
        ? `${path}.${key}`
        : key
      : `${path}[${JSON.stringify(key)}]`;

/**
 * The problems of a parsed JSON body, each naming its field (`activities[0].title`); empty when it is acceptable.
 * Iterative and bounded, so a hostile body costs at most maxNodes steps.
 */
export function bodyProblems(body: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  let nodes = 0;
  while (stack.length > 0 && problems.length < 20) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasUnstorableText(value)) problems.push({ field: path || 'body', message: describe(value) });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= INPUT_LIMITS.maxDepth) {
      problems.push({ field: path || 'body', message: `is nested deeper than ${INPUT_LIMITS.maxDepth} levels` });
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    nodes += entries.length;
    if (nodes > INPUT_LIMITS.maxNodes) {
      problems.push({
        field: path || 'body',
        message: `holds more than ${INPUT_LIMITS.maxNodes} keys and elements in all`,
      });
      break;
    }
    for (const [key, v] of entries) {
      const at = child(path, key);
      if (typeof key === 'string') {
        if (FORBIDDEN_KEYS.has(key)) problems.push({ field: at, message: 'is not an accepted key' });
        else if (hasUnstorableText(key)) problems.push({ field: at, message: `is a key that ${describe(key)}` });
      }
      stack.push({ value: v, path: at, depth: depth + 1 });
    }
  }
  return problems;
}

/**
 * The problems of a request's path and query parameters, each naming its parameter; empty when acceptable. The
 * network code is the API key guard's to check (before its query).
 */
export function parameterProblems(params: Record<string, unknown>, query: Record<string, unknown>): FieldError[] {
  const problems: FieldError[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (name !== 'network' && typeof value === 'string' && !PATH_PARAMETER.test(value)) {
      problems.push({
        field: name,
        message: 'must be an id: a letter or digit, then letters, digits and . _ : @ - (at most 200 in all)',
      });
    }
  }
  for (const [name, v] of Object.entries(query)) {
    if (Array.isArray(v)) problems.push({ field: name, message: 'must be given once' });
    else if (typeof v !== 'string') problems.push({ field: name, message: 'must be a single value' });
    else if (hasUnstorableText(v) || hasUnstorableText(name))
      problems.push({ field: name, message: describe(hasUnstorableText(v) ? v : name) });
    else if (v.length > INPUT_LIMITS.maxQueryLength)
      problems.push({ field: name, message: `must be at most ${INPUT_LIMITS.maxQueryLength} characters` });
  }
  return problems;
}

/**
 * A copy of a refused body that the audit log can store and hash: unstorable characters become U+FFFD, what lies
 * deeper than the limit becomes a note, and the walk stops at the node limit. An accepted body comes back unchanged.
 */
export function storableCopy(value: unknown, depth = 0, budget = { nodes: INPUT_LIMITS.maxNodes }): unknown {
  if (typeof value === 'string') return hasUnstorableText(value) ? value.replace(UNSTORABLE_ALL, '\uFFFD') : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= INPUT_LIMITS.maxDepth) return `[nested deeper than ${INPUT_LIMITS.maxDepth} levels: not kept]`;
  if (Array.isArray(value)) {
    budget.nodes -= value.length;
    return budget.nodes < 0 ? '[too many elements: not kept]' : value.map((v) => storableCopy(v, depth + 1, budget));
  }
  const entries = Object.entries(value);
  budget.nodes -= entries.length;
  if (budget.nodes < 0) return '[too many keys: not kept]';
  const copy: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(copy, hasUnstorableText(k) ? k.replace(UNSTORABLE_ALL, '\uFFFD') : k, {
      value: storableCopy(v, depth + 1, budget),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** The highest page number a list accepts: far past any real list, and an offset PostgreSQL computes exactly. */
export const MAX_PAGE = 100_000;
