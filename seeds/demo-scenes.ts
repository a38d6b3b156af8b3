import type { Scene } from './data/demo-types.js';
import { between, pick, type Random } from './demo-random.js';

export const WIDTH = 1024;
export const HEIGHT = 768;
const W = WIDTH;
const H = HEIGHT;
const HORIZON = Math.round(H * 0.42);

/**
 * Simple drawings of what residents photograph, as SVG for sharp to render: a horizon, a road or a
 * field, and the problem itself. `fixed` draws the same place after the parish has been.
 */
type Draw = (random: Random, fixed: boolean) => string;

// Lighter or darker as a whole, with only a slight tint, so grey asphalt never turns pink.
const shade = (random: Random, hex: string, spread = 18): string => {
  const n = parseInt(hex.slice(1), 16);
  const light = between(random, -spread, spread);
  const channel = (shift: number) =>
    Math.max(0, Math.min(255, ((n >> shift) & 255) + light + between(random, -4, 4)));
  return `rgb(${channel(16)},${channel(8)},${channel(0)})`;
};

function sky(random: Random, top = '#7fa7d6', bottom = '#dce7f1'): string {
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${shade(random, top)}"/><stop offset="1" stop-color="${shade(random, bottom)}"/></linearGradient></defs>
<rect width="${W}" height="${HORIZON}" fill="url(#sky)"/>`;
}

function ground(random: Random, colour = '#5b7d3a'): string {
  return `<rect y="${HORIZON}" width="${W}" height="${H - HORIZON}" fill="${shade(random, colour)}"/>`;
}

function treeLine(random: Random, colour = '#2f4a22'): string {
  const crowns = Array.from(
    { length: 16 },
    (_, i) =>
      `<circle cx="${i * 68 + between(random, -20, 20)}" cy="${HORIZON - between(random, 0, 25)}" r="${between(random, 30, 70)}"/>`,
  );
  return `<g fill="${shade(random, colour, 10)}">${crowns.join('')}</g>`;
}

function road(random: Random, colour: string): string {
  const top = between(random, 40, 90);
  const centre = W / 2 + between(random, -80, 80);
  return `<polygon points="${centre - top},${HORIZON} ${centre + top},${HORIZON} ${W * 0.98},${H} ${W * 0.02},${H}" fill="${shade(random, colour)}"/>`;
}

const holes = (random: Random, count: number, colour: string) =>
  Array.from({ length: count }, () => {
    const y = between(random, HORIZON + 80, H - 60);
    const scale = (y - HORIZON) / (H - HORIZON);
    return `<ellipse cx="${W / 2 + between(random, -250, 250) * scale}" cy="${y}" rx="${Math.round(between(random, 40, 110) * scale)}" ry="${Math.round(between(random, 12, 30) * scale)}" fill="${shade(random, colour)}"/>`;
  }).join('');

const scenes: Record<Scene, Draw> = {
  road: (r, fixed) =>
    sky(r) +
    ground(r) +
    road(r, '#6f6c66') +
    treeLine(r) +
    (fixed ? holes(r, 3, '#4f4d49') : holes(r, between(r, 3, 6), '#37332e')),
  gravel: (r, fixed) =>
    sky(r) +
    ground(r, '#6b8a44') +
    road(r, '#9b8565') +
    treeLine(r) +
    (fixed ? '' : holes(r, between(r, 4, 8), '#5e6f7a')),
  lamp: (r, fixed) => {
    const x = between(r, 300, 700);
    const windows = Array.from(
      { length: 5 },
      (_, i) => `<rect x="${80 + i * 190}" y="${HORIZON - 60}" width="26" height="22" fill="#e8c86a"/>`,
    ).join('');
    const head = fixed
      ? `<circle cx="${x + 60}" cy="150" r="70" fill="#ffe9a0" opacity="0.45"/><rect x="${x + 30}" y="140" width="60" height="18" fill="#fff6c8"/>`
      : `<rect x="${x + 30}" y="140" width="60" height="18" fill="#555"/>`;
    return (
      sky(r, '#0f1b3a', '#3b4a78') +
      ground(r, '#1d2a1a') +
      `<g fill="#14161c">${Array.from({ length: 5 }, (_, i) => `<rect x="${40 + i * 190}" y="${HORIZON - 110}" width="140" height="110"/>`).join('')}</g>` +
      windows +
      `<rect x="${x}" y="130" width="14" height="${H - 130}" fill="#2a2a2a"/><rect x="${x}" y="130" width="80" height="10" fill="#2a2a2a"/>` +
      head
    );
  },
  bins: (r, fixed) => {
    const crosses = Array.from(
      { length: 7 },
      (_, i) =>
        `<g fill="#5a5048"><rect x="${60 + i * 140}" y="${HORIZON - 70}" width="10" height="80"/><rect x="${40 + i * 140}" y="${HORIZON - 50}" width="50" height="10"/></g>`,
    ).join('');
    const bins = Array.from(
      { length: 3 },
      (_, i) =>
        `<rect x="${220 + i * 210}" y="430" width="170" height="200" rx="8" fill="${shade(r, '#2f6b3a')}"/><rect x="${210 + i * 210}" y="415" width="190" height="24" fill="#244f2c"/>`,
    ).join('');
    const bags = fixed
      ? ''
      : Array.from(
          { length: between(r, 8, 14) },
          () =>
            `<ellipse cx="${between(r, 180, 860)}" cy="${between(r, 600, 700)}" rx="${between(r, 30, 60)}" ry="${between(r, 22, 40)}" fill="${pick(r, ['#1b1b1b', '#2c2c34', '#d84a4a', '#e0d060', '#3a6fb0'])}"/>`,
        ).join('');
    return sky(r) + ground(r, '#6a8a48') + crosses + bins + bags;
  },
  dump: (r, fixed) => {
    const trunks = Array.from(
      { length: 12 },
      (_, i) =>
        `<rect x="${i * 90 + between(r, 0, 40)}" y="${HORIZON - 160}" width="14" height="200" fill="#4a3a2a"/>`,
    ).join('');
    const junk = fixed
      ? ''
      : Array.from(
          { length: 14 },
          () =>
            `<polygon points="${Array.from({ length: 4 }, () => `${between(r, 250, 780)},${between(r, 470, 690)}`).join(' ')}" fill="${pick(r, ['#8a8a8a', '#b0a490', '#6b5b4b', '#c9c9c0'])}"/>`,
        ).join('') +
        Array.from(
          { length: 4 },
          () => `<circle cx="${between(r, 200, 820)}" cy="${between(r, 560, 700)}" r="48" fill="#151515"/>`,
        ).join('');
    return (
      sky(r, '#9fb0bf', '#dfe3e6') +
      `<rect y="${HORIZON - 160}" width="${W}" height="200" fill="#233a1f"/>` +
      trunks +
      ground(r, '#5d6b3a') +
      junk
    );
  },
  water: (r, fixed) => {
    const hole = fixed
      ? `<circle cx="512" cy="560" r="80" fill="#5a5a5a"/><circle cx="512" cy="560" r="64" fill="none" stroke="#444" stroke-width="6"/>`
      : `<ellipse cx="${between(r, 380, 640)}" cy="590" rx="260" ry="70" fill="${shade(r, '#6e8799')}"/><circle cx="512" cy="560" r="70" fill="#0c0c0c"/>`;
    return (
      sky(r, '#8d99a6', '#c9d0d6') + ground(r, '#5b6b45') + road(r, '#77736c') + treeLine(r, '#34472b') + hole
    );
  },
  snow: (r, fixed) => {
    const heaps = Array.from(
      { length: 5 },
      () =>
        `<ellipse cx="${between(r, 0, W)}" cy="${between(r, 420, 520)}" rx="${between(r, 120, 260)}" ry="${between(r, 40, 80)}" fill="#f4f7fb"/>`,
    ).join('');
    const tracks = fixed
      ? road(r, '#8a8780')
      : `<path d="M ${W * 0.4} ${H} L ${W * 0.49} ${HORIZON} M ${W * 0.6} ${H} L ${W * 0.51} ${HORIZON}" stroke="#b9c3cf" stroke-width="26"/>`;
    return sky(r, '#aeb4bb', '#e3e6ea') + ground(r, '#e8edf2') + treeLine(r, '#3a4a40') + tracks + heaps;
  },
  playground: (r, fixed) => {
    const seat = fixed
      ? `<line x1="560" y1="260" x2="560" y2="520" stroke="#777" stroke-width="5"/><line x1="660" y1="260" x2="660" y2="520" stroke="#777" stroke-width="5"/><rect x="545" y="515" width="130" height="16" fill="#c0392b"/>`
      : `<line x1="560" y1="260" x2="560" y2="520" stroke="#777" stroke-width="5"/><line x1="660" y1="260" x2="700" y2="600" stroke="#777" stroke-width="5"/><rect x="540" y="520" width="130" height="16" fill="#c0392b" transform="rotate(${between(r, 15, 35)} 560 520)"/>`;
    return (
      sky(r) +
      ground(r, '#6f9a45') +
      `<rect x="250" y="560" width="560" height="160" fill="#d9c08a"/>` +
      `<g stroke="${shade(r, '#3d6fa8')}" stroke-width="16"><line x1="300" y1="700" x2="380" y2="250"/><line x1="460" y1="700" x2="380" y2="250"/><line x1="760" y1="700" x2="840" y2="250"/><line x1="920" y1="700" x2="840" y2="250"/><line x1="380" y1="255" x2="840" y2="255"/></g>` +
      seat
    );
  },
  building: (r, fixed) => {
    const wall = shade(r, '#b98a52');
    const stain = fixed
      ? ''
      : `<ellipse cx="${between(r, 360, 640)}" cy="360" rx="80" ry="140" fill="#5b4630" opacity="0.55"/>`;
    return (
      sky(r) +
      ground(r) +
      `<rect x="200" y="250" width="620" height="380" fill="${wall}"/><polygon points="170,255 512,90 854,255" fill="${shade(r, '#6d2f25')}"/>` +
      `<g fill="#dfe8ee" stroke="#fff" stroke-width="6"><rect x="270" y="330" width="100" height="120"/><rect x="650" y="330" width="100" height="120"/></g><rect x="460" y="440" width="100" height="190" fill="#5a3b22"/>` +
      stain
    );
  },
  tree: (r, fixed) => {
    const log = fixed
      ? `<g fill="#7a5a3a"><rect x="40" y="560" width="200" height="40"/><rect x="50" y="600" width="200" height="40"/></g>`
      : `<g transform="rotate(${between(r, -12, 12)} 512 560)"><rect x="60" y="540" width="900" height="54" rx="20" fill="#7a5a3a"/>${Array.from({ length: 9 }, () => `<circle cx="${between(r, 600, 1000)}" cy="${between(r, 440, 640)}" r="${between(r, 40, 80)}" fill="${shade(r, '#3f6b2a')}"/>`).join('')}</g>`;
    return sky(r, '#8a9bb0', '#d0d8e0') + ground(r) + road(r, '#6f6c66') + treeLine(r) + log;
  },
  dog: (r) => {
    const dogs = Array.from({ length: between(r, 2, 3) }, (_, i) => {
      const x = 220 + i * 250 + between(r, -40, 40);
      const y = between(r, 520, 600);
      const coat = pick(r, ['#2b2118', '#6b4a2b', '#a67c52', '#1a1a1a']);
      return `<g fill="${coat}" stroke="${coat}" stroke-width="12"><ellipse cx="${x}" cy="${y}" rx="90" ry="40"/><circle cx="${x + 100}" cy="${y - 40}" r="32"/><line x1="${x - 60}" y1="${y + 20}" x2="${x - 64}" y2="${y + 100}"/><line x1="${x + 60}" y1="${y + 20}" x2="${x + 64}" y2="${y + 100}"/><line x1="${x - 88}" y1="${y - 10}" x2="${x - 130}" y2="${y - 50}"/></g>`;
    });
    return sky(r) + ground(r, '#7a9a4a') + road(r, '#8f8a80') + treeLine(r) + dogs.join('');
  },
  busstop: (r, fixed) => {
    const cracks = fixed
      ? ''
      : `<g stroke="#ffffff" stroke-width="3">${Array.from({ length: 8 }, () => `<line x1="420" y1="400" x2="${between(r, 300, 560)}" y2="${between(r, 280, 560)}"/>`).join('')}</g>`;
    return (
      sky(r) +
      ground(r) +
      road(r, '#6f6c66') +
      treeLine(r) +
      `<rect x="260" y="250" width="360" height="360" fill="#c8dbe6" opacity="0.6" stroke="#3b3b3b" stroke-width="12"/><rect x="240" y="230" width="400" height="30" fill="${shade(r, '#2a5d8a')}"/><rect x="300" y="520" width="280" height="20" fill="#6b4a2b"/><rect x="720" y="200" width="10" height="420" fill="#777"/><rect x="690" y="170" width="70" height="70" rx="8" fill="#1f5fa8"/>` +
      cracks
    );
  },
  field: (r) => {
    const lake = `<rect y="${HORIZON}" width="${W}" height="90" fill="${shade(r, '#4f7fa8')}"/>`;
    return (
      sky(r) +
      treeLine(r) +
      `<rect y="${HORIZON + 90}" width="${W}" height="${H - HORIZON - 90}" fill="${shade(r, '#e3d2a0')}"/>` +
      lake +
      `<g stroke="#333" stroke-width="8"><line x1="200" y1="420" x2="200" y2="640"/><line x1="820" y1="420" x2="820" y2="640"/></g><rect x="200" y="430" width="620" height="60" fill="none" stroke="#eee" stroke-width="4"/>`
    );
  },
};

export function sceneSvg(scene: Scene, random: Random, fixed: boolean): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${scenes[scene](random, fixed)}</svg>`,
  );
}

/** Scenes that look different once fixed, so a parish can post a photo of the result. */
export const FIXABLE_SCENES: ReadonlySet<Scene> = new Set([
  'road',
  'gravel',
  'lamp',
  'bins',
  'dump',
  'water',
  'snow',
  'playground',
  'building',
  'tree',
  'busstop',
]);
