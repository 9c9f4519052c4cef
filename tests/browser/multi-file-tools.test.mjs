// The multi-file tools against the built app (dist/): 省级汇总 (200 files at once, read in the
// lazily fetched tools' worker, duplicates, an unreadable file, sorting, CSV and .xlsx export
// through the same worker), 专家组合议
// (three expert sheets, a refused sheet of another assessment) and 版本比较 (a changed judged score).
// Run after `trunk build --release --offline`: `node --test tests/browser/multi-file-tools.test.mjs`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openApp, screenshot, repoRoot, expertSheet as sheetOf } from './helpers.mjs';
import { defaultDist } from './server.mjs';

const TEMPLATE = JSON.parse(await readFile(path.join(repoRoot, 'tests/examples/pass-hangzhou.json'), 'utf8'));
const PROVINCES = ['浙江', '江苏', '广东', '山东', '福建', '河南', '湖北', '四川', '河北', '安徽'];
const N = 200;
const WORKER_FILES = /tools-worker(-boot\.js|\.js|_bg\.wasm)$/;

let app;
let dir;
const files = { ranking: [], experts: [], other: '', old: '', new: '' };

function clone(x) {
    return JSON.parse(JSON.stringify(x));
}

/** The i-th generated assessment: another subject, province and judged scores. */
function assessment(i) {
    const a = clone(TEMPLATE);
    a.id = `gen-${String(i).padStart(4, '0')}`;
    a.subject.name = `测试市${i}`;
    a.subject.kind = 'prefecture_city';
    a.subject.province = PROVINCES[i % PROVINCES.length];
    a.inputs['4.1'].values.score = ['0', '0.5', '1', '1.5', '2'][i % 5];
    a.inputs['15.1'].values.score = ['1', '1.5', '2', '2.5', '3'][(i * 3) % 5];
    a.inputs['9.1'].values.score = ['0.5', '1', '1.5', '2', '2.5', '3'][(i * 7) % 6];
    // `recorded` is kept from the template: it now differs from the recomputed scores, which the
    // app reports as a warning and ignores.
    return a;
}

function expertSheet(name, scores, id = TEMPLATE.id) {
    return sheetOf(TEMPLATE, name, scores, id);
}

async function write(name, value) {
    const file = path.join(dir, name);
    await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return file;
}

before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-tools-'));
    for (let i = 0; i < N; i++) {
        const a = assessment(i);
        // The last file is the first subject again (another assessment id): flagged as a duplicate.
        if (i === N - 1) {
            a.subject = clone(assessment(0).subject);
        }
        // A name that a spreadsheet would run as a formula.
        if (i === 1) a.subject.name = '=cmd|\' /C calc\'!A0';
        files.ranking.push(await write(`assessment-${String(i).padStart(3, '0')}.json`, a));
    }
    files.ranking.push(await write('broken.json', { format: 'something-else', format_version: 1 }));
    files.experts.push(await write('expert-zhang.json', expertSheet('张三', { '9.1': '2', '15.1': '2.34' })));
    files.experts.push(await write('expert-li.json', expertSheet('李四', { '9.1': '2', '15.1': '2.35' })));
    files.experts.push(await write('expert-wang.json', expertSheet('王五', { '9.1': '1', '15.1': '2.35' })));
    files.other = await write('expert-other.json', expertSheet('赵六', { '9.1': '2' }, 'another-assessment'));
    files.old = await write('hangzhou-2025-10.json', TEMPLATE);
    const changed = clone(TEMPLATE);
    changed.inputs['4.1'].values.score = '1.2';
    changed.saved_at = '2025-11-27T09:00:00+08:00';
    files.new = await write('hangzhou-2025-11.json', changed);

    app = await openApp();
});

after(async () => {
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
});

function workerRequests() {
    return app.log.requests.filter((u) => WORKER_FILES.test(new URL(u).pathname));
}

async function home() {
    const { page } = app;
    if (await page.getByTestId('tool-back').count()) await page.getByTestId('tool-back').click();
    await page.getByTestId('tool-ranking').waitFor();
}

