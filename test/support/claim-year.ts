import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { TEST_ENV_VARS } from './test-env';

const FIRST = 2030; // later than any year a test reads as "over" or "now"
const LAST = 2096;

/**
 * A cycle year no other test of this run uses. Every test file shares one Temporal server, where a year is part of
 * the workflow id (`annual-cycle:tl:2041`), so each year is claimed once per run: by creating its folder in the run's
 * directory, which only one process can do. `year` claims that one year (a recorded history is named after it) and
 * fails if another test holds it.
 */
export function claimYear(year?: number): number {
  const run = process.env[TEST_ENV_VARS.runDir];
  if (!run) throw new Error(`${TEST_ENV_VARS.runDir} is not set: run the tests with jest, whose globalSetup sets it`);
  mkdirSync(join(run, 'years'), { recursive: true });
  const claim = (y: number) => {
    try {
      mkdirSync(join(run, 'years', String(y)));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  };
  if (year !== undefined) {
    if (!claim(year)) throw new Error(`year ${year} is already claimed by another test of this run`);
    return year;
  }
  for (let y = FIRST; y <= LAST; y++) if (claim(y)) return y;
  throw new Error(`every year from ${FIRST} to ${LAST} is claimed: a test claims too many`);
}
