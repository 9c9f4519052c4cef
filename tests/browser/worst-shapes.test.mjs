// The worst shapes of an assessment file (as in benches/engine.rs), each as large as the size
// limit allows, opened in the multi-file tools of the built app (dist/): in 省级汇总 each is read
// and ranked with its recomputed score in the tools' worker; in 专家组合议 each (with an expert
// layer) is read there and merged; in 版本比较 each is read there and compared there with the
// example, the changes listed capped. The page keeps painting frames while the worker works, and
// it answers afterwards. The longest main-thread task seen while each file was read is printed (a
// figure for docs/benchmarks.md, not an assertion: timing belongs to benchmarks). Where the worker
// cannot start, the files are read on the page and the status says so.
//
// 打开文件 reads a file over 1 MiB in the same worker: each shape at the limit is read there (the
// page painting, a notice saying so) and refused as too large to be a draft, with its recomputed
// total and nothing stored changed; each shape whose draft is just under the 1.5 MiB limit opens as
// a draft with the score the command line gives (the longest main-thread task printed: the figure
// that chose that limit); and where the worker cannot start, the file is read on the page and the
// notice says so.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, screenshot, storedDrafts, trackApps, tid, text, watchTasks } from './helpers.mjs';

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
function shaped(name, place, template = EXAMPLE, limit = LIMIT) {
    const make = (n) => {
        const a = structuredClone(template);
        a.subject.name = name;
        place(a, n);
        return JSON.stringify(a);
    };
    const one = Buffer.byteLength(make(1));
    const part = (Buffer.byteLength(make(20_001)) - one) / 20_000;
    let n = 1 + Math.floor((limit - one) / part);
    let text = make(n);
    for (let bytes = Buffer.byteLength(text); bytes > limit; bytes = Buffer.byteLength(text)) {
        text = make((n = Math.floor((n * limit) / bytes) - 1));
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
        // Frames painted while the status still says the file is being read: a page that reads the
        // file itself paints none during the seconds of one engine call.
        await page.evaluate(() => {
            window.__framesReading = 0;
            window.__counting = true;
            const frame = () => {
                const status = document.querySelector('[data-testid="ranking-files-status"]')?.textContent || '';
                if (/^已读取 \d+ \/ 1$/.test(status)) window.__framesReading += 1;
                if (window.__counting) requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
        });
        await tid(page, 'ranking-files-input').setInputFiles([file]);
        await page.waitForFunction(
            (n) => (document.querySelector('[data-testid="ranking-files-status"]')?.textContent || '').startsWith('已读取') && document.querySelectorAll('[data-testid="rank-row"]').length === n,
            i + 1,
            { timeout: 120_000 },
        );
        const frames = await page.evaluate(() => {
            window.__counting = false;
            return window.__framesReading;
        });
        assert.doesNotMatch(await text(tid(page, 'ranking-files-status')), /无法读取|后台读取组件/, name);
        // Read in the worker: the page went on painting while the file was read (at 60 frames a
        // second, ten frames are a sixth of a second; the read takes seconds).
        assert.ok(frames >= 10, `${name}: ${frames} frames painted while the file was read`);
        assert.match(await text(page.locator(`[data-testid="rank-row"]:has-text("最坏形状市${i}")`)), /最坏形状市/);
        // The page answers: the clear button reacts at once.
        assert.equal(await tid(page, 'ranking-clear').isEnabled(), true);
        figures.push(`${name} (${(Buffer.byteLength(content) / 1048576).toFixed(1)} MiB) ${await tasks.longest()} ms (${frames} frames while reading)`);
    }
    console.log(`# longest main-thread task while 省级汇总 read each worst-shape file: ${figures.join(', ')}`);
    assert.deepEqual(app.log.pageErrors, []);
});

/**
 * Counts the frames painted while `busy()` (evaluated in the page each frame) is true, until
 * `stop()` is called; gives the count.
 */
