/**
 * The adapter's last line of defence: a turn that throws is logged (error name and stack only, never
 * what was typed), the person gets a fixed message that still shows 999 and 101, and the conversation's
 * state is cleared so the next message starts afresh.
 */
import type { ConversationState, TurnContext } from 'botbuilder';
import { toActivity } from '../dialogs/render';
import type { Responder } from './core/responder';
import { errorForLog, type Logger } from './logger';

export function makeOnTurnError(responder: Responder, conversationState: ConversationState, logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    logger.error({ err: errorForLog(error), activityType: context.activity.type, channelId: context.activity.channelId }, 'turn failed');
    try {
      const reply = responder.menu('main');
      await context.sendActivities([
        toActivity(responder.say(['r-error']), context.activity.channelId),
        toActivity(reply, context.activity.channelId),
      ]);
      await conversationState.delete(context);
    } catch (secondError) {
      logger.error({ err: errorForLog(secondError) }, 'could not tell the person about the failed turn');
    }
  };
}
