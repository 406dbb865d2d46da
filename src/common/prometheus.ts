// Counters and histograms rendered in the Prometheus text exposition format 0.0.4:
// https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format

/** Label values of one series, by label name. */
export type Labels = Record<string, string>;

/** The Content-Type of the text format this module renders. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A monotonically increasing count per label set. */
export class Counter {
  private readonly series = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  /** Adds `amount` (default 1, never negative) to the series of `labels`. */
  inc(labels: Labels = {}, amount = 1): void {
    if (!(amount >= 0)) throw new Error(`Counter ${this.name} can only increase; got ${amount}`);
    const key = seriesKey(this.name, this.labelNames, labels);
    const entry = this.series.get(key);
    if (entry) entry.value += amount;
    else this.series.set(key, { labels: pick(this.labelNames, labels), value: amount });
  }

  /** The current value of the series of `labels` (0 when never incremented). */
  get(labels: Labels = {}): number {
    return this.series.get(seriesKey(this.name, this.labelNames, labels))?.value ?? 0;
  }

  /** The `# HELP`, `# TYPE` and sample lines of this counter. */
  render(): string[] {
    const lines = header(this.name, this.help, 'counter');
    for (const { labels, value } of this.series.values()) {
      lines.push(`${this.name}${formatLabels(labels)} ${formatNumber(value)}`);
    }
    return lines;
  }
}

/** Observations counted into cumulative buckets, with their sum and count, per label set. */
export class Histogram {
  private readonly series = new Map<string, { labels: Labels; buckets: number[]; sum: number; count: number }>();
  readonly buckets: readonly number[];

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    buckets: readonly number[],
  ) {
    if (labelNames.includes('le')) throw new Error(`Histogram ${name} cannot use the reserved label "le"`);
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  /** Records one observation of `value` in the series of `labels`. */
  observe(labels: Labels, value: number): void {
    const key = seriesKey(this.name, this.labelNames, labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels: pick(this.labelNames, labels), buckets: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    this.buckets.forEach((bound, i) => {
      if (value <= bound) entry.buckets[i]! += 1;
    });
    entry.sum += value;
    entry.count += 1;
  }

  /** Number of observations and their sum in the series of `labels`. */
  get(labels: Labels = {}): { count: number; sum: number } {
    const entry = this.series.get(seriesKey(this.name, this.labelNames, labels));
    return { count: entry?.count ?? 0, sum: entry?.sum ?? 0 };
  }

  /** The header, `_bucket` (cumulative, ending with `+Inf`), `_sum` and `_count` lines. */
  render(): string[] {
    const lines = header(this.name, this.help, 'histogram');
    for (const { labels, buckets, sum, count } of this.series.values()) {
      this.buckets.forEach((bound, i) => {
        lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: formatNumber(bound) })} ${buckets[i]}`);
      });
      lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${formatLabels(labels)} ${formatNumber(sum)}`);
      lines.push(`${this.name}_count${formatLabels(labels)} ${count}`);
    }
    return lines;
  }
}

/** A set of named counters and histograms that renders as one Prometheus text document. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, Counter | Histogram>();

  /** Creates (or returns the existing) counter `name`. */
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.register(name, () => new Counter(name, help, labelNames), Counter);
  }

  /** Creates (or returns the existing) histogram `name` with upper bounds `buckets`. */
  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Histogram {
    return this.register(name, () => new Histogram(name, help, labelNames, buckets), Histogram);
  }

  /** The whole document in text format 0.0.4, ending with a newline. */
  render(): string {
    const lines: string[] = [];
    for (const metric of this.metrics.values()) lines.push(...metric.render());
    return lines.length === 0 ? '' : lines.join('\n') + '\n';
  }

  private register<M extends Counter | Histogram>(
    name: string,
    create: () => M,
    kind: new (...args: never[]) => M,
  ): M {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) {
      throw new Error(`Invalid metric name "${name}"; use letters, digits, "_" and ":" only`);
    }
    const existing = this.metrics.get(name);
    if (existing) {
      if (!(existing instanceof kind)) throw new Error(`Metric ${name} is already registered as another type`);
      return existing;
    }
    const metric = create();
    this.metrics.set(name, metric);
    return metric;
  }
}

function header(name: string, help: string, type: string): string[] {
  return [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`];
}

function pick(labelNames: readonly string[], labels: Labels): Labels {
  const result: Labels = {};
  for (const name of labelNames) result[name] = labels[name] ?? '';
  return result;
}

function seriesKey(metric: string, labelNames: readonly string[], labels: Labels): string {
  for (const name of Object.keys(labels)) {
    if (!labelNames.includes(name)) throw new Error(`Metric ${metric} has no label "${name}"; its labels are ${labelNames.join(', ') || '(none)'}`);
  }
  return JSON.stringify(labelNames.map((name) => labels[name] ?? ''));
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const escaped = entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`);
  return `{${escaped.join(',')}}`;
}

function formatNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  return String(value);
}
