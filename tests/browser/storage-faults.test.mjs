// Storage faults against the built app (dist/), in headless Chromium: a full storage while typing
// (the page asks before it is closed or reloaded, and never says saved), a corrupt stored draft
// under a full quota (never claimed set aside, never overwritten: it may be the only copy), a
// deleted draft whose undo copy cannot be stored (the user is told), and the stored entries the
// program cannot use (downloaded and removed from the start page). Also the limit on the total
// size of the files 省级汇总 has open at once.
//
// A full storage is simulated by an init script: while `localStorage['test.full']` is '1',
// `Storage.prototype.setItem` throws QuotaExceededError for the app's keys (as a browser does when
// the quota is used up); the flag survives a reload, as a full storage does.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, screenshot, trackApps, tid, text, storedDrafts, go, noErrors } from './helpers.mjs';

const open = trackApps(after);
const EXAMPLE = JSON.parse(await readFile(path.join(repoRoot, 'tests/examples/pass-hangzhou.json'), 'utf8'));
const CORRUPT = '{"format":"demozone-draft","version":1,"id":';
let dir;

before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-storage-faults-'));
});
after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens the app with the full-storage switch installed (see the top of this file). */
async function openWithQuota() {
    return open({
        readySelector: 'h1',
        beforeGoto: (context) =>
            context.addInitScript(() => {
                const set = Storage.prototype.setItem;
                Storage.prototype.setItem = function (key, value) {
                    if (this === window.localStorage && this.getItem('test.full') === '1' && String(key).startsWith('demozone.')) {
                        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
                    }
                    return set.call(this, key, value);
                };
            }),
    });
}

const setFull = (page, on) => page.evaluate((on) => (on ? localStorage.setItem('test.full', '1') : localStorage.removeItem('test.full')), on);
// (Without the draft index: a cache of what the start page shows, tests/browser/draft-index.test.mjs.)
const storageKeys = (page) =>
    page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('demozone.') && k !== 'demozone.index').sort());

/**
 * Starts a reload of the page and returns the type of the dialog it caused, dismissed (the user
 * stays on the page), or null when the page reloaded without asking.
 */
async function reloadAsks(page) {
    let onDialog;
    const dialog = new Promise((resolve) => {
        onDialog = async (d) => {
            resolve(d.type());
            await d.dismiss();
        };
        page.once('dialog', onDialog);
    });
    const reloaded = page.waitForEvent('load').then(() => null);
    await page.evaluate(() => setTimeout(() => location.reload(), 0));
    const result = await Promise.race([dialog, reloaded]);
    page.off('dialog', onDialog);
    return result;
}

async function newDraft(page, name) {
    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').fill(name);
    await page.waitForFunction(() => /已自动保存/.test(document.querySelector('[data-testid="save-status"]')?.textContent || ''));
}

test('storage full, then typing: the page asks before a reload, never says saved, and the warning stays until saved', async () => {
    const app = await openWithQuota();
    const { page } = app;
    await newDraft(page, '温州市');
    assert.equal(await reloadAsks(page), null, 'everything saved: a reload does not ask');
    // The reload reopens the draft where the tab was.
    await tid(page, 'subject-name').waitFor();
    assert.equal(await tid(page, 'subject-name').inputValue(), '温州市');
    await go(page, 4);

    await setFull(page, true);
    await tid(page, 'in-4.1-score').fill('1.5');
    const status = tid(page, 'save-status');
    await page.waitForFunction(() => /未保存/.test(document.querySelector('[data-testid="save-status"]')?.textContent || ''));
    assert.doesNotMatch(await text(status), /已自动保存/);
    assert.doesNotMatch(await status.getAttribute('class'), /\bok\b/, 'no ✓ beside a failed write');
    assert.match(await text(tid(page, 'notice-storage')), /存储空间已满.*内容仍完整保留在本页面中/s);

    // Reloading asks first; the user stays, and nothing was lost.
    assert.equal(await reloadAsks(page), 'beforeunload');
    assert.equal(await tid(page, 'in-4.1-score').inputValue(), '1.5');
    assert.equal(await text(tid(page, 'item-score-4.1')), '1.5/2');
    // Still full: another change is not saved either, and the warning stays.
    await tid(page, 'in-4.2-score').fill('1');
    assert.match(await text(status), /未保存/);
    assert.equal(await tid(page, 'notice-storage').count(), 1);
    assert.equal(await reloadAsks(page), 'beforeunload', 'still unsaved: it still asks');
    // Opening another draft would drop the unsaved change: the app asks first (dismissed: stays).
    await tid(page, 'btn-new').click();
    assert.equal(await tid(page, 'in-4.1-score').inputValue(), '1.5', 'the unsaved draft stays open');
    // Opening the same draft again from the start page keeps the unsaved change (not the stored
    // version under a ✓ 已自动保存).
    await tid(page, 'btn-drafts').click();
    await tid(page, 'draft-open').click();
    await go(page, 4);
    assert.equal(await tid(page, 'in-4.1-score').inputValue(), '1.5');
    assert.match(await text(status), /未保存/);

    // Space freed: the next change saves everything, the warning goes, and a reload does not ask.
    await setFull(page, false);
    await tid(page, 'in-4.3-score').fill('1');
    await tid(page, 'notice-storage').waitFor({ state: 'detached' });
    assert.match(await text(status), /已自动保存/);
    const [d] = await storedDrafts(page);
    assert.equal(d.assessment.inputs['4.1'].values.score, '1.5');
    assert.equal(d.assessment.inputs['4.2'].values.score, '1');
    assert.equal(await reloadAsks(page), null);
    await tid(page, 'in-4.1-score').waitFor();
    assert.equal(await tid(page, 'in-4.1-score').inputValue(), '1.5', 'after the reload the change is there');
    noErrors(app);
});

