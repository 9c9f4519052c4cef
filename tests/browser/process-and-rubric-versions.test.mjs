// The creation process in the browser: 申请条件 (第五条, 第六条), 创建流程 (第七条–第十七条, 第二十二条) and
// 指标体系版本 (第十一条), against the release build in headless Chromium. The clock is fixed with
// Playwright's clock so that "today" (and so what is due and when) is known.
// Run: `node --test tests/browser/` after `trunk build --release --offline`.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { screenshot, repoRoot, trackApps, tid, text, storedDrafts, noErrors, fillSubject } from './helpers.mjs';

const rubricFixtures = path.join(repoRoot, 'tests', 'fixtures', 'rubrics');
const examples = path.join(repoRoot, 'tests', 'examples');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };

const open = trackApps(after);


/** Fixes the browser's clock at this local date and rebuilds the page (the app reads today once per page). */
async function setToday(page, date) {
    await page.clock.setFixedTime(new Date(`${date}T10:00:00`));
}

/**
 * A new draft, moved to the 2025-10-29 征求意见稿's 办法 (through the move dialog): the texts and
 * the retry rule these tests check are the draft's; the 2026 办法's are in banfa.test.mjs.
 */
async function newDraft(page, { name, kind = 'prefecture_city', province = '浙江', start = '2021', years = '3' }) {
    await tid(page, 'btn-new').click();
    await fillSubject(page, { name, kind, province, start, years });
    await tid(page, 'banfa-move-samr-banfa-2025-10-29-draft').click();
    await tid(page, 'banfa-move-confirm').click();
    await tid(page, 'dialog-banfa-move').waitFor({ state: 'detached' });
}

/** Full-page screenshots at the desktop and the phone size. */
/** Screenshots at 1366×768 and 390×844: the viewport as seen, and (unless a dialog) the whole page. */
async function shoot(page, name, { fullPage = true } = {}) {
    for (const [size, tag] of [[DESKTOP, '1366'], [PHONE, '390']]) {
        await page.setViewportSize(size);
        await screenshot(page, `${name}-${tag}`);
        if (fullPage) await screenshot(page, `${name}-${tag}-full`, { fullPage: true });
    }
    await page.setViewportSize(DESKTOP);
}

// ---------------------------------------------------------------------------------------------

test('申请条件: all three conditions met with a basis is eligible; one 不符合 says what is missing', async () => {
    const app = await open();
    const { page } = app;
    await newDraft(page, { name: '湖州市' });
    await tid(page, 'nav-eligibility').click();
    await tid(page, 'eligibility-result').waitFor();
    assert.match(await text(tid(page, 'eligibility-object')), /湖州市.*地级市人民政府/);
    assert.match(await text(tid(page, 'eligibility-summary')), /尚未判断完整\(还有3项\)/);
    assert.equal(await tid(page, 'eligibility-missing').locator('li').count(), 3);

    const conditions = ['platform_economy', 'supervision_service', 'innovation'];
    for (const c of conditions) {
        await tid(page, `cond-${c}-yes`).check();
        await tid(page, `cond-${c}-basis`).fill(`依据:${c} 有关文件`);
    }
    const summary = tid(page, 'eligibility-summary');
    assert.equal(await text(summary), '符合第五条创建对象和第六条申请创建条件,可按第七条申请创建');
    assert.match(await tid(page, 'eligibility-result').getAttribute('class'), /\beligible\b/);
    assert.match(await tid(page, 'nav-eligibility').locator('.state').getAttribute('class'), /state-done/);
    await shoot(page, 'eligibility-eligible');

    // One condition not met: not eligible, and which one is said.
    await tid(page, 'cond-supervision_service-no').check();
    assert.equal(await text(summary), '不具备第六条规定的申请创建条件:不符合第六条(二)网络市场监管与服务工作扎实');
    assert.match(await text(tid(page, 'eligibility-unmet')), /不符合第六条\(二\)网络市场监管与服务工作扎实/);
    assert.match(await text(tid(page, 'cond-supervision_service')), /错误.*不具备申请创建条件/);
    // The basis stays as typed.
    assert.equal(await tid(page, 'cond-supervision_service-basis').inputValue(), '依据:supervision_service 有关文件');

    // Back to 符合 but one basis cleared and one not judged: what is missing, one sentence each.
    await tid(page, 'cond-supervision_service-yes').check();
    await tid(page, 'cond-platform_economy-basis').fill('');
    await tid(page, 'cond-innovation-unknown').check();
    assert.match(await text(summary), /尚未判断完整\(还有2项\)/);
    const missing = await tid(page, 'eligibility-missing').locator('li').allTextContents();
    assert.deepEqual(missing, [
        '已判断符合第六条(一)平台经济基础较好,但未填写依据',
        '未判断是否符合第六条(三)网络市场监管与服务创新能力较强',
    ]);
    await shoot(page, 'eligibility-missing');

    // Kept in the draft (localStorage) and restored on reload.
    const [d] = await storedDrafts(page);
    assert.equal(d.assessment.process.eligibility.supervision_service.met, true);
    assert.equal(d.assessment.process.eligibility.innovation.met, undefined);
    await page.reload();
    await tid(page, 'eligibility-result').waitFor();
    assert.equal(await tid(page, 'cond-supervision_service-yes').isChecked(), true);
    assert.equal(await tid(page, 'cond-innovation-unknown').isChecked(), true);
    noErrors(app);
});

