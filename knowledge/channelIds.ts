/** The five channels the bot signposts to. Kept apart from schema.ts so that code can name them without loading zod. */
export const CHANNEL_IDS = ['call-999', 'call-101', 'online-report', 'true-vision', 'lgbt-liaison'] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];
