/** Replies as Bot Framework activities: a channel's call action in Teams, buttons on each channel. */
import { toActivity } from '../../dialogs/render';
import { Responder } from '../../src/core/responder';
import { realKnowledge } from '../helpers';

describe('the 999 answer as an activity', () => {
  const responder = new Responder(realKnowledge());
  const card = responder.channelCard('call-999');

  it('in Teams carries "Call 999 now" as an openUrl tel: button on a hero card (Teams opens it in the dialler on phones)', () => {
    const activity = toActivity(card, 'msteams');
    const content = activity.attachments?.[0]?.content as { buttons: { type: string; title: string; value: string }[] };
    expect(activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.hero');
    expect(content.buttons).toEqual([{ type: 'openUrl', title: 'Call 999 now', value: 'tel:999' }]);
    expect(activity.text).toContain('[Call 999 now](tel:999)');
  });

  it.each(['webchat', 'emulator', 'directline'])('on %s is text with tap-to-call links, no card', (channel) => {
    const activity = toActivity(card, channel);
    expect(activity.attachments).toBeUndefined();
    expect(activity.text).toMatch(/^\[Call 999 now\]\(tel:999\)\n/);
  });

  it('in Teams keeps the buttons of a prompt that also has a call action on the same card', () => {
    const activity = toActivity({ ...card, buttons: [{ label: 'Start again', value: 'Start again' }] }, 'msteams');
    const content = activity.attachments?.[0]?.content as { buttons: { type: string; title: string }[] };
    expect(content.buttons.map((b) => `${b.type}:${b.title}`)).toEqual(['openUrl:Call 999 now', 'imBack:Start again']);
    expect(activity.suggestedActions).toBeUndefined();
  });

  it.each([
    ['call-101', 'Call 101', 'tel:101'],
    ['lgbt-liaison', 'Call 101', 'tel:101'],
  ] as const)('%s in Teams: "%s" (%s)', (channel, title, value) => {
    const content = toActivity(responder.channelCard(channel), 'msteams').attachments?.[0]?.content as { buttons: { title: string; value: string }[] };
    expect(content.buttons).toEqual([expect.objectContaining({ title, value })]);
  });

  it.each(['online-report', 'true-vision'] as const)('%s has no phone, so no call card in Teams', (channel) => {
    expect(toActivity(responder.channelCard(channel), 'msteams').attachments).toBeUndefined();
  });
});
