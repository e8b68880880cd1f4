// Figures: Vega-Lite specifications compiled by vega-lite and rendered to SVG by vega, in Node
// with no canvas. Both are loaded on first use, so importing the assignments stays cheap.

import type { TopLevelSpec } from 'vega-lite';

/**
 * A Vega-Lite specification. Kept as a plain object type: the literal types of vega-lite's own
 * TopLevelSpec make ordinary spec-building code unreadable, and vega-lite checks specs when compiling.
 */
export type ChartSpec = Record<string, unknown>;

/** Renders a Vega-Lite spec to an SVG document. */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const [vl, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const view = new vega.View(vega.parse(vl.compile(spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