test('a corrupt stored draft under a full quota: not claimed set aside, not overwritten; set aside once there is room', async () => {
    const app = await openWithQuota();
    const { page } = app;
    await newDraft(page, '湖州市');
    const [key] = (await storageKeys(page)).filter((k) => k.startsWith('demozone.draft.'));
    // The stored entry is corrupted behind the app's back, then storage is full.
    await page.evaluate(([k, t]) => localStorage.setItem(k, t), [key, CORRUPT]);
    await setFull(page, true);
    await tid(page, 'subject-name').fill('湖州市吴兴区');
    const notice = tid(page, 'notice-corrupt');
    await notice.waitFor();
    const said = await text(notice);
    assert.match(said, /已损坏,且无法另存,因此没有用当前内容覆盖它/, said);
    assert.match(said, /原内容仍原样保留在原处/);
    assert.doesNotMatch(said, /已另存为/);
    assert.match(await text(tid(page, 'save-status')), /未保存/);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), CORRUPT, 'the only copy is untouched');
    assert.deepEqual((await storageKeys(page)).filter((k) => k.startsWith('demozone.corrupt.')), []);
    assert.equal(await reloadAsks(page), 'beforeunload');
    assert.equal(await tid(page, 'subject-name').inputValue(), '湖州市吴兴区');
    await screenshot(page, 'corrupt-under-full-quota-1366');

    // Room again: the next change sets the entry aside (and says where), then saves.
    await setFull(page, false);
    await tid(page, 'subject-name').fill('湖州市南浔区');
    await page.waitForFunction(() => /原内容已另存为/.test(document.querySelector('[data-testid="notice-corrupt"]')?.textContent || ''));
    const aside = (await storageKeys(page)).filter((k) => k.startsWith('demozone.corrupt.'));
    assert.equal(aside.length, 1);
    assert.ok(aside[0].endsWith(key), aside[0]);
    assert.match(await text(notice), new RegExp(`原内容已另存为「${aside[0].replace(/[.]/g, '\\.')}」`));
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside[0]), CORRUPT);
    assert.match(await text(tid(page, 'save-status')), /已自动保存/);
    const [d] = await storedDrafts(page);
    assert.equal(d.assessment.subject.name, '湖州市南浔区');
    noErrors(app);
});

test('corrupt entries found at start: kept in place under a full quota; downloaded and removed from the start page', async () => {
    const app = await openWithQuota();
    const { page } = app;
    await page.evaluate((t) => localStorage.setItem('demozone.draft.broken', t), CORRUPT);
    await setFull(page, true);
    await page.reload();
    const kept = tid(page, 'kept-entries');
    await kept.waitFor();
    assert.match(await text(kept), /demozone\.draft\.broken.*无法另存.*存储空间已满.*原样保留在原处/s);
    assert.equal(await tid(page, 'notice-corrupt').count(), 0, 'nothing is claimed set aside');
    assert.deepEqual(await storageKeys(page), ['demozone.draft.broken']);

    // Downloaded, then removed (asked once more), with the storage still full.
    await takeAndRemove(page, 'kept-entries', 'demozone.draft.broken', CORRUPT);

    // Another corrupt entry, set aside once there is room: listed with its size, then the same.
    await setFull(page, false);
    await page.evaluate((t) => localStorage.setItem('demozone.draft.other', t + '"x"'), CORRUPT);
    await page.reload();
    const asideList = tid(page, 'aside-entries');
    await asideList.waitFor();
    const [aside] = (await storageKeys(page)).filter((k) => k.startsWith('demozone.corrupt.'));
    assert.ok(aside.endsWith('.demozone.draft.other'), aside);
    assert.match(await text(asideList), new RegExp(`${aside.replace(/[.]/g, '\\.')}\\(${CORRUPT.length + 3}个字符\\)`));
    await screenshot(page, 'stored-entries-1366');
    await takeAndRemove(page, 'aside-entries', aside, CORRUPT + '"x"');
    // The drafts are untouched and the app works.
    await newDraft(page, '嘉兴市');
    assert.equal((await storedDrafts(page)).length, 1);
    noErrors(app);
});