async function countFrames(page, busy) {
    await page.evaluate((busySource) => {
        const busy = new Function(`return (${busySource})();`);
        window.__framesBusy = 0;
        window.__counting = true;
        const frame = () => {
            if (busy()) window.__framesBusy += 1;
            if (window.__counting) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
    }, busy.toString());
    return () =>
        page.evaluate(() => {
            window.__counting = false;
            return window.__framesBusy;
        });
}

/** An expert layer of `name` (of 某大学) scoring 4.1, for 专家组合议. */
// The app as where no worker starts: the tools' worker's loader answered 404.
const openWithoutWorker = () => open({
    readySelector: 'h1',
    beforeGoto: (context) => context.route('**/tools-worker-boot.js', (route) => route.fulfill({ status: 404, body: '' })),
});
const expertLayer = (name) => ({ role: 'expert', reviewer: { name, unit: '某大学' }, at: '2025-12-01', items: { '4.1': { score: '1.5' } }, opinion: `${name}的评估意见` });

test('专家组合议: each worst-shape sheet at the size limit is read in the worker and merged; the page answers', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    await tid(page, 'tool-panel').click();
    const tasks = await watchTasks(page);
    const figures = [];
    for (const [i, [name, place]] of SHAPES.entries()) {
        const file = path.join(dir, `panel-${name}.json`);
        const expert = `最坏形状专家${i}`;
        const content = shaped(`最坏形状市`, (a, n) => {
            place(a, n);
            a.reviews = [...(a.reviews || []), expertLayer(expert)];
        });
        await writeFile(file, content);
        if (await tid(page, 'panel-clear').isEnabled()) await tid(page, 'panel-clear').click();
        await tasks.reset();
        const stop = await countFrames(page, () => /^已读取 \d+ \/ 1$/.test(document.querySelector('[data-testid="panel-files-status"]')?.textContent || ''));
        await tid(page, 'panel-files-input').setInputFiles([file]);
        await page.waitForFunction(
            () => (document.querySelector('[data-testid="panel-files-status"]')?.textContent || '').startsWith('已读取') && document.querySelector('[data-testid="panel-result"]'),
            null,
            { timeout: 120_000 },
        );
        const frames = await stop();
        const longest = await tasks.longest();
        figures.push(`${name} (${(Buffer.byteLength(content) / 1048576).toFixed(1)} MiB) ${longest} ms (${frames} frames while reading)`);
        console.log(`# 专家组合议 ${figures.at(-1)}`);
        assert.doesNotMatch(await text(tid(page, 'panel-files-status')), /无法读取|后台读取组件/, name);
        assert.ok(frames >= 10, `${name}: ${frames} frames painted while the sheet was read`);
        assert.match(await text(tid(page, 'panel-experts')), new RegExp(expert));
        assert.equal(await page.locator('[data-testid="panel-row"]').count(), 25);
        assert.equal(await tid(page, 'panel-clear').isEnabled(), true);
    }
    console.log(`# longest main-thread task while 专家组合议 read each worst-shape sheet: ${figures.join(', ')}`);
    await screenshot(page, 'tools-panel-worst-shape');
    assert.deepEqual(app.log.pageErrors, []);
});

