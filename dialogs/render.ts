/**
 * Turns a Reply into a Bot Framework activity that renders on Web Chat, the Emulator and Teams.
 * Buttons are suggested actions, except in Teams, which shows at most three and none on a message with
 * attachments: there they go on a hero card.
 */
import { ActionTypes, ActivityTypes, CardFactory, InputHints, type Activity, type CardAction } from 'botbuilder';
import type { Reply } from '../src/core/reply';

/** Teams shows at most this many suggested actions. */
const TEAMS_MAX_SUGGESTED_ACTIONS = 3;

export function toActivity(reply: Reply, channelId: string | undefined): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: reply.text,
    textFormat: 'markdown',
    inputHint: reply.buttons.length > 0 ? InputHints.ExpectingInput : InputHints.AcceptingInput,
  };
  if (reply.buttons.length === 0) return activity;
  const actions: CardAction[] = reply.buttons.map((b) => ({ type: ActionTypes.ImBack, title: b.label, value: b.value }));
  if (channelId === 'msteams' && actions.length > TEAMS_MAX_SUGGESTED_ACTIONS) {
    activity.attachments = [CardFactory.heroCard('', undefined, actions)];
  } else {
    activity.suggestedActions = { actions, to: [] };
  }
  return activity;
}
