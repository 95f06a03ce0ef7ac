import type { TFunction } from 'i18next';

import { worded } from '../../apps/web/src/forms/errors';

/** A `t` that shows which text it was asked for, with what. */
const t = ((key: string, values: { n?: string; list?: string }) =>
  `${key} n=${values.n} list=${values.list}`) as TFunction;

describe("the web's wording of the API's field errors", () => {
  it("words the answers' new refusals (markers, dollars, SDG targets, indicators) in the reader's language", () => {
    expect(worded('must be a marker from 0 to 3', t)).toMatch(/^error\.marker /);
    expect(worded('must be an amount in US dollars (0 or more)', t)).toMatch(/^error\.usd /);
    expect(worded('must be an SDG target such as 10.7, 8.8 or 5.a', t)).toMatch(/^error\.sdgTarget /);
    expect(worded('must be an indicator of A1: Workers reached, Trainings held', t)).toBe(
      'error.indicatorOf n=A1 list=Workers reached, Trainings held',
    );
    expect(worded('A3 has no indicators in the work plan', t)).toBe('error.noIndicators n=A3 list=A3');
    expect(worded('repeats the name Workers reached', t)).toBe(
      'error.repeatsName n=Workers reached list=Workers reached',
    );
    // A message it does not know stays the API's own.
    expect(worded('must be a partner id', t)).toBe('must be a partner id');
  });
});