async function downloaded(page, click) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('the first page load does not fetch the worker, and the build emits it unhashed and not preloaded', async () => {
    assert.deepEqual(workerRequests(), [], 'worker files requested at load');
    const html = await readFile(path.join(defaultDist, 'index.html'), 'utf8');
    // No <script>, preload or other <link> names the worker (the source's comment about it may stay).
    assert.doesNotMatch(html.replace(/<!--[\s\S]*?-->/g, ''), /tools-worker/, 'index.html does not load or preload the worker');
    for (const f of ['tools-worker-boot.js', 'tools-worker.js', 'tools-worker_bg.wasm']) {
        await readFile(path.join(defaultDist, f)); // throws when missing
    }
    // The tools are linked from the start page.
    for (const id of ['tool-ranking', 'tool-panel', 'tool-compare']) {
        assert.equal(await app.page.getByTestId(id).count(), 1, id);
    }
});

test('省级汇总: 200 files at once, progress, duplicates, an unreadable file', async () => {
    const { page } = app;
    await home();
    await page.getByTestId('tool-ranking').click();
    await page.getByTestId('ranking-files-input').waitFor({ state: 'attached' });
    // The progress shown while reading is checked at states, not counted as it flies by (how many
    // texts a fast or a slow machine paints is a matter of frames): the files are read in the tools'
    // worker, whose file reads are held after the 40th, 80th and 120th file (its loader is served
    // with a prelude that holds Blob.arrayBuffer()), and at each hold the status must show a partial
    // count that has grown since the last one. The longest main-thread task is recorded too.
    const HOLDS = [40, 80, 120];
    const boot = await readFile(path.join(defaultDist, 'tools-worker-boot.js'), 'utf8');
    const prelude = `(() => {
        const read = Blob.prototype.arrayBuffer;
        let started = 0;
        let allowed = ${HOLDS[0]};
        let waiting = [];
        Blob.prototype.arrayBuffer = function () {
            started += 1;
            if (started <= allowed) return read.call(this);
            const n = started;
            return new Promise((resolve) => waiting.push({ n, go: () => resolve(read.call(this)) }));
        };
        self.__reads = {
            started: () => started,
            allow(n) {
                allowed = n;
                const go = waiting.filter((w) => w.n <= n);
                waiting = waiting.filter((w) => w.n > n);
                for (const w of go) w.go();
            },
        };
    })();
`;
    const BOOT = '**/tools-worker-boot.js';
    await app.context.route(BOOT, (route) => route.fulfill({ contentType: 'text/javascript', body: prelude + boot }));
    await page.evaluate(() => {
        window.__longest = 0;
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
        }).observe({ type: 'longtask', buffered: false });
    });
    await page.getByTestId('ranking-files-input').setInputFiles(files.ranking);
    const worker = await until(() => page.workers().find((w) => w.url().endsWith('/tools-worker-boot.js')) ?? false, 30_000, 'the tools\' worker was not started: the files must be read in it');
    const started = () => worker.evaluate(() => self.__reads.started()).catch(() => 0);
    const shown = [];
    for (const [i, hold] of HOLDS.entries()) {
        // Held: the worker's read past `hold` has started and waits; the count read so far is on the page.
        shown.push(
            await until(
                async () => {
                    if ((await started()) <= hold) return false;
                    return page.evaluate(
                        ({ hold, after }) => {
                            const status = document.querySelector('[data-testid="ranking-files-status"]');
                            const m = /已读取 (\d+) \/ 201/.exec(status?.textContent || '');
                            const bar = status?.querySelector('progress');
                            const n = m ? Number(m[1]) : 0;
                            return n > after && n <= hold && bar && Number(bar.value) === n && Number(bar.max) === 201 ? n : false;
                        },
                        { hold, after: shown.at(-1) ?? 0 },
                    );
                },
                30_000,
                `the progress at the hold after file ${hold}`,
            ),
        );
        await worker.evaluate((n) => self.__reads.allow(n), HOLDS[i + 1] ?? Infinity);
    }
    await app.context.unroute(BOOT);
    const t0 = Date.now();
    await allRows(page, N, { timeout: 120_000 });
    const seconds = (Date.now() - t0) / 1000;
    const longest = await page.evaluate(() => window.__longest);
    console.log(`progress shown at the holds: ${shown.map((n) => `已读取 ${n} / 201`).join(', ')}`);
    console.log(`read the last ${files.ranking.length - HOLDS.at(-1)} files in ${seconds.toFixed(1)} s; longest main-thread task ${Math.round(longest)} ms`);
    assert.match(await page.getByTestId('ranking-files-status').textContent(), /已读取201个文件,其中1个无法读取/);
    assert.doesNotMatch(await page.getByTestId('ranking-files-status').textContent(), /后台读取组件/, 'read in the worker, no fallback');

    assert.equal(await page.getByTestId('rank-row').count(), N);
    assert.match(await page.getByTestId('ranking-summary').textContent(), /^共200个创建对象/);

    // The same subject opened twice: both rows flagged, each naming the other file.
    const dups = page.locator('[data-testid="rank-row"]:has([data-testid="dup-flag"])');
    assert.equal(await dups.count(), 2);
    const dupNames = await dups.locator('th.name').allTextContents();
    assert.deepEqual(dupNames, ['测试市0', '测试市0']);
    const dupText = await dups.locator('[data-col="dups"]').allTextContents();
    assert.ok(dupText.some((t) => t.includes('assessment-199.json') && t.includes('同一创建对象')), dupText.join(' | '));

    // The unreadable file is listed with its field and reason, not dropped.
    const failures = page.getByTestId('ranking-failures');
    assert.match(await failures.textContent(), /以下1个文件无法读取/);
    const failure = await failures.getByTestId('failure').textContent();
    assert.ok(failure.includes('broken.json') && failure.includes('字段「format」') && failure.includes('不是demozone评估文件'), failure);

    // Recorded scores that differ are a warning, not an error.
    assert.match(await page.getByTestId('recorded-notes').locator('summary').textContent(), /个文件中记录的分数与重新计算的结果不一致/);

    // Rates are shown truncated with two decimals and a percent sign.
    const rates = await page.locator('[data-testid="rank-row"]').first().locator('td.rate').allTextContents();
    assert.equal(rates.length, 4);
    for (const r of rates) assert.match(r, /^\d{1,3}\.\d{2}%$/);
    await screenshot(page, 'tools-ranking');
    // The table itself, scrolled to the duplicates.
    await dups.first().scrollIntoViewIfNeeded();
    await page.getByTestId('rank-table').evaluate((t) => t.closest('.table-scroll').scrollIntoView({ block: 'start' }));
    await screenshot(page, 'tools-ranking-table');
    // Read in the tools' worker, fetched when the files were opened (not at page load).
    const fetched = [...new Set(workerRequests().map((u) => new URL(u).pathname))].sort();
    assert.deepEqual(fetched, ['/tools-worker-boot.js', '/tools-worker.js', '/tools-worker_bg.wasm']);
});

