/** The emergency check: what must give 999 at once, and what must not. */
import { realRecognizer } from '../helpers';

const recognizer = realRecognizer();

describe('emergency check', () => {
  it.each([
    // danger now, crime in progress
    ['someone is attacking me'],
    ['they are outside my house now'],
    ['he is outside my door shouting racist abuse'],
    ['there are men at my door threatening me'],
    ['they are trying to get in'],
    ['they are kicking the door in'],
    ['I am in danger'],
    ['im not safe'],
    ['it is happening right now'],
    ['this is happening now, they are still here'],
    ['the abuse is still going on'],
    ['a crime is ongoing outside'],
    // injury
    ['my friend is bleeding'],
    ['he is hurt badly and needs an ambulance'],
    ['I have just been attacked'],
    // weapons
    ['a man has a knife'],
    ['theres a guy with a gun in the street'],
    // attacker present or returning, chased, trapped
    ['they said they will come back tonight'],
    ['he is back again'],
    ['someone is following me home'],
    ['I am being chased'],
    ['we are trapped in the shop'],
    ['I am hiding from them'],
    ['they are threatening to kill me'],
    // typos, capitals, emoji, text-speak
    ['HELP THEY ARE OUTSIDE'],
    ['HELP!!'],
    ['please help me'],
    ['sos'],
    ['someone is atacking me'],
    ['im being folowed rn'],
    ['theres a man with a knfie'],
    ['man with a 🔪 outside'],
    ['they r outside my house'],
    ['they are here n they are banging on the door'],
    // past clause, then a present one
    ['it started last week but they are outside now'],
    ['he had a knife yesterday and he is back now'],
  ])('"%s" is an emergency', (text) => {
    const decision = recognizer.recognize(text);
    expect(decision.emergency).toBe(true);
    expect(decision.reason).toMatch(/^emergency rule/);
  });

  it.each([
    // safe now, negated
    ["I'm safe now"],
    ['I am not in danger'],
    ['nobody is hurt'],
    ['no one is in danger now'],
    ['it is not urgent'],
    ['not urgent'],
    ['they have gone'],
    ['there was no knife'],
    ['he did not have a weapon'],
    // the past
    ['it happened last week'],
    ['I was attacked last week'],
    ['they were outside my house yesterday'],
    ['he had a knife but that was last year'],
    ['I was followed home last night'],
    ['someone threatened to kill me two years ago'],
    // ordinary questions and requests
    ['help'],
    ['help me report a hate crime'],
    ['I want to report a hate crime'],
    ['what is a hate crime'],
    ['can I report online'],
    ['I saw someone being racially abused on the bus'],
    ['my neighbour keeps making racist comments'],
    ['is this an emergency number'],
    ['my dog breeding business was vandalised with racist graffiti'],
    ['I feel anger about it'],
    ['thanks'],
    [''],
  ])('"%s" is not an emergency', (text) => {
    expect(recognizer.recognize(text).emergency).toBe(false);
  });

  it('explains a negated cue', () => {
    expect(recognizer.recognize('I am not in danger').reason).toMatch(/negated by "not"/);
  });

  it('explains a cue in the past', () => {
    expect(recognizer.recognize('they were outside my house yesterday').reason).toMatch(/in the past/);
  });
});