// ---------------------------------------------------------------------------------------------

const NEXT = (page) => tid(page, 'next-heading');

async function setDate(page, stage, value) {
    await tid(page, `date-${stage}`).fill(value);
}

test('创建流程: filled to 认定 with the next step at each stage; a backward date is refused naming the stages', async () => {
    const app = await open();
    const { page } = app;
    await setToday(page, '2025-08-01');
    await page.reload();
    await page.locator('li.indicator').first().waitFor();
    await newDraft(page, { name: '嘉兴市', start: '2021', years: '3' });
    await tid(page, 'nav-process').click();
    await tid(page, 'next-step').waitFor();
    assert.equal(await text(NEXT(page)), '下一步:申请创建(第七条)');
    assert.match(await text(tid(page, 'next-step')), /今天:2025-08-01/);

    const steps = [
        ['apply', '2020-10-08', '下一步:省级初审推荐(第八条)'],
        ['province_recommend', '2020-11-15', '下一步:总局同意创建(第九条)'],
        ['approved', '2021-01-10', '下一步:自评(第十二条)'],
        ['creating', '2021-02-01', '下一步:自评(第十二条)'],
        ['self_assessment', '2024-02-10', '下一步:评估申请(第十二条)'],
        ['evaluation_application', '2024-03-01', '下一步:省级评估初审(第十三条)'],
        ['province_review', '2024-04-01', '下一步:总局评估(第十四条)'],
        ['national_evaluation', '2024-05-01', '下一步'],
    ];
    for (const [stage, date, next] of steps) {
        await setDate(page, stage, date);
        await tid(page, `doc-${stage}`).fill(`${stage} 文件`);
        assert.equal(await text(NEXT(page)), next, `after ${stage}`);
        assert.equal(await text(tid(page, `mark-${stage}`)), '当前阶段');
        if (stage === 'approved') {
            assert.equal(await text(tid(page, 'creation-end')), '2024-01-10');
            assert.match(await text(tid(page, 'creation-period')), /创建期3年,自2021-01-10总局同意创建起算,至2024-01-10届满.*未计入法定节假日/);
            assert.match(await text(tid(page, 'next-text')), /创建期已于2024-01-10届满/);
        }
    }
    assert.match(await text(tid(page, 'next-text')), /等待市场监管总局评估结果/);
    assert.equal(await page.locator('.stage-error').count(), 0, 'no stage has an error');

    // 第十七条: a failed evaluation, then a passed one.
    await tid(page, 'add-attempt').click();
    await tid(page, 'attempt-0-date').fill('2024-05-20');
    await tid(page, 'attempt-0-result').selectOption('fail');
    assert.equal(await text(NEXT(page)), '下一步:评估申请(第十二条)');
    assert.match(await text(tid(page, 'evaluation-message')), /第十七条:未通过市场监管总局评估,可在下一次示范区评估认定时再次申请评估/);
    assert.equal(await text(tid(page, 'attempt-0-label')), '本轮第1次评估');
    await tid(page, 'add-attempt').click();
    await tid(page, 'attempt-1-date').fill('2025-05-20');
    await tid(page, 'attempt-1-result').selectOption('pass');
    assert.equal(await text(NEXT(page)), '下一步:公示(第十五条)');
    assert.match(await text(tid(page, 'evaluation-message')), /评估合格/);

    // 公示: its end date (第二百零一条) with the holiday note, due from today.
    await setDate(page, 'notice', '2025-07-25');
    assert.equal(await text(NEXT(page)), '下一步:认定(第十六条)');
    assert.equal(await text(tid(page, 'notice-end')), '2025-08-09');
    assert.match(await text(tid(page, 'notice-note')), /未计入法定节假日/);
    assert.equal(await text(tid(page, 'next-due')), '期限:2025-08-09(还有8天;未计入法定节假日)');
    await shoot(page, 'process-notice');

    // A backward date: refused (an error naming both stages), kept as typed, not counted.
    await setDate(page, 'province_recommend', '2020-09-01');
    const rec = tid(page, 'stage-province_recommend');
    assert.match(
        await text(rec),
        /错误.*「省级初审推荐」\(第八条\)的日期2020-09-01早于前一阶段「申请创建」\(第七条\)的日期2020-10-08:阶段日期不能倒退/,
    );
    assert.equal(await tid(page, 'date-province_recommend').getAttribute('aria-invalid'), 'true');
    assert.equal(await tid(page, 'date-province_recommend').inputValue(), '2020-09-01');
    assert.equal(await text(tid(page, 'mark-province_recommend')), '有错误');
    assert.match(await tid(page, 'nav-process').locator('.state').getAttribute('class'), /state-error/);
    await shoot(page, 'process-backward');
    // An impossible date: the engine's reason.
    await setDate(page, 'creating', '2021-02-30');
    assert.match(await text(tid(page, 'stage-creating')), /「创建」的日期无效:2021年2月没有30日\(2021年不是闰年,2月只有28天\)/);
    await setDate(page, 'creating', '2021-02-01');
    await setDate(page, 'province_recommend', '2020-11-15');
    assert.equal(await page.locator('.stage-error').count(), 0);

    // Recognition inside the notice period is refused (第十六条); after it, accepted.
    await setToday(page, '2025-09-01');
    await tid(page, 'nav-eligibility').click();
    await tid(page, 'nav-process').click();
    await setDate(page, 'recognised', '2025-08-09');
    assert.match(await text(tid(page, 'stage-recognised')), /在公示期内.*第十六条:公示期满后方可认定/);
    await setDate(page, 'recognised', '2025-08-26');
    assert.equal(await text(tid(page, 'mark-recognised')), '当前阶段');
    assert.equal(await text(NEXT(page)), '下一步');
    assert.match(await text(tid(page, 'next-text')), /已认定为示范区;适用动态管理\(第二十二条\)/);
    assert.match(await text(tid(page, 'zone-status')), /已于2025-08-26认定为网络市场监管与服务示范区/);

    // 第二十二条 records for the recognised zone.
    await tid(page, 'management').waitFor();
    await tid(page, 'add-event').click();
    assert.match(await text(tid(page, 'event-0')), /未选择情形/);
    await tid(page, 'event-0-date').fill('2025-08-30');
    await tid(page, 'event-0-kind').selectOption('decline');
    await tid(page, 'event-0-measure').selectOption('interview');
    await tid(page, 'event-0-doc').fill('约谈记录〔2025〕1号');
    assert.equal(await tid(page, 'event-0').locator('.problem').count(), 0);
    assert.equal(await page.locator('.stage-error').count(), 0);
    await shoot(page, 'process-recognised');

    // A creation period longer than 3 years is flagged (allowed).
    await tid(page, 'nav-subject').click();
    await tid(page, 'subject-years').selectOption('4');
    await tid(page, 'nav-process').click();
    await tid(page, 'creation-longer').waitFor();
    assert.equal(await text(tid(page, 'creation-end')), '2025-01-10');
    assert.match(await text(tid(page, 'stage-approved')), /超过第九条“创建活动周期一般不超过3年”/);

    // Everything is in the stored draft, as typed.
    const [d] = await storedDrafts(page);
    const stages = Object.fromEntries(d.assessment.process.stages.map((s) => [s.stage, s.date]));
    assert.equal(stages.notice, '2025-07-25');
    assert.equal(stages.recognised, '2025-08-26');
    assert.equal(d.assessment.process.attempts.length, 2);
    assert.equal(d.assessment.process.events[0].measure, 'interview');
    noErrors(app);
});

