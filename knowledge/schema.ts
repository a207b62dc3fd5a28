/**
 * The shape of every file in knowledge/. Strict objects: a misspelt key is an error, not a silent default.
 * The schema is the type: `Knowledge` is inferred from it.
 */
import { z } from 'zod';
import { CHANNEL_IDS } from './channelIds';

export { CHANNEL_IDS };

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case (a-z, 0-9, -)');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');
const FormatVersion = z.literal(1);

/** Kinds of out-of-scope message: each gets its own reply. */
export const OUT_OF_SCOPE_KINDS = ['everyday', 'other-crime', 'police-admin', 'nonsense'] as const;
export type OutOfScopeKind = (typeof OUT_OF_SCOPE_KINDS)[number];

/** Kinds of question, each read by its own answer reader, and the meanings each can return. */
export const ANSWER_KINDS = {
  danger: ['yes', 'no', 'not-sure'],
  'yes-no': ['yes', 'no', 'not-sure'],
  police: ['yes', 'no', 'not-sure', 'phone', 'online'],
  who: ['me', 'witness', 'someone-else'],
  'phone-online': ['phone', 'online'],
} as const;
export type AnswerKind = keyof typeof ANSWER_KINDS;
const AnswerKindId = z.enum(Object.keys(ANSWER_KINDS) as [AnswerKind, ...AnswerKind[]]);

export const ChannelId = z.enum(CHANNEL_IDS);
export type ChannelId = z.infer<typeof ChannelId>;

const SourceRef = z.strictObject({ id: Id, quote: z.string().min(10) });

/** A file inside knowledge/ (relative, no `..`): the project carries its own sources. */
const InsideKnowledge = z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w./-]+$/, 'a path inside knowledge/ (relative, no "..")');

export const SourcesFile = z.strictObject({
  version: FormatVersion,
  sources: z.array(
    z.strictObject({
      id: Id,
      title: z.string(),
      publisher: z.string(),
      url: z.url(),
      published: IsoDate.optional(),
      /** When it was read, and from what (the live page, or which copy of it). */
      read: z.strictObject({ on: IsoDate, from: z.string().min(10) }),
      /** A copy kept in knowledge/ (e.g. sources/<id>.md) that every quote from this source is checked against. */
      file: InsideKnowledge.optional(),
    }),
  ),
});

export const ChannelsFile = z.strictObject({
  version: FormatVersion,
  channels: z.array(
    z.strictObject({
      id: ChannelId,
      name: z.string(),
      phone: z.string().optional(),
      url: z.url().optional(),
      whenToUse: z.string(),
      how: z.string(),
      afterwards: z.string().optional(),
      accessible: z.array(Id).default([]),
      source: SourceRef,
    }),
  ),
  accessibleRoutes: z.array(
    z.strictObject({
      id: Id,
      forChannel: ChannelId,
      name: z.string(),
      phone: z.string().optional(),
      url: z.url().optional(),
      how: z.string(),
      verified: IsoDate,
      source: SourceRef,
    }),
  ),
});

export const LinksFile = z.strictObject({
  version: FormatVersion,
  links: z.array(z.strictObject({ id: Id, url: z.url(), label: z.string(), source: SourceRef })),
});

export const FactsFile = z.strictObject({
  version: FormatVersion,
  facts: z.array(z.strictObject({ id: Id, statement: z.string(), source: Id, quote: z.string().min(10) })),
});

export const ResponsesFile = z.strictObject({
  version: FormatVersion,
  responses: z.record(Id, z.strictObject({ text: z.string().min(1), facts: z.array(Id).default([]) })),
});

const MenuItem = z.strictObject({ label: Id, intent: Id, presets: z.record(Id, Id).default({}) });
export const MenusFile = z.strictObject({
  version: FormatVersion,
  menus: z.strictObject({
    main: z.strictObject({ ask: Id, items: z.array(MenuItem).min(1) }),
    'anything-else': z.strictObject({ ask: Id, items: z.array(MenuItem).min(1) }),
    'after-channel': z.strictObject({ ask: Id, items: z.array(MenuItem).min(1) }),
    'after-emergency': z.strictObject({ ask: Id, items: z.array(MenuItem).min(1) }),
  }),
});
export type MenuId = keyof z.infer<typeof MenusFile>['menus'];

