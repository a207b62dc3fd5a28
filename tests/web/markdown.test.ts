/**
 * The page's Markdown renderer (web/markdown.js), which Web Chat's minimal bundle uses for every bot
 * message: the little Markdown the bot writes becomes HTML, and nothing in a message becomes markup.
 */
import { join } from 'node:path';
import { projectRoot } from '../../src/projectRoot';
import { Responder } from '../../src/core/responder';
import { escapeHtml } from '../../src/html';
import { realKnowledge } from '../helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const render = require(join(projectRoot(), 'web', 'markdown.js')) as (markdown: string, styleOptions?: unknown, options?: { externalLinkAlt?: string }) => string;

describe('the page renders the bot\'s Markdown', () => {
  it.each([
    ['paragraphs', 'One.\n\nTwo.', '<p>One.</p><p>Two.</p>'],
    ['a line break', 'One\nTwo', '<p>One<br>Two</p>'],
    ['bold and italic', '**In an emergency** and _if in doubt_.', '<p><strong>In an emergency</strong> and <em>if in doubt</em>.</p>'],
    ['a list', 'If you can\'t speak:\n- one\n- two', '<p>If you can&#39;t speak:</p><ul><li>one</li><li>two</li></ul>'],
    ['a tap-to-call link', 'call [999](tel:999).', '<p>call <a href="tel:999" class="call">999</a>.</p>'],
    ['a text-message link', 'Text [999](sms:999)', '<p>Text <a href="sms:999" class="text-message">999</a></p>'],
    ['a web link, opened in a new tab', 'at [report-it.org.uk](https://www.report-it.org.uk).', '<p>at <a href="https://www.report-it.org.uk" target="_blank" rel="noopener noreferrer">report-it.org.uk</a>.</p>'],
    ['a link alone on its line: the action', '[Call 999 now](tel:999)\n\nAsk for the police.', '<p class="action"><a href="tel:999" class="call">Call 999 now</a></p><p>Ask for the police.</p>'],
    ['underscores inside words stay', 'snake_case_word', '<p>snake_case_word</p>'],
  ])('%s', (_what, markdown, html) => {
    expect(render(markdown)).toBe(html);
  });

  it.each([
    ['HTML in a message', '<img src=x onerror=alert(1)> <script>alert(1)</script>', '&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a javascript: link', '[click](javascript:alert(1))', '[click](javascript:alert(1))'],
    ['a data: link', '[click](data:text/html,hi)', '[click](data:text/html,hi)'],
    ['a quote breaking out of href', '[x](https://a.example/"onmouseover="alert(1))', '[x](https://a.example/&quot;onmouseover=&quot;alert(1))'],
  ])('keeps %s as text', (_what, markdown, expected) => {
    const html = render(markdown);
    expect(html).toContain(expected);
    expect(html).not.toMatch(/<(img|script)|href="(javascript|data):|" onmouseover=/i);
  });

  it('gives web links the localised "opens in a new window" title Web Chat passes in', () => {
    expect(render('[a](https://a.example)', {}, { externalLinkAlt: 'Opens in a new window' })).toContain('title="Opens in a new window"');
  });

  it('renders every reply the bot can give with each phone number as a tap-to-call link', () => {
    const responder = new Responder(realKnowledge());
    const k = realKnowledge();
    const phones = [...k.channels, ...k.accessibleRoutes].flatMap((c) => (c.phone ? [c.phone] : []));
    const replies = [...k.channels.map((c) => responder.channelCard(c.id, { lgbt: true }).text), ...Object.keys(k.responses).filter((id) => !id.startsWith('page-')).map((id) => responder.text(id))];
    for (const text of replies) {
      const html = render(text);
      // What a person reads, links taken out: no phone number is left that cannot be tapped.
      const unlinked = html.replace(/<a [^>]*>[^<]*<\/a>/g, '').replace(/<[^>]+>/g, ' ');
      // ("999 BSL" is the name of a service, not a number to dial.)
      for (const phone of phones) expect(unlinked.replace(/999 BSL/g, '')).not.toMatch(new RegExp(`(^|[^0-9A-Za-z])${phone}($|[^0-9A-Za-z])`));
    }
  });
});

describe('the page\'s own texts as HTML (Responder.html)', () => {
  const responder = new Responder(realKnowledge());

  it('links the numbers and addresses of the page\'s words, and escapes the rest', () => {
    expect(responder.html('page-emergency', escapeHtml)).toBe('In an emergency, call <a href="tel:999">999</a>.');
    expect(responder.html('page-unavailable', escapeHtml)).toBe(
      'The chat is not available right now. If anyone is in danger, call <a href="tel:999">999</a>. Otherwise, call <a href="tel:101">101</a> or report online at <a href="https://www.herts.police.uk/Report">https://www.herts.police.uk/Report</a>.',
    );
  });
});