// ---------------------------------------------------------------------------------------------

const FINAL = '2026-final-example';

async function rubricRow(page, version) {
    return page.locator(`[data-testid="rubric-row"][data-version="${version}"]`);
}

async function openRubric(page, name) {
    const buffer = await readFile(path.join(rubricFixtures, name));
    await tid(page, 'rubric-file-input').setInputFiles({ name, mimeType: 'application/json', buffer });
}

// The error box for the rubric file just chosen. The file is read asynchronously, so wait for the
// box that names it (the previous file's box may still be showing).
async function rubricErrors(page, name) {
    const box = tid(page, 'rubric-errors').filter({ hasText: `「${name}」` });
    await box.waitFor();
    return text(box);
}

async function home(page) {
    await tid(page, 'btn-drafts').click();
    await tid(page, 'rubric-versions').waitFor();
}

async function draftIdByName(page, name) {
    const drafts = await storedDrafts(page);
    return drafts.find((d) => d.assessment.subject.name === name)?.id;
}

test('指标体系版本: a second rubric is loaded, used for a new draft, kept across reloads; moving a draft asks first', async () => {
    const app = await open();
    const { page } = app;

    // An old draft under the bundled rubric, with 4.1 judged at 2.
    await newDraft(page, { name: '绍兴市' });
    await tid(page, 'nav-ind-4').click();
    await tid(page, 'in-4.1-score').fill('2');
    await home(page);
    assert.equal(await page.getByTestId('rubric-row').count(), 1);

    // Broken rubric files: every problem in Chinese, nothing loaded.
    await openRubric(page, 'points-do-not-add-up.json');
    assert.match(await rubricErrors(page, 'points-do-not-add-up.json'), /指标 6:子项分值之和 6 与指标分值 5 不符/);
    await openRubric(page, 'unknown-rule-kind.json');
    assert.match(await rubricErrors(page, 'unknown-rule-kind.json'), /指标 13 第 13.1 项 计分规则\(rule\) 规则类型\(kind\):未知的计分规则类型「percent_bands」/);
    await openRubric(page, 'missing-pass-rule.json');
    assert.match(await rubricErrors(page, 'missing-pass-rule.json'), /缺少字段「合格标准\(pass_rule\)」/);
    assert.equal(await page.getByTestId('rubric-row').count(), 1);

    // The second version loads and is kept in localStorage under its own prefix.
    await openRubric(page, `${FINAL}.json`);
    await tid(page, 'notice-rubric').waitFor();
    assert.equal(await tid(page, 'rubric-errors').count(), 0);
    assert.equal(await page.getByTestId('rubric-row').count(), 2);
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('demozone.rubric.')));
    assert.equal(keys.length, 1);

    // A new assessment under it.
    await (await rubricRow(page, FINAL)).getByTestId('rubric-new').click();
    await tid(page, 'subject-name').fill('宁波市');
    assert.match(await text(tid(page, 'rubric-current')), /2026-final-example/);
    await home(page);
    assert.match(await text((await rubricRow(page, '2025-10-29-draft')).getByTestId('rubric-users')), /绍兴市自评/);
    assert.match(await text((await rubricRow(page, FINAL)).getByTestId('rubric-users')), /宁波市自评/);
    await shoot(page, 'rubric-versions');

    // Reload: both rubrics and both drafts are still right.
    await page.reload();
    await tid(page, 'rubric-versions').waitFor();
    assert.equal(await page.getByTestId('rubric-row').count(), 2);
    assert.match(await text((await rubricRow(page, FINAL)).getByTestId('rubric-users')), /宁波市自评/);
    assert.match(await text((await rubricRow(page, '2025-10-29-draft')).getByTestId('rubric-users')), /绍兴市自评/);
    const byName = Object.fromEntries((await storedDrafts(page)).map((d) => [d.assessment.subject.name, d.rubric.version]));
    assert.deepEqual(byName, { 绍兴市: '2025-10-29-draft', 宁波市: FINAL });
    await page.locator('[data-testid="draft-row"]', { hasText: '宁波市' }).getByTestId('draft-open').click();
    assert.match(await text(tid(page, 'rubric-current')), /2026-final-example/);
    await home(page);
    await page.locator('[data-testid="draft-row"]', { hasText: '绍兴市' }).getByTestId('draft-open').click();
    assert.match(await text(tid(page, 'rubric-current')), /2025-10-29-draft/);
    await tid(page, 'nav-ind-4').click();
    assert.equal(await text(tid(page, 'item-score-4.1')), '2/2');

    // An assessment file under a rubric that is not loaded: the engine says to load it.
    const example = JSON.parse(await readFile(path.join(examples, 'pass-hangzhou.json'), 'utf8'));
    delete example.recorded;
    const foreign = { ...example, rubric: { ...example.rubric, version: '2027-final' } };
    await tid(page, 'file-input').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(foreign)) });
    assert.match(
        await text(tid(page, 'notice-file-error').filter({ hasText: '无法打开文件「x.json」' })),
        /版本「2027-final」\)未加载;请先在“指标体系版本”中打开该版本的指标体系文件/,
    );
    // A file under the loaded second version opens under it.
    const finalText = (await readFile(path.join(rubricFixtures, `${FINAL}.json`), 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    const digest = `sha256:${createHash('sha256').update(finalText).digest('hex')}`;
    const under2026 = { ...example, rubric: { id: example.rubric.id, version: FINAL, digest } };
    await tid(page, 'file-input').setInputFiles({ name: 'y.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(under2026)) });
    await tid(page, 'notice-file').waitFor();
    assert.match(await text(tid(page, 'notice-file')), /2026-final-example/);
    assert.match(await text(tid(page, 'rubric-current')), /2026-final-example/);

    // Moving the old draft: the changes are shown first; 取消 changes nothing.
    await home(page);
    const id = await draftIdByName(page, '绍兴市');
    await tid(page, 'migrate-draft').selectOption(id);
    const finalDigest = (await storedDrafts(page)).find((d) => d.assessment.subject.name === '宁波市').rubric.digest;
    await tid(page, 'migrate-to').selectOption(finalDigest);
    await tid(page, 'migrate-preview').click();
    const dialog = tid(page, 'dialog-migration');
    await dialog.waitFor();
    assert.equal(await text(tid(page, 'migration-headline')), '总分:2分 → 0分;结论:不合格 → 不合格');
    const rows = await tid(page, 'migration-changes').locator('tbody tr').allTextContents();
    assert.ok(rows.some((r) => /指标4 第4.1项\s*2分\s*0分\s*2分 → 1分/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /^促进发展\s*2分\s*0分/.test(r.trim())), rows.join('\n'));
    assert.ok(rows.some((r) => /^总分\s*2分\s*0分/.test(r.trim())), rows.join('\n'));
    assert.match(await text(tid(page, 'migration-problems')), /超过本项满分1/);
    await shoot(page, 'migration-dialog', { fullPage: false });
    await tid(page, 'migration-cancel').click();
    assert.equal(await dialog.count(), 0);
    assert.equal((await storedDrafts(page)).find((d) => d.id === id).rubric.version, '2025-10-29-draft');

    // 确认: the draft is moved, and says so.
    await tid(page, 'migrate-preview').click();
    await tid(page, 'migration-confirm').click();
    await tid(page, 'summary-page').waitFor();
    assert.match(await text(tid(page, 'rubric-current')), /2026-final-example/);
    const moved = (await storedDrafts(page)).find((d) => d.id === id);
    assert.equal(moved.rubric.version, FINAL);
    assert.equal(moved.assessment.inputs['4.1'].values.score, '2', 'the input is kept as typed');
    assert.equal(await text(tid(page, 'summary').getByTestId('total', { exact: true })), '0');

    // Removing the second version asks; its drafts are kept but cannot be opened until it is loaded again.
    await home(page);
    await (await rubricRow(page, FINAL)).getByTestId('rubric-remove').click();
    assert.match(await text(tid(page, 'rubric-remove-confirm')), /绍兴市自评/);
    await tid(page, 'rubric-remove-ok').click();
    assert.equal(await page.getByTestId('rubric-row').count(), 1);
    assert.match(await text(tid(page, 'rubric-missing')), /2026-final-example/);
    const row = page.locator('[data-testid="draft-row"]', { hasText: '宁波市' });
    assert.match(await text(row), /未加载;请先在“指标体系版本”中打开该版本的指标体系文件/);
    assert.equal(await row.getByTestId('draft-open').count(), 0);
    assert.equal((await storedDrafts(page)).length, 3, 'no draft is lost');
    await openRubric(page, `${FINAL}.json`);
    await row.getByTestId('draft-open').waitFor();
    noErrors(app);
});

test('指标体系版本: when the browser refuses to keep a rubric file, the user is told and nothing is lost', async () => {
    const app = await open();
    const { page } = app;
    await newDraft(page, { name: '温州市' });
    await home(page);
    // Storage full for rubric files only (drafts still save).
    await page.evaluate(() => {
        const orig = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
            if (String(k).startsWith('demozone.rubric.')) throw new DOMException('full', 'QuotaExceededError');
            return orig.call(this, k, v);
        };
    });
    await openRubric(page, `${FINAL}.json`);
    const notice = tid(page, 'notice-rubric-storage');
    await notice.waitFor();
    assert.match(await text(notice), /未能保存在本浏览器中.*存储空间已满.*重新打开此文件/s);
    // Loaded for this page all the same; the existing draft is untouched.
    assert.equal(await page.getByTestId('rubric-row').count(), 2);
    const drafts = await storedDrafts(page);
    assert.equal(drafts.length, 1);
    assert.equal(drafts[0].assessment.subject.name, '温州市');
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('demozone.rubric.')));
    assert.deepEqual(keys, []);
    noErrors(app);
});
