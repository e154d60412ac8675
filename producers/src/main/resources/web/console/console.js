// Caspian Hub analyst console: a small single page over the gateway's REST API (docs/api.md).
//
// Rules this file keeps (docs/console.md says why):
// - The API key lives in this tab's sessionStorage only: never localStorage, a cookie or a URL.
// - Text from the server (and from the analyst) reaches the page through textContent and text
//   nodes only, never innerHTML; the Content-Security-Policy also forbids inline script and style.
// - Plain modern JavaScript with no build step. It keeps to what every browser the tests drive
//   runs, HtmlUnit's engine included: no `class`, no `async`/`await` (promises instead), and
//   XMLHttpRequest rather than fetch (it also reports upload progress).
'use strict';

(() => {
  const API = '/api/v1';
  const KEY_ITEM = 'caspian.apiKey';
  const JSON_TIMEOUT_MS = 60000;

  const byId = (id) => document.getElementById(id);

  // ---- the analyst's key: this tab's sessionStorage, nowhere else --------------------------------

  const session = {
    key: () => sessionStorage.getItem(KEY_ITEM),
    remember: (key) => sessionStorage.setItem(KEY_ITEM, key),
    forget: () => sessionStorage.removeItem(KEY_ITEM),
  };

  // ---- building the page safely: text only ------------------------------------------------------

  // el('p', {class: 'x', text: serverText}, child, 'more text', [more, children]): strings become
  // text nodes; arrays are flattened (spread arguments are not used: HtmlUnit's engine lacks them).
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (name === 'text') {
        node.textContent = String(value);
      } else if (name === 'class') {
        node.className = value;
      } else {
        node.setAttribute(name, String(value));
      }
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child);
      }
    }
    return node;
  };

  const show = (container, ...nodes) => {
    container.replaceChildren();
    for (const node of nodes) {
      if (node) {
        container.append(node);
      }
    }
  };

  // ---- talking to the gateway -------------------------------------------------------------------

  // Resolves (never rejects) with {status, body}; status 0 means the gateway could not be reached.
  const request = (method, path, options) => new Promise((resolve) => {
    const o = options || {};
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.timeout = o.timeoutMs ?? JSON_TIMEOUT_MS;
    xhr.setRequestHeader('Accept', o.accept || 'application/json');
    for (const name of Object.keys(o.headers || {})) {
      xhr.setRequestHeader(name, o.headers[name]);
    }
    const key = o.key ?? session.key();
    if (key) {
      xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    }
    if (o.contentType) {
      xhr.setRequestHeader('Content-Type', o.contentType);
    }
    if (o.idempotencyKey) {
      xhr.setRequestHeader('Idempotency-Key', o.idempotencyKey);
    }
    if (o.onProgress && xhr.upload) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) {
          o.onProgress(e.loaded, e.total);
        }
      };
    }
    xhr.onload = () => resolve(o.text
      ? { status: xhr.status, text: xhr.responseText, body: parseJson(xhr.responseText), etag: xhr.getResponseHeader('ETag') }
      : { status: xhr.status, body: parseJson(xhr.responseText) });
    xhr.onerror = () => resolve({ status: 0, failure: 'network' });
    xhr.ontimeout = () => resolve({ status: 0, failure: 'timeout' });
    xhr.onabort = () => resolve({ status: 0, failure: 'network' });
    xhr.send(o.body ?? null);
  });

  const parseJson = (text) => {
    try {
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  };

  const serverMessage = (answer) => (answer.body && typeof answer.body.message === 'string' ? answer.body.message : '');

  const finished = (text) => (/[.!?]$/.test(text) ? text : `${text}.`);

  const withDetail = (sentence, detail) => finished(detail ? `${sentence}: ${detail}` : sentence);

  // What a refusal of the whole request means for the analyst, in one sentence or two.
  const failureMessage = (answer) => {
    const detail = serverMessage(answer);
    switch (answer.status) {
      case 0:
        return answer.failure === 'timeout'
          ? 'The gateway did not answer in time. It may still have stored what you sent: try again, the console '
            + 'resends it with the same idempotency key, so nothing is stored twice.'
          : 'Could not reach the gateway (network error). Check your connection and try again: the console resends '
            + 'with the same idempotency key, so nothing is stored twice.';
      case 401:
        return withDetail('The gateway did not accept your API key (401)', detail)
          + ' Sign out and sign in again with a valid key.';
      case 403:
        return withDetail('Your API key may not do this (403)', detail);
      case 413:
        return withDetail('Too large for the gateway (413)', detail)
          + ' Split a pasted batch, or upload the values as a file.';
      case 415:
        return withDetail('The gateway does not take this kind of content (415)', detail)
          + ' Choose the file\'s format, or save it as .txt, .csv or .json.';
      case 422:
        return withDetail('The gateway refused a retry that differs from the first attempt (422)', detail);
      case 503:
        return withDetail('The hub could not store this right now (503)', detail)
          + ' Try again in a moment: the console resends with the same idempotency key.';
      default:
        return withDetail(`The gateway answered ${answer.status}`, detail || 'no details were given');
    }
  };

  // An idempotency key per operation and content: a retry of the same content after a network
  // failure, a timeout or a 503 reuses the key, so the gateway writes nothing twice; anything else
  // (new content, or a definite answer) starts afresh.
  const retryKeys = new Map();

  const newUuid = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };

  const idempotencyKey = (operation, fingerprint) => {
    const last = retryKeys.get(operation);
    if (last && last.fingerprint === fingerprint) {
      return last.key;
    }
    const key = newUuid();
    retryKeys.set(operation, { fingerprint, key });
    return key;
  };

  const settled = (operation, answer) => {
    if (answer.status !== 0 && answer.status !== 503) {
      retryKeys.delete(operation);
    }
  };

  // ---- field errors, next to their fields -------------------------------------------------------

  // "items[3].tags[1]" -> "tags"; null for anything that is not a plain field name.
  const fieldName = (path) => {
    const name = String(path || '').replace(/^items\[\d+\]\.?/, '').replace(/\[\d+\]$/, '');
    return /^[A-Za-z][A-Za-z-]*$/.test(name) ? name : null;
  };

  const clearFieldErrors = (form) => {
    for (const slot of form.querySelectorAll('[data-error-for]')) {
      slot.replaceChildren();
      slot.hidden = true;
    }
    for (const control of form.querySelectorAll('[aria-invalid]')) {
      control.removeAttribute('aria-invalid');
    }
  };

  // Puts each error next to its field; answers the first field in error (in the page's order) and
  // the errors that have no field here.
  const showFieldErrors = (form, errors) => {
    clearFieldErrors(form);
    const elsewhere = [];
    for (const error of errors || []) {
      const name = fieldName(error.field);
      const slot = name ? form.querySelector(`[data-error-for="${name}"]`) : null;
      if (!slot) {
        elsewhere.push(error);
        continue;
      }
      slot.append(el('span', { text: error.message || error.code }));
      slot.hidden = false;
      const control = form.querySelector(`[data-field="${name}"]`);
      if (control) {
        control.setAttribute('aria-invalid', 'true');
      }
    }
    return { first: form.querySelector('[aria-invalid="true"]'), elsewhere };
  };

  const focusControl = (control) => {
    if (!control) {
      return;
    }
    const target = control.tagName === 'FIELDSET' ? control.querySelector('input:checked, input') : control;
    if (target) {
      target.focus();
    }
  };

  const errorList = (errors) => el('ul', { class: 'reasons' },
    errors.map((e) => el('li', {}, e.field ? el('code', { text: e.field }) : null, e.field ? ' ' : null,
      e.message || e.code)));

  // (no role=alert: it is shown inside an answer region that is already aria-live)
  const problem = (text, errors) => el('div', { class: 'problem' },
    el('p', { text }), errors && errors.length ? errorList(errors) : null);

  // A refusal shown under a form: field errors next to their fields (400), anything else as a sentence.
  const showRefusal = (form, container, answer, sentence400) => {
    const errors = answer.body && Array.isArray(answer.body.errors) ? answer.body.errors : null;
    if (answer.status === 400 && errors) {
      const placed = showFieldErrors(form, errors);
      show(container, problem(withDetail(sentence400, serverMessage(answer)), placed.elsewhere));
      focusControl(placed.first);
      return;
    }
    show(container, problem(failureMessage(answer)));
  };

  // ---- forms: busy state and values -------------------------------------------------------------

  const busy = (form, button, busyLabel) => {
    const label = button.textContent;
    button.disabled = true;
    button.textContent = busyLabel;
    form.setAttribute('aria-busy', 'true');
    return () => {
      button.disabled = false;
      button.textContent = label;
      form.removeAttribute('aria-busy');
    };
  };

  const text = (id) => byId(id).value.trim();

  const optionalNumber = (raw) => {
    if (raw === '') {
      return undefined;
    }
    // a non-number goes to the gateway as written, so its field error explains it
    return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  };

  const list = (raw) => raw.split(',').map((t) => t.trim()).filter((t) => t !== '');

  // Drops the fields left empty, so the gateway applies its defaults. (No `([, v])` destructuring:
  // HtmlUnit's engine binds the elided element.)
  const isGiven = (v) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
  const compact = (object) => Object.fromEntries(Object.entries(object).filter((entry) => isGiven(entry[1])));

  // ---- signing in and out -----------------------------------------------------------------------

  const signInForm = byId('sign-in-form');
  const signInMessage = byId('sign-in-message');

  const showWorkspace = () => {
    const key = session.key();
    byId('sign-in').hidden = true;
    byId('workspace').hidden = false;
    byId('session-bar').hidden = false;
    byId('session-label').textContent = `Signed in with the key ending in …${key.slice(-4)}`;
    // the inbox, indicator and search pages (their own scripts) start on this
    document.dispatchEvent(new CustomEvent('caspian:signed-in'));
  };

  const showSignIn = () => {
    byId('workspace').hidden = true;
    byId('session-bar').hidden = true;
    byId('session-label').textContent = '';
    byId('sign-in').hidden = false;
  };

  signInForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = byId('api-key').value.trim();
    show(signInMessage);
    if (!key) {
      showFieldErrors(signInForm, [{ field: 'key', message: 'Enter your API key.' }]);
      focusControl(byId('api-key'));
      return;
    }
    if (!/^[\x21-\x7e]+$/.test(key)) {
      showFieldErrors(signInForm, [{ field: 'key', message: 'An API key is made of visible ASCII characters only.' }]);
      focusControl(byId('api-key'));
      return;
    }
    clearFieldErrors(signInForm);
    const done = busy(signInForm, byId('sign-in-button'), 'Checking the key…');
    // A harmless read that every role may make: 401 means the key is not valid; any other answer means it is.
    request('GET', `${API}/submissions/console-sign-in-check`, { key }).then((answer) => {
      done();
      if (answer.status === 0 || answer.status === 401) {
        show(signInMessage, problem(answer.status === 401
          ? withDetail('The gateway did not accept this API key (401)', serverMessage(answer)) + ' Check the key and try again.'
          : failureMessage(answer)));
        focusControl(byId('api-key'));
        return;
      }
      session.remember(key);
      byId('api-key').value = '';
      showWorkspace();
      byId('workspace-title').focus();
    });
  });

  const resetWorkspace = () => {
    for (const form of document.querySelectorAll('#workspace form')) {
      form.reset();
      clearFieldErrors(form);
    }
    for (const result of document.querySelectorAll('#workspace .outcome')) {
      result.replaceChildren();
    }
    byId('upload-progress').hidden = true;
    retryKeys.clear();
  };

  byId('sign-out').addEventListener('click', () => {
    session.forget();
    document.dispatchEvent(new CustomEvent('caspian:signed-out'));
    resetWorkspace();
    showSignIn();
    show(signInMessage, el('p', { class: 'done', text: 'Signed out: this tab no longer holds your API key.' }));
    byId('api-key').focus();
  });

  // ---- one indicator ----------------------------------------------------------------------------

  const submitForm = byId('submit-form');
  const submitResult = byId('submit-result');

  const checkStatusButton = (id) => {
    const button = el('button', { type: 'button', class: 'secondary', text: 'Look up its status' });
    button.addEventListener('click', () => {
      byId('status-id').value = id;
      lookUp(id);
      byId('status-id').focus();
    });
    return button;
  };

  const warnings = (result) => (result && result.warnings && result.warnings.length
    ? el('ul', { class: 'warnings' }, result.warnings.map((w) => el('li', { text: w })))
    : null);

  submitForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const checkedTlp = submitForm.querySelector('input[name="submit-tlp"]:checked');
    const validUntil = text('submit-valid-until');
    const item = compact({
      value: byId('submit-value').value.trim(),
      type: byId('submit-type').value,
      tlp: checkedTlp ? checkedTlp.value : undefined,
      confidence: optionalNumber(text('submit-confidence')),
      severity: byId('submit-severity').value,
      tags: list(byId('submit-tags').value),
      description: text('submit-description'),
      validUntil: /^\d{4}-\d{2}-\d{2}$/.test(validUntil) ? `${validUntil}T23:59:59Z` : validUntil,
      incident: text('submit-incident'),
      campaign: text('submit-campaign'),
    });
    if (item.value === undefined) {
      item.value = ''; // the gateway answers "value is required" next to the field
    }
    const body = JSON.stringify(item);
    const done = busy(submitForm, byId('submit-button'), 'Submitting…');
    show(submitResult);
    request('POST', `${API}/indicators`, {
      body, contentType: 'application/json', idempotencyKey: idempotencyKey('indicator', body),
    }).then((answer) => {
      done();
      settled('indicator', answer);
      const result = answer.body && Array.isArray(answer.body.results) ? answer.body.results[0] : null;
      if (answer.status === 202 && result && result.status === 'accepted') {
        clearFieldErrors(submitForm);
        show(submitResult, el('div', { class: 'accepted' },
          el('p', {}, el('strong', { text: 'Accepted' }), ' for processing. Submission id ',
            el('code', { class: 'submission-id', text: result.id }), '.'),
          warnings(result),
          checkStatusButton(result.id)));
        return;
      }
      if (answer.status === 400 && answer.body && Array.isArray(answer.body.errors)) {
        const placed = showFieldErrors(submitForm, answer.body.errors);
        show(submitResult, problem(placed.elsewhere.length
          ? 'Refused: nothing was stored. Fix the fields marked below, and these problems:'
          : 'Refused: nothing was stored. Fix the fields marked below.', placed.elsewhere));
        focusControl(placed.first);
        return;
      }
      clearFieldErrors(submitForm);
      show(submitResult, problem(failureMessage(answer)));
    });
  });

  submitForm.addEventListener('reset', () => {
    clearFieldErrors(submitForm);
    show(submitResult);
  });

  // ---- a batch, one value per line --------------------------------------------------------------

  const batchForm = byId('batch-form');
  const batchResult = byId('batch-result');

  const lineTable = (lines, results) => el('table', { class: 'results' },
    el('caption', { text: 'Result of each line' }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: 'Line' }),
      el('th', { scope: 'col', text: 'Value' }),
      el('th', { scope: 'col', text: 'Result' }),
      el('th', { scope: 'col', text: 'Submission id or reasons' }))),
    el('tbody', {}, results.map((r) => {
      const line = lines[r.index];
      const accepted = r.status === 'accepted';
      return el('tr', { class: accepted ? 'row-accepted' : 'row-refused', 'data-line': line.number },
        el('td', { text: String(line.number) }),
        el('td', {}, el('code', { text: line.value })),
        el('td', { class: 'result-status', text: accepted ? 'accepted' : 'refused' }),
        el('td', {}, accepted ? el('code', { class: 'submission-id', text: r.id })
          : el('ul', { class: 'reasons' }, (r.errors || []).map((e) => el('li', {
            text: `${fieldName(e.field) || e.field}: ${e.message || e.code}`,
          })))));
    })));

  batchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(batchForm);
    show(batchResult);
    const lines = byId('batch-values').value.split(/\r?\n/)
      .map((raw, i) => ({ number: i + 1, value: raw.trim() }))
      .filter((line) => line.value !== '' && !line.value.startsWith('#'));
    if (lines.length === 0) {
      const placed = showFieldErrors(batchForm, [{ field: 'items', message: 'Paste at least one value, one per line.' }]);
      focusControl(placed.first);
      return;
    }
    const shared = compact({
      tlp: byId('batch-tlp').value,
      confidence: optionalNumber(text('batch-confidence')),
      tags: list(byId('batch-tags').value),
      incident: text('batch-incident'),
    });
    const body = JSON.stringify({ items: lines.map((line) => Object.assign({ value: line.value }, shared)) });
    const done = busy(batchForm, byId('batch-button'), 'Submitting…');
    request('POST', `${API}/indicators`, {
      body, contentType: 'application/json', idempotencyKey: idempotencyKey('batch', body),
    }).then((answer) => {
      done();
      settled('batch', answer);
      const results = answer.body && Array.isArray(answer.body.results) ? answer.body.results : null;
      if ((answer.status === 202 || answer.status === 400) && results && results.length === lines.length) {
        const accepted = results.filter((r) => r.status === 'accepted').length;
        const refused = results.length - accepted;
        // an option shared by every line (TLP, confidence, tags) is marked next to its field too
        const seen = new Set();
        const shownAtFields = showFieldErrors(batchForm, results.flatMap((r) => r.errors || [])
          .filter((e) => fieldName(e.field) !== 'value' && !seen.has(e.message) && seen.add(e.message)));
        show(batchResult,
          el('p', { class: refused ? 'mixed' : 'done' },
            el('strong', { text: `${accepted} accepted, ${refused} refused.` }),
            refused ? ' Refused lines were not stored; fix them and submit them again.' : ''),
          lineTable(lines, results));
        if (shownAtFields.first) {
          focusControl(shownAtFields.first);
        }
        return;
      }
      if (answer.status === 400 && answer.body && Array.isArray(answer.body.errors)) {
        show(batchResult, problem(withDetail('The batch was refused as a whole (400)', serverMessage(answer)),
          answer.body.errors));
        return;
      }
      show(batchResult, problem(failureMessage(answer)));
    });
  });

  batchForm.addEventListener('reset', () => {
    clearFieldErrors(batchForm);
    show(batchResult);
  });

  // ---- a file -----------------------------------------------------------------------------------

  const uploadForm = byId('upload-form');
  const uploadResult = byId('upload-result');
  const progress = byId('upload-progress');

  // Every type here is one the gateway takes for imports; the format itself is detected from the content.
  const contentTypeOf = (file) => {
    const name = file.name.toLowerCase();
    if (name.endsWith('.json') || name.endsWith('.stix')) {
      return 'application/json';
    }
    if (name.endsWith('.csv')) {
      return 'text/csv';
    }
    if (name.endsWith('.txt') || name.endsWith('.list')) {
      return 'text/plain';
    }
    return 'application/octet-stream';
  };

  const counts = (report) => el('dl', { class: 'counts' },
    el('dt', { text: 'Format' }), el('dd', { 'data-count': 'format', text: report.format }),
    el('dt', { text: 'Submitted' }), el('dd', { 'data-count': 'submitted', text: String(report.submitted) }),
    el('dt', { text: 'Refused' }), el('dd', { 'data-count': 'refused', text: String(report.refused) }),
    el('dt', { text: 'Skipped' }), el('dd', { 'data-count': 'skipped', text: String(report.skipped) }));

  const refusalTable = (refusals) => (refusals && refusals.length ? el('table', { class: 'results' },
    el('caption', { text: 'Refused entries' }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: 'Where' }),
      el('th', { scope: 'col', text: 'Reasons' }))),
    el('tbody', {}, refusals.map((r) => el('tr', { class: 'row-refused' },
      el('td', {}, el('code', { text: r.location })),
      el('td', {}, el('ul', { class: 'reasons' }, (r.reasons || []).map((e) => el('li', {
        text: `${e.field}: ${e.message || e.code}`,
      })))))))) : null);

  const skipList = (skips) => (skips && skips.length ? el('details', {},
    el('summary', { text: `Skipped entries (${skips.length} shown)` }),
    el('ul', {}, skips.map((s) => el('li', {}, el('code', { text: s.location }), ` ${s.reason}`)))) : null);

  uploadForm.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(uploadForm);
    show(uploadResult);
    const file = byId('upload-file').files[0];
    if (!file) {
      const placed = showFieldErrors(uploadForm, [{ field: 'body', message: 'Choose a file to upload.' }]);
      focusControl(placed.first);
      return;
    }
    const query = new URLSearchParams(compact({
      format: byId('upload-format').value,
      tlp: byId('upload-tlp').value,
      confidence: text('upload-confidence'),
      tags: text('upload-tags'),
      reference: text('upload-reference'),
    })).toString();
    const fingerprint = `${file.name}|${file.size}|${file.lastModified}|${query}`;
    const done = busy(uploadForm, byId('upload-button'), 'Uploading…');
    // the attribute, not the property: HtmlUnit's progress element has a read-only value property
    progress.setAttribute('value', '0');
    progress.hidden = false;
    request('POST', `${API}/imports?${query}`, {
      body: file,
      contentType: contentTypeOf(file),
      idempotencyKey: idempotencyKey('import', fingerprint),
      timeoutMs: 0, // a large file may take long; the gateway answers when it is stored
      onProgress: (loaded, total) => {
        progress.setAttribute('value', String(Math.round((100 * loaded) / total)));
      },
    }).then((answer) => {
      done();
      progress.hidden = true;
      settled('import', answer);
      const report = answer.body;
      if ((answer.status === 200 || answer.status === 503) && report && typeof report.submitted === 'number') {
        show(uploadResult,
          el('p', { class: report.error ? 'mixed' : 'done' }, el('strong', {
            text: report.error ? 'The import stopped part-way.' : `Imported ${file.name}.`,
          }), report.error ? ` ${report.error} What is counted below was stored; upload the same file again to `
            + 'finish it without duplicates.' : ''),
          counts(report),
          refusalTable(report.refusals),
          skipList(report.skips),
          report.detailsTruncated ? el('p', { class: 'hint', text: 'Only the first refusals and skips are listed; the counts are complete.' }) : null);
        return;
      }
      if (answer.status === 400 && answer.body && Array.isArray(answer.body.errors)) {
        const placed = showFieldErrors(uploadForm, answer.body.errors);
        show(uploadResult, problem(withDetail('The file was refused (400)', serverMessage(answer)), placed.elsewhere));
        focusControl(placed.first);
        return;
      }
      show(uploadResult, problem(failureMessage(answer)));
    });
  });

  // ---- a submission's status --------------------------------------------------------------------

  const statusForm = byId('status-form');
  const statusResult = byId('status-result');

  const describe = (entries) => el('dl', { class: 'counts' }, entries.filter((entry) => entry[1])
    .flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: String(value) })]));

  // "; on the list 'List of known IPv4 public DNS resolvers': not alerted." or what was stored
  const storedSentence = (s) => {
    const lists = Array.isArray(s.warninglists) ? s.warninglists.map((l) => `'${l.name}'`) : [];
    if (lists.length) {
      return `; on the ${lists.length === 1 ? 'list' : 'lists'} ${lists.join(', ')}: not alerted. `
        + 'The hub keeps a value on a warninglist of known-benign values but never alerts anyone about it.';
    }
    if (s.stored) {
      return `: stored as ${s.stored.type} ${s.stored.value}, on no warninglist.`;
    }
    return ': it is on your party\'s submissions topic.';
  };

  const lookUp = (id) => {
    clearFieldErrors(statusForm);
    show(statusResult);
    if (!id) {
      const placed = showFieldErrors(statusForm, [{ field: 'id', message: 'Enter a submission id.' }]);
      focusControl(placed.first);
      return;
    }
    const done = busy(statusForm, byId('status-button'), 'Looking up…');
    request('GET', `${API}/submissions/${encodeURIComponent(id)}`).then((answer) => {
      done();
      const s = answer.body || {};
      if (answer.status === 200 && (s.status === 'accepted' || s.status === 'rejected')) {
        const rejected = s.status === 'rejected';
        show(statusResult, el('div', { class: rejected ? 'rejected' : 'accepted' },
          el('p', {}, el('strong', { class: 'status-word', text: rejected ? 'Rejected' : 'Accepted' }),
            rejected ? ' by the pipeline: it was not taken into the hub.' : storedSentence(s)),
          describe([['Submission id', s.submissionId], ['Value', s.value],
            ['Stored as', s.stored ? `${s.stored.value} (${s.stored.type})` : null], ['Type', s.type], ['Action', s.action],
            ['Channel', s.channel], ['Submitted at', s.submittedAt], ['Rejected at', s.rejectedAt]]),
          rejected ? el('h3', { text: 'Reasons' }) : null,
          rejected ? errorList(s.reasons || []) : null));
        return;
      }
      if (answer.status === 404) {
        show(statusResult, el('div', { class: 'unknown' }, el('p', {},
          el('strong', { class: 'status-word', text: 'Unknown' }),
          ': no submission with this id is known for your party. A submission of another party is unknown to you too.')));
        return;
      }
      if (answer.status === 400 && Array.isArray(s.errors)) {
        const placed = showFieldErrors(statusForm, s.errors);
        show(statusResult, problem(withDetail('Not a submission id (400)', serverMessage(answer)), placed.elsewhere));
        focusControl(placed.first);
        return;
      }
      show(statusResult, problem(failureMessage(answer)));
    });
  };

  statusForm.addEventListener('submit', (event) => {
    event.preventDefault();
    lookUp(text('status-id'));
  });

  // ---- what the other scripts of the console share --------------------------------------------

  window.CaspianConsole = Object.freeze({
    API, byId, el, show, request, parseJson, problem, failureMessage, serverMessage, withDetail, errorList, busy,
    compact, clearFieldErrors, showFieldErrors, focusControl, showRefusal, key: session.key,
  });

  // ---- the lists every form shares: indicator types, and TLP as an upper bound ------------------

  const TYPES = [['ipv4', 'IPv4 address'], ['ipv6', 'IPv6 address'], ['cidr', 'CIDR block'], ['domain', 'Domain'],
    ['url', 'URL'], ['email', 'Email address'], ['md5', 'MD5'], ['sha1', 'SHA-1'], ['sha256', 'SHA-256'],
    ['sha512', 'SHA-512'], ['cve', 'CVE'], ['asn', 'AS number']];
  const TLP_BOUNDS = [['clear', 'TLP:CLEAR only'], ['green', 'up to TLP:GREEN'], ['amber', 'up to TLP:AMBER'],
    ['amber+strict', 'up to TLP:AMBER+STRICT']];
  const fill = (selector, options) => {
    for (const select of document.querySelectorAll(selector)) {
      for (const option of options) {
        select.append(el('option', { value: option[0], text: option[1] }));
      }
    }
  };
  fill('select[data-options="types"]', TYPES);
  fill('select[data-options="tlp-bounds"]', TLP_BOUNDS);

  // ---- start: a tab that still holds a key (a reload) stays signed in ---------------------------
  // (once every script has run, so the others hear that the analyst is signed in)

  document.addEventListener('DOMContentLoaded', () => {
    if (session.key()) {
      showWorkspace();
    } else {
      showSignIn();
    }
  });
})();
