// First screen, cold: the time from navigation start until demozone's start page shows its
// heading (我的自评草稿, #page-heading), beside the time until a minimal Leptos counter shows its
// button. Run by scripts/bench-render.sh (which builds the counter and checks the tools); alone:
//
//   node benches/render.mjs [--runs 7] [--app dist] [--counter target/bench-counter/dist]
//                           [--throttle 1] [--network none|slow4g] [--json]
//
// Every load is cold: a fresh Chromium profile (no HTTP cache, no storage) and a new browser.
// Both sites are served on 127.0.0.1 by tests/browser/server.mjs (the app's CSP as a header,
// the build's .br copies when the browser accepts brotli, as docs/hosting.md sets a server up;
// Cache-Control as there). Loads alternate between the two sites, after one unmeasured warm-up
// load each (it warms the OS file cache, not the browser).
//
// Measured in the page (performance.now(), origin = navigation start), by a MutationObserver
// installed before any page script:
//   ready  the first moment the DOM holds the expected element, laid out (demozone: the start
//          page's heading `#page-heading`; counter: its `button`);
//   frame  the next animation frame after `ready`: the frame that paints it (the figure reported).
// --throttle N slows the CPU N× (Chrome DevTools' CPU throttling) to imitate an older office PC.
// --network slow4g: DevTools' network emulation (CDP Network.emulateNetworkConditions) at 1.6 Mbit/s
// down, 750 kbit/s up, 150 ms round trip, as issue 12 measured (use with --throttle 4).

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/browser/server.mjs';
import { quantile, stats } from './stats.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/browser/helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function parseArgs(argv) {
    const o = {
        runs: 7,
        app: path.join(root, 'dist'),
        counter: path.join(root, 'target', 'bench-counter', 'dist'),
        throttle: 1,
        network: 'none',
        json: false,
        chromium: chromiumPath,
        timeout: 60_000,
    };
    for (let i = 2; i < argv.length; i++) {
        const a = argv[i];
        const next = () => {
            if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
            return argv[++i];
        };
        if (a === '--runs') o.runs = Number(next());
        else if (a === '--app') o.app = path.resolve(next());
        else if (a === '--counter') o.counter = path.resolve(next());
        else if (a === '--throttle') o.throttle = Number(next());
        else if (a === '--network') o.network = next();
        else if (a === '--json') o.json = true;
        else throw new Error(`unknown argument ${a}`);
    }
    if (!(o.runs >= 1)) throw new Error('--runs must be at least 1');
    if (!(o.throttle >= 1)) throw new Error('--throttle must be at least 1');
    if (!(o.network in NETWORKS)) throw new Error(`--network must be one of ${Object.keys(NETWORKS).join(', ')}`);
    return o;
}

