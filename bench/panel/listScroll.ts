/**
 * List smoothness: the question list's viewport scrolled by the page itself, one scroll position per
 * animation frame, in three patterns (wheel-like scrolling at a few places, a sweep across the whole list,
 * and fling-like jumps to far-apart places), with every frame's duration taken from `requestAnimationFrame`
 * timestamps. Rows the list has not loaded yet are drawn as placeholders; their share of frames shows how
 * often the list was blank where the rater looked.
 */
import type { PanelSession } from './panelSession';
import { longTasksSince, pageNow, type PageGlobal } from './pageProbes';
import { Seeded } from './medicalText';
import { shareOver, summarise, type Summary } from './stats';

export interface ScrollPattern {
  name: string;
  /** The viewport's scrollTop for each frame, in CSS pixels. */
  positions: number[];
}

interface FrameRecord {
  ms: number;
  rows: number;
  placeholders: number;
}

export interface ScrollFigures {
  pattern: string;
  frames: number;
  frameMs: Summary;
  /**
   * Share of frames longer than 16.7 ms, in percent. rAF timestamps jitter by a few tenths of a millisecond
   * around 16.7, so this counts on-time frames too; `missedVsyncPercent` (over 20 ms) counts frames that
   * really missed a refresh, and `over50msPercent` visible hitches.
   */
  over16_7msPercent: number;
  missedVsyncPercent: number;
  over50msPercent: number;
  /** List rows present in the DOM: stays near a viewport's worth when the list is virtualised. */
  maxRowsInDom: number;
  /** Share of frames that showed at least one placeholder (a row whose data had not arrived). */
  framesWithPlaceholdersPercent: number;
  longTasksOver50ms: number;
  longestTaskMs: number;
}

export interface ListGeometry {
  rowHeight: number;
  viewportHeight: number;
  scrollHeight: number;
}

export function listGeometry(s: PanelSession): Promise<ListGeometry> {
  return s.frame.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobal;
    const viewport = document.querySelector('.list-viewport');
    const row = document.querySelector('.list-spacer li');
    return { rowHeight: row?.offsetHeight ?? 0, viewportHeight: viewport?.clientHeight ?? 0, scrollHeight: viewport?.scrollHeight ?? 0 };
  });
}

/** The three patterns, `frames` frames each, over a list of the given geometry. */
export function scrollPatterns(g: ListGeometry, frames: number): ScrollPattern[] {
  const end = Math.max(0, g.scrollHeight - g.viewportHeight);
  const wheelStep = 120; // about what one notch of a mouse wheel moves
  const places = [0, 0.25, 0.5, 0.75, 0.98].map((f) => Math.round(f * end));
  const perPlace = Math.max(1, Math.floor(frames / places.length));
  const wheel = places.flatMap((start) => Array.from({ length: perPlace }, (_, i) => Math.min(end, start + i * wheelStep)));
  const sweep = Array.from({ length: frames }, (_, i) => Math.round((end * (i + 1)) / frames));
  const r = new Seeded(100_000);
  const jumps = Array.from({ length: frames }, () => Math.round(r.next() * end));
  return [
    { name: 'wheel', positions: wheel },
    { name: 'sweep', positions: sweep },
    { name: 'fling-jumps', positions: jumps },
  ];
}

/** Runs one pattern in the page: one position per frame, then a few idle frames to let the list settle. */
function runPattern(s: PanelSession, positions: number[]): Promise<FrameRecord[]> {
  return s.frame.evaluate(
    (targets) =>
      new Promise<FrameRecord[]>((resolve) => {
        const w = globalThis as unknown as PageGlobal;
        const viewport = w.document.querySelector('.list-viewport');
        const records: FrameRecord[] = [];
        let previous = -1;
        let i = 0;
        const settle = 10;
        const frame = (t: number): void => {
          if (previous >= 0) {
            records.push({
              ms: t - previous,
              rows: w.document.querySelectorAll('.list-spacer li').length,
              placeholders: w.document.querySelectorAll('.list-spacer li.placeholder').length,
            });
          }
          previous = t;
          if (i < targets.length && viewport) viewport.scrollTop = targets[i] ?? 0;
          i++;
          if (i < targets.length + settle) w.requestAnimationFrame(frame);
          else resolve(records);
        };
        w.requestAnimationFrame(frame);
      }),
    positions,
  );
}

export async function measureListScroll(s: PanelSession, framesPerPattern: number): Promise<ScrollFigures[]> {
  const geometry = await listGeometry(s);
  const figures: ScrollFigures[] = [];
  for (const pattern of scrollPatterns(geometry, framesPerPattern)) {
    const from = await pageNow(s.frame);
    const records = await runPattern(s, pattern.positions);
    const tasks = await longTasksSince(s.frame, from);
    const ms = records.map((r) => r.ms);
    figures.push({
      pattern: pattern.name,
      frames: records.length,
      frameMs: summarise(ms),
      over16_7msPercent: shareOver(ms, 16.7),
      missedVsyncPercent: shareOver(ms, 20),
      over50msPercent: shareOver(ms, 50),
      maxRowsInDom: Math.max(0, ...records.map((r) => r.rows)),
      framesWithPlaceholdersPercent: shareOver(records.map((r) => r.placeholders), 0),
      ...tasks,
    });
  }
  return figures;
}
