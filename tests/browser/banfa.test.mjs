// Which 《管理办法》 applies (rules/banfa-*.json): a new assessment is under the January 2026
// revision (a 4-year creation period passes, a 2-year one is flagged; after a failed evaluation
// both ways are offered, whatever the number of failures); a file of format version 1 opens under
// the 2025-10-29 征求意见稿's rules and says so; moving between the two is the user's choice, after
// a dialog with the before/after. Screenshots of the start page and the printed report's first page.
// Run: `node --test tests/browser/banfa.test.mjs` after `trunk build --release --offline`.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { screenshot, repoRoot, trackApps, tid, text, storedDrafts, noErrors, fillSubject } from './helpers.mjs';

const open = trackApps(after);
const V1_FILE = path.join(repoRoot, 'tests', 'fixtures', 'format-v1', 'pass-hangzhou.json');

async function setToday(page, date) {
    await page.clock.setFixedTime(new Date(`${date}T10:00:00`));
}

async function recordFailures(page, dates) {
    await tid(page, 'nav-process').click();
    for (const [i, d] of dates.entries()) {
        await tid(page, 'add-attempt').click();
        await tid(page, `attempt-${i}-date`).fill(d);
        await tid(page, `attempt-${i}-result`).selectOption('fail');
    }
}

test('the start page and a new assessment say the 2026 办法 and the draft indicator table apply', async () => {
    const app = await open();
    const { page } = app;
    assert.equal(
        await text(tid(page, 'banfa-current')),
        '新建自评适用管理办法:《网络市场监管与服务示范区创建管理办法》2026年1月修订版(现行)',
    );
    assert.match(await text(tid(page, 'rubric-note')), /评估指标体系为2025-10-29征求意见稿\(目前唯一公布的指标体系\);正式指标体系公布后/);
    await screenshot(page, 'banfa-start-page');

    await tid(page, 'btn-new').click();
    await fillSubject(page, { name: '湖州市', kind: 'prefecture_city', province: '浙江', start: '2021', years: '4' });
    assert.match(await text(tid(page, 'banfa-current')), /^管理办法:.*2026年1月修订版\(现行\)$/);
    assert.match(await text(tid(page, 'banfa-label')), /2026年1月修订版\(现行\)/);
    assert.match(await text(tid(page, 'banfa-rules')), /创建期:2026年修订版“创建期不低于3年”/);
    // 4 years: no warning, and the choice says nothing either; 2 years: flagged.
    assert.equal(await text(page.locator('#subject-years-p')), '');
    assert.equal(await tid(page, 'subject-years').locator('option:checked').textContent(), '4年');
    await tid(page, 'subject-years').selectOption('2');
    assert.match(await text(page.locator('#subject-years-p')), /创建期2年,短于2026年修订版“创建期不低于3年”的规定/);
    assert.equal(await tid(page, 'subject-years').locator('option:checked').textContent(), '2年(不足3年)');
    // The indicator pages carry the same header.
    await tid(page, 'nav-ind-1').click();
    assert.match(await text(tid(page, 'banfa-current')), /2026年1月修订版/);
    const [d] = await storedDrafts(page);
    assert.equal(d.assessment.banfa, 'samr-banfa-2026');
    noErrors(app);
});

test('after failed evaluations the 2026 办法 offers both ways, after one failure and after two', async () => {
    const app = await open();
    const { page } = app;
    await setToday(page, '2026-08-01');
    await page.reload();
    await tid(page, 'btn-new').click();
    await fillSubject(page, { name: '嘉兴市', kind: 'prefecture_city', province: '浙江', start: '2021', years: '3' });
    await recordFailures(page, ['2025-06-01']);
    const options = tid(page, 'retry-options');
    assert.deepEqual(await options.locator('li').allTextContents(), [
        '再次申请评估(按征求意见稿第十二条)',
        '重新申请创建(按征求意见稿第七条)',
    ]);
    assert.match(await text(options), /由创建对象选择其一/);
    await tid(page, 'add-attempt').click();
    await tid(page, 'attempt-1-date').fill('2026-06-01');
    await tid(page, 'attempt-1-result').selectOption('fail');
    assert.equal(await options.locator('li').count(), 2);
    assert.match(await text(tid(page, 'evaluation-message')), /2026年修订版:未通过评估的,可以再次申请评估.*也可以重新申请创建.*由创建对象选择/);
    assert.match(await text(tid(page, 'retry-rule')), /“创建对象未通过评估认定的,可以再次申请评估或者创建”/);
    await screenshot(page, 'banfa-retry-2026', { fullPage: true });
    noErrors(app);
});

test('a version 1 file opens under the 征求意见稿’s rules, says so, and moves to the 2026 办法 after the dialog', async () => {
    const app = await open();
    const { page } = app;
    await tid(page, 'file-input').setInputFiles({ name: 'pass-hangzhou-v1.json', mimeType: 'application/json', buffer: await readFile(V1_FILE) });
    await tid(page, 'nav-subject').click();
    assert.match(await text(tid(page, 'banfa-current')), /2025-10-29征求意见稿——本评估按此版本的规则制作,不是现行办法/);
    assert.match(await text(tid(page, 'banfa-label')), /2025-10-29征求意见稿/);
    assert.match(await text(tid(page, 'banfa-rules')), /第九条“创建活动周期一般不超过3年”/);
    // A 4-year plan under the draft's rules is flagged, as it was.
    await tid(page, 'subject-years').selectOption('4');
    assert.match(await text(page.locator('#subject-years-p')), /超过第九条“创建活动周期一般不超过3年”/);
    const [before] = await storedDrafts(page);
    assert.equal(before.assessment.banfa, undefined);

    // The dialog shows what changes; 取消 changes nothing.
    await tid(page, 'banfa-move-samr-banfa-2026').click();
    const dialog = tid(page, 'dialog-banfa-move');
    await dialog.waitFor();
    const rows = await tid(page, 'banfa-move-changes').locator('tbody tr').allTextContents();
    assert.ok(rows.some((r) => /本评估的创建期\(4年\).*超过第九条.*创建期4年,符合规定/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /评估未通过后.*2次未通过后须重新申请创建.*由创建对象选择/.test(r)), rows.join('\n'));
    await screenshot(page, 'banfa-move-dialog');
    await tid(page, 'banfa-move-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    assert.match(await text(tid(page, 'banfa-label')), /征求意见稿/);

    await tid(page, 'banfa-move-samr-banfa-2026').click();
    await tid(page, 'banfa-move-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    assert.match(await text(tid(page, 'banfa-label')), /2026年1月修订版\(现行\)/);
    assert.equal(await text(page.locator('#subject-years-p')), '');
    const [moved] = await storedDrafts(page);
    assert.equal(moved.assessment.banfa, 'samr-banfa-2026');
    assert.deepEqual(moved.assessment.subject, { ...before.assessment.subject, years: 4 });

    // The printed report says which 办法 and which table.
    await tid(page, 'btn-report').click();
    await tid(page, 'report-page').waitFor();
    const report = await text(tid(page, 'report'));
    assert.match(report, /管理办法.*2026年1月修订版\(现行\)/);
    assert.match(report, /指标体系说明.*2025-10-29征求意见稿\(目前唯一公布的指标体系\)/);
    // The first page as printed (the print style sheet: the report alone).
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'banfa-report-first-page');
    await page.emulateMedia({ media: 'screen' });
    noErrors(app);
});
