// What reproduce() returns, and the builder each assignment fills in.

import type { Matrix } from '../core/matrix.js';
import { encodePng, type Raster } from '../plot/png.js';
import { renderSvg, type ChartSpec } from '../plot/svg.js';

export interface Report {
  name: string;
  title: string;
  /** camelCase keys; matrices are row-major with a `<key>Shape` entry; booleans are 1 / 0. */
  numbers: Record<string, number | number[]>;
  /** Files written. */
  figures: string[];
}

export interface ReproduceOptions {
  /** Folder for figures (created if missing); default `mml-out`. */
  outDir?: string;
  /** Shorter runs where an assignment states a quick variant. */
  quick?: boolean;
  /**
   * Progress of long runs (e.g. one call per training epoch): `done` of `total` steps and a
   * one-line summary. The CLI draws a progress bar on stderr.
   */
  onProgress?: (done: number, total: number, line: string) => void;
}

export class ReportBuilder {
  readonly numbers: Record<string, number | number[]> = {};
  readonly figures: string[] = [];

  constructor(
    readonly name: string,
    readonly title: string,
    readonly options: ReproduceOptions,
  ) {}

  number(key: string, value: number | boolean): void {
    this.numbers[key] = typeof value === 'boolean' ? Number(value) : value;
  }

  vector(key: string, value: ArrayLike<number>): void {
    this.numbers[key] = Array.from(value);
  }

  matrix(key: string, value: Matrix): void {
    this.numbers[key] = Array.from(value.data);
    this.numbers[`${key}Shape`] = [value.rows, value.cols];
  }

  /** Renders `spec` and writes `<outDir>/<name>.<figure>.svg` (Node only). */
  async figure(figure: string, spec: ChartSpec): Promise<void> {
    await this.write(`${figure}.svg`, await renderSvg(spec));
  }

  /** Writes a raster as `<outDir>/<name>.<figure>.png` (Node only). */
  async png(figure: string, raster: Raster): Promise<void> {
    await this.write(`${figure}.png`, encodePng(raster));
  }

  private async write(suffix: string, content: string | Uint8Array): Promise<void> {
    const [{ mkdir, writeFile }, { join }] = await Promise.all([import('node:fs/promises'), import('node:path')]);
    const dir = this.options.outDir ?? 'mml-out';
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${this.name}.${suffix}`);
    await writeFile(file, content);
    this.figures.push(file);
  }

  report(): Report {
    return { name: this.name, title: this.title, numbers: this.numbers, figures: this.figures };
  }
}