/** Polls `f` (every 50 ms) until it gives something other than false; fails with `what` after `ms`. */
async function until(f, ms, what) {
    const end = Date.now() + ms;
    for (;;) {
        const v = await f();
        if (v !== false) return v;
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

// The table is built in steps of 40 rows, one per frame (engine::tools_view::ROWS_PER_STEP):
// after a sort, wait for all the rows (N unless said) before reading a column.
async function allRows(page, count = N, options = {}) {
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="rank-row"]').length === n, count, options);
}

async function columnNumbers(page, col) {
    await allRows(page);
    return (await page.locator(`[data-testid="rank-row"] [data-col="${col}"]`).allTextContents()).map(Number);
}

test('省级汇总: sorting by clicking and by keyboard, with aria-sort', async () => {
    const { page } = app;
    const totalTh = page.locator('th:has([data-testid="sort-total"])');
    // Default: total, best first.
    assert.equal(await totalTh.getAttribute('aria-sort'), 'descending');
    let totals = await columnNumbers(page, 'total');
    assert.deepEqual(totals, [...totals].sort((a, b) => b - a));
    assert.ok(totals[0] > totals[N - 1], 'totals differ');

    await page.getByTestId('sort-total').click();
    assert.equal(await totalTh.getAttribute('aria-sort'), 'ascending');
    totals = await columnNumbers(page, 'total');
    assert.deepEqual(totals, [...totals].sort((a, b) => a - b));
    assert.match(await page.getByTestId('sort-status').textContent(), /按总分从低到高排列/);

    // Keyboard: Enter on the 省份 header's button; focus stays on it.
    await page.getByTestId('sort-province').focus();
    await page.keyboard.press('Enter');
    const provinceTh = page.locator('th:has([data-testid="sort-province"])');
    assert.equal(await provinceTh.getAttribute('aria-sort'), 'ascending');
    assert.equal(await totalTh.getAttribute('aria-sort'), null);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'sort-province');
    await allRows(page);
    const provinces = await page.locator('[data-testid="rank-row"] [data-col="province"]').allTextContents();
    assert.deepEqual(provinces, [...provinces].sort());

    // Back to total, best first, for the exports.
    await page.getByTestId('sort-total').click();
    assert.equal(await totalTh.getAttribute('aria-sort'), 'descending');
});

