// Caspian Hub console: the correlation graph of the indicator page, as inline SVG.
//
// The looked-up indicator sits in the middle; each visible correlation is a node on a circle
// around it, joined by an edge named after its kind (same value from another party, URL to its
// domain, address inside a reported block, a shared incident or campaign reference...). Drawn with
// createElementNS and text nodes only (no markup from strings, no inline style: the console's
// Content-Security-Policy forbids both); colours come from console.css classes.
'use strict';

(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 640;
  const HEIGHT = 360;
  const MAX_NODES = 24;

  const node = (tag, attributes, text) => {
    const n = document.createElementNS(SVG, tag);
    for (const name of Object.keys(attributes || {})) {
      n.setAttribute(name, String(attributes[name]));
    }
    if (text !== undefined && text !== null) {
      n.textContent = String(text);
    }
    return n;
  };

  const shorten = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

  const kindLabel = (kind) => String(kind || 'related').toLowerCase().replace(/_/g, ' ');

  // What a correlation's other side is called: its value, or the reference that joins them.
  const labelOf = (r) => r.value || r.reference || r.detail || kindLabel(r.kind);

  // correlations: [{kind, type, value, reference, parties, detail}]; onChoose(value, type) is called
  // when a node with a value is chosen (clicked, or Enter on it).
  const draw = (centre, correlations, onChoose) => {
    const shown = correlations.slice(0, MAX_NODES);
    const svg = node('svg', {
      class: 'graph', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img',
      'aria-label': `Correlation graph: ${centre.value} and ${shown.length} related `
        + `${shown.length === 1 ? 'indicator' : 'indicators'}`,
    });
    svg.append(node('title', {}, `Correlations of ${centre.value}`));
    const cx = WIDTH / 2;
    const cy = HEIGHT / 2;
    const rx = WIDTH / 2 - 110;
    const ry = HEIGHT / 2 - 40;
    const edges = node('g', { class: 'edges' });
    const nodes = node('g', { class: 'nodes' });
    shown.forEach((r, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, shown.length) - Math.PI / 2;
      const x = cx + rx * Math.cos(angle);
      const y = cy + ry * Math.sin(angle);
      const kind = String(r.kind || 'related').toLowerCase();
      edges.append(node('line', { class: `edge edge-${kind}`, x1: cx, y1: cy, x2: x, y2: y }));
      edges.append(node('text', {
        class: 'edge-label', x: (cx + x) / 2, y: (cy + y) / 2 - 4, 'text-anchor': 'middle',
      }, kindLabel(kind)));
      const g = node('g', { class: `node node-${kind}${r.value ? ' choosable' : ''}`, 'data-value': r.value || '' });
      g.append(node('title', {}, [labelOf(r), r.type, r.parties && r.parties.length ? `reported by ${r.parties.join(', ')}` : '']
        .filter((t) => t).join(' · ')));
      g.append(node('circle', { cx: x, cy: y, r: 9 }));
      g.append(node('text', { x, y: y + 24, 'text-anchor': 'middle' }, shorten(labelOf(r), 30)));
      if (r.value && onChoose) {
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', `Look up ${r.value}`);
        g.addEventListener('click', () => onChoose(r.value, r.type));
        g.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onChoose(r.value, r.type);
          }
        });
      }
      nodes.append(g);
    });
    const middle = node('g', { class: 'node node-centre' });
    middle.append(node('circle', { cx, cy, r: 14 }));
    middle.append(node('text', { x: cx, y: cy + 32, 'text-anchor': 'middle' }, shorten(centre.value, 40)));
    nodes.append(middle);
    svg.append(edges, nodes);
    return svg;
  };

  window.CaspianGraph = Object.freeze({ draw, labelOf, kindLabel, MAX_NODES });
})();