test('版本比较: each worst-shape file at the size limit is read and compared in the worker; the changes listed are capped', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    await tid(page, 'tool-compare').click();
    const example = path.join(dir, 'example.json');
    await writeFile(example, JSON.stringify(EXAMPLE));
    await tid(page, 'compare-old-input').setInputFiles([example]);
    await tid(page, 'compare-old-file').waitFor();
    const tasks = await watchTasks(page);
    const figures = [];
    for (const [i, [name, place]] of SHAPES.entries()) {
        const file = path.join(dir, `compare-${name}.json`);
        const content = shaped(`最坏形状市${i}`, place);
        await writeFile(file, content);
        await tasks.reset();
        const stop = await countFrames(
            page,
            () =>
                /^已读取 \d+ \/ 1$/.test(document.querySelector('[data-testid="compare-new-status"]')?.textContent || '') ||
                !!document.querySelector('[data-testid="compare-status"]'),
        );
        await tid(page, 'compare-new-input').setInputFiles([file]);
        await page.waitForFunction(
            (n) => (document.querySelector('[data-testid="compare-new-file"]')?.textContent || '').includes(`最坏形状市${n}`) && document.querySelector('[data-testid="compare-result"]'),
            i,
            { timeout: 120_000 },
        );
        const frames = await stop();
        const longest = await tasks.longest();
        figures.push(`${name} (${(Buffer.byteLength(content) / 1048576).toFixed(1)} MiB) ${longest} ms (${frames} frames while reading and comparing)`);
        console.log(`# 版本比较 ${figures.at(-1)}`);
        assert.equal(await tid(page, 'compare-note').count(), 0, 'compared in the worker');
        assert.ok(frames >= 10, `${name}: ${frames} frames painted while the file was read and compared`);
        // 100,000 changes: the tables list at most 200 rows each and count the rest.
        const more = await page.locator('[data-testid$="-more"]').allTextContents();
        assert.ok(more.some((m) => /^另有\d+处变化\(只列出了前\d+处\)$/.test(m)), `${name}: ${more.join(' | ')}`);
        const rows = await page.locator('[data-testid="input-change"]').count();
        assert.ok(rows <= 2 * 200 + 10, `${name}: ${rows} change rows`);
        assert.match(await text(tid(page, 'compare-headline')), /共\d{5,}处输入变化/);
        if (i === 0) {
            await tid(page, 'compare-headline').scrollIntoViewIfNeeded();
            await screenshot(page, 'tools-compare-worst-shape-top');
            await tid(page, 'compare-inputs-more').scrollIntoViewIfNeeded();
            await screenshot(page, 'tools-compare-worst-shape');
        }
        assert.equal(await tid(page, 'compare-swap').isEnabled(), true);
    }
    console.log(`# longest main-thread task while 版本比较 read and compared each worst-shape file: ${figures.join(', ')}`);
    // Swapped, the comparison is made again (the other way round), the page saying so meanwhile.
    await tid(page, 'compare-swap').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="compare-old-file"]')?.textContent || '').includes('最坏形状市2') && document.querySelector('[data-testid="compare-result"]'), null, { timeout: 120_000 });
    assert.match(await text(tid(page, 'compare-reviews')), /删除评审/);
    assert.deepEqual(app.log.pageErrors, []);
});

test('专家组合议 and 版本比较: where the worker cannot start, files are read and compared on the page and the status says so', async () => {
    const app = await openWithoutWorker();
    const { page } = app;
    const a = path.join(dir, 'sheet-a.json');
    const b = path.join(dir, 'sheet-b.json');
    await writeFile(a, JSON.stringify({ ...EXAMPLE, reviews: [expertLayer('甲')] }));
    await writeFile(b, JSON.stringify({ ...EXAMPLE, reviews: [expertLayer('乙')] }));
    await tid(page, 'tool-panel').click();
    await tid(page, 'panel-files-input').setInputFiles([a, b]);
    await tid(page, 'panel-result').waitFor({ timeout: 60_000 });
    assert.match(await text(tid(page, 'panel-files-status')), /^已读取2个文件。后台读取组件无法使用\(.+\),已改为在本页中读取:/);
    assert.equal(await page.locator('[data-testid="panel-experts"] tbody tr').count(), 2);
    await tid(page, 'tool-back').click();
    await tid(page, 'tool-compare').click();
    await tid(page, 'compare-old-input').setInputFiles([a]);
    await tid(page, 'compare-new-input').setInputFiles([b]);
    await tid(page, 'compare-result').waitFor({ timeout: 60_000 });
    assert.match(await text(tid(page, 'compare-note')), /^后台读取组件无法使用\(.+\),已改为在本页中比较:比较很大的文件时页面可能短暂无响应,请耐心等待$/);
    assert.match(await text(tid(page, 'compare-reviews')), /甲/);
    assert.deepEqual(app.log.pageErrors, []);
});

test('省级汇总: where the worker cannot start, files are read on the page and the status says so', async () => {
    const app = await openWithoutWorker();
    const { page } = app;
    await tid(page, 'tool-ranking').click();
    const good = path.join(dir, 'good.json');
    const broken = path.join(dir, 'broken.json');
    await writeFile(good, JSON.stringify(EXAMPLE));
    await writeFile(broken, '{"format": "something-else"');
    await tid(page, 'ranking-files-input').setInputFiles([good, broken]);
    await page.waitForFunction(() => (document.querySelector('[data-testid="ranking-files-status"]')?.textContent || '').startsWith('已读取2个文件'), null, { timeout: 60_000 });
    const status = await text(tid(page, 'ranking-files-status'));
    assert.match(status, /^已读取2个文件,其中1个无法读取\(见下方列表\)。后台读取组件无法使用\(.+\),已改为在本页中读取:读取很大的文件时页面可能短暂无响应,请耐心等待$/);
    assert.equal(await page.locator('[data-testid="rank-row"]').count(), 1);
    assert.match(await text(tid(page, 'ranking-failures')), /broken\.json/);
    await screenshot(page, 'tools-ranking-no-worker');
    assert.deepEqual(app.log.pageErrors, []);
});