test('省级汇总: CSV export (BOM, header, neutralised formula)', async () => {
    const { page } = app;
    const { name, bytes } = await downloaded(page, () => page.getByTestId('export-csv').click());
    assert.match(name, /^示范区创建自评汇总-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    assert.equal(lines.at(-1), '', 'CRLF after the last line');
    assert.equal(lines.length, N + 2);
    assert.match(lines[0], /^序号,创建对象,类型,省份,总分,促进发展得分率\(%\),规范监管得分率\(%\),优化服务得分率\(%\),探索创新得分率\(%\),结论,/);
    const cmd = lines.find((l) => l.includes('=cmd'));
    assert.ok(cmd, 'the =cmd row is exported');
    assert.match(cmd, /^\d+,'=cmd\|' \/C calc'!A0,/, `neutralised: ${cmd}`);
    // Rows in the table's order (total, best first).
    const firstTotal = Number(lines[1].split(',')[4]);
    assert.equal(firstTotal, (await columnNumbers(page, 'total'))[0]);
});

test('省级汇总: Excel export through the tools\' worker', async () => {
    const { page } = app;
    const before = workerRequests().length;
    const { name, bytes } = await downloaded(page, () => page.getByTestId('export-xlsx').click());
    assert.match(name, /\.xlsx$/);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip (xlsx) file');
    assert.ok(bytes.length > 5000, `xlsx size ${bytes.length}`);
    // A new worker for the export (the one that read the files has ended).
    const fetched = workerRequests().slice(before).map((u) => new URL(u).pathname);
    assert.ok(fetched.includes('/tools-worker-boot.js'), `worker started for the export: ${fetched.join(', ')}`);
    await page.getByTestId('export-status').filter({ hasText: '已生成文件' }).waitFor();
    // A second export works too (a new worker each time).
    const again = await downloaded(page, () => page.getByTestId('export-xlsx').click());
    assert.equal(again.bytes.subarray(0, 2).toString('latin1'), 'PK');
});

test('省级汇总: dropping a file adds it to the table', async () => {
    const { page } = app;
    const extra = JSON.stringify({ ...assessment(500), id: 'dropped-1' });
    await page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
        const zone = document.querySelector('[data-testid="ranking-files-zone"]');
        zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
        zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, extra);
    await allRows(page, N + 1);
    // Not opened as a draft by the page-wide drop handler.
    assert.equal(await page.getByTestId('rank-table').count(), 1);
});

test('专家组合议: three sheets give the mean; a sheet of another assessment is refused', async () => {
    const { page } = app;
    await home();
    await page.getByTestId('tool-panel').click();
    await page.getByTestId('panel-files-input').setInputFiles(files.experts);
    await page.getByTestId('panel-result').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('panel-sheet').count(), 3);
    const row9 = page.locator('[data-testid="panel-row"][data-key="9"]');
    // (2 + 2 + 1) / 3 = 1.666… → 1.67 (half up, two decimals); spread 1 ≥ 25% of 3: flagged.
    assert.equal((await row9.getByTestId('panel-mean').textContent()).trim(), '1.67');
    assert.match(await row9.getAttribute('class'), /outlier/);
    assert.match(await row9.locator('.outlier-note').textContent(), /王五/);
    assert.equal(await row9.locator('td.far').count(), 1);
    const row15 = page.locator('[data-testid="panel-row"][data-key="15"]');
    // (2.34 + 2.35 + 2.35) / 3 = 2.3466… → 2.35.
    assert.equal((await row15.getByTestId('panel-mean').textContent()).trim(), '2.35');
    assert.equal(await page.getByTestId('panel-row').count(), 25);
    assert.equal((await page.getByTestId('panel-total').textContent()).trim(), '4.02/100');
    assert.match(await page.getByTestId('panel-verdict').textContent(), /^不合格/);
    assert.equal(await page.locator('[data-testid="panel-experts"] tbody tr').count(), 3);
    await screenshot(page, 'tools-panel');
    await row9.scrollIntoViewIfNeeded();
    await page.getByTestId('panel-table').evaluate((t) => t.closest('.table-scroll').scrollIntoView({ block: 'start' }));
    await screenshot(page, 'tools-panel-table');

    await page.getByTestId('panel-files-input').setInputFiles([files.other]);
    const refusal = page.getByTestId('panel-refusal');
    await refusal.first().waitFor();
    const text = await refusal.first().textContent();
    assert.ok(text.includes('「expert-other.json」') && text.includes('评估编号「another-assessment」'), text);
    assert.equal(await page.getByTestId('panel-result').count(), 0);
    await screenshot(page, 'tools-panel-refused');

    // Removing the refused sheet brings the result back.
    await page.locator('[data-testid="panel-sheet"]:has-text("expert-other.json") [data-testid="panel-remove"]').click();
    await page.getByTestId('panel-result').waitFor();
    assert.equal(await page.getByTestId('panel-refusal').count(), 0);
});

