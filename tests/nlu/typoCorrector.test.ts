import { TypoCorrector, isLikelyTypo } from '../../src/nlu/typoCorrector';

describe('isLikelyTypo', () => {
  it.each([
    ['atacking', 'attacking'],
    ['attackking', 'attacking'],
    ['knfie', 'knife'],
    ['dnager', 'danger'],
    ['dabger', 'danger'],
    ['outsde', 'outside'],
  ])('"%s" is a slip for "%s"', (typed, word) => expect(isLikelyTypo(typed, word)).toBe(true));

  it.each([
    ['breeding', 'bleeding'],
    ['dancer', 'danger'],
    ['anger', 'danger'],
    ['knife', 'knife'],
    ['outsider', 'outside1'],
  ])('"%s" is not a slip for "%s"', (typed, word) => expect(isLikelyTypo(typed, word)).toBe(false));
});

describe('TypoCorrector', () => {
  const corrector = new TypoCorrector(['bleeding', 'attacking', 'outside'], new Set(['bleating']));

  it('corrects unknown words to known ones', () => {
    expect(corrector.correct('bleding')).toBe('bleeding');
    expect(corrector.correct('outsid')).toBe('outside');
  });

  it('leaves known, protected, short and unmatched words alone', () => {
    expect(corrector.correct('outside')).toBe('outside');
    expect(corrector.correct('bleating')).toBe('bleating');
    expect(corrector.correct('bled')).toBe('bled');
    expect(corrector.correct('zebra')).toBe('zebra');
  });
});

describe('TypoCorrector: a dropped g', () => {
  // "hittin" is known (a writer of the training data kept it), "follow" and "come" are known verbs.
  const corrector = new TypoCorrector(['hitting', 'hittin', 'follow', 'come', 'hit', 'with'], new Set(['followin']));

  it('puts the g back on a known -ing form, even one the training data spelt without it', () => {
    expect(corrector.correct('hittin')).toBe('hitting');
  });

  it('puts it back on a known verb, even where a writer kept the word as typed', () => {
    expect(corrector.correct('followin')).toBe('following');
    expect(corrector.correct('comin')).toBe('coming');
  });

  it('leaves a known word that only ends in -in alone', () => {
    expect(corrector.correct('within')).toBe('within');
  });

  it('never reads a name as a dropped g or a typo', () => {
    const named = new TypoCorrector(['hitching', 'hitch'], new Set(), 5, new Set(['hitchin']));
    expect(named.correct('hitchin')).toBe('hitchin');
    expect(new TypoCorrector(['hitching', 'hitch'], new Set()).correct('hitchin')).toBe('hitching');
  });
});