// ---- 打开文件 ----

const MIB = 1024 * 1024;
/** Files over this size are read in the tools' worker (engine::json::text::READ_ON_PAGE_BYTES). */
const READ_ON_PAGE = 1 * MIB;
/** The largest draft such a file becomes (engine::json::text::MAX_DRAFT_BYTES). */
const MAX_DRAFT = 1.5 * MIB;

/**
 * Each shape as a file over READ_ON_PAGE whose draft (the assessment as the JSON a draft stores)
 * is just under MAX_DRAFT: the shape grown to `content` bytes, then blank space after it up to
 * READ_ON_PAGE + 0.3 MiB when it is smaller. A review layer written as `{"role":"province"}` is
 * 2.6 times as long in a draft (its empty fields are written), so that shape is grown less.
 */
const DRAFT_SHAPES = [
    [...SHAPES[0], MAX_DRAFT - 0.1 * MIB],
    [...SHAPES[1], MAX_DRAFT - 0.1 * MIB],
    [...SHAPES[2], (MAX_DRAFT - 0.1 * MIB) / 2.7],
];
function justUnderTheDraftLimit(name, place, content) {
    const text = shaped(name, place, EXAMPLE, content);
    const size = Math.max(Buffer.byteLength(text), READ_ON_PAGE + 0.3 * MIB);
    return text + '\n'.padEnd(size - Buffer.byteLength(text), ' ');
}

const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR) : path.join(repoRoot, 'target');
const BIN = path.join(targetDir, 'debug', 'demozone');
const run = (cmd, args, options) =>
    new Promise((resolve, reject) =>
        execFile(cmd, args, { maxBuffer: 1 << 28, timeout: 900_000, ...options }, (err, stdout, stderr) =>
            err ? reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout),
        ),
    );
/**
 * The total `demozone rank` gives a file (the native command line: the engine without the page;
 * `score` leaves out a file whose inputs have errors, as every worst shape's do).
 */
async function cliTotal(file) {
    await run('cargo', ['build', '--quiet', '--bin', 'demozone'], { cwd: repoRoot });
    const ranked = JSON.parse(await run(BIN, ['rank', file]));
    assert.equal(ranked.rows.length, 1, JSON.stringify(ranked.unreadable ?? ranked).slice(0, 500));
    return Number(ranked.rows[0].total);
}

/**
 * A new draft of `city`, stored; returns what reads every stored draft entry at once (to show
 * that a refused file changed none of them).
 */
async function aDraftOpen(page, city) {
    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').fill(city);
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('demozone.draft.')));
    return () => page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('demozone.draft')).sort()));
}

/** The frames painted while the notice says the file is being read (see countFrames). */
const reading = () => /正在读取文件/.test(document.querySelector('[data-testid="notice-file"]')?.textContent || '');

