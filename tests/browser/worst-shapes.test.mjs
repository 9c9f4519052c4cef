// The worst shapes of an assessment file (as in benches/engine.rs), each as large as the size
// limit allows, opened in 省级汇总 of the built app (dist/): each is read and ranked with its
// recomputed score, and the page answers afterwards. The longest main-thread task seen while each
// file was read is printed (a figure for docs/benchmarks.md, not an assertion: timing belongs to
// benchmarks).

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, trackApps, tid, text, watchTasks } from './helpers.mjs';

const open = trackApps(after);
const EXAMPLE = JSON.parse(await readFile(path.join(repoRoot, 'tests/examples/pass-hangzhou.json'), 'utf8'));
const LIMIT = 20 * 1024 * 1024;
let dir;

before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-worst-shapes-'));
});
after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * The example with `place(a, n)` putting n repeated parts into it, n as large as the size limit
 * allows (estimated from one part's size, then lowered until the file fits).
 */
function shaped(name, place) {
    const make = (n) => {
        const a = structuredClone(EXAMPLE);
        a.subject.name = name;
        place(a, n);
        return JSON.stringify(a);
    };
    const one = Buffer.byteLength(make(1));
    const part = (Buffer.byteLength(make(20_001)) - one) / 20_000;
    let n = 1 + Math.floor((LIMIT - one) / part);
    let text = make(n);
    for (let bytes = Buffer.byteLength(text); bytes > LIMIT; bytes = Buffer.byteLength(text)) {
        text = make((n = Math.floor((n * LIMIT) / bytes) - 1));
    }
    return text;
}

const repeat = (n, f) => Array.from({ length: n }, (_, i) => f(i));

const SHAPES = [
    ['3b-bad-years', (a, n) => (a.inputs['3b'] = { entries: repeat(n, () => ({ name: '某公司', year: '20x4', amount: '1' })) })],
    ['4.1-unknown-keys', (a, n) => (a.inputs['4.1'].values = Object.fromEntries(repeat(n, (i) => [`k${i}`, '1'])))],
    ['reviews-many-layers', (a, n) => (a.reviews = repeat(n, () => ({ role: 'province' })))],
];


test('省级汇总: each worst-shape file at the size limit is read and ranked; the page answers', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    await tid(page, 'tool-ranking').click();
    const tasks = await watchTasks(page);
    const figures = [];
    for (const [i, [name, place]] of SHAPES.entries()) {
        const file = path.join(dir, `${name}.json`);
        const content = shaped(`最坏形状市${i}`, place);
        await writeFile(file, content);
        await tasks.reset();
        await tid(page, 'ranking-files-input').setInputFiles([file]);
        await page.waitForFunction(
            (n) => (document.querySelector('[data-testid="ranking-files-status"]')?.textContent || '').startsWith('已读取') && document.querySelectorAll('[data-testid="rank-row"]').length === n,
            i + 1,
            { timeout: 120_000 },
        );
        assert.doesNotMatch(await text(tid(page, 'ranking-files-status')), /无法读取/, name);
        assert.match(await text(page.locator(`[data-testid="rank-row"]:has-text("最坏形状市${i}")`)), /最坏形状市/);
        // The page answers: the clear button reacts at once.
        assert.equal(await tid(page, 'ranking-clear').isEnabled(), true);
        figures.push(`${name} (${(Buffer.byteLength(content) / 1048576).toFixed(1)} MiB) ${await tasks.longest()} ms`);
    }
    console.log(`# longest main-thread task while 省级汇总 read each worst-shape file: ${figures.join(', ')}`);
    assert.deepEqual(app.log.pageErrors, []);
});
