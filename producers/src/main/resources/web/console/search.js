// Caspian Hub console: search (GET /api/v1/indicators?filters, a page at a time by cursor) and
// export downloads (GET /api/v1/exports/{format}?filters&active=true). The API takes the key as a
// bearer header, so a download cannot be a plain link: the file is fetched with the key, then
// handed to the browser as a blob to save.
'use strict';

(() => {
  const C = window.CaspianConsole;
  const el = C.el;
  const form = C.byId('search-form');
  const result = C.byId('search-result');
  const exportResult = C.byId('export-result');
  const PAGE = 50;
  const FILE_NAMES = {
    text: 'caspian-indicators.txt', csv: 'caspian-indicators.csv', stix: 'caspian-indicators.stix.json',
    suricata: 'caspian-indicators.rules', zeek: 'caspian-indicators.intel', misp: 'manifest.json',
  };

  const day = (id, end) => {
    const v = C.byId(id).value.trim();
    return /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T${end ? '23:59:59' : '00:00:00'}Z` : v;
  };

  const filters = () => C.compact({
    type: C.byId('search-type').value,
    tag: C.byId('search-tag').value.trim(),
    reference: C.byId('search-reference').value.trim(),
    party: C.byId('search-party').value.trim(),
    minScore: C.byId('search-min-score').value.trim(),
    status: C.byId('search-status').value,
    tlp: C.byId('search-tlp').value,
    lastSeenFrom: day('search-last-seen-from', false),
    lastSeenTo: day('search-last-seen-to', true),
  });

  const row = (i) => {
    const value = el('button', { type: 'button', class: 'link', text: i.value });
    value.addEventListener('click', () => window.CaspianIndicator.open(i.value, i.type));
    return el('tr', { 'data-key': `${i.type}:${i.value}` },
      el('td', {}, value),
      el('td', { text: i.type }),
      el('td', { text: String(i.status || '').toLowerCase() }),
      el('td', { text: String(i.score) }),
      el('td', { text: i.tlp || '' }),
      el('td', { text: i.lastSeen || '' }),
      el('td', { text: (i.parties || []).join(', ') }),
      el('td', { text: (i.tags || []).join(', ') }));
  };

  const table = () => el('table', { class: 'results', id: 'search-table' },
    el('caption', { text: 'Indicators that match' }),
    el('thead', {}, el('tr', {}, ['Value', 'Type', 'Status', 'Score', 'TLP', 'Last seen', 'Reported by', 'Tags']
      .map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}));

  // Shows one page; "More results" asks for the next with the cursor the gateway gave.
  const page = (query, cursor) => {
    const params = new URLSearchParams(Object.assign({}, query, { limit: String(PAGE) }, cursor ? { cursor } : {}));
    const done = C.busy(form, C.byId('search-button'), 'Searching…');
    return C.request('GET', `${C.API}/indicators?${params.toString()}`).then((answer) => {
      done();
      const body = answer.body || {};
      if (answer.status === 200 && Array.isArray(body.items)) {
        let t = C.byId('search-table');
        if (!cursor || !t) {
          t = table();
          C.show(result, el('p', { class: 'search-count' }), t);
        }
        for (const i of body.items) {
          t.tBodies[0].append(row(i));
        }
        const shown = t.tBodies[0].rows.length;
        result.querySelector('.search-count').textContent = shown === 0 ? 'Nothing you may see matches these filters.'
          : `${shown} ${shown === 1 ? 'indicator' : 'indicators'} shown${body.next ? '; there are more.' : '.'}`;
        const old = C.byId('search-more');
        if (old) {
          old.remove();
        }
        if (body.next) {
          const more = el('button', { type: 'button', class: 'secondary', id: 'search-more', text: 'More results' });
          more.addEventListener('click', () => page(query, body.next));
          result.append(more);
        }
        return;
      }
      C.showRefusal(form, result, answer, 'The filters were refused (400)');
    });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    C.clearFieldErrors(form);
    C.show(result);
    page(filters(), null);
  });

  const download = (format, button) => {
    C.clearFieldErrors(form);
    C.show(exportResult, el('p', { text: `Exporting (${format})…` }));
    const params = new URLSearchParams(Object.assign({}, filters(), { active: 'true' }));
    const restore = C.busy(form, button, 'Exporting…');
    // a MISP feed is a manifest and one event per type: MISP reads them itself; here, the manifest
    const path = format === 'misp' ? 'misp/manifest.json' : format;
    C.request('GET', `${C.API}/exports/${path}?${params.toString()}`, { accept: '*/*', text: true, timeoutMs: 0 })
      .then((answer) => {
        restore();
        if (answer.status === 200) {
          const blob = new Blob([answer.text], { type: 'application/octet-stream' });
          const name = FILE_NAMES[format];
          const link = el('a', { href: URL.createObjectURL(blob), download: name, class: 'download', text: `Save ${name} again` });
          link.click();
          C.show(exportResult, el('p', { class: 'done' }, el('strong', { text: 'Exported' }),
            ` ${name}: `, el('span', { 'data-export-bytes': String(blob.size), text: `${blob.size} bytes` }), '. ', link),
          format === 'misp' ? el('p', { class: 'hint' }, 'A MISP instance reads the feed itself: add ',
            el('code', { text: `${window.location.origin}${C.API}/exports/misp` }),
            ' as a feed (source format "MISP Feed") with the header ', el('code', { text: 'Authorization: Bearer <key>' }),
            ' and these filters as query parameters.') : null);
          return;
        }
        C.showRefusal(form, exportResult, answer, 'The filters were refused (400)');
      });
  };

  for (const button of document.querySelectorAll('[data-export]')) {
    button.addEventListener('click', () => download(button.getAttribute('data-export'), button));
  }

  document.addEventListener('caspian:signed-out', () => {
    form.reset();
    C.clearFieldErrors(form);
    C.show(result);
    C.show(exportResult);
  });
})();
