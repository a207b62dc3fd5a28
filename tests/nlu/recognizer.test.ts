/** The recognizer: topics, out of scope, answers read by each reader, slots, and explanations. */
import { OUT_OF_SCOPE } from '../../src/nlu/recognizer';
import { realKnowledge, realRecognizer } from '../helpers';

const recognizer = realRecognizer();

describe('topic', () => {
  it.each([
    ['I want to report a hate crime', 'report'],
    ['i saw a woman get abused for wearing a headscarf last week', 'report-witness'],
    ['what does hate crime mean', 'what-is-hate-crime'],
    ['i want to speak to an lgbt liaison officer', 'lgbt-liaison'],
    ['start again', 'restart'],
    ['is this chat anonymous', 'privacy'],
    ['thank you', 'thanks'],
    ['hello', 'greeting'],
  ])('"%s" -> %s', (text, intent) => {
    expect(recognizer.recognize(text).intent).toBe(intent);
  });

  it.each([
    ['what is the weather like in st albans tomorrow', 'everyday'],
    ['my bike was stolen from outside the station last week', 'other-crime'],
    ['how do i apply for a firearms licence', 'police-admin'],
  ])('"%s" is out of scope (%s)', (text, kind) => {
    const decision = recognizer.recognize(text);
    expect(decision.intent).toBe(OUT_OF_SCOPE);
    expect(decision.emergency).toBe(false);
    expect(decision.outOfScope).toBeDefined();
    if (kind !== 'everyday') expect(decision.outOfScope).not.toBe('everyday');
  });

  it('a message about who someone is, or hate aimed at them, is never out of scope', () => {
    const decision = recognizer.recognize('someone stole my bike and wrote paki on the wall');
    expect(decision.intent).not.toBe(OUT_OF_SCOPE);
    expect(decision.reason).toMatch(/mentions "paki", so not out of scope/);
  });

  it.each([
    ['is there a deaf club in watford that meets in the evenings'],
    ['where is the nearest disabled parking to the harlequin centre'],
  ])('"%s": an everyday identity word alone, with nothing hostile, stays out of scope', (text) => {
    expect(recognizer.recognize(text).intent).toBe(OUT_OF_SCOPE);
  });

  it('"go back to" an everyday place is no hate ("go back to sleep"); "go back to your country" is', () => {
    expect(recognizer.recognize('the neighbours party till 3am and my baby cant go back to sleep').aboutHate).toBeUndefined();
    expect(recognizer.recognize('a woman on the bus told me to go back to your country').aboutHate).toBeDefined();
    expect(recognizer.recognize('they told me to go back to my own country').aboutHate).toBeDefined();
    // a faith's festival or the Holocaust named in the story ties it to who people are
    expect(recognizer.recognize('lads threw stones at us on our way home from the Yom Kippur service').aboutHate).toBeDefined();
    expect(recognizer.recognize('a man did a Hitler salute at my grandad outside the bakery').aboutHate).toBeDefined();
    expect(recognizer.recognize('kids at the pool kept staring and laughing at my vitiligo yesterday').aboutHate).toBeDefined();
  });

  it('a question about what counts, supposing an act, tells no danger', () => {
    expect(recognizer.recognize('what counts as hate crime, is it only if they punch you?').danger.level).toBe('no');
  });

  it('an everyday identity word with hostility said with it is about hate', () => {
    const decision = recognizer.recognize('the lads at the deaf club keep mocking my son');
    expect(decision.intent).not.toBe(OUT_OF_SCOPE);
  });

  it('being Deaf told with something hostile done, and no asking how to reach anyone, is a report; asking is another way', () => {
    expect(recognizer.recognize('I am Deaf and a man at the bus station mocked my signing').intent).not.toBe('accessible-contact');
    expect(recognizer.recognize('im deaf, can i text you instead of calling').intent).toBe('accessible-contact');
    expect(recognizer.recognize('Can a BSL interpreter be there when I give my statement?').intent).toBe('accessible-contact');
    // someone who speaks a language, asked for; never the language someone was targeted for speaking
    expect(recognizer.recognize('have you got a Tamil speaker, my mum wants to tell you what happened but her english is limited').intent).toBe('accessible-contact');
    expect(recognizer.recognize('is there anyone who speaks Pashto, my uncle needs to report something').intent).toBe('accessible-contact');
    expect(recognizer.recognize('I want to report a woman who swore at my nan for speaking Punjabi on the bus').intent).not.toBe('accessible-contact');
    expect(recognizer.recognize('I was attacked by someone who speaks polish').intent).not.toBe('accessible-contact');
    expect(recognizer.recognize('we need interpreters please, we want to report').intent).toBe('accessible-contact');
    // what happened and a wish to report it is a report; what happened and whether it counts is the not-sure flow
    expect(recognizer.recognize('a man in the post office queue called my wife a dirty immigrant on tuesday. I wish to report this as a hate incident.').intent).toMatch(/^report/);
    expect(recognizer.recognize('A man called me a paki at the shop. is this a hate incident? I dont want it on record').intent).toBe('not-sure-counts');
    expect(recognizer.recognize('a man in the post office queue called my wife a foreigner on tuesday. would that count as a hate incident?').intent).toBe('not-sure-counts');
    // whether something with nothing of hate in it is a crime is another crime's question; the law of hate crime is not
    expect(recognizer.recognize('is it against the law if my flatmate eats my food without asking').intent).toBe('out-of-scope');
    expect(recognizer.recognize('which groups are protected? does age count?').intent).not.toBe('out-of-scope');
  });

  it('hate named with a wish to report it is a report, whatever word about this chat came with it; a question about data stays one', () => {
    expect(realKnowledge().intents.find((i) => i.id === recognizer.recognize('start again - last night some randoms raided my twitch and spammed the p*ki word, can i report that').intent)?.flow).toBe('report');
    expect(recognizer.recognize('is my data kept if i report a racist incident').intent).toBe('privacy');
  });

  it('a hate-related message mostly read as reporting goes to the report flow', () => {
    const decision = recognizer.recognize('swastika on the bins');
    expect(realKnowledge().intents.find((i) => i.id === decision.intent)?.flow).toBe('report');
    expect(decision.reason).toMatch(/about hate \("swastika"\)/);
  });

  it('explains a topic by the words that decided it; a training phrase exactly is said to be one', () => {
    expect(recognizer.recognize("i'd like to tell someone about a racist thing that happened to me").reason).toMatch(/^intent "report" \d\.\d\d \(from "/);
    expect(recognizer.recognize('I want to report a hate crime').reason).toBe('intent "report": exactly a training phrase');
  });
});

describe('answers, read by the question they answer', () => {
  it.each([
    ['danger', 'no its over they have gone', 'no'],
    ['danger', 'it happened last week', 'no'],
    ['danger', 'yes they are still outside', 'yes'],
    ['who', 'it was me', 'me'],
    ['who', 'I saw it happen on the bus', 'witness'],
    ['who', 'my son', 'someone-else'],
    ['police', "I'd rather not talk to them", 'no'],
    ['police', 'yeah i can ring them', 'phone'],
    ['phone-online', 'online please', 'online'],
    ['yes-no', 'nah', 'no'],
    // a change of mind: what follows "actually" is the answer
    ['police', 'Online I think. Actually no, phone', 'phone'],
    ['police', 'yes, actually no', 'no'],
    // "know" spelt as it sounds; a stretched word; asking leave to do it one way; computers not used
    ['danger', 'i dont no', 'not-sure'],
    ['who', 'meee', 'me'],
    ['police', 'nahh id get called a grass on my estate', 'no'],
    ['phone-online', 'can i just do it on here', 'online'],
    ['phone-online', "I'm 79, I don't do computers, I'll telephone", 'phone'],
    // saying the question's yes back is no way named; talking to someone is the phone
    ['police', 'Yes, I can speak with police', 'yes'],
    ['police', "Yes, I'd like to talk to someone", 'phone'],
    // "so" that ends an answer; a yes phrase denied; a change of mind after "no" or before "actually"
    ['police', 'I think so. I will need my son with me to translate', 'yes'],
    ['danger', "I don't think so, no", 'no'],
    ['danger', 'i guess not, they left', 'no'],
    ['phone-online', 'phone i think. actually no online, the kids are asleep', 'online'],
    ['phone-online', "phone - no online actually, I'll cry if I have to say it out loud", 'online'],
    ['phone-online', 'online, no phone calls please', 'online'],
    // doubt in so many words, asked as a question; yes in Polish; "well yeah" takes back a no; "rather X than Y"
    ['police', 'can i think about it', 'not-sure'],
    ['danger', 'tak, yes, now', 'yes'],
    ['police', 'no... well yeah ok, if it stops them doing it to someone else', 'yes'],
    ['phone-online', 'rather phone than fill in a form', 'phone'],
    ['police', 'torn tbh', 'not-sure'],
    // "but" opens a clause (it is a clause break): what follows it is the last word; to the danger question a no stays a no
    ['police', 'Not really at first but yeah I think I would now', 'yes'],
    ['police', 'kind of nervous but yes I think so', 'yes'],
    ['danger', 'no but it keeps happening', 'no'],
  ] as const)('%s: "%s" means %s', (kind, text, value) => {
    expect(recognizer.readAnswer(recognizer.recognize(text), kind)?.value).toBe(value);
  });

  it.each([
    ['police', 'nah not a problem for me', 'yes'],
    ['police', 'no id be fine speaking to them', 'yes'],
    ['police', 'happy to ring them', 'phone'],
    ['police', 'online is a nightmare for me, phone', 'phone'],
    ['police', 'do it online, my phone is broken', 'online'],
    ['phone-online', 'forms are too complicated, ring', 'phone'],
    ['danger', 'nah he is gone now, i am back in my car', 'no'],
    ['phone-online', 'phone no problem', 'phone'],
    ['police', 'its not a problem, i just dont want them involved', 'no'],
    ['police', 'id rather not ring anyone', 'online'],
    ['police', "i'd rather not do it online", 'phone'],
    // a short answer of someone and a helper verb; "might" is a maybe; the way said first, after a hedge too
    ['police', 'she wont, she had a bad time with them before', 'no'],
    ['police', 'we would', 'yes'],
    ['yes-no', 'yeah i reckon i will ta', 'yes'],
    ['police', 'i might, depends who it is', 'not-sure'],
    ['police', 'prob online, actually no i dont want to report it', 'no'],
    ['phone-online', 'online please, i work nights so cant phone anyone', 'online'],
    ['phone-online', 'probably online, my hearing is bad', 'online'],
    // dwelling on it is no doubt; leaving it is a no
    ['danger', 'no, that was last summer, i still think about it all the time', 'no'],
    ['yes-no', "i'd rather leave it to be honest", 'no'],
    // a plain yes first settles it, unless doubt comes with it; torn both ways is not sure
    ['yes-no', 'yes cheers mate, that would help', 'yes'],
    ['yes-no', 'Yes. Ive put up with it since the summer and ive had enough now', 'yes'],
    ['police', 'yeah no i dunno', 'not-sure'],
    ['police', 'yes fine, i just dont know what to say to them', 'yes'],
    ['yes-no', 'part of me wants to', 'not-sure'],
    ['danger', 'naa hes walked off', 'no'],
    // a no said before a full stop is to the question, whatever is hard for them after it
    ['police', 'No. Speaking is hard for me since my accident', 'no'],
    ['police', 'id rather phone if thats alright, the internet confuses me', 'phone'],
    // not knowing people is no doubt; a no in one clause does not deny a yes in the next; "definitely not" is no
    ['police', "I'd prefer not to, i go to pieces with people i dont know", 'no'],
    ['police', 'not comfortable no, not after last time', 'no'],
    ['yes-no', 'im not bothered about him no, happy to', 'yes'],
    ['danger', 'definitely not, hes miles away now', 'no'],
  ] as const)('to the %s question, "%s" is %s (written for the test)', (kind, text, value) => {
    expect(recognizer.readAnswer(recognizer.recognize(text), kind)?.value).toBe(value);
  });

  it('an answer it cannot read is not guessed', () => {
    expect(recognizer.readAnswer(recognizer.recognize('hmm'), 'who')).toBeUndefined();
  });

  it('"it was ..." names nobody, so is no answer to whom it happened', () => {
    for (const text of ['it was at the bus station', 'it was racist']) expect(recognizer.readAnswer(recognizer.recognize(text), 'who')).toBeUndefined();
  });

  it('a change of mind to "it is over" takes back what came before it', () => {
    expect(recognizer.recognize("Yes they're still at it. Wait no they've just run off. I think its over").emergency).toBe(false);
  });

  it('an everyday request answers no question', () => {
    for (const kind of ['police', 'who', 'yes-no'] as const) expect(recognizer.readAnswer(recognizer.recognize('can you book me a taxi'), kind)).toBeUndefined();
  });

  it('a bare yes or no, or a hint of danger read weakly, says nobody to "who did it happen to"', () => {
    for (const text of ['No', 'nah', 'yeah', 'im scared']) expect(recognizer.readAnswer(recognizer.recognize(text), 'who')).toBeUndefined();
  });
});

describe('slots from a first message', () => {
  it('reads who, over and how', () => {
    const decision = recognizer.recognize('some lads shouted racist abuse at me last tuesday, I would like to report it online');
    expect(decision.slots).toEqual(expect.objectContaining({ who: 'me', over: true, prefers: 'online' }));
  });

  it.each([
    ['people in my year keep posting that im a dirty immigrant', 'what is said is about the writer'],
    ['lads at the skatepark were mocking my stammer on saturday', "the writer's own identity targeted"],
    ['someone pulled at my hijab in the queue yesterday', "the writer's own identity targeted"],
    ['two women at the hen do kept saying loudly that i should go back where i came from', 'what is said of the writer, with any verb'],
  ])('"%s" happened to the writer (%s)', (text) => {
    expect(recognizer.recognize(text).slots.who).toBe('me');
  });

  it.each([['my muslim neighbour was punched'], ['my deaf son is being bullied at school']])('"%s": an identity word describing someone else is not the writer', (text) => {
    expect(recognizer.recognize(text).slots.who).not.toBe('me');
  });

  it('a dislike far from the phone, someone else\'s, says nothing of the way; the writer\'s own reaches further', () => {
    expect(recognizer.recognize("on my call this morning the man said he didn't want someone like me in his house").slots.prefers).toBeUndefined();
    expect(recognizer.recognize('i really do not want my dad hearing me talk about it on the phone').slots.prefers).toBe('online');
  });

  it('reads a witness and not wanting the police', () => {
    const decision = recognizer.recognize('I saw a man being abused for being gay yesterday but I do not want to talk to the police');
    expect(decision.slots).toEqual(expect.objectContaining({ who: 'witness', police: 'no' }));
  });

  it('the way that suits them: the other one when one is hard, never "hate" of a hate crime or "calling me names"', () => {
    expect(recognizer.recognize('I get really anxious on the phone, there has been stuff with my neighbours').slots.prefers).toBe('online');
    expect(recognizer.recognize('Can I report a hate crime online? Someone shouted at me yesterday').slots.prefers).not.toBe('phone');
    expect(recognizer.recognize('how do I report a hate crime by phone').slots.prefers).toBe('phone');
    expect(recognizer.recognize('at work a man keeps calling me polish scum').slots.prefers).toBeUndefined();
  });

  it('nothing said, nothing filled', () => {
    expect(recognizer.recognize('I want to report a hate crime').slots).toEqual({});
  });

  it.each([
    ['My autistic son was mocked by some older boys this morning', 'someone-else', 'a described relative'],
    ["We've received a letter at the mosque threatening to burn it down", 'me', '"we" as the writer'],
    ['This morning we found slogans sprayed across the front wall of our mandir', 'me', '"our" community'],
    ['My partner and I were called names by our neighbour on Sunday', 'me', 'the writer as one of two'],
    ['me and my mate got chased by some lads last week', 'me', 'the writer as one of two'],
    ['he punched my son and I ran for help yesterday', 'someone-else', 'the writer in a clause of their own'],
    ['my son and i ran but they caught him and beat him up', 'someone-else', 'nothing done to the writer'],
    ['my dadi was told to take her scarf off by a woman in the post office on monday', 'someone-else', 'kin as families say it'],
    ['someone spat at my brother in law outside the mosque last night', 'someone-else', 'kin of more than one word'],
    ['a man left comments under my videos last week calling me a p*ki', 'me', 'what the writer posts'],
  ] as const)('"%s": %s (%s)', (text, who, _why) => {
    expect(recognizer.recognize(text).slots.who).toBe(who);
  });

  it('a story dated earlier today and told in the past is over; one that says what is so now, or will be, is not', () => {
    expect(recognizer.recognize('earlier today a man in the queue called me a p*ki').slots.over).toBe(true);
    expect(recognizer.recognize('about an hour ago a woman at the pharmacy told me to go back to my country').slots).toEqual(expect.objectContaining({ who: 'me', over: true }));
    expect(recognizer.recognize('this afternoon a man told me to go home').slots.over).toBe(true);
    expect(recognizer.recognize('this afternoon a man told me he will come back').slots.over).toBeUndefined();
    expect(recognizer.recognize('earlier a man shouted at me, he is still outside').slots.over).toBeUndefined();
  });

  it('an LGBT+ person asking for someone who understands is asking for the liaison officer', () => {
    const asks = recognizer.recognize("I'm a trans woman and last week staff at my gym called me a tr*nny. I want advice from someone who actually understands");
    expect(asks.slots.specialist).toBe(true);
    expect(asks.intent).toBe('lgbt-liaison');
    expect(recognizer.recognize('a man shouted racist abuse at me last week, I want someone who understands').intent).not.toBe('lgbt-liaison');
    expect(recognizer.recognize("im gay and I don't need someone who understands").slots.specialist).toBeUndefined();
  });

  it('being called a name is aimed at the writer; a call from family is not', () => {
    expect(recognizer.recognize('a man keeps calling me polish scum').slots.who).toBe('me');
    expect(recognizer.recognize('my son called me at 6').slots.who).not.toBe('me');
  });
});

describe('LGBT+ mentions', () => {
  it.each(['someone outed me at work', 'my teacher keeps deadnaming me', 'he called me a f****t', 'called me a d*ke', 'the other parents said it is wrong that our girl has two mums'])('"%s" is about LGBT+ people', (text) => {
    expect(recognizer.recognize(text).lgbtMention).toBe(true);
  });

  it.each(['f*** off', 'she came out of the shop', 'called me a p*ki', 'two dads were arguing on the touchline'])('"%s" is not', (text) => {
    expect(recognizer.recognize(text).lgbtMention).toBe(false);
  });
});
