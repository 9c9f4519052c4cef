// Smoke test of the built app (dist/): it loads under the strict CSP with no console error,
// shows the bundled rubric, stays on its own origin, and renders Chinese text.
// Run by scripts/test.sh after `trunk build --release --offline`; alone: `node --test tests/browser/`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { openApp, parseCsp, screenshot, repoRoot, VIEWPORT } from './helpers.mjs';
import { cspFromHtml, defaultDist } from './server.mjs';

const TITLE = '网络市场监管与服务示范区创建自评工作台';
// The bundled rubric (rubrics/samr-2025-10-29-draft.json): 4 dimensions, 25 indicators, 100 points.
const DIMENSIONS = [
    { name: '促进发展', points: 20, indicators: 5 },
    { name: '规范监管', points: 30, indicators: 8 },
    { name: '优化服务', points: 30, indicators: 8 },
    { name: '探索创新', points: 20, indicators: 4 },
];
const INDICATORS = 25;

// The policy in index.html. Changing it is a deliberate act: change this test with it.
const EXPECTED_CSP = {
    'default-src': ["'none'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    // The tools' worker (src/bin/tools_worker.rs: 省级汇总's reading, the .xlsx export), same origin only.
    'worker-src': ["'self'"],
};

let app;

before(async () => {
    app = await openApp();
});

after(async () => {
    await app?.close();
});

test('dist/index.html has a strict CSP and no inline script', async () => {
    const html = await readFile(path.join(defaultDist, 'index.html'), 'utf8');
    const csp = cspFromHtml(html);
    assert.ok(csp, 'CSP meta tag present');
    assert.deepEqual(parseCsp(csp), EXPECTED_CSP);
    // The same policy as the source index.html (Trunk must not alter it).
    const source = await readFile(path.join(repoRoot, 'index.html'), 'utf8');
    assert.equal(csp, cspFromHtml(source));

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.ok(scripts.length >= 1, 'a loader script is present');
    for (const [tag, attrs, body] of scripts) {
        assert.match(attrs, /\bsrc\s*=/, `script without src (inline): ${tag.slice(0, 200)}`);
        assert.equal(body.trim(), '', `script with inline content: ${tag.slice(0, 200)}`);
    }
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler attributes');
});

test('the server sends the same CSP as a header, and .wasm as application/wasm', async () => {
    const res = await fetch(app.server.url);
    assert.equal(res.headers.get('content-security-policy'), cspFromHtml(await res.text()));
    // The main module, then (after the first screen) the chunks of the 指标体系版本 section.
    const wasm = app.log.responses.filter((r) => new URL(r.url).pathname.endsWith('.wasm'));
    assert.ok(wasm.some((r) => /\/demozone-[0-9a-f]{16}_bg\.wasm$/.test(new URL(r.url).pathname)), JSON.stringify(wasm));
    for (const r of wasm) {
        assert.equal(r.status, 200, r.url);
        assert.equal(r.type, 'application/wasm', r.url);
    }
});

test('the build ships .br and .gz copies of every file, equal to it once unpacked, and the app runs from them', async () => {
    const names = await readdir(defaultDist);
    const shipped = names.filter((n) => /\.(html|js|css|wasm)$/.test(n));
    assert.ok(shipped.length >= 10, shipped.join(', '));
    for (const name of shipped) {
        const body = await readFile(path.join(defaultDist, name));
        const packers = {
            '.br': () => brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
            '.gz': () => gzipSync(body, { level: 9 }),
        };
        for (const [ext, unpack] of [['.br', brotliDecompressSync], ['.gz', gunzipSync]]) {
            const copy = names.includes(name + ext) ? await readFile(path.join(defaultDist, name + ext)) : null;
            // A copy is left out only when it would not be smaller (a tiny file, such as a small chunk).
            if (!copy) {
                assert.ok(packers[ext]().length >= body.length, `${name}${ext} missing, though it would be smaller`);
                continue;
            }
            assert.ok(copy.length < body.length, `${name}${ext} is smaller`);
            assert.ok(unpack(copy).equals(body), `${name}${ext} unpacks to ${name}`);
        }
    }
    // This page load got them (the test server negotiates like nginx's brotli_static).
    const own = app.log.responses.filter((r) => /\.(html|js|css|wasm)$|\/$/.test(new URL(r.url).pathname));
    assert.ok(own.length >= 10, JSON.stringify(own));
    for (const r of own) assert.equal(r.encoding, 'br', `${r.url} sent as brotli`);
});

test('the page loads with no console error, page error or failed request', () => {
    if (app.log.consoleWarnings.length) {
        console.log(`console warnings (not failures):\n  ${app.log.consoleWarnings.join('\n  ')}`);
    }
    assert.deepEqual(app.log.consoleErrors, [], 'console errors');
    assert.deepEqual(app.log.pageErrors, [], 'page errors');
    assert.deepEqual(app.log.failedRequests, [], 'failed requests');
    assert.deepEqual(app.log.badResponses, [], 'HTTP error responses');
});

test('the title is right', async () => {
    assert.equal(await app.page.title(), TITLE);
    assert.equal(await app.page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal((await app.page.locator('h1').first().textContent()).trim(), TITLE);
});

test('4 dimensions and 25 indicators are listed with their points', async () => {
    const { page } = app;
    const dims = page.locator('li.dimension');
    assert.equal(await dims.count(), DIMENSIONS.length);
    assert.equal(await page.locator('li.indicator').count(), INDICATORS);
    // Numbered 1..25 in order, across the dimensions.
    const numbers = await page.locator('li.indicator').evaluateAll((lis) => lis.map((li) => li.getAttribute('value')));
    assert.deepEqual(numbers, Array.from({ length: INDICATORS }, (_, i) => String(i + 1)));

    for (const [i, want] of DIMENSIONS.entries()) {
        const dim = dims.nth(i);
        const heading = (await dim.locator('h2').textContent()).trim();
        assert.match(heading, new RegExp(`^${want.name}[((]${want.points}分[))]$`), `dimension ${i + 1} heading`);
        const items = dim.locator('li.indicator');
        assert.equal(await items.count(), want.indicators, `${want.name}: indicators`);
        // Every indicator shows a title and its points; they add up to the dimension's points.
        let sum = 0;
        for (let j = 0; j < want.indicators; j++) {
            const item = items.nth(j);
            assert.ok((await item.locator('.title').textContent()).trim().length > 0, `${want.name} #${j + 1} title`);
            const points = (await item.locator('.points').textContent()).trim();
            const m = points.match(/^(\d+(?:\.\d+)?)分$/);
            assert.ok(m, `${want.name} #${j + 1} points text: ${points}`);
            sum += Number(m[1]);
        }
        assert.equal(sum, want.points, `${want.name}: indicator points add up`);
    }
});

test('no request leaves the page origin', () => {
    const origin = app.server.origin;
    assert.ok(app.log.requests.length > 0, 'requests were recorded');
    const foreign = app.log.requests.filter((u) => {
        const url = new URL(u);
        if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
        return url.origin !== origin;
    });
    assert.deepEqual(foreign, [], `requests to other origins (page origin ${origin})`);
});

test('Chinese text renders with a CJK font and a 1366x768 screenshot is written', async () => {
    const { page, context } = app;
    // Ask Chromium which platform fonts actually drew the title's glyphs (DevTools protocol).
    // Without a CJK font (Debian: fonts-noto-cjk) the glyphs come out as boxes.
    const cdp = await context.newCDPSession(page);
    try {
        const { root } = await cdp.send('DOM.getDocument');
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
        await cdp.send('CSS.enable');
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        const cjk = fonts.filter((f) => /CJK|YaHei|PingFang|Hei|Song|Han Sans/i.test(f.familyName));
        const glyphs = cjk.reduce((n, f) => n + f.glyphCount, 0);
        const total = fonts.reduce((n, f) => n + f.glyphCount, 0);
        assert.ok(glyphs > 0 && glyphs === total, `title drawn with a CJK font: ${JSON.stringify(fonts)}`);
    } finally {
        await cdp.detach().catch(() => {});
    }

    assert.deepEqual(page.viewportSize(), VIEWPORT);
    const file = await screenshot(page, 'smoke-1366x768');
    console.log(`screenshot: ${file}`);
    await screenshot(page, 'smoke-full-page', { fullPage: true });
});
