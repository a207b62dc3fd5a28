/*
 * The little Markdown the bot writes, as HTML, for Web Chat's minimal bundle (which has no Markdown
 * renderer of its own): paragraphs (blank line), line breaks, "- " lists, **bold**, _italic_ and
 * [links](https:// | tel: | sms:). Everything else is text: the input is escaped first, so nothing in a
 * message can become markup. A paragraph that is only a link is a call to action (class "action"),
 * which the page shows as a large button: "Call 999 now" first in the emergency answer.
 * Plain browser JavaScript; also loaded by the tests (module.exports).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.renderChatMarkdown = factory();
})(this, function () {
  'use strict';

  var ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return ESCAPES[c];
    });
  }

  var UNESCAPES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  function unescape(text) {
    return text.replace(/&(amp|lt|gt|quot|#39);/g, function (e) {
      return UNESCAPES[e];
    });
  }

  var SAFE_URL = /^(https?:\/\/[^\s"<>]+|tel:\+?[0-9]+|sms:\+?[0-9]+)$/;

  // On escaped text: [label](url), then **bold**, then _italic_ (between word boundaries).
  function inline(escaped, externalLinkAlt) {
    return escaped
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, function (whole, label, url) {
        var raw = unescape(url);
        if (!SAFE_URL.test(raw)) return whole;
        var attrs = 'href="' + escape(raw) + '"';
        if (/^tel:/.test(raw)) attrs += ' class="call"';
        else if (/^sms:/.test(raw)) attrs += ' class="text-message"';
        else attrs += ' target="_blank" rel="noopener noreferrer"' + (externalLinkAlt ? ' title="' + escape(externalLinkAlt) + '"' : '');
        return '<a ' + attrs + '>' + label + '</a>';
      })
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[\s(])_([^_]+)_(?=$|[\s.,;:!?)])/g, '$1<em>$2</em>');
  }

  function isLinkOnly(escaped) {
    return /^(\*\*)?\[[^\]]+\]\([^)\s]+\)(\*\*)?$/.test(escaped);
  }

  /** Markdown -> HTML; every block is an element (Web Chat keeps only the body's elements). */
  return function renderChatMarkdown(markdown, _styleOptions, options) {
    var externalLinkAlt = options && options.externalLinkAlt;
    var blocks = String(markdown == null ? '' : markdown)
      .replace(/\r\n?/g, '\n')
      .split(/\n{2,}/);
    return blocks
      .map(function (block) {
        var lines = block.split('\n').filter(function (line) {
          return line.trim() !== '';
        });
        if (lines.length === 0) return '';
        var html = [];
        var list = [];
        var para = [];
        function flushPara() {
          if (para.length === 0) return;
          var escaped = para.map(function (l) {
            return escape(l.trim());
          });
          var cls = para.length === 1 && isLinkOnly(escaped[0]) ? ' class="action"' : '';
          html.push('<p' + cls + '>' + escaped.map(function (l) {
            return inline(l, externalLinkAlt);
          }).join('<br>') + '</p>');
          para = [];
        }
        function flushList() {
          if (list.length === 0) return;
          html.push('<ul>' + list.map(function (l) {
            return '<li>' + inline(escape(l), externalLinkAlt) + '</li>';
          }).join('') + '</ul>');
          list = [];
        }
        lines.forEach(function (line) {
          var item = /^\s*[-*] (.*)$/.exec(line);
          if (item) {
            flushPara();
            list.push(item[1].trim());
          } else {
            flushList();
            para.push(line);
          }
        });
        flushPara();
        flushList();
        return html.join('');
      })
      .join('');
  };
});
