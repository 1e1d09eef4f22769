// Latency statistics for the benchmarks: a small mergeable histogram, so that load workers can
// record millions of samples cheaply and the orchestrator can combine them exactly.

/** Values below this are counted exactly (one bucket per microsecond). */
const LINEAR_LIMIT = 128;
/** Buckets per power of two above LINEAR_LIMIT: every bucket is at most 1/64 (1.6 %) wide. */
const SUB_BUCKETS = 64;
/** Largest value recorded as itself; larger ones (35 minutes in µs) land in the last bucket. */
const MAX_VALUE = 2 ** 31 - 1;
const BUCKET_COUNT = LINEAR_LIMIT + 24 * SUB_BUCKETS;

/**
 * Bucket of a non-negative integer value.
 * @param {number} value
 */
function bucketOf(value) {
  if (value < LINEAR_LIMIT) return value;
  if (value > MAX_VALUE) return BUCKET_COUNT - 1;
  // shift makes (value >> shift) fall in [64, 127]: the top 7 bits select the bucket.
  const shift = 31 - Math.clz32(value) - 6;
  return LINEAR_LIMIT + (shift - 1) * SUB_BUCKETS + ((value >>> shift) - SUB_BUCKETS);
}

/**
 * Highest value a bucket holds.
 * @param {number} index
 */
function bucketTop(index) {
  if (index < LINEAR_LIMIT) return index;
  const shift = Math.floor((index - LINEAR_LIMIT) / SUB_BUCKETS) + 1;
  const mantissa = ((index - LINEAR_LIMIT) % SUB_BUCKETS) + SUB_BUCKETS;
  return (mantissa + 1) * 2 ** shift - 1;
}

/** @typedef {{ counts: [number, number][], count: number, sum: number, min: number, max: number }} HistogramJSON */

/**
 * Log-linear histogram of non-negative integers (the benchmarks record microseconds). Percentiles
 * are reported as the top of their bucket, so they overstate by at most 1.6 %; min and max are
 * exact. Histograms merge without loss, unlike percentiles.
 */
export class Histogram {
  /** @type {Uint32Array} */
  #counts = new Uint32Array(BUCKET_COUNT);
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  /**
   * Record one value; negative values (clock noise) count as 0.
   * @param {number} value
   */
  record(value) {
    const v = value > 0 ? Math.round(value) : 0;
    const index = bucketOf(v);
    this.#counts[index] = (this.#counts[index] ?? 0) + 1;
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /**
   * Add every sample of another histogram (or its JSON form) to this one.
   * @param {Histogram | HistogramJSON} other
   */
  merge(other) {
    const json = other instanceof Histogram ? other.toJSON() : other;
    for (const [index, n] of json.counts) this.#counts[index] = (this.#counts[index] ?? 0) + n;
    this.count += json.count;
    this.sum += json.sum;
    if (json.count > 0) {
      this.min = Math.min(this.min, json.min);
      this.max = Math.max(this.max, json.max);
    }
    return this;
  }

  /**
   * The value below which `p` percent of the samples fall (NaN when empty).
   * @param {number} p 0..100
   */
  percentile(p) {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      seen += this.#counts[i] ?? 0;
      if (seen >= rank) return Math.min(bucketTop(i), this.max);
    }
    return this.max;
  }

  /** Mean of the samples (NaN when empty). */
  mean() {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /** Sparse, structured-clone and JSON friendly form. @returns {HistogramJSON} */
  toJSON() {
    /** @type {[number, number][]} */
    const counts = [];
    this.#counts.forEach((n, i) => {
      if (n > 0) counts.push([i, n]);
    });
    return { counts, count: this.count, sum: this.sum, min: this.min, max: this.max };
  }

  /**
   * Rebuild a histogram from its JSON form.
   * @param {HistogramJSON} json
   */
  static fromJSON(json) {
    return new Histogram().merge(json);
  }
}

/** @typedef {{ count: number, p50: number, p99: number, max: number, mean: number }} LatencySummary */

/**
 * Latency figures in milliseconds from a histogram of microseconds.
 * @param {Histogram} h
 * @returns {LatencySummary}
 */
export function summarizeUs(h) {
  const ms = (/** @type {number} */ us) => (Number.isFinite(us) ? round(us / 1000, 3) : NaN);
  return {
    count: h.count,
    p50: ms(h.percentile(50)),
    p99: ms(h.percentile(99)),
    max: ms(h.max),
    mean: ms(h.mean()),
  };
}

/**
 * Round to a number of decimals (for figures that end up in JSON and tables).
 * @param {number} value
 * @param {number} decimals
 */
export function round(value, decimals) {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * Median of a small list of numbers (NaN when empty).
 * @param {readonly number[]} values
 */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