test('打开文件: each worst-shape file at the size limit is read in the worker and refused as too large for a draft; nothing stored changes', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    const stored = await aDraftOpen(page, '丽水市');
    const before = await stored();
    const tasks = await watchTasks(page);
    const figures = [];
    for (const [i, [name, place]] of SHAPES.entries()) {
        const fileName = `open-${name}.json`;
        const file = path.join(dir, fileName);
        const content = shaped(`最坏形状市${i}`, place);
        await writeFile(file, content);
        const total = await cliTotal(file);
        await tasks.reset();
        const stop = await countFrames(page, reading);
        await tid(page, 'file-input').setInputFiles([file]);
        await page.waitForFunction((n) => document.querySelector('[data-testid="notice-file-error"]')?.textContent.includes(n), fileName, { timeout: 120_000 });
        const frames = await stop();
        const longest = await tasks.longest();
        figures.push(`${name} (${(Buffer.byteLength(content) / MIB).toFixed(1)} MiB) ${longest} ms (${frames} frames while reading)`);
        console.log(`# 打开文件 ${figures.at(-1)}`);
        const t = await text(tid(page, 'notice-file-error'));
        assert.match(t, new RegExp(`无法打开文件「${fileName.replace(/\./g, '\\.')}」`), t);
        const said = t.match(/文件已读取\(重新计算的总分为([\d.]+)分\),但内容过多:作为草稿有(\d+\.\d) MB,超过1\.5 MB的上限,无法作为草稿打开和编辑/);
        assert.ok(said, `${name}: ${t}`);
        assert.equal(Number(said[1]), total, `${name}: the total the command line gives`);
        assert.ok(Number(said[2]) > MAX_DRAFT / MIB, t);
        assert.match(t, /可在“省级汇总”或“版本比较”中打开此文件查看分数和内容,或在命令行中运行 demozone rank 文件名/);
        assert.match(t, /当前的草稿和已保存的草稿都没有改变/);
        assert.doesNotMatch(t, /后台读取组件无法使用/);
        // Read in the worker: the page went on painting while the file was read.
        assert.ok(frames >= 10, `${name}: ${frames} frames painted while the file was read`);
        assert.equal(await tid(page, 'notice-file').count(), 0, 'the notice that the file is being read is gone');
        // Nothing stored changed, and the draft is still the one open.
        assert.equal(await stored(), before, name);
        assert.equal(await tid(page, 'subject-name').inputValue(), '丽水市');
        await tid(page, 'notice-file-error').locator('button').first().click();
    }
    console.log(`# longest main-thread task while 打开文件 read and refused each worst-shape file at the limit: ${figures.join(', ')}`);
    await screenshot(page, 'open-file-too-large');
    assert.deepEqual(app.log.pageErrors, []);
});

test('打开文件: a file under 1 MiB, read on the page, whose draft would be over the limit is refused the same way', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    const stored = await aDraftOpen(page, '衢州市');
    const before = await stored();
    // Review layers are 2.6 times as long in a draft: 0.9 MiB of them is a draft of over 2 MiB.
    const fileName = 'small-many-layers.json';
    const file = path.join(dir, fileName);
    const content = shaped('多评审市', SHAPES[2][1], EXAMPLE, 0.9 * MIB);
    assert.ok(Buffer.byteLength(content) <= READ_ON_PAGE, `${Buffer.byteLength(content)} bytes: read on the page`);
    await writeFile(file, content);
    const total = await cliTotal(file);
    await tid(page, 'file-input').setInputFiles([file]);
    await page.waitForFunction((n) => document.querySelector('[data-testid="notice-file-error"]')?.textContent.includes(n), fileName, { timeout: 120_000 });
    const t = await text(tid(page, 'notice-file-error'));
    const said = t.match(/文件已读取\(重新计算的总分为([\d.]+)分\),但内容过多:作为草稿有(\d+\.\d) MB,超过1\.5 MB的上限,无法作为草稿打开和编辑/);
    assert.ok(said, t);
    assert.equal(Number(said[1]), total, 'the total the command line gives');
    assert.ok(Number(said[2]) > MAX_DRAFT / MIB, t);
    assert.match(t, /当前的草稿和已保存的草稿都没有改变/);
    // Read on the page: no worker was asked, and nothing said it was read in the background.
    assert.equal(page.workers().filter((w) => w.url().endsWith('/tools-worker-boot.js')).length, 0, 'no worker for a file under 1 MiB');
    assert.equal(await stored(), before);
    assert.equal(await tid(page, 'subject-name').inputValue(), '衢州市');
    assert.deepEqual(app.log.pageErrors, []);
});

