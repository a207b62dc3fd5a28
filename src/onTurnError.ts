/**
 * The adapter's last line of defence: a turn that throws is logged (error name and stack only, never
 * what was typed), the person gets a fixed message that still shows 999 and 101, and the conversation's
 * state is cleared so the next message starts afresh. Not after an eTag conflict: another instance has
 * just saved this conversation, and clearing it would lose that turn.
 */
import type { ConversationState, TurnContext } from 'botbuilder';
import { toActivity } from '../dialogs/render';
import type { Responder } from './core/responder';
import { errorForLog, type Logger } from './logger';

/** What MemoryStorage and BlobsStorage both throw when a write's eTag no longer matches. */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /due to eTag conflict/.test(error.message);
}

export function makeOnTurnError(responder: Responder, conversationState: ConversationState, logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const conflict = isETagConflict(error);
    logger.error(
      { err: errorForLog(error), activityType: context.activity.type, channelId: context.activity.channelId, store: conflict ? 'eTag conflict' : undefined },
      'turn failed',
    );
    try {
      const reply = responder.menu('main');
      await context.sendActivities([
        toActivity(responder.say(['r-error']), context.activity.channelId),
        toActivity(reply, context.activity.channelId),
      ]);
      if (!conflict) await conversationState.delete(context);
    } catch (secondError) {
      logger.error({ err: errorForLog(secondError) }, 'could not tell the person about the failed turn');
    }
  };
}
