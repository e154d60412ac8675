// Caspian Hub console: the indicator page (the lookup view). GET /api/v1/lookup?value=&type= is
// the same answer as GET /api/v1/indicators/{value}, and needs no percent-encoded '/' in a path
// for URLs and CIDR blocks. An indicator the party may not see is unknown, exactly like one that
// does not exist.
'use strict';

(() => {
  const C = window.CaspianConsole;
  const el = C.el;
  const form = C.byId('indicator-form');
  const result = C.byId('indicator-result');

  const list = (values) => (Array.isArray(values) && values.length ? values.join(', ') : null);

  const tlpBadge = (tlp) => (tlp ? el('span', {
    class: `tlp-badge tlp-${String(tlp).toLowerCase().replace('tlp:', '').replace('+', '-')}`, text: tlp,
  }) : null);

  const facts = (entries) => el('dl', { class: 'facts' }, entries.filter((entry) => entry[1] !== null && entry[1] !== undefined
    && entry[1] !== '').flatMap((entry) => [el('dt', { text: entry[0] }), el('dd', { 'data-fact': entry[2], text: String(entry[1]) })]));

  const lookUpButton = (value, type) => {
    const button = el('button', { type: 'button', class: 'link', text: value });
    button.addEventListener('click', () => lookUp(value, type));
    return button;
  };

  const correlationTable = (related) => el('table', { class: 'results correlations' },
    el('caption', { text: 'Correlations' }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: 'Kind' }),
      el('th', { scope: 'col', text: 'Other side' }),
      el('th', { scope: 'col', text: 'Type' }),
      el('th', { scope: 'col', text: 'Reported by' }),
      el('th', { scope: 'col', text: 'Detail' }))),
    el('tbody', {}, related.map((r) => el('tr', {},
      el('td', { text: window.CaspianGraph.kindLabel(r.kind) }),
      el('td', {}, r.value ? lookUpButton(r.value, r.type) : el('code', { text: r.reference || '' })),
      el('td', { text: r.type || '' }),
      el('td', { text: list(r.parties) || '' }),
      el('td', { text: r.detail || '' })))));

  const historyTable = (alerts) => el('table', { class: 'results history' },
    el('caption', { text: 'Your alerts about it' }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: 'When' }),
      el('th', { scope: 'col', text: 'Kind' }),
      el('th', { scope: 'col', text: 'Score' }),
      el('th', { scope: 'col', text: 'Summary' }))),
    el('tbody', {}, alerts.map((a) => el('tr', { 'data-alert-id': a.alertId },
      el('td', { text: a.createdAt || '' }),
      el('td', { text: window.CaspianGraph.kindLabel(a.kind) }),
      el('td', { text: a.score === undefined ? '' : String(a.score) }),
      el('td', { text: a.summary || '' })))));

  const view = (i) => {
    const related = Array.isArray(i.related) ? i.related : [];
    const alerts = Array.isArray(i.alerts) ? i.alerts : [];
    const lists = Array.isArray(i.warninglists) ? i.warninglists.map((w) => w.name || w.id) : [];
    return el('article', { class: 'indicator', 'data-key': `${i.type}:${i.value}` },
      el('header', { class: 'indicator-head' },
        el('h3', {}, el('code', { class: 'indicator-value', text: i.value })),
        el('p', { class: 'indicator-badges' },
          el('span', { class: 'type-badge', text: i.type }), ' ',
          el('span', { class: `status-badge status-${String(i.status || '').toLowerCase()}`, text: i.status }), ' ',
          tlpBadge(i.tlp), ' ',
          el('span', { class: 'score', text: `score ${i.score}` }), ' ',
          el('span', { class: 'severity', text: `severity ${String(i.severity || 'unknown').toLowerCase()}` }))),
      lists.length ? el('p', { class: 'warninglisted', text: `On the warninglist${lists.length > 1 ? 's' : ''} `
        + `${lists.map((n) => `'${n}'`).join(', ')}: known-benign, never alerted.` }) : null,
      facts([
        ['First seen', i.firstSeen, 'firstSeen'], ['Last seen', i.lastSeen, 'lastSeen'], ['Valid until', i.validUntil, 'validUntil'],
        ['Reported by', list(i.parties), 'parties'], ['Tags', list(i.tags), 'tags'], ['References', list(i.references), 'references'],
        ['Sightings', i.sightings, 'sightings'], ['False positives', i.falsePositives, 'falsePositives'],
        ['As of', i.asOf, 'asOf']]),
      el('h4', { text: related.length ? `Correlations (${related.length})` : 'Correlations' }),
      related.length ? el('div', { class: 'graph-box' }, window.CaspianGraph.draw(i, related, lookUp)) : null,
      related.length ? correlationTable(related) : el('p', { class: 'hint', text: 'No correlation you may see.' }),
      el('h4', { text: 'Alert history' }),
      alerts.length ? historyTable(alerts) : el('p', { class: 'hint', text: 'Your party has had no alert about it.' }));
  };

  const lookUp = (value, type) => {
    C.clearFieldErrors(form);
    C.show(result);
    C.byId('indicator-value').value = value;
    C.byId('indicator-type').value = type ? String(type).toLowerCase() : '';
    if (!value) {
      C.focusControl(C.showFieldErrors(form, [{ field: 'value', message: 'Enter a value to look up.' }]).first);
      return;
    }
    const query = new URLSearchParams(C.compact({ value, type: C.byId('indicator-type').value })).toString();
    const done = C.busy(form, C.byId('indicator-button'), 'Looking up…');
    C.request('GET', `${C.API}/lookup?${query}`).then((answer) => {
      done();
      const body = answer.body || {};
      if (answer.status === 200 && body.value) {
        C.show(result, view(body));
        return;
      }
      if (answer.status === 404) {
        const lists = Array.isArray(body.warninglists) ? body.warninglists.map((w) => `'${w.name || w.id}'`) : [];
        C.show(result, el('div', { class: 'unknown' }, el('p', {},
          el('strong', { class: 'status-word', text: 'Unknown' }),
          `: the hub knows nothing of ${body.value || value} that your party may see.`),
          lists.length ? el('p', { class: 'warninglisted', text: `It is on the warninglist${lists.length > 1 ? 's' : ''} `
            + `${lists.join(', ')} of known-benign values: the hub never alerts about it.` }) : null));
        return;
      }
      C.showRefusal(form, result, answer, 'Not an indicator (400)');
    });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    lookUp(C.byId('indicator-value').value.trim(), C.byId('indicator-type').value);
  });

  // from the inbox and the search results: look the value up and bring the page into view
  const open = (value, type) => {
    lookUp(value, type);
    C.byId('indicator-section').scrollIntoView();
    C.byId('indicator-value').focus();
  };

  document.addEventListener('caspian:signed-out', () => {
    form.reset();
    C.clearFieldErrors(form);
    C.show(result);
  });

  window.CaspianIndicator = Object.freeze({ open });
})();