test('版本比较: a changed judged score', async () => {
    const { page } = app;
    await home();
    await page.getByTestId('tool-compare').click();
    await page.getByTestId('compare-old-input').setInputFiles([files.old]);
    await page.getByTestId('compare-new-input').setInputFiles([files.new]);
    await page.getByTestId('compare-result').waitFor();
    const inputs = await page.locator('[data-testid="compare-inputs"] tbody tr').allTextContents();
    assert.ok(inputs.some((t) => t.includes('指标4 第4.1项 评分') && t.includes('1.8') && t.includes('1.2')), inputs.join(' | '));
    const change = page.locator('[data-testid="score-change"]', { hasText: '指标4 第4.1项' });
    assert.equal((await change.locator('td.delta').textContent()).trim(), '-0.6');
    assert.match(await page.getByTestId('compare-headline').textContent(), /^总分 90\.4分 → 89\.8分\(-0\.6\)/);
    await screenshot(page, 'tools-compare');
    await page.getByTestId('compare-inputs').scrollIntoViewIfNeeded();
    await screenshot(page, 'tools-compare-inputs');

    // Swapped, the change is the other way round.
    await page.getByTestId('compare-swap').click();
    assert.equal((await page.locator('[data-testid="score-change"]', { hasText: '指标4 第4.1项' }).locator('td.delta').textContent()).trim(), '+0.6');
});

test('leaving 省级汇总 while its table is still being built in steps breaks nothing', async () => {
    const { page } = app;
    await home();
    await page.getByTestId('tool-ranking').click();
    await allRows(page, N + 1);
    await page.evaluate(async () => {
        // A sort starts a new table; one frame later (a step shown, the next one scheduled) leave.
        document.querySelector('[data-testid="sort-total"]').click();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        document.querySelector('[data-testid="btn-drafts"]').click();
        for (let i = 0; i < 5; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    });
    assert.deepEqual(app.log.pageErrors, [], 'page errors');
    await page.getByTestId('tool-ranking').waitFor();
});

test('the tools keep their files when leaving and coming back; the start page shows them', async () => {
    const { page } = app;
    await home();
    await screenshot(page, 'tools-home');
    await page.getByTestId('tool-ranking').click();
    // All the rows come back (built in steps, see allRows).
    await allRows(page, N + 1);
    assert.match(await page.getByTestId('ranking-summary').textContent(), /^共201个创建对象/);
});

test('no console error, page error, failed request or foreign request', () => {
    assert.deepEqual(app.log.consoleErrors, [], 'console errors');
    assert.deepEqual(app.log.pageErrors, [], 'page errors');
    assert.deepEqual(app.log.failedRequests, [], 'failed requests');
    assert.deepEqual(app.log.badResponses, [], 'HTTP error responses');
    const foreign = app.log.requests.filter((u) => {
        const url = new URL(u);
        return !['data:', 'blob:'].includes(url.protocol) && url.origin !== app.server.origin;
    });
    assert.deepEqual(foreign, []);
});
