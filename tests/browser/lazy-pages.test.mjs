// The lazily loaded pages (src/app/lazy.rs: split points of the one wasm module, cut into chunks by
// scripts/wasm-split.mjs): the first load fetches no page chunk; the first visit of a page (申请条件,
// 创建流程, 打印报告, the tools) fetches its chunks, each at most once per page load; edits made
// there are the main app's own (its navigation, its storage — or its memory when storage is
// unavailable); a failed fetch is said on the page and retried on the next visit. A tool's link on
// the start page fetches its page's chunks when pointed at or focused (lazy::preload_tool).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { trackApps, tid, text, storedDrafts, blockStorage, noErrors, fillSubject, repoRoot } from './helpers.mjs';

const open = trackApps(after);
const MORE = /\/(split_[a-z_]+|chunk)-[0-9a-f]{16}\.wasm$/;
const PAGE_CHUNK = /\/split_page_[a-z_]+-[0-9a-f]{16}\.wasm$/;

function moreRequests(app) {
    return app.log.requests.filter((u) => MORE.test(new URL(u).pathname));
}

async function newDraft(page, name) {
    await tid(page, 'btn-new').click();
    await fillSubject(page, { name, kind: 'prefecture_city', province: '浙江' });
}

/** The shared checks, and no request failed (the module's fetches included). */
function noErrorsNorFailedRequests(app) {
    noErrors(app);
    assert.deepEqual(app.log.failedRequests, [], 'failed requests');
}

test('the first load leaves the pages\' chunks out; each page fetches its own once and edits the draft', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    await newDraft(page, '湖州市');
    await tid(page, 'nav-ind-1').click();
    await tid(page, 'indicator-1').waitFor();
    assert.deepEqual(moreRequests(app).filter((u) => PAGE_CHUNK.test(new URL(u).pathname)), [], 'the workbench alone fetches no page chunk');

    await tid(page, 'nav-eligibility').click();
    await tid(page, 'eligibility-result').waitFor();
    const fetched = moreRequests(app).map((u) => new URL(u).pathname).sort();
    assert.ok(fetched.some((f) => /\/split_page_eligibility-/.test(f)), fetched.join(', '));
    assert.ok(fetched.every((f) => !/split_page_(process|report|ranking|panel|compare)-/.test(f)), 'only this page\'s chunks: ' + fetched.join(', '));
    // An edit on a lazily loaded page is stored by the app and shown in its navigation.
    for (const c of ['platform_economy', 'supervision_service', 'innovation']) {
        await tid(page, `cond-${c}-yes`).check();
        await tid(page, `cond-${c}-basis`).fill(`依据:${c}`);
    }
    await page.waitForFunction(() => document.querySelector('[data-testid="nav-eligibility"] .state')?.classList.contains('state-done'));
    const [d] = await storedDrafts(page);
    assert.equal(d.assessment.process.eligibility.platform_economy.met, true);

    // Other lazily loaded pages, and back: no chunk fetched twice.
    await tid(page, 'next-page').click();
    await tid(page, 'nav-process').waitFor();
    await page.locator('[data-testid^="stage-"]').first().waitFor();
    await tid(page, 'btn-report').click();
    await tid(page, 'report-page').waitFor();
    await tid(page, 'btn-drafts').click();
    await tid(page, 'tool-ranking').click();
    await tid(page, 'tool-back').waitFor();
    await tid(page, 'tool-back').click();
    await tid(page, 'btn-new').waitFor();
    const all = moreRequests(app).map((u) => new URL(u).pathname);
    assert.equal(new Set(all).size, all.length, 'each chunk is fetched once per page load: ' + all.join(', '));
    assert.ok(all.some((f) => /\/split_page_ranking-/.test(f)), all.join(', '));

    // After a reload, the edit is there (the main app stored it).
    await page.reload();
    await tid(page, 'btn-new').waitFor();
    const [again] = await storedDrafts(page);
    assert.equal(again.assessment.process.eligibility.innovation.met, true);
    noErrorsNorFailedRequests(app);
});

