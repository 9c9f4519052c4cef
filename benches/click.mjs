// One-off measure (not a maintained command): on slow 4G + CPU 4×, a cold start page left to
// settle, then a click, until the next page's heading is painted.
// [RUNS=5] [HOVER_MS=0] node benches/click.mjs [DIST]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/browser/server.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/browser/helpers.mjs';

const runs = Number(process.env.RUNS || 5);
const hover = Number(process.env.HOVER_MS || 0);
const server = await startServer({ precompressed: true, ...(process.argv[2] ? { root: process.argv[2] } : {}) });
const cases = [
    ['新建自评 → 基本情况', '[data-testid="btn-new"]', '[data-testid="subject-name"]'],
    ['省级汇总', '[data-testid="tool-ranking"]', '[data-testid="ranking-files-button"]'],
    ['专家组合议', '[data-testid="tool-panel"]', '[data-testid="panel-files-button"]'],
    ['版本比较', '[data-testid="tool-compare"]', '[data-testid="compare-old-button"]'],
];
const out = {};
for (let r = 0; r <= runs; r++) {
    for (const [name, click, ready] of cases) {
        const profile = await mkdtemp(path.join(os.tmpdir(), 'click-'));
        const ctx = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: CHROMIUM_ARGS, serviceWorkers: 'block' });
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        const cdp = await ctx.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1e6) / 8, uploadThroughput: (750 * 1e3) / 8 });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.goto(server.url, { waitUntil: 'load' });
        await page.waitForSelector('#page-heading');
        await page.waitForLoadState('networkidle');
        // "After the click" is from the click event (its timeStamp, in the page's clock) until the
        // next page's control is painted (two frames after it is in the DOM); the time Playwright
        // takes before it dispatches the click (scrolling into view, waiting for two stable frames,
        // about 130 ms at CPU 4×) is printed beside it, not counted.
        // HOVER_MS: the pointer rests on the link that long before the click, as a user's does while
        // aiming (the tools' links fetch their page's chunks when pointed at); 0: Playwright's own move.
        if (hover > 0) {
            await page.hover(click);
            await new Promise((r) => setTimeout(r, hover));
        }
        await page.evaluate(() => document.addEventListener('click', (e) => (window.__clickAt = e.timeStamp), { capture: true, once: true }));
        const t0 = Date.now();
        await page.click(click);
        await page.waitForSelector(ready);
        const ms = Math.round(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - window.__clickAt))))));
        const call = Date.now() - t0;
        if (r > 0) (out[name] ??= []).push(ms);
        console.log(`${name} run ${r}: ${ms} ms after the click (${call} ms from page.click's call)${r === 0 ? ' (warm-up)' : ''}`);
        await ctx.close();
        await rm(profile, { recursive: true, force: true });
    }
}
for (const [name, v] of Object.entries(out)) {
    const s = [...v].sort((a, b) => a - b);
    console.log(`${name}: median ${s[Math.floor(s.length / 2)]} ms (${s[0]}–${s[s.length - 1]}), samples ${v.join(', ')}`);
}
await server.close();
