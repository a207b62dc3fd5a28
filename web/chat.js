/*
 * The web chat page: the page's own chat at once, then Microsoft's Web Chat (window.WebChat, served from this
 * server) talking to the bot, and a quick exit that is always there. Plain browser JavaScript, no build step;
 * the server puts it in the page (with the CSP nonce).
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

  // The page's own chat (the server's welcome and menu), shown while Web Chat loads; gone once Web Chat has
  // taken over, or when the chat is unavailable.
  function dropPreview() {
    var early = document.getElementById('early');
    if (early) early.remove();
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

    // One turn at a time, in order: a message sent before the welcome has come back waits for it, so the
    // bot sees the conversation open first (the page's own chat can be used before that).
    var queue = Promise.resolve();
    var inFlight = 0;
    var idleWaiters = [];
    function send(activity) {
      inFlight += 1;
      var turn = queue.then(function () {
        return post(activity);
      });
      queue = turn.catch(function () {});
      queue.then(function () {
        inFlight -= 1;
        // After the answer has been shown (emitReplies runs first).
        setTimeout(function () {
          if (inFlight === 0) idleWaiters.splice(0).forEach(function (w) {
            w();
          });
        });
      });
      return turn;
    }
    /** Runs `then` when no turn is waiting for its answer (now, if none is). */
    function whenIdle(then) {
      idleWaiters.push(then);
      queue.then(function () {
        setTimeout(function () {
          if (inFlight === 0) idleWaiters.splice(0).forEach(function (w) {
            w();
          });
        });
      });
    }

    function post(activity) {
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
      userId: userId,
      whenIdle: whenIdle,
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

  // --- The page's own chat, until Web Chat has loaded ----------------------------------------------
  // The server rendered the welcome and its menu; this makes the buttons and the message box work at once
  // (local mode), posting through the same client Web Chat will use. That client keeps every activity, so
  // Web Chat shows the whole conversation when it takes over. Messages are rendered as Web Chat renders
  // them (web/markdown.js); each new answer is scrolled to its start, as Web Chat does here.
  function EarlyChat(line) {
    var root = document.getElementById('early');
    var log = document.getElementById('early-log');
    var choices = document.getElementById('early-choices');
    var form = document.getElementById('early-send');
    var input = document.getElementById('early-text');
    var typing;
    var stopped = false;
    // Turns sent and not yet answered; whether the latest answer has begun (its start is scrolled to).
    var waiting = 0;
    var answering = false;
    var answerStart;

    function message(from, fill) {
      var bubble = document.createElement('div');
      bubble.className = 'early-message early-message--' + from;
      fill(bubble);
      log.appendChild(bubble);
      return bubble;
    }

    function showTyping(on) {
      if (typing) typing.remove();
      typing = undefined;
      if (!on) return;
      typing = document.createElement('div');
      typing.className = 'early-typing';
      typing.setAttribute('aria-hidden', 'true');
      typing.appendChild(document.createElement('span'));
      log.appendChild(typing);
    }

    function setChoices(actions) {
      choices.replaceChildren();
      (actions || []).forEach(function (action) {
        if (action.type !== 'imBack' && action.type !== 'postBack') return;
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'early-choice';
        button.value = action.value;
        button.textContent = action.title || action.value;
        choices.appendChild(button);
      });
    }

    function say(text) {
      if (stopped || !text) return;
      var hadFocus = root.contains(document.activeElement);
      setChoices([]);
      if (hadFocus && document.activeElement === document.body) log.focus({ preventScroll: true });
      document.body.classList.add('chat-started');
      line
        .postActivity({ type: 'message', text: text, textFormat: 'plain', locale: 'en-GB', from: { id: line.userId, role: 'user' } })
        .subscribe({ error: function () {} });
    }

    choices.addEventListener('click', function (event) {
      var button = event.target.closest('button');
      if (button && !button.disabled) say(button.value);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = input.value.trim();
      input.value = '';
      say(text);
    });
    choices.querySelectorAll('button').forEach(function (b) {
      b.disabled = false;
    });
    input.disabled = false;
    form.querySelector('button').disabled = false;

    var subscription = line.activity$.subscribe(function (activity) {
      if (stopped) return;
      // The welcome's own reply (to opening the chat) is already on the page.
      if (activity.from && activity.from.role === 'bot' && !activity.replyToId) return;
      if (activity.type === 'typing') return showTyping(waiting > 0);
      if (activity.type !== 'message') return;
      if (activity.from && activity.from.role === 'user') {
        waiting += 1;
        answering = false;
        message('user', function (bubble) {
          bubble.textContent = activity.text;
        });
        showTyping(true);
        log.scrollTop = log.scrollHeight;
        return;
      }
      showTyping(false);
      var first = !answering;
      answering = true;
      var bubble = message('bot', function (b) {
        b.innerHTML = window.renderChatMarkdown ? window.renderChatMarkdown(activity.text) : '';
        if (!window.renderChatMarkdown) b.textContent = activity.text;
      });
      if (activity.suggestedActions) {
        waiting = Math.max(0, waiting - 1);
        setChoices(activity.suggestedActions.actions);
      }
      // The start of the answer at the top of the conversation ("Call 999 now" first), not its end; again
      // for each of its messages and once the menu (which takes room from the conversation) is in place.
      if (first) answerStart = bubble;
      log.scrollTop = answerStart.offsetTop - 10;
    });

    return {
      /** Whether the person is writing in the box: Web Chat does not take over mid-sentence. */
      busy: function () {
        return input.value !== '';
      },
      onIdle: function (then) {
        form.addEventListener('submit', then);
        input.addEventListener('input', function () {
          if (input.value === '') then();
        });
      },
      /** Bot and person messages shown, as Web Chat must show them before it takes over. */
      shown: function () {
        return log.querySelectorAll('.early-message').length;
      },
      /** Where the person is, for Web Chat to carry on there: 'box', 'buttons' (or the conversation) or none. */
      focus: function () {
        if (document.activeElement === input) return 'box';
        return root.contains(document.activeElement) ? 'buttons' : undefined;
      },
      stop: function () {
        stopped = true;
        subscription.unsubscribe();
      },
    };
  }

  // --- Start ---------------------------------------------------------------------------------------
  function render(line, early) {
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
    // Web Chat renders behind the page's own chat and takes over once it shows the whole conversation
    // (every message the page's chat showed, and the latest menu if there is one), unless the person is
    // writing in the page's box (then when they send or leave it). The person's first message folds the
    // introduction away.
    var container = document.getElementById('webchat');
    var handedOver = !document.getElementById('early');
    function caughtUp() {
      if (!early) return container.querySelector('.webchat__bubble') !== null;
      var bubbles = container.querySelectorAll('.webchat__bubble').length;
      var menu = document.querySelectorAll('#early-choices button').length === 0 || container.querySelector('.webchat__suggested-action') !== null;
      return bubbles >= early.shown() && menu;
    }
    function handOver() {
      if (handedOver || !caughtUp() || (early && early.busy())) return;
      handedOver = true;
      var focus = early && early.focus();
      if (early) early.stop();
      dropPreview();
      container.removeAttribute('inert');
      // The start of the latest answer at the top, as the page's chat showed it. (Web Chat's snap-on-page does
      // this itself when it mounts with the whole conversation, in the tests; this makes sure of it.)
      var scrollable = container.querySelector('.webchat__basic-transcript__scrollable');
      var userBubbles = container.querySelectorAll('.webchat__bubble--from-user');
      var lastUser = userBubbles[userBubbles.length - 1];
      var answer = lastUser && lastUser.closest('.webchat__basic-transcript__activity');
      answer = answer && answer.nextElementSibling;
      if (scrollable && answer) scrollable.scrollTop = answer.offsetTop - 10;
      var box = container.querySelector('.webchat__send-box-text-box input, .webchat__send-box-text-box textarea');
      var next = focus === 'box' ? box : focus === 'buttons' ? container.querySelector('.webchat__suggested-action') || box : undefined;
      if (next) next.focus({ preventScroll: true });
    }
    if (early) early.onIdle(function () {
      setTimeout(handOver);
    });
    new window.MutationObserver(function (_changes, observer) {
      handOver();
      if (container.querySelector('.webchat__bubble--from-user')) document.body.classList.add('chat-started');
      if (handedOver && document.body.classList.contains('chat-started')) observer.disconnect();
    }).observe(container, { childList: true, subtree: true });
  }

  // This script is in the page and runs as it is read: the conversation (and its welcome) or the Direct
  // Line token is asked for while Web Chat's bundle downloads (the page preloads it), and Web Chat renders
  // once it has run. It runs when no answer is awaited (`whenIdle`): running it keeps the main thread busy
  // for a second or more (two on a slow phone), and an answer arriving meanwhile would wait for it.
  var BUNDLE = '/webchat/vendor/webchat-minimal.js';
  function whenWebChatLoaded(then, whenIdle) {
    function run() {
      var script = document.createElement('script');
      script.src = BUNDLE;
      script.onload = then;
      script.onerror = then;
      document.body.appendChild(script);
    }
    // Once downloaded (a script element runs as soon as its file is there, whatever the conversation is doing).
    var preload = document.querySelector('link[rel="preload"][as="script"]');
    var downloaded = !preload || window.performance.getEntriesByName(new window.URL(BUNDLE, window.location.href).href).length > 0;
    function ready() {
      (whenIdle || setTimeout)(run);
    }
    if (downloaded) ready();
    else {
      preload.addEventListener('load', ready);
      preload.addEventListener('error', ready);
    }
  }

  if (config.mode === 'unavailable') {
    showUnavailable();
  } else if (config.mode === 'local') {
    var local = LocalDirectLine();
    directLine = local;
    var early = document.getElementById('early') ? EarlyChat(local) : undefined;
    whenWebChatLoaded(function () {
      // Without Web Chat (its bundle failed to arrive) the page's own chat goes on working.
      if (window.WebChat) render(local, early);
      else if (!early) showUnavailable();
    }, local.whenIdle);
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
