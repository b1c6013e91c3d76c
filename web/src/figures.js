// The page's drawings, as SVG built in the DOM: the body map, the recovery timeline and the result icons.
// They only draw what they are given; every word and number comes from the caller (the core's texts).

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

// Shapes of each region on a figure centred at x = c; "hips_buttocks" and "calves" differ front and back
// only in name, so one outline serves both views. Views list the regions they show.
const regionShapes = {
  head: (c) => [svg('ellipse', { cx: c, cy: 18, rx: 11, ry: 13 })],
  neck: (c) => [svg('rect', { x: c - 5.5, y: 30, width: 11, height: 9, rx: 2 })],
  shoulders: (c) => [svg('rect', { x: c - 29, y: 39, width: 58, height: 11, rx: 5.5 })],
  chest: (c) => [svg('rect', { x: c - 20, y: 51, width: 40, height: 24, rx: 4 })],
  belly: (c) => [svg('rect', { x: c - 19, y: 76, width: 38, height: 24, rx: 4 })],
  upper_back: (c) => [svg('rect', { x: c - 20, y: 51, width: 40, height: 24, rx: 4 })],
  lower_back: (c) => [svg('rect', { x: c - 19, y: 76, width: 38, height: 24, rx: 4 })],
  arms: (c) => [
    svg('rect', { x: c - 38, y: 51, width: 10, height: 58, rx: 5 }),
    svg('rect', { x: c + 28, y: 51, width: 10, height: 58, rx: 5 }),
  ],
  hands: (c) => [svg('ellipse', { cx: c - 33, cy: 118, rx: 6, ry: 8 }), svg('ellipse', { cx: c + 33, cy: 118, rx: 6, ry: 8 })],
  hips_buttocks: (c) => [svg('rect', { x: c - 21, y: 101, width: 42, height: 19, rx: 6 })],
  thighs: (c) => [
    svg('rect', { x: c - 20, y: 121, width: 18.5, height: 40, rx: 6 }),
    svg('rect', { x: c + 1.5, y: 121, width: 18.5, height: 40, rx: 6 }),
  ],
  calves: (c) => [
    svg('rect', { x: c - 18, y: 162, width: 15, height: 38, rx: 6 }),
    svg('rect', { x: c + 3, y: 162, width: 15, height: 38, rx: 6 }),
  ],
  feet: (c) => [svg('ellipse', { cx: c - 11, cy: 206, rx: 8, ry: 5 }), svg('ellipse', { cx: c + 11, cy: 206, rx: 8, ry: 5 })],
};
const frontRegions = ['head', 'neck', 'shoulders', 'chest', 'belly', 'arms', 'hands', 'hips_buttocks', 'thighs', 'calves', 'feet'];
const backRegions = ['head', 'neck', 'shoulders', 'upper_back', 'lower_back', 'arms', 'hands', 'hips_buttocks', 'thighs', 'calves', 'feet'];

/**
 * A front and a back figure whose regions call onToggle(regionId) when tapped. It is a pointer shortcut
 * (aria-hidden): the checkbox list next to it is the accessible control and the source of truth.
 * @param {{regions: string[], frontLabel: string, backLabel: string, onToggle: (id: string) => void}} options
 */
export function bodyMap({ regions, frontLabel, backLabel, onToggle }) {
  const known = new Set(regions);
  const figure = (centre, ids, label) =>
    svg('g', { class: 'figure' }, [
      ...ids
        .filter((id) => known.has(id))
        .map((id) => svg('g', { class: 'region', 'data-region': id }, regionShapes[id](centre))),
      svg('text', { x: centre, y: 226, 'text-anchor': 'middle', class: 'figure-label' }, [label]),
    ]);
  const map = svg('svg', { viewBox: '0 0 220 232', class: 'body-map', 'aria-hidden': 'true', focusable: 'false' }, [
    figure(55, frontRegions, frontLabel),
    figure(165, backRegions, backLabel),
  ]);
  map.addEventListener('click', (event) => {
    const region = event.target.closest?.('[data-region]');
    if (region) onToggle(region.dataset.region);
  });
  return map;
}

/** Marks the regions in `chosen` as selected on a map made by bodyMap. */
export function showChosenRegions(map, chosen) {
  for (const region of map.querySelectorAll('[data-region]')) {
    region.classList.toggle('chosen', chosen.includes(region.dataset.region));
  }
}

/**
 * The usual course of soreness after a massage, drawn from the core's timeline numbers (hours):
 * rising to the peak, level through it, fading by usually_gone_hours; a line where advice is due and,
 * when the time since the massage is known, a "you are here" mark (on the axis for a phase "not_sore…").
 * @param {object} timeline the result's timeline
 * @param {(hours: number) => string} tickLabel text for an axis tick
 */