const Choice = z.strictObject({
  id: Id,
  label: Id,
  /** What a typed answer must mean to pick this choice (a value of the step's answer reader); default: the id. */
  means: z.array(Id).optional(),
  intents: z.array(Id).default([]),
  say: z.array(Id).default([]),
  /** false: only read from typed text ("yes" to a question whose buttons already say how). */
  button: z.boolean().default(true),
  /** a step id, a channel id, `flow:<id>` or `end` */
  next: z.string(),
  /** Where the choice leads instead for someone who has said they are LGBT+: channels ("true-vision or lgbt-liaison"). */
  forLgbt: z.string().optional(),
});
const Step = z.strictObject({ id: Id, ask: Id, reads: AnswerKindId, choices: z.array(Choice).min(2) });
export const FlowsFile = z.strictObject({
  version: FormatVersion,
  flows: z.record(
    Id,
    z.strictObject({
      say: z.array(Id).default([]),
      start: Id,
      steps: z.array(Step).min(1),
      /** A typed message that starts the flow, for a flow no button leads to (the emergency-injection test uses it). */
      example: z.string().optional(),
    }),
  ),
});

export const IntentsFile = z.strictObject({
  version: FormatVersion,
  intents: z.array(
    z.strictObject({
      id: Id,
      label: Id.optional(),
      flow: Id.optional(),
      presets: z.record(Id, Id).default({}),
      answer: z.array(Id).optional(),
      /** the menu offered after an answer */
      menu: z.enum(['main', 'anything-else']).default('anything-else'),
      interrupt: z.enum(['restart', 'help', 'forget']).optional(),
      channels: z.array(ChannelId),
      utterances: z.array(z.string().min(1)).min(5),
    }),
  ),
});

export const SafetyFile = z.strictObject({
  version: z.literal(2),
  /** Each family of emergency, with the sentence staff see when it fires. */
  families: z.record(Id, z.string().min(5)),
  /** Named word lists the families are composed of (lemmas or words; several words match in order). */
  lexicons: z.record(z.string().regex(/^[a-z][a-zA-Z]*$/), z.array(z.string().min(1)).min(1)),
  callForHelp: z.strictObject({ words: z.array(z.string()), urgentWords: z.array(z.string()), fillerWords: z.array(z.string()) }),
  backstop: z.strictObject({
    maybe: z.number().min(0).max(1),
    now: z.number().min(0).max(1),
    sure: z.number().min(0).max(1).optional(),
    veto: z.number().min(0).max(1).optional(),
    vetoSpares: z.array(z.string()).default([]),
    /** Families spared the veto only when the time is said in so many words ("they're at the door right now"). */
    vetoSparesSaidNow: z.array(z.string()).default([]),
  }),
  clauseBreaks: z.array(z.string()),
  emoji: z.record(z.string(), z.string()),
});

export const TopicsFile = z.strictObject({ version: FormatVersion, topics: z.record(Id, z.array(z.string().min(1)).min(1)) });
export const OutOfScopeFile = z.strictObject({
  version: FormatVersion,
  kinds: z.record(z.enum(OUT_OF_SCOPE_KINDS), z.array(z.string().min(1)).min(5)),
});
export const DangerTrainingFile = z.strictObject({
  version: FormatVersion,
  emergency: z.array(z.string().min(1)).min(20),
  'not-emergency': z.array(z.string().min(1)).min(20),
});
export const AnswersFile = z.strictObject({
  version: FormatVersion,
  /** Training answers by the question they answer (danger, who, police, phone-or-online, want-to-report) and meaning. */
  answers: z.record(Id, z.record(Id, z.array(z.string().min(1)).min(1))),
});