/** Network conditions (CDP Network.emulateNetworkConditions; throughputs in bytes per second). */
const NETWORKS = {
    none: null,
    slow4g: { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
};

/** Runs in the page before any of its scripts: marks when `count` elements match `selector`. */
function installProbe({ selector, count }) {
    const done = () => {
        const els = document.querySelectorAll(selector);
        return els.length >= count && els[0].getClientRects().length > 0;
    };
    const observer = new MutationObserver(() => {
        if (window.__bench || !done()) return;
        window.__bench = { ready: performance.now() };
        observer.disconnect();
        requestAnimationFrame(() => {
            window.__bench.frame = performance.now();
        });
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
}

async function coldLoad(url, target, o) {
    const profile = await mkdtemp(path.join(os.tmpdir(), 'demozone-bench-'));
    let context;
    try {
        context = await chromium.launchPersistentContext(profile, {
            executablePath: o.chromium,
            headless: true,
            args: CHROMIUM_ARGS,
            viewport: { width: 1366, height: 768 },
            locale: 'zh-CN',
            serviceWorkers: 'block',
        });
        await context.addInitScript(installProbe, { selector: target.selector, count: target.count });
        const page = context.pages()[0] ?? (await context.newPage());
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        if (o.throttle > 1 || NETWORKS[o.network]) {
            const cdp = await context.newCDPSession(page);
            if (o.throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: o.throttle });
            if (NETWORKS[o.network]) {
                await cdp.send('Network.enable');
                await cdp.send('Network.emulateNetworkConditions', NETWORKS[o.network]);
            }
        }
        await page.goto(url, { waitUntil: 'commit', timeout: o.timeout });
        try {
            await page.waitForFunction(() => window.__bench && window.__bench.frame !== undefined, null, {
                timeout: o.timeout,
                polling: 50,
            });
        } catch (err) {
            const n = await page.evaluate((s) => document.querySelectorAll(s).length, target.selector).catch(() => '?');
            throw new Error(`${target.name}: ${target.count} × ${target.selector} not shown within ${o.timeout} ms (found ${n}); page errors: ${errors.join(' | ') || 'none'}`);
        }
        return await page.evaluate(() => {
            const nav = performance.getEntriesByType('navigation')[0];
            const res = performance.getEntriesByType('resource');
            return {
                ready: window.__bench.ready,
                frame: window.__bench.frame,
                domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
                requests: 1 + res.length,
                // Each file's request start, first byte and end (ms from navigation start).
                timeline: [nav, ...res].filter(Boolean).map((e) => ({
                    file: e.name.split('/').pop() || 'index.html',
                    start: Math.round(e.requestStart || e.startTime),
                    first: Math.round(e.responseStart),
                    end: Math.round(e.responseEnd),
                })),
                bytes: (nav ? nav.encodedBodySize : 0) + res.reduce((s, e) => s + (e.encodedBodySize || 0), 0),
            };
        });
    } finally {
        await context?.close().catch(() => {});
        await rm(profile, { recursive: true, force: true });
    }
}


function summary(samples) {
    const pick = (k) => samples.map((s) => s[k]);
    return {
        runs: samples.length,
        frame: stats(pick('frame')),
        ready: { median: quantile(pick('ready'), 0.5) },
        domContentLoaded: { median: quantile(pick('domContentLoaded'), 0.5) },
        requests: samples[0].requests,
        bytes: samples[0].bytes,
    };
}

async function main() {
    const o = parseArgs(process.argv);
    const targets = [
        { name: 'demozone', dir: o.app, selector: '#page-heading', count: 1 },
        { name: 'Leptos counter', dir: o.counter, selector: 'button', count: 1 },
    ];
    const servers = [];
    try {
        for (const t of targets) {
            t.server = await startServer({ root: t.dir, precompressed: true });
            servers.push(t.server);
            t.samples = [];
        }
        for (const t of targets) await coldLoad(t.server.url, t, o); // warm-up, not counted
        for (let i = 0; i < o.runs; i++) {
            for (const t of targets) {
                const s = await coldLoad(t.server.url, t, o);
                t.samples.push(s);
                if (!o.json) process.stderr.write(`[bench-render] ${t.name} load ${i + 1}/${o.runs}: ${s.frame.toFixed(0)} ms\n`);
                // BENCH_TIMELINE=1: where the time went in each load (request start, first byte,
                // end of each file; then the first screen).
                if (process.env.BENCH_TIMELINE) {
                    const lines = s.timeline.map((r) => `    ${r.file.padEnd(44)} ${String(r.start).padStart(5)} ${String(r.first).padStart(5)} ${String(r.end).padStart(5)}`);
                    process.stderr.write(`${lines.join('\n')}\n    ${'ready / frame'.padEnd(44)} ${s.ready.toFixed(0).padStart(5)} ${s.frame.toFixed(0).padStart(5)}\n`);
                }
            }
        }
    } finally {
        for (const s of servers) await s.close();
    }
    const [app, counter] = targets.map((t) => ({ name: t.name, dir: path.relative(root, t.dir) || '.', ...summary(t.samples), samples: t.samples.map((s) => Math.round(s.frame)) }));
    const ratio = app.frame.median / counter.frame.median;
    if (o.json) {
        console.log(JSON.stringify({ throttle: o.throttle, network: o.network, app, counter, ratio }, null, 2));
        return;
    }
    const ms = (x) => `${x.toFixed(0)} ms`;
    const cond = [o.network === 'slow4g' ? 'slow 4G (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT)' : 'no network throttling', o.throttle > 1 ? `CPU ${o.throttle}× slower` : 'CPU not throttled'].join(', ');
    console.log(`\n## First screen, cold (${o.runs} loads each; ${cond}; served with brotli; ${new Date().toISOString().slice(0, 10)}; Chromium ${await chromiumVersion(o)})\n`);
    console.log('| | until | median | min | p90 | max | DOM ready (median) | DOMContentLoaded (median) | requests | bytes transferred |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [r, until] of [
        [app, 'start page heading shown'],
        [counter, 'button shown'],
    ]) {
        console.log(
            `| ${r.name} (${r.dir}) | ${until} | **${ms(r.frame.median)}** | ${ms(r.frame.min)} | ${ms(r.frame.p90)} | ${ms(r.frame.max)} | ${ms(r.ready.median)} | ${ms(r.domContentLoaded.median)} | ${r.requests} | ${(r.bytes / 1024).toFixed(1)} KiB |`,
        );
    }
    console.log(`\nRatio demozone / counter (medians, ${cond}): ${ratio.toFixed(2)}×`);
    console.log(`Samples (ms): demozone ${app.samples.join(', ')}; counter ${counter.samples.join(', ')}`);
}

async function chromiumVersion(o) {
    try {
        const b = await chromium.launch({ executablePath: o.chromium, headless: true, args: CHROMIUM_ARGS });
        const v = b.version();
        await b.close();
        return v;
    } catch {
        return 'unknown';
    }
}

main().catch((err) => {
    console.error(`[bench-render] ${err.stack || err}`);
    process.exit(1);
});