test('打开文件: each worst-shape file over 1 MiB whose draft is just under the limit opens as a draft through the worker, with its score', async () => {
    const figures = [];
    for (const [i, [name, place, content]] of DRAFT_SHAPES.entries()) {
        // A fresh browser each time: three drafts of 1.5 MiB might not fit in one origin's storage.
        const app = await open({ readySelector: 'h1' });
        const { page } = app;
        const tasks = await watchTasks(page);
        const fileName = `draft-${name}.json`;
        const file = path.join(dir, fileName);
        const subject = `草稿形状市${i}`;
        const text_ = justUnderTheDraftLimit(subject, place, content);
        assert.ok(Buffer.byteLength(text_) > READ_ON_PAGE, name);
        await writeFile(file, text_);
        const total = await cliTotal(file);
        const drafts = (await storedDrafts(page)).length;
        await tasks.reset();
        const stop = await countFrames(page, reading);
        await tid(page, 'file-input').setInputFiles([file]);
        await page.waitForFunction((n) => (document.querySelector('[data-testid="notice-file"]')?.textContent || '').includes(`已打开文件「${n}」`), fileName, { timeout: 120_000 });
        const frames = await stop();
        // The summary it lands on, painted.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
        const longest = await tasks.longest();
        figures.push(`${name} (file ${(Buffer.byteLength(text_) / MIB).toFixed(2)} MiB) ${longest} ms (${frames} frames while reading)`);
        console.log(`# 打开文件 as a draft: ${figures.at(-1)}`);
        assert.equal(await tid(page, 'notice-file-error').count(), 0);
        assert.doesNotMatch(await text(tid(page, 'notice-file')), /后台读取组件无法使用/);
        assert.ok(frames >= 1, `${name}: ${frames} frames painted while the file was read`);
        assert.equal(Number(await text(tid(page, 'summary').getByTestId('total', { exact: true }))), total, `${name}: the total the command line gives`);
        const stored = await storedDrafts(page);
        assert.equal(stored.length, drafts + 1, `${name}: stored as a new draft`);
        assert.ok(stored.some((d) => d.assessment?.subject?.name === subject), `${name}: the new draft is the file's`);
        if (name === 'reviews-many-layers') {
            // Thousands of layers: the summary lists the first ones and counts the others.
            assert.match(await text(tid(page, 'layers-more')), /^另有\d{4,}个评审未列出\(共\d+个,只列出了前50个\)$/);
            assert.equal(await page.locator('[data-testid="layers-overview"] li').count(), 50);
        }
        assert.deepEqual(app.log.pageErrors, []);
    }
    console.log(`# longest main-thread task while 打开文件 opened each worst-shape file as a draft just under the limit: ${figures.join(', ')}`);
});

test('打开文件: where the worker cannot start, a large file is read on the page and the notice says so', async () => {
    const app = await openWithoutWorker();
    const { page } = app;
    const fileName = 'no-worker.json';
    const file = path.join(dir, fileName);
    await writeFile(file, justUnderTheDraftLimit('无后台市', SHAPES[0][1], 1.2 * MIB));
    const total = await cliTotal(file);
    await tid(page, 'file-input').setInputFiles([file]);
    await page.waitForFunction((n) => (document.querySelector('[data-testid="notice-file"]')?.textContent || '').includes(`已打开文件「${n}」`), fileName, { timeout: 120_000 });
    assert.match(await text(tid(page, 'notice-file')), /后台读取组件无法使用\(.+\),已改为在本页中读取:读取很大的文件时页面可能短暂无响应,请耐心等待/);
    assert.equal(Number(await text(tid(page, 'summary').getByTestId('total', { exact: true }))), total);
    // Each shape at the limit: read on the page too, refused with the same message as in the
    // worker. The longest task is the page reading the file, as every file was read before the
    // worker (printed: the "before" of docs/benchmarks.md).
    const tasks = await watchTasks(page);
    const figures = [];
    for (const [i, [name, place]] of SHAPES.entries()) {
        const bigName = `no-worker-${name}.json`;
        const big = path.join(dir, bigName);
        const content = shaped(`无后台市${i}`, place);
        await writeFile(big, content);
        await tasks.reset();
        await tid(page, 'file-input').setInputFiles([big]);
        await page.waitForFunction((n) => document.querySelector('[data-testid="notice-file-error"]')?.textContent.includes(n), bigName, { timeout: 120_000 });
        const t = await text(tid(page, 'notice-file-error'));
        assert.match(t, /文件已读取\(重新计算的总分为[\d.]+分\),但内容过多:作为草稿有\d+\.\d MB,超过1\.5 MB的上限/, t);
        assert.match(t, /后台读取组件无法使用\(.+\),已改为在本页中读取/);
        figures.push(`${name} (${(Buffer.byteLength(content) / MIB).toFixed(1)} MiB) ${await tasks.longest()} ms`);
    }
    console.log(`# longest main-thread task while 打开文件 read each worst-shape file at the limit on the page (no worker): ${figures.join(', ')}`);
    assert.deepEqual(app.log.pageErrors, []);
});
