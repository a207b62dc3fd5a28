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

export const ChannelId = z.enum(CHANNEL_IDS);
export type ChannelId = z.infer<typeof ChannelId>;

const SourceRef = z.strictObject({ id: Id, quote: z.string().min(10) });

export const SourcesFile = z.strictObject({
  version: FormatVersion,
  sources: z.array(
    z.strictObject({
      id: Id,
      title: z.string(),
      publisher: z.string(),
      url: z.url(),
      published: IsoDate.optional(),
      /** A local copy, relative to the project root, that quotes are checked against. */
      file: z.string().optional(),
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
  intents: z.array(Id).default([]),
  say: z.array(Id).default([]),
  /** a step id, a channel id, `flow:<id>` or `end` */
  next: z.string(),
});
const Step = z.strictObject({ id: Id, ask: Id, choices: z.array(Choice).min(2) });
export const FlowsFile = z.strictObject({
  version: FormatVersion,
  flows: z.record(Id, z.strictObject({ say: z.array(Id).default([]), start: Id, steps: z.array(Step).min(1) })),
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
  version: FormatVersion,
  cues: z.array(z.strictObject({ id: Id, phrases: z.array(z.string().min(2)).min(1) })).min(1),
  callForHelp: z.strictObject({ words: z.array(z.string()), urgentWords: z.array(z.string()), fillerWords: z.array(z.string()) }),
  negations: z.array(z.string()).min(1),
  negationWindow: z.int().min(1).max(6),
  pastMarkers: z.array(z.string()),
  presentMarkers: z.array(z.string()),
  clauseBreaks: z.array(z.string()),
  emoji: z.record(z.string(), z.string()),
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
  }),
  lgbtTerms: z.array(z.string()).min(1),
  personalDetailPhrases: z.array(z.string()),
  protectedWords: z.array(z.string()),
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
});
export type Knowledge = z.infer<typeof KnowledgeSchema>;
export type Intent = Knowledge['intents'][number];
export type Flow = Knowledge['flows'][string];
export type FlowStep = Flow['steps'][number];
export type FlowChoice = FlowStep['choices'][number];
export type Channel = Knowledge['channels'][number];
export type MenuItem = z.infer<typeof MenuItem>;
