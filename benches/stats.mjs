// Summary statistics shared by the browser benchmarks (render.mjs, open200.mjs).

/** The q-quantile of `xs` (0 ≤ q ≤ 1), interpolating linearly between ranks. */
export function quantile(xs, q) {
    const s = [...xs].sort((a, b) => a - b);
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Median, min, p90 and max of `xs`. */
export const stats = (xs) => ({ median: quantile(xs, 0.5), min: Math.min(...xs), p90: quantile(xs, 0.9), max: Math.max(...xs) });
