/**
 * Builds what the bot says from knowledge/: response texts with their {placeholders} filled in, channel
 * cards, menus and step prompts. Deterministic: the same ids always give the same words.
 */
import type { ChannelId, FlowStep, Knowledge, MenuId } from '../../knowledge/schema';
import type { Button, Reply } from './reply';

/**
 * A {target.field} placeholder in knowledge text. For an entry of channels.yaml or links.yaml: `phone` (the
 * number as written), `tel` (the number as a tap-to-call Markdown link), `dial` (its tel: URI), `sms` (the
 * number as a text-message link), `url`, and `link` (the address as a Markdown link).
 */
const PLACEHOLDER = /\{([a-z0-9-]+)\.([a-z]+)\}/g;

/** "18001 101" -> "18001101": what a tel: or sms: URI dials. */
export const dialable = (phone: string) => phone.replace(/[^0-9+]/g, '');

/** Fields a placeholder can name, for an entry with this phone number and address. */
export function placeholderFields(entry: { phone?: string; url?: string; label?: string }): Record<string, string | undefined> {
  const { phone, url } = entry;
  const shown = url ? (entry.label ?? url.replace(/^https?:\/\/(www\.)?/, '')) : undefined;
  return {
    phone,
    tel: phone ? `[${phone}](tel:${dialable(phone)})` : undefined,
    dial: phone ? `tel:${dialable(phone)}` : undefined,
    sms: phone ? `[${phone}](sms:${dialable(phone)})` : undefined,
    url,
    link: url ? `[${shown}](${url})` : undefined,
  };
}

/** Values from the configuration that responses may quote (`{settings.idle}`). */
export interface ResponderSettings {
  idleMinutes: number;
}

export const DEFAULT_IDLE_MINUTES = 30;

export class Responder {
  private readonly texts = new Map<string, string>();
  private readonly fields = new Map<string, Record<string, string | undefined>>();
  private readonly emergencyNumber: RegExp;

  constructor(
    private readonly k: Knowledge,
    settings: ResponderSettings = { idleMinutes: DEFAULT_IDLE_MINUTES },
  ) {
    const fields = this.fields;
    fields.set('settings', { idle: settings.idleMinutes === 1 ? '1 minute' : `${settings.idleMinutes} minutes` });
    for (const c of k.channels) fields.set(c.id, placeholderFields(c));
    for (const r of k.accessibleRoutes) fields.set(r.id, placeholderFields(r));
    for (const l of k.links) fields.set(l.id, placeholderFields(l));
    // Placeholders are checked by loadKnowledge(), so every one resolves here.
    for (const [id, response] of Object.entries(k.responses)) this.texts.set(id, this.fill(response.text));
    this.emergencyNumber = new RegExp(`\\b${k.channels.find((c) => c.id === 'call-999')?.phone ?? '999'}\\b`);
  }

  private fill(text: string): string {
    return text.replace(PLACEHOLDER, (_m, target: string, field: string) => this.fields.get(target)?.[field] ?? '');
  }

  text(id: string): string {
    const text = this.texts.get(id);
    if (text === undefined) throw new Error(`unknown response id "${id}"`);
    return text;
  }

  /**
   * A plain-text response (the page's `page-*`) as HTML for the page: the words escaped, each phone number
   * a tap-to-call link and each address a link.
   */
  html(id: string, escape: (text: string) => string): string {
    const raw = this.k.responses[id]?.text;
    if (raw === undefined) throw new Error(`unknown response id "${id}"`);
    let html = '';
    let last = 0;
    for (const match of raw.matchAll(PLACEHOLDER)) {
      html += escape(raw.slice(last, match.index));
      const f = this.fields.get(match[1]!) ?? {};
      const field = match[2]!;
      if ((field === 'phone' || field === 'tel') && f.phone) html += `<a href="${escape(f.dial!)}">${escape(f.phone)}</a>`;
      else if ((field === 'url' || field === 'link') && f.url) html += `<a href="${escape(f.url)}">${escape(f.url)}</a>`;
      else html += escape(f[field] ?? '');
      last = match.index + match[0].length;
    }
    return html + escape(raw.slice(last));
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

  /**
   * How to use a channel: its action first (a tap-to-call or a link, on a line of its own), its accessible
   * routes one line each, what comes after. `lgbt`: sexual orientation or gender identity came up, so
   * the 999 answer says an LGBT+ Liaison Officer can be asked for afterwards (and only then). `also`:
   * further channels given beside it (each one's action after the first's), when either would do.
   */
  channelCard(channelId: ChannelId, { lgbt = false, also = [] }: { lgbt?: boolean; also?: ChannelId[] } = {}): Reply {
    const channels = [channelId, ...also].map((id) => {
      const channel = this.k.channels.find((c) => c.id === id);
      if (!channel) throw new Error(`unknown channel "${id}"`);
      return channel;
    });
    const parts = channels.map((c) => this.fill(c.how));
    const ids: string[] = [];
    const routes = channels
      .flatMap((c) => c.accessible)
      .map((id) => this.k.accessibleRoutes.find((r) => r.id === id))
      .filter((r) => r !== undefined);
    if (routes.length > 0) {
      parts.push(this.text('r-accessible-intro') + '\n' + routes.map((r) => `- ${this.fill(r.how)}`).join('\n'));
      ids.push('r-accessible-intro');
    }
    for (const c of channels) if (c.afterwards) parts.push(this.fill(c.afterwards));
    if (channelId === 'call-999' && lgbt) {
      parts.push(this.text('r-lgbt-after-999'));
      ids.push('r-lgbt-after-999');
    }
    if (channelId !== 'call-999') {
      parts.push(this.text('r-taken-seriously'));
      ids.push('r-taken-seriously');
    }
    return { responseIds: [...channels.map((c) => `channel:${c.id}`), ...ids], text: parts.join('\n\n'), buttons: [], channel: channels.map((c) => c.id).join(' or ') };
  }

  /** The menu that follows a channel: after 999, "when you are safe"; otherwise a short "anything else?". */
  menuAfter(channelId: ChannelId): MenuId {
    return channelId === 'call-999' ? 'after-emergency' : 'after-channel';
  }

  mentionsEmergencyNumber(text: string): boolean {
    return this.emergencyNumber.test(text);
  }
}