export function timelinePlot(timeline, tickLabel) {
  const { peak_starts_hours: peakStart, peak_ends_hours: peakEnd, usually_gone_hours: gone, seek_advice_hours: seek } = timeline;
  const here = timeline.hours_since_massage;
  const span = Math.max(96, Math.ceil((Math.max(seek, gone) + 24) / 24) * 24);
  const width = 320, height = 150, left = 12, right = 308, top = 14, bottom = 118;
  const x = (hours) => left + (Math.min(hours, span) / span) * (right - left);
  const y = (level) => bottom - level * (bottom - top);
  const smooth = (t) => t * t * (3 - 2 * t);
  const level = (hours) => {
    if (hours <= peakStart) return 0.12 + 0.88 * smooth(hours / peakStart);
    if (hours <= peakEnd) return 1;
    if (hours <= gone) return 1 - 0.94 * smooth((hours - peakEnd) / (gone - peakEnd));
    return 0.06;
  };
  const points = [];
  for (let hours = 0; hours <= span; hours += 2) points.push(`${x(hours).toFixed(1)},${y(level(hours)).toFixed(1)}`);

  const ticks = [];
  for (let hours = 0; hours <= span; hours += 24) {
    ticks.push(svg('line', { x1: x(hours), x2: x(hours), y1: bottom, y2: bottom + 4, class: 'axis' }));
    const anchor = hours === 0 ? 'start' : hours === span ? 'end' : 'middle';
    ticks.push(svg('text', { x: x(hours), y: bottom + 17, 'text-anchor': anchor, class: 'tick' }, [tickLabel(hours)]));
  }
  const parts = [
    svg('rect', { x: x(peakStart), y: top, width: x(peakEnd) - x(peakStart), height: bottom - top, class: 'peak-band' }),
    svg('line', { x1: left, x2: right, y1: bottom, y2: bottom, class: 'axis' }),
    ...ticks,
    svg('polyline', { points: points.join(' '), class: 'curve' }),
    svg('line', { x1: x(peakEnd), x2: x(peakEnd), y1: top, y2: bottom, class: 'ease-line' }),
    svg('line', { x1: x(seek), x2: x(seek), y1: top, y2: bottom, class: 'seek-line' }),
  ];
  if (here !== null && here !== undefined) {
    // Someone the core found not sore sits on the axis at their time, not on the curve of usual soreness.
    const notSore = timeline.phase === 'not_sore_yet' || timeline.phase === 'not_sore';
    const cx = x(here), cy = notSore ? y(0) : y(level(Math.min(here, span)));
    parts.push(svg('line', { x1: cx, x2: cx, y1: cy, y2: bottom, class: 'here-line' }));
    parts.push(svg('circle', { cx, cy, r: 7, class: 'here' }));
  }
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'timeline-plot', 'aria-hidden': 'true', focusable: 'false' }, parts);
}

/** A small key swatch for the timeline legend: 'curve', 'ease', 'seek' or 'here'. */
export function legendSwatch(kind) {
  const shape = {
    curve: () => svg('line', { x1: 2, x2: 22, y1: 8, y2: 8, class: 'curve' }),
    ease: () => svg('line', { x1: 12, x2: 12, y1: 1, y2: 15, class: 'ease-line' }),
    seek: () => svg('line', { x1: 12, x2: 12, y1: 1, y2: 15, class: 'seek-line' }),
    here: () => svg('circle', { cx: 12, cy: 8, r: 6, class: 'here' }),
  }[kind];
  return svg('svg', { viewBox: '0 0 24 16', class: 'swatch', 'aria-hidden': 'true', focusable: 'false' }, [shape()]);
}

const iconPaths = {
  self_care: ['M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Z', 'M7 12.5l3.2 3.2L17 9'],
  contact_therapist: ['M4 5h16v11H9l-5 4Z', 'M8 9.5h8M8 12.5h5'],
  see_doctor: ['M4 4h16v16H4Z', 'M12 8v8M8 12h8'],
  urgent: ['M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Z', 'M12 6.5V12l3.5 2.5'],
  emergency: ['M12 2.5 22 20.5H2Z', 'M12 9v5.5M12 17.2v.3'],
};

/** The icon of a disposition; shown beside its label, never alone. */
export function dispositionIcon(id) {
  return svg(
    'svg',
    { viewBox: '0 0 24 24', class: 'icon', 'aria-hidden': 'true', focusable: 'false' },
    (iconPaths[id] ?? iconPaths.see_doctor).map((d) => svg('path', { d })),
  );
}
