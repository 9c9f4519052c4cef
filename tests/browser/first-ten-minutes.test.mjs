// The first ten minutes of a new user (issue 14), in headless Chromium against the release build:
// open the page with empty storage, look at the example, start a draft, fill 基本情况, leave, come
// back, open a file, switch drafts. Each step asserts what a new user must not see (errors before
// any typing, notices of another draft, a role question already answered, an empty draft kept,
// a form that can do nothing, headings ending in "。") and what they should (the example labelled
// 示例 everywhere, the next step). Also writes the screenshots of docs/screenshots/ for the start
// page, a blank 基本情况 and the example's summary at 1366×768 and 390×844
// (tests/browser/out/screens/).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, outDir, trackApps, tid, text, storedDrafts, noErrors, expertSheet } from './helpers.mjs';

const open = trackApps(after);
const examples = path.join(repoRoot, 'tests', 'examples');
const screens = path.join(outDir, 'screens');
const EXAMPLE_URL = 'examples/pass-hangzhou.json';

/** Everything on the page marked as an error: messages, invalid inputs, error marks. */
const errorMarks = (page) => page.locator('.problem.error, [aria-invalid="true"], .state-error, .notice.error');

/** The notices under the header (the storage and conflict banners are state, not notices). */
const notices = (page) => page.locator('.notices > [data-testid^="notice-"]:not([data-testid="notice-storage"]):not([data-testid="notice-conflict"])');

async function openFile(page, name, buffer) {
    await tid(page, 'file-input').setInputFiles({ name, mimeType: 'application/json', buffer });
}

async function home(page) {
    await tid(page, 'btn-drafts').click();
    await page.locator('.drafts-page').waitFor();
}

async function download(page, click) {
    const [d] = await Promise.all([page.waitForEvent('download'), click()]);
    return d.suggestedFilename();
}