/** Downloads the entry `key` listed in `listId` (its text must be `content`), then removes it. */
async function takeAndRemove(page, listId, key, content) {
    const row = tid(page, listId).locator(`[data-key="${key}"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('entry-download').click()]);
    assert.equal(await readFile(await download.path(), 'utf8'), content);
    assert.match(download.suggestedFilename(), /^demozone\..*\.txt$/);
    assert.doesNotMatch(download.suggestedFilename(), /:/);
    await row.getByTestId('entry-remove').click();
    assert.ok((await storageKeys(page)).includes(key), 'not removed before it is confirmed');
    await row.getByTestId('entry-remove-confirm').click();
    await tid(page, listId).waitFor({ state: 'detached' });
    assert.ok(!(await storageKeys(page)).includes(key), `${key} removed`);
}

test('a deleted draft whose undo copy cannot be stored: the user is told; the undo works while the page lasts', async () => {
    const app = await openWithQuota();
    const { page } = app;
    await newDraft(page, '丽水市');
    await tid(page, 'btn-drafts').click();
    await setFull(page, true);
    await tid(page, 'draft-delete').click();
    const notice = tid(page, 'notice-undo-unsaved');
    await notice.waitFor();
    assert.match(await text(notice), /已删除草稿「丽水市自评」,但未能在浏览器中保留可撤销的副本.*存储空间已满.*关闭或刷新本页面之前仍可“撤销删除”/s);
    assert.match(await text(tid(page, 'undo-bar')), /撤销只在关闭或刷新本页面之前有效/);
    await screenshot(page, 'undo-only-in-page-1366');
    assert.deepEqual((await storageKeys(page)).filter((k) => k.startsWith('demozone.deleted.')), []);
    assert.equal(await reloadAsks(page), 'beforeunload', 'the undo would be lost: a reload asks');

    // Still full: the undo cannot store the draft back, and says so.
    await tid(page, 'undo-delete').click();
    await tid(page, 'notice-storage-op').waitFor();
    assert.match(await text(tid(page, 'notice-storage-op')), /无法恢复草稿.*存储空间已满/s);
    // Room again: the undo brings it back.
    await setFull(page, false);
    await tid(page, 'undo-delete').click();
    await tid(page, 'undo-bar').waitFor({ state: 'detached' });
    assert.equal(await tid(page, 'notice-undo-unsaved').count(), 0);
    assert.deepEqual((await storedDrafts(page)).map((d) => d.assessment.subject.name), ['丽水市']);
    assert.equal(await reloadAsks(page), null);
    noErrors(app);
});

test('省级汇总: the files open at once have a size limit, said clearly; removing files makes room', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    const MIB20 = 20 * 1024 * 1024;
    const paths = [];
    for (let i = 0; i < 6; i++) {
        const a = structuredClone(EXAMPLE);
        a.id = `big-${i}`;
        a.subject.name = `大文件市${i}`;
        // A valid file at the size limit (the rest is white space).
        const buf = Buffer.alloc(MIB20, 0x20);
        Buffer.from(JSON.stringify(a)).copy(buf);
        const p = path.join(dir, `big-${i}.json`);
        await writeFile(p, buf);
        paths.push(p);
    }
    await tid(page, 'tool-ranking').click();
    const status = () => page.evaluate(() => document.querySelector('[data-testid="ranking-files-status"]')?.textContent || '');
    await tid(page, 'ranking-files-input').setInputFiles(paths);
    await page.waitForFunction(() => /已读取6个文件/.test(document.querySelector('[data-testid="ranking-files-status"]')?.textContent || ''), null, { timeout: 60_000 });
    assert.match(await status(), /其中1个无法读取/);
    assert.equal(await tid(page, 'rank-row').count(), 5);
    const failure = tid(page, 'ranking-failures').getByTestId('failure');
    assert.match(
        await text(failure),
        /big-5\.json.*同时打开的文件合计过大:已打开100\.0 MB,加上此文件\(20\.0 MB\)将超过合计100 MB的上限,此文件未打开;请分批打开,或先移除部分已打开的文件/s,
    );
    // Still full: one more file is refused too.
    await tid(page, 'ranking-files-input').setInputFiles([paths[5]]);
    await page.waitForFunction(() => /已读取1个文件,其中1个无法读取/.test(document.querySelector('[data-testid="ranking-files-status"]')?.textContent || ''));
    assert.equal(await tid(page, 'rank-row').count(), 5);
    // Cleared: the same file opens.
    await tid(page, 'ranking-clear').click();
    await tid(page, 'ranking-files-input').setInputFiles([paths[5]]);
    await page.waitForFunction(() => /已读取1个文件/.test(document.querySelector('[data-testid="ranking-files-status"]')?.textContent || '') && !/无法读取/.test(document.querySelector('[data-testid="ranking-files-status"]')?.textContent || ''));
    assert.equal(await tid(page, 'rank-row').count(), 1);
    assert.deepEqual(app.log.pageErrors, []);
});
