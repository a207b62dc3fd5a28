/** The emergency check: what must give 999 at once, what must not, and why (tests/nlu/safety-cases.yaml). */
import { loadSafetyCases } from '../../src/harness/safetyCases';
import { realRecognizer } from '../helpers';

const recognizer = realRecognizer();
const cases = loadSafetyCases();

describe('emergency check', () => {
  it('has its cases', () => {
    expect(cases.emergencies.length).toBeGreaterThanOrEqual(34);
    expect(cases.not_emergencies.length).toBeGreaterThanOrEqual(27);
  });

  it.each(cases.emergencies.map((t) => [t]))('"%s" is an emergency', (text) => {
    const decision = recognizer.recognize(text);
    expect(decision.emergency).toBe(true);
    expect(decision.reason).toMatch(/^emergency/);
  });

  it.each(cases.not_emergencies.map((t) => [t]))('"%s" is not an emergency', (text) => {
    expect(recognizer.recognize(text).emergency).toBe(false);
  });

  it.each(['help we are in the', 'im in the', 'please i am in my', 'i am in the, they are outside', 'we are under a'])('a message cut short ("%s") is read, never a crash', (text) => {
    expect(() => recognizer.recognize(text)).not.toThrow();
  });

  // Each is what a rule of 2026-11-27 must not do (a review of that session's change found each one):
  it.each([
    ['gang outside my flat with knives friday night', 'a weekday dates only what a message calls a report'],
    ['some men started smashing my windows', '"started" is no story told'],
    ['a fake police officer is holding my daughter in his car', 'the police holding someone is custody only when asked about'],
    ['so much going on outside my house right now', '"so much going on" is a busy life only with no place or time'],
    ['they set my car alight at the front of my house', '"alight at" is getting off only when nothing was set alight'],
    ['the victim is running away from them', 'only a thing that runs is not escaping'],
    ['men outside stevenage gurdwara', 'a town then a building is where someone is outside'],
    ['earlier a man grabbed my son and dragged him into a car', '"earlier" is no day gone by'],
    ['they are pushing the door on me and my son', 'a door pushed on people hurts them'],
  ])('"%s" is an emergency (%s)', (text) => {
    expect(recognizer.recognize(text).danger.level).toBe('now');
  });

  it.each([
    ['he has just gone to get petrol', '"just gone" is no over'],
    ['no hes gone to get his mates', 'gone to do something is not over'],
    ['no they ran off with my daughter', 'ran off with someone is not over'],
    ['ive been stabbed, nobody can get to me', 'help not reaching the writer is no safety'],
  ])('"%s" is not said to be over (%s)', (text) => {
    expect(recognizer.recognize(text).danger.over).toBe(false);
  });

  // What a review of the 2026-11-27 (morning) rules found they must not do: each is an emergency.
  it.each([
    ['why is nobody picking up im in danger', 'a plea inside a why question'],
    ['we were fine, then three men turned up with knives', '"were fine" is no safety now'],
    ['he is outside with a bat, my son is ok', 'someone else all right does not take back a weapon outside'],
    ['he is home now and says he will stab me', 'the abuser home is no safety'],
    ['a man is hiding in the summer house with a knife', '"summer house" is no date'],
    ['the bleeding wont stop', 'an injury after "the"'],
    ['kids are stoning my windows right now', 'a weapon\'s name as a verb is an attack with it'],
    ['there is fire everywhere help', '"there is fire" is no praise'],
    ['weve got a fire at the front door', '"ve got" is "have got"'],
    ['my neighbour who wouldnt stop shouting monday is at my door with an axe', 'a weekday in a relative clause dates nothing'],
    ['the man who wrote the letter is outside my house now', 'a thing written is no words said'],
    ['my dad cant breathe very well', '"very" limits walking, not breathing'],
    ['a guy has petrol and says hell light me up', 'lighting someone up'],
  ])('"%s" is an emergency (%s) ', (text) => {
    expect(recognizer.recognize(text).danger.level).toBe('now');
  });

  it.each([
    ['my phone is going to die soon, can you ring me back', 'a thing that dies threatens no one'],
    ['my phone will be dead soon so can i do it online', '"will be dead" of a phone'],
    ['i wear a chain on my neck with a cross and people stare', 'worn, not used'],
    ['i carry a knife for my job, am i allowed to pull it out to defend myself', 'the writer\'s own, asked about'],
    ['a lad i know wont let me down', 'no one kept from going'],
  ])('"%s" is not an emergency (%s) ', (text) => {
    expect(recognizer.recognize(text).danger.level).not.toBe('now');
  });

  // 2026-11-27 (midday): a "now" said of something else no longer spares a rule's NOW from the learned check's veto;
  // the danger question comes first instead (999 still on screen). Someone at the door said to be there now is spared.
  it.each([
    ['my landlord has now started calling me a p*ki in his texts to the other tenants, i want to report him', 'now of a habit begun, in texts'],
    ['want to report this, not urgent. lads shouting at me and my girlfriend outside the chippy every friday', 'every friday'],
    ['NOT an emergency, nobody hurt. but someone put a brick through the window of my shop overnight with a note saying go home', 'said to be no emergency, nobody hurt'],
    ['im fine totally fine. last night a man headbutted my son outside the pub, hes ok now just a cut lip. want to report it', 'fine, ok now'],
  ])('"%s" gets the danger question, not 999 (%s)', (text) => {
    expect(recognizer.recognize(text).danger.level).toBe('maybe');
  });

  it.each([
    ['someone sprayed a swastika on our garage door on saturday night, my kids are really scared', 'dated, nothing of now'],
    ['my neighbour called me a p*ki yesterday, im scared', 'yesterday'],
  ])('"%s": fear after a story dated in the past is no danger now (%s)', (text) => {
    expect(recognizer.recognize(text).danger.level).toBe('no');
  });

  it.each([
    ['they smashed my window last night and said theyll be back, im terrified', 'a threat of soon'],
    ['im scared', 'nothing dated'],
  ])('"%s": fear with something said of now or soon, or nothing dated, still counts (%s)', (text) => {
    expect(recognizer.recognize(text).danger.level).not.toBe('no');
  });

  it('a message said to be over, which the learned check is sure is an emergency, gets at least the danger question', () => {
    const text = 'doing my usual loop of the common, im ok so far. two guys in a car have followed me slowly for ages shouting slurs and now theyve stopped across the path and one is getting out. also is hare coursing you or the rspca';
    expect(recognizer.recognize(text).danger.level).not.toBe('no');
  });

  // Capabilities of 2026-11-27 (morning): each sentence is written for the test, not taken from an evaluation set.
  it.each([
    ['theres a hammer on the counter and a man keeps swinging it at the staff', 'a weapon brandished as "it" a few words on'],
    ['he has a crowbar and is pointing it at my dad', 'a weapon pointed as "it"'],
    ['knife in his leg', 'a weapon in a body part'],
    ['bleach on her face its burning', 'a corrosive on a body part'],
    ['theyve got my baby sister', 'someone taken, however described'],
    ['my neighbour said the polish family die tonight', 'words said with a time soon are a threat with no "will"'],
    ['a note on my car saying we will torch your house at midnight', 'a "we" in what a note says is the writer of the note'],
    ['they told me you will be dead by tonight', '"you will be dead" is a threat'],
    ['people keep hammering on our door and wont go away', '"keep" with "won\'t go away" is going on now'],
    ['his mates will be at the gates after school to batter him', 'what they will come to do'],
    ['my mum texted there is a stranger in her kitchen', 'news passed on by text is happening'],
    ['about 15 adults brawling outside the school', 'a number of adults is a crowd'],
    ['five lads are standing round me in the car park', 'standing round someone is surrounding them'],
    ['a man keeps following me round the supermarket calling me names', '"keeps following me" with no "every day" is going on'],
    ['someone keeps rattling my back door handle, im upstairs', '"keeps" at the writer\'s own door is going on'],
    ['these lads keep circling me on their bikes', '"keep circling me"'],
    ['got home from work and theres a man stood in my garden', 'what is told as now after "got home"'],
    ['lad in my mums back garden with a crowbar', 'a place the tagger reads as a verb is still a place'],
    ['about 30 masked men outside the mosque', 'a number of people with a word describing them'],
    ['mass brawl in the car park at the leisure centre', 'a fight named with a place and no verb'],
    ['a man walked in with a broken bottle pointing it at the staff', 'the time of the pointing, not of the walking in'],
    ['im covered in blood not sure if its mine', '"not sure if" asks whether'],
    ['help me they have got my daughter', 'someone taken, after a plea'],
  ])('"%s" is an emergency (%s)', (text) => {
    expect(recognizer.recognize(text).danger.level).toBe('now');
  });

  it.each([
    ['a woman pushed my gran over last month, she has a bruised arm but is home now', 'someone home now and a bruise'],
    ['some lads yelled at us and threw a can, we are both fine, i want to report it', '"both fine" says it is over'],
    ['i saw a man outside the chippy shouting at a girl and grabbing her bag, he ran off when i shouted', 'an -ing after a past verb, in a story said to be over'],
    ['they said theyd smash my windows but theyve gone now', 'the "now" of "gone now" dates the going, not the threat'],
    ['the courier has blocked my number', 'blocked on a phone'],
    ['the letting agent is holding my deposit', 'a thing held is no one held'],
    ['my son got a black eye at football but he is ok', '"he is ok"'],
    ['how do i get a bus pass, my dad cant walk much now', 'a limit on walking'],
    ['this new album is fire 🔥', 'fire as praise, and its emoji'],
    ['the man down the road keeps parking across my drive', '"man down" followed by "the road"'],
    ['my mate keeps sticking stickers on my locker', 'a weapon word used as a verb'],
    ['we were walking home and some lads were pointing at us and shouting and throwing chips at us, then they ran off', 'an -ing after "and" shares the "were" before it, in a story said to be over'],
    ['a card through my letterbox calling me a terrorist', 'what something written says'],
    ['kids keep knocking on doors on our street and running off, every night', 'how often, and doors that are anyone\'s'],
    ['they said theyd kill me if i told anyone but that was years ago', 'a threat with "if", dated long ago'],
    ['we are putting on a play about a hate crime where someone gets stabbed', 'what a play shows'],

  ])('"%s" is not an emergency (%s)', (text) => {
    expect(recognizer.recognize(text).danger.level).not.toBe('now');
  });

  it.each([
    ['my sister was called names at the leisure centre on Sunday', 'a weekday in a clause told in the past'],
    ['i want to log something from Tuesday, a man shouted at my wife', 'a weekday after "from"'],
    ['the club wouldnt let my brother in friday because hes in a wheelchair', 'a refusal with a weekday'],
  ])('"%s" is said to be over (%s)', (text) => {
    expect(recognizer.recognize(text).danger.over).toBe(true);
  });

  it.each([
    ['somebody trapped in a lift with men kicking it', 'a person, then the state'],
    ['they were shouting at me and now theyre kicking my door', 'what was going on, then what is going on now'],
  ])('"%s" is an emergency (%s) ', (text) => {
    expect(recognizer.recognize(text).danger.level).toBe('now');
  });

  it.each([
    'are the trains running from watford junction today or is there a strike again',
    'my guns need to be stored somewhere while i move house, can the police hold them',
    'please alight at the next stop',
    'a lot going on at work',
    'witness report - shouting outside the kosher shop bushey, tues about 4pm',
    'my dad got racial abuse at the petrol station in Welwyn Garden City',
    'just logging it, hes long gone',
  ])('"%s" finds no danger at all', (text) => {
    expect(recognizer.recognize(text).danger.level).toBe('no');
  });

  it.each([
    ['they are hitting my mum right now', 'harm-now', 'now'],
    ['my brother has been stabbed', 'harm-now', 'recent'],
    ['hes not breathing', 'injury', 'progressive'],
    ['a man outside with a machete', 'weapon', 'none'],
    ['someone is trying to break in', 'intruder', 'soon'],
    ['I am locked in the toilet and they are outside', 'held', 'present'],
    ['they said they will burn the house down tonight', 'fire-or-threat', 'soon'],
  ])('"%s" fires the %s family (time: %s)', (text, family, time) => {
    const decision = recognizer.recognize(text);
    expect(decision.emergency).toBe(true);
    expect(decision.danger.findings.some((f) => f.family === family && f.level === 'now' && f.time === time)).toBe(true);
  });

  it.each([
    ['I was punched last week but I am safe now'],
    ['nobody is hurt, they have gone'],
    ['he had a knife when it happened in March'],
    ['they keep shouting at me every time I walk past'],
    ['this traffic is killing me'],
    ['it happened last week but I am fine'],
  ])('"%s" is past, negated, a habit or a figure of speech: no 999', (text) => {
    const decision = recognizer.recognize(text);
    expect(decision.emergency).toBe(false);
    expect(decision.danger.level).not.toBe('now');
  });

  // Capabilities of 2026-11-27 (late morning), each written for the test:
  it.each([
    ['Nobody is in any danger. A man at the bus stop said people like me should be shot', 'danger itself denied'],
    ['not an emergency, just want advice about a neighbour who threatened to stab me last month', 'danger itself denied'],
    ["they'd been hitting each other earlier but its calmed down now", '"had been" is the past'],
    ['for two months now the lads on the estate come in the shop and call me names', 'a span of weeks is a story that goes on'],
    ['someone has keyed my car three times this year', 'a count of times a year'],
    ['a gay bashing idiot posted about me', 'an -ing between words describes someone'],
    ['my daughter has a blood test tomorrow and she is scared of needles', 'a noun naming a kind of test'],
    ['my mates are coming at 7 for the match', '"coming at" a time'],
    ['my son is at school now, it was on a group chat', 'a place named bare is where someone goes day to day'],
    ['my brother will stay with me when he comes round on friday', 'after "when", a time'],
    ['kids keep kicking their ball at our fence every single evening', '"every" and a part of a day is how often'],
    ['got my bike back now, how do I tell the police it was found', 'a thing got back, not someone come back'],
    ['a customer ran off without paying for his kebab', 'getting away with something is no escape'],
    ['its breaking my heart seeing that graffiti every day', 'a figure of speech'],
    ['he told my sister people like her should have been drowned as babies', 'a wish about the past'],
    ['my friend said he would be dead without his inhaler', 'a condition, no threat'],
    ['honestly i would be dead by now if my neighbour wasnt there', 'nobody said it: no threat'],
    ['9am. there is racist graffiti on my wall, i need to report it', 'a time, then a state'],
    ['kids keep ringing our doorbell every night, its 11pm and im fed up', 'a clause with a time of its own keeps it'],
    ['kids knocking on doors and running away, its every night', 'how often, with no "is" going on'],
    ['woke up this morning and someone has scratched a p*ki slur into my car', 'a slur written is damage done'],
    ['a van nearly hit the kerb outside the school this morning', 'what nearly happened did not'],
    ['my bag got nicked by a lad outside the station, im fine just annoyed', '"got" before a participle is no one being there'],
    ['can you run over to the shop for me', 'going somewhere'],
    // Word senses (this session's misfires, in other words)
    ['the woman doing my bridesmaid fitting made a comment about my hijab', '"fitting" after a thing\'s name is no seizure'],
    ['a man in the changing rooms said something racist, i was in the fitting room next to him', '"fitting" before a noun is no seizure'],
    ['a lorry driver wound the window down and shouted at my mum about her wheelchair', '"wound" with an object is "wind"'],
    ['my nan uses a walking stick and some kids mocked her at the bus stop last week', 'a walking aid is no weapon'],
    ['my knee has started hurting again, is physio on the nhs', 'a part of the body that hurts is pain'],
    ['he missed every shot at the pool table and blamed the polish lads', 'a shot named after "every" is a noun'],
    ['the flat upstairs has had a party four nights running', '"running" after a span of time says how long'],
    ['we went to an escape room for my birthday and staff were rude about my accent', 'a game\'s room is no escape'],
    ['my daughter wants to train as a paramedic now, do police check that', 'a place\'s name used as a verb is no place'],
    ['the council are dragging their feet about the graffiti', 'slow to act'],
    ['honestly i could kill for a cuppa, anyway how do i report a racist post', 'a figure of speech'],
    ['the fly tipping is still there, the council say its not their job to move it', 'whose job it is, not a body failing'],
    ['whats the sort code for chase bank', 'a name, read as describing the next word'],
    ['is the a1m rammed at the moment', 'packed full, with no one rammed'],
    ['my new glasses were posted on monday, when will they get here', 'asking when something arrives'],
    ['my uncle started a fight at the wedding in 2019 and we still talk about it', 'a fight started, dated in the past'],
    ['my mum pulled up next to me at the school gate to give me a lift', 'a vehicle beside someone, kindly'],
    ['last month a van slowed down beside me and the driver shouted abuse', 'a vehicle beside someone, dated'],
    ['a lad punched me at the bus station last friday, i had a split lip and a black eye, can i still report it', 'a minor injury in a story dated in the past'],
    ['my shopping is still in the boot of my car, can i park at the station overnight', 'a thing in a boot'],
    ['the taxi is pulling up next to us now, thanks for your help', 'a car arriving, not kept close'],
    ['clearing my uncles flat and theres a crossbow and an old pistol under the bed, can i hand them in at a station', 'weapons kept, to hand in'],
  ])('"%s" is no emergency (%s)', (text) => {
    expect(recognizer.recognize(text).danger.level).not.toBe('now');
  });

  it.each([
    'not sure if its an emergency but a man is kicking my door in',
    'lads are punching people by the war memorial',
    'theyre at the school gates now waiting for my son with a knife',
    'when they come round tonight they will burn us out',
    "it's 11.40 and there are men outside my door kicking it",
    '3am. someone is trying our back door',
    'people at our shop, they are breaking the shutter',
    'a gang will be waiting outside the school later today to stab him',
    'huge fight outside Hitchin station, everyone shouting about foreigners',
    'a man is cutting my arm, blood all over me, the others walked off',
    // (a review of this session's rules found each of these hidden by a first version of them)
    'its not a prank call we are in danger',
    'no time its an emergency my son has been stabbed',
    'my ex who I havent seen for 5 years is outside my door',
    'he is hitting me, this has gone on for three weeks',
    'blood spurting everywhere',
    'my dad is bleeding a bit from his head and keeps being sick, the lads ran off',
    'Paki bashing skinheads by the kebab shop',
    'hes been outside my door since 11.40 banging',
    'they are driving to mine tonight to beat up the tr*nny',
    'some1 tryin 2 get in the back door',
    'hes going to run over the polish lad when he comes out of school today',
    // the word senses above, in their dangerous sense
    'my mate is fitting on the floor after they hit him',
    'a lad with a stick is hitting people at the bus stop',
    'they are hurting his arm, twisting it',
    'he has a stab wound in his side',
    'they said they will murder him tonight',
    'im trapped, trying to escape room to room, they are in the house',
    // threats of other harms, said to be carried out soon
    'he told my neighbour he will slit his throat tonight',
    'the lads at the bus stop said they will strip him after school today',
    'a man said he will return with his mates this evening and clear out the foreigners',
    'when will the police get here they are kicking my door in',
    'a lad getting beaten by the war memorial, black lad',
    // a fight that has broken out or become one
    'Fight broken out by the bandstand, someone shouted abuse at the Polish stall',
    'the five a side has turned into a mass brawl, they are going for the asian lads',
    // a vehicle kept close to someone, or driven at them
    'a white van is creeping along beside me shouting at my headscarf',
    'taxi keeps swerving at us on the cycle path, calling us queers',
    // an attack with a weapon: the weapon used is there, whatever the learned check makes of the rest
    'ive just been slashed with a stanley knife outside the shop by a man who called me a gyppo, its deep and wont stop',
    'two men have put him in the boot and are driving off towards the motorway',
    // a review of this session's word senses found each of these lost by a first version of them
    'he said he is going to kill me now',
    'he punched me then left and came back with a bat',
    'they drove away and came back with bats',
    'he walked out and came back with a knife',
    "he's got a wound the size of my fist on his head",
    "there's a deep wound down his leg",
    'my nan fitting on the floor',
    "we've just been rammed",
    'lad walking about with a stick threatening people outside the mosque',
    "there's a knife on the floor of the bus, the lads who left it are still here shouting",
  ])('"%s" is still an emergency', (text) => {
    expect(recognizer.recognize(text).emergency).toBe(true);
  });

  it('a threat made on a condition is at least the danger question ("they said ill be dead if i leave the house tonight")', () => {
    expect(recognizer.recognize('they said ill be dead if i leave the house tonight').danger.level).not.toBe('no');
  });

  it('"now" after a length of time says how long, not this moment; an hour outside is still now', () => {
    expect(recognizer.recognize('been happening for a year now, the man across the road calls me names').danger.level).not.toBe('now');
    expect(recognizer.recognize('they have been outside my house for an hour now').emergency).toBe(true);
  });

  it('a clause in the present still fires when another is in the past', () => {
    const decision = recognizer.recognize('it happened last week but they are outside my house now');
    expect(decision.emergency).toBe(true);
    expect(decision.danger.findings[0]?.family).toBe('intruder');
  });

  it('words of danger with no time given ask the danger question first (maybe)', () => {
    const decision = recognizer.recognize('someone pushed me');
    expect(decision.danger.level).toBe('maybe');
    expect(decision.danger.reason).toMatch(/maybe in danger/);
  });

  it('says when a message is clearly over, for skipping the danger question', () => {
    expect(recognizer.recognize('someone shouted abuse at me last tuesday').danger.over).toBe(true);
    // a weekday named alone after a story told in the past dates it; an opening "X here." is who is writing
    expect(recognizer.recognize('a man at the chemist called me a cripple and laughed. Tuesday afternoon.').danger.over).toBe(true);
    expect(recognizer.recognize('a customer called me a terrorist and chucked his change at me then stormed out').danger.over).toBe(true);
    expect(recognizer.recognize('Bus driver here. A passenger spat at a Sikh lad on my bus last night.').danger.level).toBe('no');
    expect(recognizer.recognize('someone is shouting abuse at me right now').danger.over).toBe(false);
  });
});