test('a new user: the example, a first draft, a file, another draft — no false alarms, no stale notices', async () => {
    const app = await open();
    const { page, log } = app;
    await mkdir(screens, { recursive: true });

    // ---- The start page with empty storage: no drafts, nothing that can do nothing. ----
    await tid(page, 'no-drafts').waitFor();
    assert.equal(await page.locator('.migrate-heading, [data-testid="migrate-draft"]').count(), 0, 'no 草稿改用其他版本 form without drafts');
    assert.equal(await text(tid(page, 'open-example')), '查看示例');
    assert.equal(log.requests.filter((u) => u.includes(EXAMPLE_URL)).length, 0, 'the example is not part of the first load');
    for (const t of await page.locator('.overview .indicator .title').allTextContents()) {
        assert.ok(!t.trim().endsWith('。'), `overview heading «${t}»`);
    }
    await page.screenshot({ path: path.join(screens, 'desktop-start.png') });

    // ---- 查看示例: fetched now, from this site; a draft of its own, labelled 示例. ----
    await tid(page, 'open-example').click();
    await tid(page, 'summary-page').waitFor();
    assert.ok(log.requests.some((u) => u === `${app.server.origin}/${EXAMPLE_URL}`), 'the example is fetched from this site when asked');
    await tid(page, 'example-banner').waitFor();
    assert.match(await text(tid(page, 'example-banner')), /示例.*虚构/);
    assert.ok((await text(tid(page, 'current-title'))).includes('【示例】杭州市(虚构数据)'));
    assert.equal(await text(tid(page, 'summary-page').getByTestId('verdict-word')), '合格');
    assert.match(await text(tid(page, 'progress')), /已填完 (\d+)\/\1 项/);
    assert.equal(await tid(page, 'role-chooser').count(), 0, 'a self-assessment file: nobody asks who the user is');
    // Headings without the seed's closing 。, the full text keeps it (the link's title).
    const headings = [
        ...(await page.locator('.score-table td .link').allTextContents()),
        ...(await page.locator('.nav-title').allTextContents()),
    ];
    assert.ok(headings.length >= 50, `${headings.length} headings`);
    for (const h of headings) assert.ok(!h.trim().endsWith('。'), `heading «${h}»`);
    assert.ok((await tid(page, 'nav-ind-1').getAttribute('title')).endsWith('。'));
    // The next step follows the state: the summary is shown, so: print the report.
    const step = () => text(page.locator('.summary-panel [data-testid="draft-next-step"]'));
    assert.equal(await step(), '下一步:打印自评报告 →');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screens, 'desktop-example-summary.png') });

    // Printed as an example, saved as one.
    await tid(page, 'btn-report').click();
    await tid(page, 'report-title').waitFor();
    assert.match(await text(tid(page, 'report-title')), /^【示例】杭州市\(虚构数据\)网络市场监管与服务示范区创建自评报告$/);
    assert.equal(await step(), '下一步:保存为文件 →');
    const exampleFile = await download(page, () => page.locator('.header-actions [data-testid="btn-save-file"]').click());
    assert.match(exampleFile, /^【示例】杭州市\(虚构数据\)-自评-.*\.json$/);
    await tid(page, 'notice-saved-file').waitFor();
    assert.equal(await step(), '下一步:把保存的文件和自评报告报送省级市场监管部门');

    // The saved-file notice belongs to the example: it goes when the user moves on.
    await home(page);
    assert.equal(await notices(page).count(), 0, 'no notice of the example on the start page');
    const rows = tid(page, 'draft-row');
    assert.equal(await rows.count(), 1);
    assert.ok((await text(rows.first().getByTestId('draft-title'))).includes('【示例】'));

    // ---- 新建自评: nothing is an error before any typing, nothing is stored before any input. ----
    await tid(page, 'start-new').click();
    await tid(page, 'subject-name').waitFor();
    assert.equal(await errorMarks(page).count(), 0, 'no element marked as an error before any input');
    assert.deepEqual(await page.locator('[data-testid="field-pending"]').allTextContents(), Array(5).fill('待填写'));
    assert.match(await tid(page, 'nav-subject').locator('.state').getAttribute('class'), /state-empty/);
    assert.equal(await step(), '下一步:填写基本情况 →');
    assert.equal((await storedDrafts(page)).length, 1, 'the new draft is not stored before its first input');
    await page.screenshot({ path: path.join(screens, 'desktop-subject-blank.png') });

    // Leaving it empty leaves no draft.
    await home(page);
    assert.equal(await tid(page, 'draft-row').count(), 1, 'no empty 未命名自评 in the list');
    assert.equal((await storedDrafts(page)).length, 1);

    // ---- Fill 基本情况: a field left blank after editing is an error; a filled one is not. ----
    await tid(page, 'start-new').click();
    const name = tid(page, 'subject-name');
    await name.fill('宁波市');
    assert.equal((await storedDrafts(page)).length, 2, 'stored on the first input');
    assert.equal(await errorMarks(page).count(), 0, 'the other fields are still to fill in, not errors');
    assert.match(await tid(page, 'nav-subject').locator('.state').getAttribute('class'), /state-partial/);
    await name.fill('');
    await tid(page, 'subject-kind').focus();
    assert.equal(await name.getAttribute('aria-invalid'), 'true', 'left blank after editing');
    assert.match(await text(page.locator('#subject-name-p')), /未填写创建对象名称/);
    await name.fill('宁波市');
    await tid(page, 'subject-kind').selectOption('prefecture_city');
    await tid(page, 'subject-province').selectOption('浙江');
    await tid(page, 'subject-start').selectOption('2023');
    await tid(page, 'subject-years').selectOption('3');
    assert.equal(await errorMarks(page).count(), 0);
    assert.match(await tid(page, 'nav-subject').locator('.state').getAttribute('class'), /state-done/);
    assert.match(await step(), /^下一步:填写指标1\(还有\d+项未填完\) →$/);
    // A value that does not fit is an error at once, touched or not.
    await tid(page, 'subject-province').selectOption('上海');
    assert.ok((await errorMarks(page).count()) > 0, 'a prefecture city in a municipality is an error');
    await tid(page, 'subject-province').selectOption('浙江');

    // ---- Leave and come back: the draft is as left, nothing is an error. ----
    await home(page);
    assert.equal(await tid(page, 'draft-row').count(), 2);
    // Two drafts but one version: the move form still can do nothing.
    assert.equal(await page.locator('.migrate-heading').count(), 0);
    const ningbo = page.locator('[data-testid="draft-row"]', { hasText: '宁波市' });
    await ningbo.getByTestId('draft-open').click();
    await tid(page, 'subject-name').waitFor();
    assert.equal(await tid(page, 'subject-name').inputValue(), '宁波市');
    assert.equal(await errorMarks(page).count(), 0);

    // ---- Open a file: its notice belongs to the draft it made. A self-assessment: no role question. ----
    await openFile(page, 'pass-hangzhou.json', await readFile(path.join(examples, 'pass-hangzhou.json')));
    await tid(page, 'notice-file').waitFor();
    assert.match(await text(tid(page, 'notice-file')), /已打开文件「pass-hangzhou\.json」/);
    assert.equal(await tid(page, 'role-chooser').count(), 0);
    assert.equal(await text(tid(page, 'role-current')), '创建对象(自评)');
    await download(page, () => page.locator('.header-actions [data-testid="btn-save-file"]').click());
    await tid(page, 'notice-saved-file').waitFor();
    // Another page of the same draft: its notices stay.
    await tid(page, 'nav-subject').click();
    assert.equal(await notices(page).count(), 2);

    // ---- Switch drafts: no notice of another draft. ----
    await home(page);
    await ningbo.getByTestId('draft-open').click();
    await tid(page, 'subject-name').waitFor();
    assert.equal(await notices(page).count(), 0, 'no notice from another draft after switching');

    // A file with review layers: the role is really open, so it is asked; a new file's notice
    // replaces the last one about opening files.
    const pass = JSON.parse(await readFile(path.join(examples, 'pass-hangzhou.json'), 'utf8'));
    const reviewed = expertSheet({ ...pass, subject: { ...pass.subject, name: '温州市' } }, '张三', { '9.1': '2' });
    await openFile(page, 'wenzhou.json', Buffer.from(JSON.stringify(reviewed)));
    await tid(page, 'role-chooser').waitFor();
    assert.equal(await notices(page).count(), 1);
    assert.match(await text(tid(page, 'notice-file')), /wenzhou\.json/);
    await tid(page, 'role-cancel').click();

    // ---- The example can be deleted from its banner. ----
    await home(page);
    await page.locator('[data-testid="draft-row"]', { hasText: '【示例】' }).getByTestId('draft-open').click();
    await tid(page, 'example-delete').click();
    await page.locator('.drafts-page').waitFor();
    assert.equal(await page.locator('[data-testid="draft-row"]', { hasText: '【示例】' }).count(), 0);
    noErrors(app);
});

test('at 390×844: the start page, a blank 基本情况 without errors, the example summary', async () => {
    const app = await open({ viewport: { width: 390, height: 844 } });
    const { page } = app;
    await mkdir(screens, { recursive: true });
    await tid(page, 'no-drafts').waitFor();
    await page.screenshot({ path: path.join(screens, 'mobile-start.png') });
    await tid(page, 'start-new').click();
    await tid(page, 'subject-name').waitFor();
    assert.equal(await errorMarks(page).count(), 0, 'no element marked as an error before any input');
    assert.equal(await text(page.locator('.compact-summary [data-testid="draft-next-step"]')), '已填完 0/52 项 · 下一步:填写基本情况 →');
    await page.screenshot({ path: path.join(screens, 'mobile-subject-blank.png') });
    await home(page);
    await tid(page, 'open-example').click();
    await tid(page, 'summary-page').waitFor();
    await tid(page, 'example-banner').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(screens, 'mobile-example-summary.png') });
    // Asked again, the example already among the drafts is opened, not a second one made.
    await home(page);
    await tid(page, 'open-example').click();
    await tid(page, 'summary-page').waitFor();
    await home(page);
    assert.equal(await tid(page, 'draft-row').count(), 1);
    noErrors(app);
});
