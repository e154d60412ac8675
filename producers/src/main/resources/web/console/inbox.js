// Caspian Hub console: the live alerts inbox. GET /api/v1/alerts/stream sends the party's alerts
// as server-sent events. EventSource cannot send the API key (it takes no headers, and the key
// must never be in a URL), so the stream is read with fetch where the browser can read a
// response as it arrives, and as a long poll (?poll=true) over XMLHttpRequest elsewhere. Either
// way the last event id goes back as Last-Event-ID, so a reconnect resumes where it stopped.
'use strict';

(() => {
  const C = window.CaspianConsole;
  const el = C.el;
  const form = C.byId('inbox-form');
  const list = C.byId('inbox-list');
  const state = C.byId('inbox-state');
  const MAX_SHOWN = 200;
  const RECENT = 50;
  const RETRY_MS = 3000;
  // A long poll waits this long for an alert: short, because some browsers (HtmlUnit) hold every
  // other script job while a request is open; a new alert still ends a poll at once.
  const POLL_WAIT_S = 5;
  // fetch streams the response where the browser can (Chromium, Firefox, Safari); elsewhere a long poll
  const streams = typeof fetch === 'function' && typeof ReadableStream === 'function'
    && typeof TextDecoder === 'function' && typeof AbortController === 'function';

  const inbox = { generation: 0, lastEventId: null, controller: null, retry: null, seen: new Set() };

  const setState = (text, kind) => {
    state.textContent = text;
    state.className = `stream-state ${kind || ''}`;
  };

  const filters = () => C.compact({
    kind: C.byId('inbox-kind').value,
    type: C.byId('inbox-type').value,
    tlp: C.byId('inbox-tlp').value,
    minScore: C.byId('inbox-min-score').value.trim(),
  });

  const tlpClass = (tlp) => `tlp-badge tlp-${String(tlp || '').toLowerCase().replace('tlp:', '').replace('+', '-')}`;

  const item = (a) => {
    const value = el('button', { type: 'button', class: 'link alert-value', text: a.value });
    value.addEventListener('click', () => window.CaspianIndicator.open(a.value, a.type));
    const kind = String(a.kind || '').toLowerCase();
    return el('li', { class: `alert-item kind-${kind}`, 'data-alert-id': a.alertId },
      el('p', { class: 'alert-line' },
        el('span', { class: 'kind-badge', text: kind.replace(/_/g, ' ') }), ' ',
        value, ' ',
        el('span', { class: 'type-badge', text: String(a.type || '').toLowerCase() }), ' ',
        el('span', { class: tlpClass(a.tlp), text: a.tlp }), ' ',
        el('span', { class: 'score', text: `score ${a.score}` }), ' ',
        el('time', { datetime: a.createdAt, text: a.createdAt })),
      el('p', { class: 'alert-summary', text: a.summary }),
      a.parties && a.parties.length ? el('p', { class: 'hint', text: `Reported by ${a.parties.join(', ')}` }) : null);
  };

  const showAlert = (a) => {
    if (!a || !a.alertId || inbox.seen.has(a.alertId)) {
      return;
    }
    inbox.seen.add(a.alertId);
    list.prepend(item(a));
    while (list.children.length > MAX_SHOWN) {
      const gone = list.lastElementChild;
      inbox.seen.delete(gone.getAttribute('data-alert-id'));
      gone.remove();
    }
  };

  // One event block (lines up to a blank line) of the stream.
  const handle = (block) => {
    let name = 'message';
    let data = null;
    let id = null;
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) {
        name = line.slice(7);
      } else if (line.startsWith('data: ')) {
        data = data === null ? line.slice(6) : `${data}\n${line.slice(6)}`;
      } else if (line.startsWith('id: ')) {
        id = line.slice(4);
      }
    }
    if (id !== null) {
      inbox.lastEventId = id;
    }
    const body = data === null ? null : C.parseJson(data);
    if (name === 'alert') {
      showAlert(body);
    } else if (name === 'ready') {
      setState(streams ? 'Live: new alerts appear at the top as they arrive.'
        : 'Live (polling): new alerts appear at the top as they arrive.', 'live');
    } else if (name === 'gap') {
      setState((body && body.message) || 'Some alerts were missed while disconnected.', 'warning');
    } else if (name === 'end') {
      const reason = body && body.reason;
      setState(reason === 'too_slow' ? 'The gateway dropped this stream: too many alerts were waiting. Reconnecting…'
        : 'The stream ended; reconnecting where it stopped…', 'warning');
    }
  };

  // Handles the complete events in the text; answers what is left of an unfinished one.
  const consume = (text) => {
    const normal = text.replace(/\r\n/g, '\n');
    const blocks = normal.split('\n\n');
    const rest = blocks.pop();
    for (const block of blocks) {
      handle(block);
    }
    return rest;
  };

  const url = (extra) => {
    const params = new URLSearchParams(C.compact(Object.assign({ recent: String(RECENT) }, filters(), extra || {})));
    return `${C.API}/alerts/stream?${params.toString()}`;
  };

  const headers = () => {
    const h = { Authorization: `Bearer ${C.key()}`, Accept: 'text/event-stream' };
    if (inbox.lastEventId) {
      h['Last-Event-ID'] = inbox.lastEventId;
    }
    return h;
  };

  const later = (generation, ms) => {
    clearTimeout(inbox.retry);
    inbox.retry = setTimeout(() => {
      if (generation === inbox.generation) {
        run(generation);
      }
    }, ms);
  };

  // A refusal: field errors stay next to the filters; a key problem stops; anything else retries.
  const refused = (generation, status, body) => {
    if (status === 400 && body && Array.isArray(body.errors)) {
      C.showFieldErrors(form, body.errors);
      setState('The filters were refused: fix the fields marked above.', 'problem');
      return;
    }
    setState(C.failureMessage({ status, body }), 'problem');
    if (status !== 401 && status !== 403) {
      later(generation, status === 503 ? 2 * RETRY_MS : RETRY_MS);
    }
  };

  const streamWithFetch = (generation) => {
    const controller = new AbortController();
    inbox.controller = controller;
    fetch(url(), { headers: headers(), signal: controller.signal, cache: 'no-store' }).then((res) => {
      if (generation !== inbox.generation) {
        return null;
      }
      if (!res.ok) {
        return res.text().then((text) => refused(generation, res.status, C.parseJson(text)));
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      const pump = () => reader.read().then((chunk) => {
        if (generation !== inbox.generation) {
          reader.cancel();
          return null;
        }
        if (chunk.done) {
          later(generation, 100);
          return null;
        }
        buffer = consume(buffer + decoder.decode(chunk.value, { stream: true }));
        return pump();
      });
      return pump();
    }).catch(() => {
      if (generation === inbox.generation) {
        setState('Could not reach the gateway; trying again in a few seconds.', 'problem');
        later(generation, RETRY_MS);
      }
    });
  };

  // A long poll, with its own XMLHttpRequest so that stop() can abort it (a new filter, signing out,
  // leaving the page): a poll left waiting would hold a connection for up to half a minute.
  const poll = (generation) => {
    const xhr = new XMLHttpRequest();
    inbox.controller = xhr;
    xhr.open('GET', url({ poll: 'true', wait: String(POLL_WAIT_S) }));
    xhr.timeout = 40000;
    const h = headers();
    for (const name of Object.keys(h)) {
      xhr.setRequestHeader(name, h[name]);
    }
    const failed = () => {
      if (generation === inbox.generation) {
        setState('Could not reach the gateway; trying again in a few seconds.', 'problem');
        later(generation, RETRY_MS);
      }
    };
    xhr.onload = () => {
      if (generation !== inbox.generation) {
        return;
      }
      if (xhr.status === 200) {
        consume(`${xhr.responseText}\n\n`);
        later(generation, 10);
      } else {
        refused(generation, xhr.status, C.parseJson(xhr.responseText));
      }
    };
    xhr.onerror = failed;
    xhr.ontimeout = failed;
    xhr.send();
  };

  const run = (generation) => (streams ? streamWithFetch(generation) : poll(generation));

  const stop = () => {
    inbox.generation += 1;
    clearTimeout(inbox.retry);
    if (inbox.controller) {
      inbox.controller.abort();
      inbox.controller = null;
    }
  };

  // Starts afresh: the list is emptied and the recent alerts that pass the filters come first.
  const start = () => {
    stop();
    C.clearFieldErrors(form);
    list.replaceChildren();
    inbox.seen.clear();
    inbox.lastEventId = null;
    setState('Connecting…', '');
    run(inbox.generation);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    start();
  });

  document.addEventListener('caspian:signed-in', start);
  window.addEventListener('pagehide', stop);
  document.addEventListener('caspian:signed-out', () => {
    stop();
    form.reset();
    C.clearFieldErrors(form);
    list.replaceChildren();
    inbox.seen.clear();
    inbox.lastEventId = null;
    setState('', '');
  });
})();
