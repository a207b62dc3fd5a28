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
