// The core set: what a clerk does first, run in each engine besides Chromium (Chromium runs the
// full suite, tests/browser/). The built site (dist/) is served from a folder of the test server
// with its precompressed copies and the page's CSP as a header, as docs/hosting.md sets a server up.
//
//  1. the page loads with no console error;
//  2. a new draft: 基本情况 and one indicator of each rule kind, with the live total;
//  3. a reload keeps everything;
//  4. save a file and open it again, and open an example file;
//  5. a truncated file gives its Chinese error and the draft stays;
//  6. the printed report's first page (打印报告) shows the subject, the total and the verdict
//     (Chromium's suite prints the PDF);
//  7. typing at once after changing page loses no character, even when the frame in which the
//     app moves the focus to the new heading comes late (tests/browser/typing.test.mjs has more);
//  8. 省级汇总 reads a file in the tools' web worker (src/bin/tools_worker.rs), not on the page.
//
// `coreSet('firefox')` defines the tests with node:test; tests/engines/*.test.mjs call it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './drivers.mjs';
import { startServer, repoRoot } from '../browser/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(repoRoot, 'tests', 'browser', 'out');
const PREFIX = '/office/demozone/';

const tid = (id) => `[data-testid="${id}"]`;
const TOTAL = `${tid('summary')} ${tid('total')}`;

// One indicator of each rule kind of the bundled rubric, filled as in tests/browser/workbench.test.mjs:
// growth_years (1), share_bands and per_count (3), judged (4), all_of (12.3), rate_thresholds (13),
// precondition_judged (19), any_one (22), weighted_counts (24). Each is at its maximum:
// the scores below (the same inputs give the same scores in tests/browser/workbench.test.mjs).
const EXPECTED_SCORES = { 1: '3/3', 3: '5/5', 4: '5/5', 12: '3/3', 13: '3/3', 19: '6/6', 22: '6/6', 24: '3/4' };
const EXPECTED_TOTAL = '34';

async function go(b, n) {
    await b.click(tid(`nav-ind-${n}`));
    await b.waitFor(tid(`indicator-${n}`));
}

/** From now on, the page's requestAnimationFrame callbacks wait (a frame that comes late; see frameComesAt). */
const holdFrames = (b) =>
    b.evaluate(() => {
        const frames = (window.__frames = { held: [], hold: true });
        const raf = window.requestAnimationFrame.bind(window);
        window.requestAnimationFrame = (f) => {
            if (!frames.hold) return raf(f);
            frames.held.push(f);
            return 0;
        };
    });

/**
 * Makes the held frame come in the middle of the typing: when the field `css` holds `after`, the
 * held callbacks run inside that input event, before the next key. Later callbacks run normally.
 * `window.__frames.released` then tells how many there were.
 */
const frameComesAt = (b, css, after) =>
    b.evaluate(
        (s, v) => {
            const frames = window.__frames;
            const el = document.querySelector(s);
            const onInput = () => {
                if (el.value !== v) return;
                el.removeEventListener('input', onInput);
                frames.hold = false;
                const held = frames.held.splice(0);
                for (const f of held) f(performance.now());
                frames.released = held.length;
            };
            el.addEventListener('input', onInput);
        },
        css,
        after,
    );

async function fullMarks(b) {
    const ids = await b.evaluate(() => [...document.querySelectorAll('[data-testid^="quick-"][data-testid$="-full"]')].map((e) => e.dataset.testid));
    for (const id of ids) await b.click(tid(id));
}

/** Local drafts as stored (parsed). */
const drafts = (b) =>
    b.evaluate(() =>
        Object.keys(localStorage)
            .filter((k) => k.startsWith('demozone.draft.'))
            .map((k) => JSON.parse(localStorage.getItem(k))),
    );

/**
 * Records the file the app offers for download: the Blob it makes an object URL of, and the name
 * on the <a download> it clicks (the click is stopped: where a browser puts downloads is its own
 * business, and the page's CSP rightly forbids fetching the blob: URL back).
 */