export const NluFile = z.strictObject({
  version: FormatVersion,
  expansions: z.record(z.string(), z.string()),
  recognizer: z.strictObject({
    threshold: z.number().min(0).max(1),
    stepThreshold: z.number().min(0).max(1),
    clarifyMargin: z.number().min(0).max(1),
    answerShare: z.number().min(0).max(1),
    smoothing: z.number().positive().max(1),
    hateCheck: z.number().min(0).max(1),
    rerouteThreshold: z.number().min(0).max(1),
    asideThreshold: z.number().min(0).max(1),
    everydayIdentity: z.number().min(0).max(1),
  }),
  lgbtTerms: z.array(z.string()).min(1),
  personalDetailPhrases: z.array(z.string()),
  protectedWords: z.array(z.string()),
  /** A first clause made only of these ("Hello.", "hi there") greets; the topic is read from what follows. */
  greetingWords: z.array(z.string()).min(1),
  /** Intents said alongside an answer ("no thanks", "hi, yes"), never instead of one: not a question of their own. */
  pleasantries: z.array(Id),
  /** Words about this chat itself ("are you a bot", "is this recorded"): such a message is a question for it, not out of scope. */
  aboutThisChat: z.array(z.string()).min(1),
  /** Asking for another way to contact the police: an interpreter, another language, an aid. */
  anotherWay: z.array(z.string()).min(1),
  /**
   * Languages people ask for help in: with a word of asking for someone who speaks it ("Urdu speaker", "someone who speaks
   * Somali", "Arabic interpreter"), another way to contact the police; never "speaking Polish", which is often what they were targeted for.
   */
  languages: z.array(z.string()).min(1),
  /** The words that, after a language, ask for someone who speaks it ("Urdu speaker", "Somali language help"). */
  languageHelp: z.array(z.string()).min(1),
  /** Before "speaks" and a language, who is asked for ("someone who speaks Urdu", "anyone speak Somali"). */
  languageAskers: z.array(z.string()).min(1),
  /** Words of a question whether what was told counts ("...is that a hate incident?", "counts?"): the not-sure flow, not a report. */
  countsQuestion: z.array(z.string()).min(1),
  /** Asking whether something is a crime, or what a word means: with nothing of hate in it, out of scope (lemmas). */
  crimeQuestionWords: z.array(z.string()).min(1),
  /** The law of hate crime itself ("which characteristics are covered?"): a question with one is about hate crime (lemmas). */
  hateLawWords: z.array(z.string()).min(1),
  /** Words of reaching someone, one of which an another-way request has ("can I report in Bengali"). */
  reachWords: z.array(z.string()).min(1),
  /** After "speak to", "talk to": people, not a phone ("I'd rather not speak to anyone"). */
  toPeople: z.array(z.string()).min(1),
  identityWords: z.array(z.string()).min(1),
  everydayReturns: z.array(z.string()).min(1),
  /** Identity words that are everyday words too ("black mould", "a wheelchair ramp"): see nlu.yaml. */
  everydayIdentityWords: z.array(z.string()),
  /** Words of hostility: said with an everyday identity word, they tie a message to hate. */
  hostilityWords: z.array(z.string()).min(1),
  phoneWords: z.array(z.string()).min(1),
  answerPhrases: z.strictObject({
    yes: z.array(z.string()).min(1),
    notSure: z.array(z.string()).min(1),
    questionWords: z.array(z.string()).min(1),
    no: z.array(z.string()).min(1),
    contrast: z.array(z.string()).min(1),
    /** Doubt that unsettles "it is over" ("I think they have gone"). */
    hedge: z.array(z.string()).min(1),
    /** A change of mind: what follows is the answer. */
    correction: z.array(z.string()).min(1),
    /** A plain yes word. */
    yesWords: z.array(z.string()).min(1),
    /** A preference: the way named after one of these is the one wanted ("rather phone than fill in a form"). */
    rather: z.array(z.string()).min(1),
    /** Declining to say whom it happened to. */
    decline: z.array(z.string()).min(1),
  }),
  phoneAversion: z.array(z.string()).min(1),
  onlineWords: z.array(z.string()).min(1),
  onlineAversion: z.array(z.string()).min(1),
  slots: z.strictObject({
    witness: z.array(z.string()).min(1),
    someoneElse: z.array(z.string()).min(1),
    me: z.array(z.string()).min(1),
    notPolice: z.array(z.string()).min(1),
    policeWords: z.array(z.string()).min(1),
    policeFear: z.array(z.string()).min(1),
    policeVerbs: z.array(z.string()).min(1),
    phone: z.array(z.string()).min(1),
    online: z.array(z.string()).min(1),
    /** After "told me": an order shouted at the writer ("told me go back"), so it was aimed at them. */
    orders: z.array(z.string()).min(1),
    /** Verbs whose "me" is whom a message went to, not whom it was done to ("my son rang me"). */
    messaging: z.array(z.string()).min(1),
    sayings: z.array(z.string()).min(1),
    /** Asks for someone who understands them or specialises: from an LGBT+ person, a request for the liaison officer. */
    specialist: z.array(z.string()).min(1),
  }),
});

/** Everything the bot knows, as validated and cross-checked by loadKnowledge(). */
export const KnowledgeSchema = z.strictObject({
  sources: SourcesFile.shape.sources,
  channels: ChannelsFile.shape.channels,
  accessibleRoutes: ChannelsFile.shape.accessibleRoutes,
  links: LinksFile.shape.links,
  facts: FactsFile.shape.facts,
  responses: ResponsesFile.shape.responses,
  menus: MenusFile.shape.menus,
  flows: FlowsFile.shape.flows,
  intents: IntentsFile.shape.intents,
  safety: SafetyFile.omit({ version: true }),
  nlu: NluFile.omit({ version: true }),
  understanding: z.strictObject({
    topics: TopicsFile.shape.topics,
    outOfScope: OutOfScopeFile.shape.kinds,
    danger: DangerTrainingFile.omit({ version: true }),
    answers: AnswersFile.shape.answers,
  }),
});
export type Knowledge = z.infer<typeof KnowledgeSchema>;
export type Intent = Knowledge['intents'][number];
export type Flow = Knowledge['flows'][string];
export type FlowStep = Flow['steps'][number];
export type FlowChoice = FlowStep['choices'][number];
export type Channel = Knowledge['channels'][number];
export type MenuItem = z.infer<typeof MenuItem>;
