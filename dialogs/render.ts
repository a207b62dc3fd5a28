/**
 * Turns a Reply into a Bot Framework activity that renders on Web Chat, the Emulator and Teams.
 * Buttons are suggested actions, except in Teams, which shows at most three and none on a message with
 * attachments: there they go on a hero card. Phone numbers are Markdown tel: links in the text on every
 * channel; in Teams a channel's call action ("Call 999 now", a tel: link alone on its line) is also an
 * openUrl button on a hero card, which Teams' mobile apps open in the phone's dialler.
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
  const actions: CardAction[] = reply.buttons.map((b) => ({ type: ActionTypes.ImBack, title: b.label, value: b.value }));
  const calls = channelId === 'msteams' ? callActions(reply.text) : [];
  if (calls.length > 0 || (channelId === 'msteams' && actions.length > TEAMS_MAX_SUGGESTED_ACTIONS)) {
    activity.attachments = [CardFactory.heroCard('', undefined, [...calls, ...actions])];
  } else if (actions.length > 0) {
    activity.suggestedActions = { actions, to: [] };
  }
  return activity;
}

/** Tap-to-call links alone on their line ("[Call 999 now](tel:999)"): a channel's call action. */
export function callActions(text: string): CardAction[] {
  return [...text.matchAll(/^\[([^\]]+)\]\((tel:\+?[0-9]+)\)$/gm)].map(([, title, value]) => ({ type: ActionTypes.OpenUrl, title: title!, value: value! }));
}
