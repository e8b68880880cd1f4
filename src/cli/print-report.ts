// Text output of `mml reproduce`: one block per assignment, then a summary table.

import { formatMatrix } from '../core/format.js';
import type { Report } from '../assignments/report.js';

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e9) ? v.toExponential(6) : String(Number(v.toPrecision(10)));
}

/** The block of one report: every number, matrices drawn as matrices, then the figures. */
export function formatReport(report: Report, seconds: number): string {
  const lines = [`== ${report.title} (${report.name}, ${seconds.toFixed(2)} s) ==`];
  const keys = Object.keys(report.numbers).filter((k) => !(k.endsWith('Shape') && k.slice(0, -5) in report.numbers));
  const width = Math.max(...keys.map((k) => k.length));
  for (const key of keys) {
    const value = report.numbers[key];
    const shape = report.numbers[`${key}Shape`];
    if (Array.isArray(value) && Array.isArray(shape)) {
      const text = formatMatrix(shape[0], shape[1], Float64Array.from(value)).split('\n');
      lines.push(`${key.padEnd(width)}  ${text[0]}`, ...text.slice(1).map((l) => `${' '.repeat(width)}  ${l}`));
    } else if (Array.isArray(value)) {
      lines.push(`${key.padEnd(width)}  [${value.map(formatNumber).join(', ')}]`);
    } else {
      lines.push(`${key.padEnd(width)}  ${formatNumber(value)}`);
    }
  }
  for (const f of report.figures) lines.push(`figure  ${f}`);
  return lines.join('\n');
}

/** Headline of a report for the summary: its first three scalar numbers. */
function headline(report: Report): string {
  return Object.entries(report.numbers)
    .filter(([, v]) => typeof v === 'number')
    .slice(0, 3)
    .map(([k, v]) => `${k}=${formatNumber(v as number)}`)
    .join(' ');
}

/** The summary table (markdown, readable as plain text too). */
export function formatSummary(rows: { report: Report; seconds: number }[]): string {
  const table = [
    ['name', 'title', 'headline numbers', 'figures', 'seconds'],
    ...rows.map(({ report, seconds }) => [report.name, report.title, headline(report), String(report.figures.length), seconds.toFixed(2)]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(table[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.slice(1).map(line)].join('\n');
}