test('pointing at a tool\'s link fetches that page\'s chunks before the click, and only those; the click then uses them', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    const pageChunks = () => moreRequests(app).map((u) => new URL(u).pathname).filter((f) => PAGE_CHUNK.test(f));
    assert.deepEqual(pageChunks(), [], 'the start page fetches no page chunk by itself');
    const panelChunk = page.waitForResponse((r) => /\/split_page_panel-[0-9a-f]{16}\.wasm$/.test(new URL(r.url()).pathname), { timeout: 60_000 });
    await tid(page, 'tool-panel').hover();
    await (await panelChunk).finished();
    assert.deepEqual(pageChunks().map((f) => f.replace(/-[0-9a-f]{16}\.wasm$/, '')), ['/split_page_panel'], 'only the page pointed at');
    // The keyboard's way: the focus on a link fetches its page too.
    const compareChunk = page.waitForResponse((r) => /\/split_page_compare-[0-9a-f]{16}\.wasm$/.test(new URL(r.url()).pathname), { timeout: 60_000 });
    await tid(page, 'tool-compare').focus();
    await compareChunk;
    await tid(page, 'tool-panel').click();
    await tid(page, 'panel-files-button').waitFor();
    const all = pageChunks();
    assert.equal(all.filter((f) => /split_page_panel-/.test(f)).length, 1, 'fetched once: ' + all.join(', '));
    assert.ok(all.every((f) => !/split_page_ranking-/.test(f)), 'no tool fetched that was not pointed at: ' + all.join(', '));
    noErrorsNorFailedRequests(app);
});

test('storage unavailable: an edit on a lazily loaded page stays in the page', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    await blockStorage(page);
    await page.reload();
    await newDraft(page, '舟山市');
    await tid(page, 'nav-eligibility').click();
    await tid(page, 'cond-platform_economy-yes').check();
    await tid(page, 'nav-ind-1').click();
    await tid(page, 'indicator-1').waitFor();
    await tid(page, 'nav-eligibility').click();
    await tid(page, 'eligibility-result').waitFor();
    assert.equal(await tid(page, 'cond-platform_economy-yes').isChecked(), true, 'the edit survived leaving the page');
    assert.deepEqual(app.log.pageErrors, []);
});

test('a failed fetch of a page\'s chunk is said on the page, and the next visit tries again', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    await newDraft(page, '衢州市');
    await page.route(MORE, (route) => route.abort('failed'));
    await tid(page, 'nav-process').click();
    const status = tid(page, 'lazy-status');
    await page.waitForFunction(() => /本页未能加载/.test(document.querySelector('[data-testid="lazy-status"]')?.textContent || ''));
    assert.match(await text(status), /本页未能加载.*请检查网络后刷新页面重试/);
    // The rest of the app still works.
    await tid(page, 'nav-ind-2').click();
    await tid(page, 'indicator-2').waitFor();

    await page.unroute(MORE);
    await tid(page, 'nav-process').click();
    await page.locator('[data-testid^="stage-"]').first().waitFor();
    assert.equal(await status.count(), 0, 'no loading or error line once the page shows');
    assert.deepEqual(app.log.pageErrors, []);
});

test('opening a file fetches the file reader\'s chunk only then; a failed fetch is said, nothing changes, and the next try works', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    const READER = /\/split_file_open-[0-9a-f]{16}\.wasm$/;
    const example = path.join(repoRoot, 'tests/examples/pass-hangzhou.json');
    assert.deepEqual(app.log.requests.filter((u) => READER.test(new URL(u).pathname)), [], 'not in the first load');

    await page.route(READER, (route) => route.abort('failed'));
    await tid(page, 'file-input').setInputFiles(example);
    await page.waitForFunction(() => /读取文件的程序未能加载/.test(document.querySelector('[data-testid="notice-file-error"]')?.textContent || ''));
    assert.match(await text(tid(page, 'notice-file-error')), /无法打开文件「pass-hangzhou\.json」.*当前的草稿和已保存的草稿都没有改变/s);
    assert.deepEqual(await storedDrafts(page), [], 'no draft was made');

    await page.unroute(READER);
    await tid(page, 'file-input').setInputFiles(example);
    await tid(page, 'notice-file').waitFor();
    assert.equal((await storedDrafts(page)).length, 1, 'the file opened as a new draft');
    const fetched = app.log.requests.filter((u) => READER.test(new URL(u).pathname));
    assert.ok(fetched.length >= 1, JSON.stringify(fetched));
    assert.deepEqual(app.log.pageErrors, []);
});
