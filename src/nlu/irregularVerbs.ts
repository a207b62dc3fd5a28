/**
 * English irregular verb forms, for the word lists matched by lemma. The tagger lemmatises a form only when
 * it reads it as a verb: "someone getting beaten" tags "beaten" an adjective and keeps it as it is, so
 * "beat" in a list would miss it. Past tenses and participles of the verbs people use for what was done
 * to them (and for how they would report it). Regular forms (kicked, kicking) need no table.
 */
const TABLE: Record<string, string> = {
  beaten: 'beat', beat: 'beat', bitten: 'bite', bit: 'bite', blown: 'blow', blew: 'blow', broken: 'break', broke: 'break',
  brought: 'bring', burnt: 'burn', caught: 'catch', chosen: 'choose', came: 'come', crept: 'creep', cut: 'cut', dealt: 'deal',
  done: 'do', drawn: 'draw', drew: 'draw', driven: 'drive', drove: 'drive', fallen: 'fall', fell: 'fall', fought: 'fight',
  felt: 'feel', flung: 'fling', flew: 'fly', forced: 'force', froze: 'freeze', frozen: 'freeze', got: 'get', gotten: 'get', given: 'give', gave: 'give',
  gone: 'go', went: 'go', grabbed: 'grab', held: 'hold', hid: 'hide', hidden: 'hide', hit: 'hit', hurt: 'hurt', kept: 'keep',
  knelt: 'kneel', knew: 'know', known: 'know', laid: 'lay', led: 'lead', lit: 'light', lost: 'lose', made: 'make',
  met: 'meet', ran: 'run', rode: 'ride', ridden: 'ride', rang: 'ring', rung: 'ring', said: 'say', sat: 'sit', saw: 'see', seen: 'see',
  sent: 'send', set: 'set', shook: 'shake', shaken: 'shake', shot: 'shoot', shut: 'shut', slung: 'sling', slit: 'slit', spat: 'spit',
  split: 'split', spoke: 'speak', spoken: 'speak', stood: 'stand', stole: 'steal', stolen: 'steal', stuck: 'stick', stung: 'sting',
  struck: 'strike', stricken: 'strike', swore: 'swear', sworn: 'swear', swung: 'swing', took: 'take', taken: 'take', threw: 'throw', thrown: 'throw',
  told: 'tell', tore: 'tear', torn: 'tear', trod: 'tread', trodden: 'tread', woke: 'wake', woken: 'wake', wore: 'wear', worn: 'wear',
  wrote: 'write', written: 'write', slain: 'slay', slew: 'slay', bled: 'bleed', fled: 'flee',
  smote: 'smite', shoved: 'shove', thrust: 'thrust', overran: 'overrun', overrun: 'overrun', run: 'run', begun: 'begin', began: 'begin',
};

/** A Map, not the object: a word such as "constructor" must not find Object.prototype's. */
const FORMS = new Map(Object.entries(TABLE));

/** The verb an irregular past form belongs to ("beaten" -> "beat"), if it is one. */
export function irregularLemma(word: string): string | undefined {
  return FORMS.get(word);
}
