/**
 * Export of the run's diagram: DiagramSvg rendered off screen inside a `.seq` element (so the
 * page's CSS, theme included, applies), every element's relevant computed style inlined, then
 * serialised: an SVG that renders standalone. PNG: that SVG drawn on a canvas at 2x.
 */
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ExerciseManifest, TraceEvent } from '../../sim';
import { DiagramSvg } from '../diagram/DiagramSvg';
import type { DiagramCaption } from '../diagram/DiagramSvg';

const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'paint-order',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
] as const;

/** At most this many events (rows) go into an exported diagram: a window around the cursor. */
export const EXPORT_MAX_EVENTS = 300;
/** A PNG holds fewer: a canvas taller than about 32,000 px cannot be encoded at all. */
export const EXPORT_MAX_PNG_EVENTS = 200;
/** The largest canvas side drawn (well within every browser's limit). */
const MAX_CANVAS_SIDE = 8_192;

/**
 * At most `maxEvents` events around the cursor's step (the last step shown), all of them when
 * the run is short. Lines and activations that began before the window are drawn from its top.
 */
export function exportWindow(
  events: readonly TraceEvent[],
  cursor: number,
  maxEvents = EXPORT_MAX_EVENTS,
): { events: TraceEvent[]; first: number; last: number; total: number } {
  const total = events.length;
  if (total <= maxEvents) return { events: [...events], first: 0, last: total - 1, total };
  let at = events.findIndex((e) => e.step >= cursor);
  if (at < 0) at = total - 1;
  const first = Math.max(0, Math.min(total - maxEvents, at - Math.floor(maxEvents / 2)));
  const last = first + maxEvents - 1;
  return { events: events.slice(first, last + 1), first, last, total };
}

export function diagramSvg(
  events: TraceEvent[],
  manifest: ExerciseManifest,
  cursor: number,
  extra: { caption?: DiagramCaption; highlightStep?: number } = {},
) {
  const host = document.createElement('div');
  host.className = 'seq';
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = 'position:fixed;left:-100000px;top:0;';
  document.body.append(host);
  const root = createRoot(host);
  try {
    flushSync(() => root.render(createElement(DiagramSvg, { events, manifest, cursor, ...extra })));
    const svg = host.querySelector('svg');
    if (!svg) throw new Error('the diagram did not render');
    // Read every style first: removing a parent's class would change its children's styles.
    const all = [svg, ...svg.querySelectorAll('*')];
    const styles = all.map((el) => {
      const cs = getComputedStyle(el);
      return PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    });
    all.forEach((el, i) => {
      el.setAttribute('style', styles[i]!);
      el.removeAttribute('class');
    });
    return new XMLSerializer().serializeToString(svg);
  } finally {
    root.unmount();
    host.remove();
  }
}

export async function svgToPng(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the SVG could not be drawn'));
      img.src = url;
    });
    // Twice the size for sharp text, less when that would pass the canvas limit.
    const scale = Math.min(2, MAX_CANVAS_SIDE / img.height, MAX_CANVAS_SIDE / img.width);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, img.width * scale);
    canvas.height = Math.max(1, img.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function download(name: string, data: Blob | string, type: string) {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