const catchDownloads = (b) =>
    b.evaluate(() => {
        window.__downloads = [];
        const blobs = new Map();
        const createObjectURL = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (blob) => {
            const url = createObjectURL(blob);
            blobs.set(url, blob);
            return url;
        };
        document.addEventListener(
            'click',
            (e) => {
                const a = e.target;
                if (a instanceof HTMLAnchorElement && a.hasAttribute('download')) {
                    e.preventDefault();
                    const blob = blobs.get(a.href);
                    window.__downloads.push(blob ? blob.text().then((text) => ({ name: a.download, text })) : Promise.resolve({ name: a.download, text: null }));
                }
            },
            true,
        );
    });

export function coreSet(engine) {
    let b;
    let site;
    let tmp;
    let saved;

    before(async () => {
        const recorder = engine === 'webkit' ? { name: '__console-recorder.js', body: await readFile(path.join(here, 'console-recorder.js'), 'utf8') } : null;
        site = await startServer({ precompressed: true, prefix: PREFIX, inject: recorder });
        tmp = await mkdtemp(path.join(os.tmpdir(), `demozone-${engine}-`));
        b = await launch(engine);
        console.log(`# engine: ${b.version}`);
        await mkdir(outDir, { recursive: true });
        await writeFile(path.join(outDir, `engine-${engine}.txt`), `${b.version}\n`);
    });

    after(async () => {
        await b?.close();
        await site?.close();
        if (tmp) await rm(tmp, { recursive: true, force: true });
    });

    test(`${engine}: the page loads from a folder of the server with no console error`, async () => {
        await b.goto(site.url);
        await b.waitFor('li.indicator');
        assert.equal(await b.count('li.indicator'), 25);
        assert.equal(await b.text('h1'), '网络市场监管与服务示范区创建自评工作台');
        assert.equal(await b.count('.boot-error'), 0);
        // The wasm was compiled by this engine: the app is running, not the loading line.
        assert.equal(await b.count('.boot-loading'), 0);
        assert.deepEqual(await b.errors(), []);
    });

    test(`${engine}: a new draft, 基本情况 and one indicator of each rule kind, with the live total`, async () => {
        await b.click(tid('btn-new'));
        await b.waitFor(tid('subject-name'));
        await b.fill(tid('subject-name'), '杭州市');
        await b.select(tid('subject-kind'), 'sub_provincial_city');
        await b.select(tid('subject-province'), '浙江');
        await b.select(tid('subject-start'), '2023');
        await b.select(tid('subject-years'), '3');
        await b.waitFor(tid('subject-region'), { until: (t) => /东部地区/.test(t) });

        await go(b, 1);
        const amounts = { 2022: '100', 2023: '120', 2024: '144', 2025: '172.8' };
        for (const [y, v] of Object.entries(amounts)) await b.fill(tid(`in-1-subject-${y}`), v);
        for (const y of [2023, 2024, 2025]) await b.fill(tid(`in-1-reference_rate-${y}`), '10');
        await b.waitFor(tid('growth-1-own-2023'), { until: (t) => t === '20.00%' });
        await go(b, 3);
        await b.fill(tid('in-3a-online'), '1,500');
        await b.fill(tid('in-3a-total'), '10000');
        for (let i = 0; i < 4; i++) {
            await b.click(tid('add-3b'));
            await b.waitFor(tid(`in-3b-e${i}-amount`));
            await b.fill(tid(`in-3b-e${i}-name`), `网络交易企业${i + 1}`);
            await b.fill(tid(`in-3b-e${i}-year`), String(2023 + (i % 3)));
            await b.fill(tid(`in-3b-e${i}-amount`), '25000');
        }
        // Typed once, every character is kept: nothing moves the focus away while typing.
        for (let i = 0; i < 4; i++) assert.equal(await b.value(tid(`in-3b-e${i}-amount`)), '25000');
        assert.deepEqual(
            (await drafts(b))[0].assessment.inputs['3b'].entries.map((e) => [e.name, e.year, e.amount]),
            [0, 1, 2, 3].map((i) => [`网络交易企业${i + 1}`, String(2023 + (i % 3)), '25000']),
        );
        assert.deepEqual((await drafts(b))[0].assessment.inputs['3a'].values, { online: '1,500', total: '10000' });
        // As a clerk moves on: the last field loses the focus.
        await b.evaluate(() => document.activeElement?.blur());
        await b.waitFor(tid('nav-score-3'), { until: (t) => t === EXPECTED_SCORES[3] });
        await go(b, 4);
        await fullMarks(b);
        await go(b, 12);
        await fullMarks(b);
        await b.select(tid('flag-12.3-no_major_case'), 'yes');
        await go(b, 13);
        await b.fill(tid('in-13.1-verify_ontime'), '96.5');
        await b.fill(tid('in-13.2-clue_timely'), '92');
        await b.fill(tid('in-13.2-clue_done'), '91');
        await b.fill(tid('in-13.3-upheld'), '97');
        await b.fill(tid('in-13.3-won'), '96');
        await b.select(tid('flag-13.3-no_procedural_loss'), 'yes');
        await go(b, 19);
        await b.fill(tid('in-19.1-sectors'), '6');
        await fullMarks(b);
        await go(b, 22);
        await b.click(tid('add-22.1'));
        await b.fill(tid('in-22.1-e0-name'), '创新实践22');
        await b.evaluate((s) => {
            const sel = document.querySelector(s);
            return sel.options[1].value;
        }, tid('in-22.1-e0-cat')).then((v) => b.select(tid('in-22.1-e0-cat'), v));
        await b.check(tid('in-22.1-e0-ok'));
        await go(b, 24);
        await b.fill(tid('in-24.1-law'), '1');
        // The navigation shows each indicator's score, and the live total follows every edit.
        for (const [n, want] of Object.entries(EXPECTED_SCORES)) await b.waitFor(tid(`nav-score-${n}`), { until: (t) => t === want });
        await b.waitFor(TOTAL, { until: (t) => t === EXPECTED_TOTAL });
        const [d] = await drafts(b);
        assert.equal(d.assessment.subject.name, '杭州市');
        assert.equal(d.assessment.inputs['24.1'].values.law, '1');
        assert.deepEqual(await b.errors(), []);
    });

    test(`${engine}: a reload keeps everything`, async () => {
        await go(b, 13);
        await b.reload();
        await b.waitFor(tid('indicator-13'));
        await b.waitFor(TOTAL, { until: (t) => t === EXPECTED_TOTAL });
        assert.equal(await b.value(tid('in-13.1-verify_ontime')), '96.5');
        await go(b, 3);
        assert.equal(await b.value(tid('in-3a-online')), '1,500');
        assert.equal(await b.value(tid('in-3b-e3-amount')), '25000');
        await b.click(tid('nav-subject'));
        await b.waitFor(tid('subject-name'));
        assert.equal(await b.value(tid('subject-name')), '杭州市');
        assert.equal(await b.value(tid('subject-province')), '浙江');
        assert.deepEqual(await b.errors(), []);
    });

    test(`${engine}: save a file and open it again, and an example file`, async () => {
        await catchDownloads(b);
        await b.click(tid('btn-save-file'));
        // The writer is a chunk, fetched on the first save: wait for the page to say the file was made.
        await b.waitFor(tid('notice-saved-file'));
        const files = await b.evaluate(() => Promise.all(window.__downloads));
        assert.equal(files.length, 1, JSON.stringify(files));
        saved = files[0];
        assert.match(saved.name, /^杭州市-自评-\d{4}-\d{2}-\d{2}-2025-10-29-draft\.json$/);
        const json = JSON.parse(saved.text);
        assert.equal(json.format, 'demozone-assessment');
        assert.equal(json.recorded.total, EXPECTED_TOTAL);

        // Open it again: the same subject is asked about first; open it as a new draft.
        const file = path.join(tmp, saved.name);
        await writeFile(file, saved.text);
        await b.setFile(tid('file-input'), file);
        await b.waitFor(tid('dialog-same-subject'));
        await b.click(tid('dialog-open-new'));
        await b.waitFor(tid('summary-page'));
        await b.waitFor(TOTAL, { until: (t) => t === EXPECTED_TOTAL });
        assert.equal((await drafts(b)).length, 2);

        // An example file.
        const example = path.join(repoRoot, 'tests', 'examples', 'pass-hangzhou.json');
        const recorded = JSON.parse(await readFile(example, 'utf8')).recorded;
        await b.setFile(tid('file-input'), example);
        await b.waitFor(tid('dialog-same-subject'));
        await b.click(tid('dialog-open-new'));
        await b.waitFor(TOTAL, { until: (t) => t === recorded.total });
        assert.equal(await b.text(`${tid('summary')} ${tid('verdict-word')}`), recorded.passed ? '合格' : '不合格');
        assert.equal((await drafts(b)).length, 3);
        assert.deepEqual(await b.errors(), []);
    });

    test(`${engine}: a truncated file gives its Chinese error and the draft stays`, async () => {
        await go(b, 5);
        const before = await drafts(b);
        const total = await b.text(TOTAL);
        await b.setFile(tid('file-input'), path.join(repoRoot, 'tests', 'browser', 'fixtures', 'truncated.json'));
        const notice = await b.waitFor(tid('notice-file-error'));
        assert.match(notice, /文件「truncated\.json」/);
        assert.match(notice, /文件不完整/);
        assert.match(notice, /当前的草稿和已保存的草稿都没有改变/);
        await b.waitFor(tid('indicator-5'));
        assert.equal(await b.text(TOTAL), total);
        assert.deepEqual(await drafts(b), before);
        assert.deepEqual(await b.errors(), []);
    });

    test(`${engine}: the printed report's first page shows the subject, the total and the verdict`, async () => {
        // The example file opened last asks who is working on it: the creation team itself.
        if (await b.count(tid('role-chooser'))) {
            await b.click(tid('role-confirm'));
            await b.waitFor(tid('role-chooser'), { gone: true });
        }
        await b.click(tid('btn-report'));
        await b.waitFor(tid('report'));
        await b.evaluate((s) => document.querySelector(s).scrollIntoView(), tid('report'));
        const title = await b.text(tid('report-title'));
        assert.match(title, /自评报告/);
        const basics = await b.text(tid('report-basics'));
        assert.match(basics, /创建对象/);
        const total = await b.text(TOTAL).catch(() => null);
        const report = await b.text(tid('report'));
        assert.ok(report.includes(title));
        // The first page's score block: the total and the verdict of the open draft.
        const verdict = await b.evaluate(() => document.querySelector('.r-verdict')?.textContent.trim() ?? '');
        assert.match(verdict, /合格|不合格/);
        await b.screenshot(path.join(outDir, `engine-${engine}-report.png`));
        assert.ok(total === null || report.includes(total), `${total} in the report`);
        assert.deepEqual(await b.errors(), []);
    });

    test(`${engine}: typing at once after changing page loses no character`, async () => {
        await b.click(tid('btn-new'));
        await b.waitFor(tid('subject-name'));
        await b.fill(tid('subject-name'), '宁波市');
        await b.select(tid('subject-province'), '浙江');
        await b.select(tid('subject-start'), '2023');
        await b.select(tid('subject-years'), '3');
        await b.waitFor(tid('subject-region'), { until: (t) => /东部地区/.test(t) });
        const stored = async (item) => (await drafts(b)).find((d) => d.assessment.subject.name === '宁波市').assessment.inputs[item];

        // The frame in which the app moves the focus to the new page's heading comes late: in the
        // middle of the typing of a field of the new page. The field keeps the focus and every
        // character (before, "1.5" was stored as "1").
        await holdFrames(b);
        await b.click(tid('nav-ind-4'));
        await b.waitFor(tid('indicator-4'));
        await frameComesAt(b, tid('in-4.1-score'), '1');
        await b.type(tid('in-4.1-score'), '1.5');
        assert.ok((await b.evaluate(() => window.__frames.released)) >= 1, 'the page change asked for a frame');
        assert.equal(await b.value(tid('in-4.1-score')), '1.5');
        assert.equal(await b.evaluate(() => document.activeElement?.dataset.testid ?? null), 'in-4.1-score');
        assert.equal((await stored('4.1')).values.score, '1.5');

        // A row of 3b: a lost digit would put the entity under the threshold, and the row would
        // no longer count.
        await holdFrames(b);
        await b.click(tid('nav-ind-3'));
        await b.waitFor(tid('indicator-3'));
        await b.click(tid('add-3b'));
        await b.waitFor(tid('in-3b-e0-amount'));
        await b.type(tid('in-3b-e0-year'), '2024');
        await frameComesAt(b, tid('in-3b-e0-amount'), '2500');
        await b.type(tid('in-3b-e0-amount'), '25000');
        assert.ok((await b.evaluate(() => window.__frames.released)) >= 1, 'the page change asked for a frame');
        assert.equal(await b.value(tid('in-3b-e0-amount')), '25000');
        await b.waitFor(tid('item-score-3b'), { until: (t) => t === '0.5/3' });
        assert.deepEqual((await stored('3b')).entries.map((e) => [e.year, e.amount]), [['2024', '25000']]);

        // Without holding anything: page after page, the field at once.
        const cases = [
            [13, '13.1', 'verify_ontime', '96.5'],
            [4, '4.1', 'score', '1'],
            [19, '19.1', 'sectors', '6'],
            [3, '3a', 'online', '1,500'],
            [24, '24.1', 'law', '12'],
            [3, '3a', 'total', '10000'],
        ];
        for (const [n, item, key, value] of cases) {
            await b.click(tid(`nav-ind-${n}`));
            await b.waitFor(tid(`indicator-${n}`));
            await b.fill(tid(`in-${item}-${key}`), value);
        }
        for (const [n, item, key, value] of cases) assert.equal((await stored(item)).values[key], value, `indicator ${n}`);
        // With nothing typed, the heading has the focus once the frame came.
        await b.click(tid('nav-ind-12'));
        await b.waitFor(tid('indicator-12'));
        await b.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
        assert.equal(await b.evaluate(() => document.activeElement?.id ?? null), 'page-heading');
        assert.deepEqual(await b.errors(), []);
    });

    test(`${engine}: 省级汇总 reads a file in the tools' worker`, async () => {
        await b.goto(site.url);
        // (The reload reopens the draft the tests before left open: go to the start page.)
        await b.waitFor(tid('btn-drafts'));
        await b.click(tid('btn-drafts'));
        await b.waitFor(tid('tool-ranking'));
        await b.click(tid('tool-ranking'));
        await b.waitFor(tid('ranking-files-zone'));
        await b.setFile(tid('ranking-files-input'), path.join(repoRoot, 'tests', 'examples', 'pass-hangzhou.json'));
        const status = await b.waitFor(tid('ranking-files-status'), { until: (t) => t.startsWith('已读取1个文件'), timeout: 60_000 });
        // Read by the worker: no fallback to the page.
        assert.equal(status, '已读取1个文件');
        await b.waitFor(tid('rank-row'));
        assert.equal(await b.count(tid('rank-row')), 1);
        assert.deepEqual(await b.errors(), []);
    });
}
