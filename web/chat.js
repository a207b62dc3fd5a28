/*
 * The web chat page: Microsoft's Web Chat (window.WebChat, served from this server) talking to the bot,
 * and a quick exit that is always there. Plain browser JavaScript, no build step.
 *
 * config (from the page): { mode: 'local' | 'directline' | 'unavailable', exitUrl, nonce, accent }
 *   local:      LocalDirectLine below posts to /api/messages with deliveryMode "expectReplies" and
 *               turns the replies into Direct Line activities (no Azure; the bot's anonymous mode).
 *   directline: a token from /api/directline/token (the secret stays on the server), Azure Direct Line.
 */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var directLine;

  // --- Quick exit: a button and the Escape key, like GOV.UK's "Exit this page" --------------------
  function quickExit() {
    try {
      if (directLine && directLine.end) directLine.end();
    } catch {
      /* leaving anyway */
    }
    // Blank the whole page at once: on a slow network the next site can take seconds to arrive, and
    // nothing about hate crime may stay on the screen meanwhile.
    document.body.replaceChildren();
    try {
      window.sessionStorage.clear();
      window.localStorage.clear();
    } catch {
      /* storage may be blocked; nothing of ours is in it then */
    }
    document.title = '';
    // replace(): the chat page leaves the history, so Back does not return to it.
    var target = window.top && window.top !== window ? window.top : window;
    try {
      target.location.replace(config.exitUrl);
    } catch {
      window.location.replace(config.exitUrl);
    }
  }
  document.getElementById('quick-exit').addEventListener('click', quickExit);
  document.addEventListener(
    'keydown',
    function (event) {
      if (event.key === 'Escape' || event.key === 'Esc') {
        event.preventDefault();
        event.stopPropagation();
        quickExit();
      }
    },
    true,
  );

  // The welcome the server put in the page, shown while Web Chat loads; gone once Web Chat shows a message.
  function dropPreview() {
    var preview = document.getElementById('welcome-preview');
    if (preview) preview.remove();
  }

  function showUnavailable() {
    dropPreview();
    var unavailable = document.getElementById('unavailable');
    // (Gone after a quick exit, which blanks the page.)
    if (unavailable) unavailable.hidden = false;
  }

  // --- A Direct Line-compatible client for the embedded default ------------------------------------
  // Web Chat needs only activity$, connectionStatus$ (observables) and postActivity(). The echo of a
  // posted activity must carry its channelData.clientActivityID, or Web Chat shows "send failed".
  // A stream that gives a new subscriber what came before: all of it (activities: Web Chat subscribes
  // only once connected), or the latest value (a status).
  function Subject(keep, initial) {
    var observers = [];
    var past = arguments.length > 1 ? [initial] : [];
    return {
      next: function (v) {
        if (keep === 'latest') past = [v];
        else past.push(v);
        observers.slice().forEach(function (o) {
          if (o.next) o.next(v);
        });
      },
      subscribe: function (observerOrNext, onError, onComplete) {
        var observer = typeof observerOrNext === 'function' ? { next: observerOrNext, error: onError, complete: onComplete } : observerOrNext || {};
        observers.push(observer);
        if (observer.next) past.forEach(observer.next.bind(observer));
        return {
          closed: false,
          unsubscribe: function () {
            observers = observers.filter(function (o) {
              return o !== observer;
            });
            this.closed = true;
          },
        };
      },
    };
  }

  function once(run) {
    return {
      subscribe: function (observerOrNext, onError) {
        var observer = typeof observerOrNext === 'function' ? { next: observerOrNext, error: onError } : observerOrNext || {};
        run(observer);
        return { closed: false, unsubscribe: function () {} };
      },
    };
  }

  function randomId() {
    return window.crypto.randomUUID();
  }

  function LocalDirectLine() {
    var conversationId = 'webchat-' + randomId();
    var userId = 'user-' + randomId();
    var bot = { id: 'bot', name: 'Bot', role: 'bot' };
    var counter = 0;
    var ended = false;
    var activity$ = Subject('all');
    var connectionStatus$ = Subject('latest', 0);

    function nextId() {
      counter += 1;
      return conversationId + '|' + String(counter).padStart(7, '0');
    }

    function emitReplies(replies, replyToId) {
      (replies || []).forEach(function (reply) {
        if (ended) return;
        activity$.next(
          Object.assign({}, reply, {
            id: nextId(),
            from: Object.assign({}, bot, reply.from, { role: 'bot' }),
            conversation: { id: conversationId },
            timestamp: new Date().toISOString(),
            replyToId: replyToId,
          }),
        );
      });
    }

    function send(activity) {
      return fetch('/api/messages', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'omit',
        body: JSON.stringify(
          Object.assign({}, activity, {
            channelId: 'webchat',
            serviceUrl: window.location.origin,
            deliveryMode: 'expectReplies',
            conversation: { id: conversationId },
            recipient: bot,
          }),
        ),
      }).then(function (response) {
        if (!response.ok) throw new Error('the bot answered ' + response.status);
        return response.json();
      });
    }

    function typing() {
      activity$.next({ type: 'typing', id: nextId(), from: bot, conversation: { id: conversationId }, timestamp: new Date().toISOString() });
    }

    // Opening the chat is a conversationUpdate, as on every Bot Framework channel: the bot welcomes.
    setTimeout(function () {
      connectionStatus$.next(1);
      send({ type: 'conversationUpdate', id: nextId(), from: { id: userId, role: 'user' }, membersAdded: [{ id: userId }] })
        .then(function (body) {
          connectionStatus$.next(2);
          emitReplies(body.activities);
        })
        .catch(function () {
          connectionStatus$.next(4);
          showUnavailable();
        });
    }, 0);

    return {
      activity$: activity$,
      connectionStatus$: connectionStatus$,
      end: function () {
        ended = true;
        connectionStatus$.next(5);
      },
      postActivity: function (activity) {
        return once(function (observer) {
          var id = nextId();
          var sent = Object.assign({}, activity, {
            id: id,
            from: Object.assign({}, activity.from, { id: userId, role: 'user' }),
            conversation: { id: conversationId },
            timestamp: new Date().toISOString(),
          });
          activity$.next(sent);
          if (activity.type === 'message') typing();
          send(sent)
            .then(function (body) {
              if (observer.next) observer.next(id);
              if (observer.complete) observer.complete();
              emitReplies(body.activities, id);
            })
            .catch(function (error) {
              showUnavailable();
              if (observer.error) observer.error(error);
            });
        });
      },
    };
  }

  // --- Start ---------------------------------------------------------------------------------------
  function render(line) {
    directLine = line;
    window.WebChat.renderWebChat(
      {
        directLine: line,
        locale: 'en-GB',
        nonce: config.nonce,
        // The minimal bundle has no Markdown renderer: web/markdown.js (escapes everything first).
        renderMarkdown: window.renderChatMarkdown,
        styleOptions: {
          accent: config.accent,
          hideUploadButton: true,
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
          bubbleBorderRadius: 8,
          bubbleFromUserBorderRadius: 8,
          bubbleFromUserBackground: '#e8f0fb',
          suggestedActionLayout: 'flow',
          suggestedActionHeight: 44,
          // Narrower buttons: two to a row on a phone, so a menu does not push the answer off the screen.
          paddingWide: 12,
          // Scroll so that the start of each new bot turn is at the top of the conversation (Web Chat's
          // default follows the bottom, which hides the first line of a long answer, "Call 999 now").
          autoScrollSnapOnPage: true,
          sendBoxHeight: 48,
          sendBoxTextWrap: true,
          hideSendBox: false,
          rootHeight: '100%',
          rootWidth: '100%',
        },
      },
      document.getElementById('webchat'),
    );
    // Web Chat's first message replaces the preview; the person's first message folds the introduction away.
    var container = document.getElementById('webchat');
    new window.MutationObserver(function (_changes, observer) {
      if (container.querySelector('.webchat__bubble')) dropPreview();
      if (container.querySelector('.webchat__bubble--from-user')) {
        document.body.classList.add('chat-started');
        observer.disconnect();
      }
    }).observe(container, { childList: true, subtree: true });
  }

  // This script runs before Web Chat's bundle (see index.html): the conversation (and its welcome) or
  // the Direct Line token is asked for while the bundle loads, and Web Chat renders once it is there.
  // Deferred scripts run in order, then DOMContentLoaded fires (readyState is already "interactive" here).
  function whenWebChatLoaded(then) {
    document.addEventListener('DOMContentLoaded', then);
  }

  if (config.mode === 'unavailable') {
    showUnavailable();
  } else if (config.mode === 'local') {
    var local = LocalDirectLine();
    whenWebChatLoaded(function () {
      if (window.WebChat) render(local);
      else showUnavailable();
    });
  } else {
    var token = fetch('/api/directline/token', { method: 'POST', credentials: 'omit' }).then(function (response) {
      if (!response.ok) throw new Error('no token');
      return response.json();
    });
    whenWebChatLoaded(function () {
      if (!window.WebChat) return showUnavailable();
      token
        .then(function (body) {
          render(window.WebChat.createDirectLine({ token: body.token, domain: config.directLineDomain }));
        })
        .catch(showUnavailable);
    });
  }
})();
