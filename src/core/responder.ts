/**
 * Builds what the bot says from knowledge/: response texts with their {placeholders} filled in, channel
 * cards, menus and step prompts. Deterministic: the same ids always give the same words.
 */
import type { ChannelId, FlowStep, Knowledge, MenuId } from '../../knowledge/schema';
import type { Button, Reply } from './reply';

/** Values from the configuration that responses may quote (`{settings.idle}`). */
export interface ResponderSettings {
  idleMinutes: number;
}

export const DEFAULT_IDLE_MINUTES = 30;

export class Responder {
  private readonly texts = new Map<string, string>();
  private readonly emergencyNumber: RegExp;

  constructor(
    private readonly k: Knowledge,
    settings: ResponderSettings = { idleMinutes: DEFAULT_IDLE_MINUTES },
  ) {
    const fields = new Map<string, Record<string, string | undefined>>();
    fields.set('settings', { idle: settings.idleMinutes === 1 ? '1 minute' : `${settings.idleMinutes} minutes` });
    const link = (url?: string) => (url ? `[${url.replace(/^https?:\/\/(www\.)?/, '')}](${url})` : undefined);
    for (const c of k.channels) fields.set(c.id, { phone: c.phone, url: c.url, link: link(c.url) });
    for (const r of k.accessibleRoutes) fields.set(r.id, { phone: r.phone, url: r.url, link: link(r.url) });
    for (const l of k.links) fields.set(l.id, { url: l.url, link: `[${l.label}](${l.url})` });
    for (const [id, response] of Object.entries(k.responses)) {
      // Placeholders are checked by loadKnowledge(), so every one resolves here.
      this.texts.set(id, response.text.replace(/\{([a-z0-9-]+)\.([a-z]+)\}/g, (_m, target: string, field: string) => fields.get(target)?.[field] ?? ''));
    }
    this.emergencyNumber = new RegExp(`\\b${k.channels.find((c) => c.id === 'call-999')?.phone ?? '999'}\\b`);
  }

  text(id: string): string {
    const text = this.texts.get(id);
    if (text === undefined) throw new Error(`unknown response id "${id}"`);
    return text;
  }

  button(labelId: string): Button {
    const label = this.text(labelId);
    return { label, value: label };
  }

  /** Statements, one paragraph each. */
  say(ids: string[]): Reply {
    return { responseIds: [...ids], text: ids.map((id) => this.text(id)).join('\n\n'), buttons: [] };
  }

  menu(menuId: MenuId): Reply {
    const menu = this.k.menus[menuId];
    return { responseIds: [menu.ask], text: this.text(menu.ask), buttons: menu.items.map((i) => this.button(i.label)) };
  }

  stepPrompt(step: FlowStep): Reply {
    return { responseIds: [step.ask], text: this.text(step.ask), buttons: step.choices.filter((c) => c.button).map((c) => this.button(c.label)) };
  }

  /** How to use a channel, with its accessible routes and what comes after. */
  channelCard(channelId: ChannelId): Reply {
    const channel = this.k.channels.find((c) => c.id === channelId);
    if (!channel) throw new Error(`unknown channel "${channelId}"`);
    const parts = [channel.how];
    const ids: string[] = [];
    const routes = channel.accessible.map((id) => this.k.accessibleRoutes.find((r) => r.id === id)).filter((r) => r !== undefined);
    if (routes.length > 0) {
      parts.push(this.text('r-accessible-intro') + '\n' + routes.map((r) => `- ${r.how}`).join('\n'));
      ids.push('r-accessible-intro');
    }
    if (channel.afterwards) parts.push(channel.afterwards);
    if (channelId !== 'call-999') {
      parts.push(this.text('r-taken-seriously'));
      ids.push('r-taken-seriously');
    }
    return { responseIds: [`channel:${channelId}`, ...ids], text: parts.join('\n\n'), buttons: [], channel: channelId };
  }

  /** The menu that follows a channel: after 999, "when you are safe"; otherwise "anything else?". */
  menuAfter(channelId: ChannelId): MenuId {
    return channelId === 'call-999' ? 'after-emergency' : 'anything-else';
  }

  mentionsEmergencyNumber(text: string): boolean {
    return this.emergencyNumber.test(text);
  }
}
