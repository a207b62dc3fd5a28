/** The five channels the bot signposts to. Kept apart from schema.ts so that code can name them without loading zod. */
export const CHANNEL_IDS = ['call-999', 'call-101', 'online-report', 'true-vision', 'lgbt-liaison'] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

const CHANNEL_SET = new Set<string>(CHANNEL_IDS);

/**
 * The channels a flow choice's `next` names: one id, or two or more joined by " or " (both are given and
 * the person picks). Undefined when `next` is not channels (a step, a flow or `end`).
 */
export function channelsIn(next: string): ChannelId[] | undefined {
  const ids = next.split(' or ');
  return ids.every((id) => CHANNEL_SET.has(id)) ? (ids as ChannelId[]) : undefined;
}
