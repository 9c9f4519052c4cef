// Fingerprinting a large evidence file in the browser (issue 17): a file of --mb MB (500 by
// default) picked for sub-item 4.1 in headless Chromium, against the release build in dist/.
// Reports the browser's MB/s (from the file input's `change` until the fingerprint is shown),
// the ratio to `sha256sum` on the same file in the same run (the reference), the longest
// main-thread task after `change` (PerformanceObserver 'longtask': tasks over 50 ms; none means
// every task was at most 50 ms) and the longest gap between two animation frames. Checks that
// the fingerprint equals sha256sum's. A benchmark, not a test: it prints the figures and exits 0,
// 1 only when the measurement fails.
//
//   node benches/hash500.mjs [--mb 500] [--runs 3] [--app dist]

import { execFileSync } from 'node:child_process';
import { open as openFile, rm, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/browser/server.mjs';
import { CHROMIUM_ARGS, VIEWPORT, chromiumPath } from '../tests/browser/helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
};
const MB = Number(arg('mb', 500));
const RUNS = Number(arg('runs', 3));
const APP = path.resolve(arg('app', path.join(root, 'dist')));

const dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-hash-'));
const file = path.join(dir, `佐证材料-${MB}MB.bin`);
{
    const h = await openFile(file, 'w');
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < MB; i++) {
        for (let j = 0; j < chunk.length; j += 4) chunk.writeUInt32LE((i * 2654435761 + j) >>> 0, j);
        await h.write(chunk);
    }
    await h.close();
}
let t = process.hrtime.bigint();
const expected = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
const nativeMs = Number(process.hrtime.bigint() - t) / 1e6;

const server = await startServer({ root: APP });
const results = [];
try {
    for (let run = 0; run < RUNS; run++) {
        const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
        const page = await browser.newPage({ viewport: VIEWPORT });
        await page.goto(server.origin + '/');
        await page.getByTestId('btn-new', { exact: true }).click();
        await page.getByTestId('nav-ind-4', { exact: true }).click();
        const input = page.getByTestId('evidence-files-4.1', { exact: true });
        await input.waitFor({ state: 'attached' });
        await page.evaluate(() => {
            window.__bench = { change: 0, longest: 0, gap: 0 };
            const b = window.__bench;
            new PerformanceObserver((list) => {
                for (const e of list.getEntries()) {
                    if (b.change && e.startTime + e.duration > b.change) b.longest = Math.max(b.longest, e.startTime + e.duration - Math.max(e.startTime, b.change));
                }
            }).observe({ type: 'longtask', buffered: true });
            window.addEventListener('change', () => {
                b.change = performance.now();
                let last = performance.now();
                const frame = () => {
                    const now = performance.now();
                    b.gap = Math.max(b.gap, now - last);
                    last = now;
                    if (!b.done) requestAnimationFrame(frame);
                };
                requestAnimationFrame(frame);
            }, true);
        });
        await input.setInputFiles(file);
        const sha = page.getByTestId('evidence-sha256-4.1-0', { exact: true });
        await sha.waitFor({ timeout: 600_000 });
        const ms = await page.evaluate(() => {
            window.__bench.done = true;
            return performance.now() - window.__bench.change;
        });
        const got = (await sha.textContent()).trim();
        if (got !== expected) throw new Error(`fingerprint ${got} ≠ sha256sum ${expected}`);
        const b = await page.evaluate(() => window.__bench);
        results.push({ ms, longest: b.longest, gap: b.gap });
        await browser.close();
    }
} finally {
    await server.close?.();
    await rm(dir, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = median(results.map((r) => r.ms));
console.log(`[bench-hash] ${MB} MB, ${RUNS} runs, fingerprint = sha256sum's`);
console.log(`[bench-hash] browser: median ${(ms / 1000).toFixed(2)} s = ${(MB / (ms / 1000)).toFixed(1)} MB/s (runs: ${results.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s)`);
console.log(`[bench-hash] sha256sum (reference, same run): ${(nativeMs / 1000).toFixed(2)} s = ${(MB / (nativeMs / 1000)).toFixed(1)} MB/s; browser/reference time ratio ${(ms / nativeMs).toFixed(1)}x`);
console.log(`[bench-hash] longest main-thread task over 50 ms after change: ${Math.max(...results.map((r) => r.longest)).toFixed(0)} ms (0: none over 50 ms); longest gap between frames: ${Math.max(...results.map((r) => r.gap)).toFixed(0)} ms`);
