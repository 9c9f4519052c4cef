// End-to-end tests of the workbench against the release build (dist/), in headless Chromium.
// They fill assessments through the page as a clerk would and read the verdicts, drafts,
// files and messages from the page. Run: `node --test tests/browser/` after
// `trunk build --release --offline` (scripts/test.sh does both).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { screenshot, repoRoot, browserTestsDir, outDir, trackApps, tid, text, storedDrafts, go, noErrors, blockStorage, fillSubject as fillSubjectFields } from './helpers.mjs';

const fixtures = path.join(browserTestsDir, 'fixtures');
const examples = path.join(repoRoot, 'tests', 'examples');

const open = trackApps(after);

// ---------- page helpers ----------

const panel = (page) => page.getByTestId('summary', { exact: true });

async function newDraft(page) {
    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').waitFor();
}

async function fillSubject(page, { name = '杭州市', kind = 'sub_provincial_city', province = '浙江', start = '2023', years = '3' } = {}) {
    await tid(page, 'nav-subject').click();
    await fillSubjectFields(page, { name, kind, province, start, years });
}

async function fill(page, id, value) {
    const input = tid(page, `in-${id}`);
    await input.fill(value);
}

/** Clicks every "满分" quick choice on the current indicator page. */
async function fullMarks(page) {
    const buttons = page.locator('[data-testid^="quick-"][data-testid$="-full"]');
    const n = await buttons.count();
    for (let i = 0; i < n; i++) await buttons.nth(i).click();
}

/** A complete assessment with every indicator at its maximum: 99 points (indicator 24 gives at most 3). */
async function fillPassing(page) {
    await fillSubject(page);
    await go(page, 1);
    const amounts = { 2022: '100', 2023: '120', 2024: '144', 2025: '172.8' };
    for (const [y, v] of Object.entries(amounts)) await fill(page, `1-subject-${y}`, v);
    for (const y of [2023, 2024, 2025]) await fill(page, `1-reference_rate-${y}`, '10');
    await go(page, 2);
    for (const [y, v] of Object.entries(amounts)) await fill(page, `2-subject-${y}`, v);
    const retail = { 2022: '1000', 2023: '1050', 2024: '1100', 2025: '1150' };
    for (const [y, v] of Object.entries(retail)) await fill(page, `2-reference-${y}`, v);
    await go(page, 3);
    await fill(page, '3a-online', '1,500');
    await fill(page, '3a-total', '10000');
    for (let i = 0; i < 4; i++) {
        await tid(page, 'add-3b').click();
        await fill(page, `3b-e${i}-name`, `网络交易企业${i + 1}`);
        await fill(page, `3b-e${i}-year`, String(2023 + (i % 3)));
        await fill(page, `3b-e${i}-amount`, '25000');
    }
    for (const n of [4, 5, 6, 7, 8, 9, 10, 11]) {
        await go(page, n);
        await fullMarks(page);
    }
    await go(page, 12);
    await fullMarks(page);
    await tid(page, 'flag-12.3-no_major_case').selectOption('yes');
    await go(page, 13);
    await fill(page, '13.1-verify_ontime', '96.5');
    await fill(page, '13.2-clue_timely', '92');
    await fill(page, '13.2-clue_done', '91');
    await fill(page, '13.3-upheld', '97');
    await fill(page, '13.3-won', '96');
    await tid(page, 'flag-13.3-no_procedural_loss').selectOption('yes');
    for (const n of [14, 15, 16]) {
        await go(page, n);
        await fullMarks(page);
    }
    await go(page, 17);
    await fill(page, '17.1-first_check_ontime', '99.5');
    await fill(page, '17.1-closed_ontime', '99.2');
    await fill(page, '17.1-mediation', '75');
    await fill(page, '17.1-mediation_national', '70');
    await go(page, 18);
    await fill(page, '18.1-odr_settle', '60');
    await fill(page, '18.1-odr_settle_national', '60');
    await fill(page, '18.1-odr_closed_ontime', '99');
    await go(page, 19);
    await fill(page, '19.1-sectors', '6');
    await fullMarks(page);
    for (const n of [20, 21]) {
        await go(page, n);
        await fullMarks(page);
    }
    for (const n of [22, 23]) {
        await go(page, n);
        await tid(page, `add-${n}.1`).click();
        await fill(page, `${n}.1-e0-name`, `创新实践${n}`);
        await tid(page, `in-${n}.1-e0-cat`).selectOption({ index: 1 });
        await tid(page, `in-${n}.1-e0-ok`).check();
    }
    await go(page, 24);
    await fill(page, '24.1-law', '1');
    await go(page, 25);
    await fill(page, '25.1-commendation', '2');
    await fill(page, '25.1-meeting', '2');
    await fill(page, '25.2-central_media', '2');
}

async function verdict(page) {
    const p = panel(page);
    return {
        total: await text(p.getByTestId('total')),
        word: await text(p.getByTestId('verdict-word')),
        missing: (await p.getByTestId('missing').count()) ? await p.getByTestId('missing').locator('li').allTextContents() : [],
        rates: Object.fromEntries(
            await Promise.all(['D1', 'D2', 'D3', 'D4'].map(async (d) => [d, await text(p.getByTestId(`rate-${d}`))])),
        ),
    };
}

async function openFile(page, name, buffer) {
    await tid(page, 'file-input').setInputFiles({ name, mimeType: 'application/json', buffer });
}

// ---------- a complete assessment, drafts and files ----------

let main; // shared by the tests below, in order
let savedFile; // { name, text }

test('a complete assessment that passes: 99 points, 合格, with the maximum explained', async () => {
    main = await open();
    const { page } = main;
    await newDraft(page);
    await fillPassing(page);
    const v = await verdict(page);
    assert.equal(v.total, '99');
    assert.equal(v.word, '合格');
    assert.deepEqual(v.missing, []);
    assert.deepEqual(v.rates, { D1: '100.00%', D2: '100.00%', D3: '100.00%', D4: '95.00%' });
    assert.match(await text(panel(page).getByTestId('achievable')), /最高可得99分.*指标24最高3分/);
    // Indicator 24 says why it stops at 3 of 4.
    await go(page, 24);
    assert.match(await text(tid(page, 'indicator-achievable')), /分值为4分.*最高可得3分/);
    assert.equal(await text(tid(page, 'indicator-score')), '3/4');
    // The navigation shows each indicator's score and that it is complete.
    assert.equal(await text(tid(page, 'nav-score-1')), '3/3');
    assert.match(await tid(page, 'nav-ind-13').innerHTML(), /state-done/);
    // Growth rates are computed and shown; the published national rate is used.
    await go(page, 1);
    assert.equal(await text(tid(page, 'growth-1-own-2023')), '20.00%');
    assert.match(await text(tid(page, 'growth-1-ref-2023')), /^10\.00%/);
    assert.match(await text(tid(page, 'details-1')), /2023年.*超过,得1分/);
    // The seed's own text and the reading are shown.
    assert.match(await text(tid(page, 'seed-description')), /超过1年得1分,共3分/);
    assert.match(await text(tid(page, 'reading')), /严格大于/);
    // Every change is stored at once.
    const drafts = await storedDrafts(page);
    assert.equal(drafts.length, 1);
    assert.equal(drafts[0].assessment.subject.name, '杭州市');
    assert.equal(drafts[0].assessment.inputs['25.2'].values.central_media, '2');
    noErrors(main);
});

test('the same assessment made to fail: the verdict says exactly what is missing', async () => {
    const { page } = main;
    // 规范监管: indicator 6 to 0 (−5), 7.1 to 0 (−1.5), 10.1 to 0 (−1): 22.5 of 30, 1.5 short of 24.
    await go(page, 6);
    for (const id of ['6.1', '6.2', '6.3']) await tid(page, `quick-${id}-zero`).click();
    await go(page, 7);
    await tid(page, 'quick-7.1-zero').click();
    await go(page, 10);
    await fill(page, '10.1-score', '0');
    const v = await verdict(page);
    assert.equal(v.total, '91.5');
    assert.equal(v.word, '不合格');
    assert.deepEqual(v.missing, ['规范监管还差1.5分']);
    assert.equal(v.rates.D2, '75.00%');
    assert.match(await text(panel(page).getByTestId('cond-D2')), /差1\.5分/);
    assert.match(await text(panel(page).getByTestId('cond-total')), /达标/);
    // The chart draws the four rates and the 80% line.
    assert.equal(await page.locator('[data-testid="summary"] [data-testid^="chart-bar-"]').count(), 4);
    assert.match(await panel(page).getByTestId('rate-chart').innerHTML(), /pass-line/);
});

test('problems are shown beside their field, in Chinese, and the input stays as typed', async () => {
    const { page } = main;
    // A new assessment is under the 2026 办法: at least 3 years. A 4-year period passes without a
    // word; a 2-year one is flagged beside the field.
    await tid(page, 'nav-subject').click();
    await tid(page, 'subject-years').selectOption('4');
    assert.equal(await text(page.locator('#subject-years-p')), '');
    assert.match(await text(tid(page, 'subject-period')), /2023–2026年/);
    await tid(page, 'subject-years').selectOption('2');
    assert.match(await text(page.locator('#subject-years-p')), /提示.*创建期2年,短于2026年修订版“创建期不低于3年”/);
    await tid(page, 'subject-years').selectOption('3');
    assert.equal(await text(page.locator('#subject-years-p')), '');
    await go(page, 4);
    await fill(page, '4.2-score', '1.55');
    const item = tid(page, 'item-4.2');
    assert.match(await text(item.locator('.problems').first()), /得分最多保留1位小数:「1\.55」/);
    assert.equal(await tid(page, 'in-4.2-score').inputValue(), '1.55');
    assert.equal(await tid(page, 'in-4.2-score').getAttribute('aria-invalid'), 'true');
    assert.equal(await text(tid(page, 'item-score-4.2')), '0/2');
    await fill(page, '4.2-score', '2');
    assert.equal(await tid(page, 'in-4.2-score').getAttribute('aria-invalid'), 'false');
    // A full-width number typed with a Chinese input method is read, and kept as typed.
    await fill(page, '4.3-score', '１');
    assert.equal(await tid(page, 'in-4.3-score').inputValue(), '１');
    assert.equal(await text(tid(page, 'item-score-4.3')), '1/1');
    await go(page, 3);
    await fill(page, '3b-e1-year', '2019');
    assert.match(await text(tid(page, 'item-3b')), /2019年不在创建期\(2023–2025年\)内/);
    await fill(page, '3b-e1-year', '2024');
});

test('reload: everything is restored, on the same page', async () => {
    const { page } = main;
    const before = await verdict(page);
    await go(page, 17);
    await page.reload();
    await tid(page, 'indicator-17').waitFor();
    assert.deepEqual(await verdict(page), before);
    assert.equal(await tid(page, 'in-17.1-mediation').inputValue(), '75');
    await tid(page, 'nav-subject').click();
    assert.equal(await tid(page, 'subject-name').inputValue(), '杭州市');
    assert.equal(await tid(page, 'subject-province').inputValue(), '浙江');
    assert.match(await text(tid(page, 'subject-region')), /东部地区/);
    await go(page, 3);
    assert.equal(await tid(page, 'in-3b-e3-amount').inputValue(), '25000');
    assert.equal(await tid(page, 'in-3a-online').inputValue(), '1,500');
});

test('save as a file: the name has subject, date and rubric version; the file is the engine format', async () => {
    const { page } = main;
    const [download] = await Promise.all([page.waitForEvent('download'), tid(page, 'btn-save-file').click()]);
    const name = download.suggestedFilename();
    assert.match(name, /^杭州市-自评-\d{4}-\d{2}-\d{2}-2025-10-29-draft\.json$/);
    const text = await readFile(await download.path(), 'utf8');
    const json = JSON.parse(text);
    assert.equal(json.format, 'demozone-assessment');
    assert.equal(json.recorded.total, '91.5');
    assert.equal(json.recorded.passed, false);
    savedFile = { name, text };
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'saved-assessment.json'), text);
});

test('a saved file opens in a fresh browser profile to exactly the same assessment and scores', async () => {
    const [original] = await storedDrafts(main.page);
    const before = await verdict(main.page);
    const fresh = await open();
    const { page } = fresh;
    await openFile(page, savedFile.name, Buffer.from(savedFile.text));
    await tid(page, 'summary-page').waitFor();
    assert.deepEqual(await verdict(page), before);
    assert.match(await text(page.getByTestId('notice-file')), /已打开文件「杭州市-自评-/);
    assert.equal(await page.getByTestId('notice-recorded-diff').count(), 0);
    const [copy] = await storedDrafts(page);
    assert.deepEqual(copy.assessment, original.assessment);
    noErrors(fresh);
    await fresh.close();
});

test('opening a file of the same subject asks first; "open as new" keeps the existing draft', async () => {
    const { page } = main;
    await openFile(page, savedFile.name, Buffer.from(savedFile.text));
    const dialog = tid(page, 'dialog-same-subject');
    await dialog.waitFor();
    assert.match(await text(dialog), /已有同一创建对象的草稿/);
    const focused = () => page.evaluate(() => document.activeElement?.dataset.testid);
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'dialog-open-new');
    // The keyboard stays in the dialog; Escape cancels.
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'dialog-cancel');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'dialog-open-new');
    await page.keyboard.press('Escape');
    assert.equal(await dialog.count(), 0);
    assert.equal((await storedDrafts(page)).length, 1);
    await openFile(page, savedFile.name, Buffer.from(savedFile.text));
    await tid(page, 'dialog-open-new').click();
    assert.equal((await storedDrafts(page)).length, 2);
});

test('a file whose recorded scores were edited opens with a warning, scores recomputed', async () => {
    const { page } = main;
    const json = JSON.parse(savedFile.text);
    json.recorded.total = '99';
    json.recorded.passed = true;
    json.recorded.dimensions.D2 = '30';
    json.subject.name = '手工修改市';
    await openFile(page, 'edited.json', Buffer.from(JSON.stringify(json, null, 2)));
    const notice = tid(page, 'notice-recorded-diff');
    await notice.waitFor();
    const t = await text(notice);
    assert.match(t, /文件中记录的分数与重新计算的结果不一致/);
    assert.match(t, /总分:文件记录99分,重新计算为91\.5分/);
    assert.match(t, /结论:文件记录为“合格”,重新计算为“不合格”/);
    assert.equal((await verdict(page)).total, '91.5');
});

test('malformed files and a file for another rubric: the reason in Chinese with its field, nothing lost', async () => {
    const { page } = main;
    await go(page, 5);
    const draftsBefore = await storedDrafts(page);
    const scoreBefore = (await verdict(page)).total;
    const cases = [
        ['truncated.json', await readFile(path.join(fixtures, 'truncated.json')), /文件不完整/],
        ['not-json.json', await readFile(path.join(fixtures, 'not-json.json')), /不是有效的JSON/],
        ['wrong-shape.json', await readFile(path.join(fixtures, 'wrong-shape.json')), /字段「subject\.start_year」/],
        ['wrong-rubric.json', await readFile(path.join(examples, 'wrong-rubric.json')), /字段「rubric」.*2026-06-30-final.*未加载/s],
        ['future-format.json', await readFile(path.join(examples, 'future-format.json')), /更新版本的程序/],
    ];
    for (const [name, buffer, want] of cases) {
        await openFile(page, name, buffer);
        // Reading is asynchronous (the reader is fetched on first use): wait for this file's notice,
        // which replaces the one before it.
        const notice = tid(page, 'notice-file-error').filter({ hasText: `无法打开文件「${name}」` });
        await notice.waitFor();
        const t = await text(notice);
        assert.match(t, new RegExp(`无法打开文件「${name.replace('.', '\\.')}」`), t);
        assert.match(t, want, t);
        assert.match(t, /当前的草稿和已保存的草稿都没有改变/);
        // Still on the same page, same draft, same scores.
        await tid(page, 'indicator-5').waitFor();
        assert.equal((await verdict(page)).total, scoreBefore);
        assert.deepEqual(await storedDrafts(page), draftsBefore);
    }
    // File text is shown as text, never as markup.
    const hostile = JSON.stringify({ format: '<img src=x onerror=alert(1)>', format_version: 1 });
    await openFile(page, '<b>x</b>.json', Buffer.from(hostile));
    const notice = tid(page, 'notice-file-error').filter({ hasText: '无法打开文件「<b>x</b>.json」' });
    await notice.waitFor();
    assert.match(await text(notice), /<img src=x onerror=alert\(1\)>/);
    assert.equal(await notice.locator('img, b').count(), 0);
    await screenshot(page, 'file-error-1366');
});

test('drafts: rename, duplicate, delete and undo', async () => {
    const { page } = main;
    await tid(page, 'btn-drafts').click();
    const rows = tid(page, 'draft-row');
    assert.equal(await rows.count(), 3);
    const first = rows.filter({ hasText: '手工修改市' });
    await first.getByTestId('draft-rename').click();
    const input = tid(page, 'rename-input');
    await input.fill('宁波试填');
    await input.press('Enter');
    await rows.filter({ hasText: '宁波试填' }).waitFor();
    await rows.filter({ hasText: '宁波试填' }).getByTestId('draft-duplicate').click();
    await rows.filter({ hasText: '宁波试填(副本)' }).waitFor();
    assert.equal(await rows.count(), 4);
    await rows.filter({ hasText: '宁波试填(副本)' }).getByTestId('draft-delete').click();
    assert.equal(await rows.count(), 3);
    assert.match(await text(tid(page, 'undo-bar')), /已删除草稿「宁波试填\(副本\)」/);
    await tid(page, 'undo-delete').click();
    assert.equal(await rows.count(), 4);
    assert.equal(await tid(page, 'undo-bar').count(), 0);
    await rows.filter({ hasText: '宁波试填(副本)' }).getByTestId('draft-delete').click();
    assert.equal((await storedDrafts(page)).length, 3);
    await screenshot(page, 'drafts-1366');
    // Open the first draft again.
    await rows.filter({ hasText: '杭州市自评' }).first().getByTestId('draft-open').click();
    await tid(page, 'subject-name').waitFor();
});

test('two tabs on the same draft: the stale tab is told and can reload or keep a copy', async () => {
    const { page, context } = main;
    const currentId = (p) => p.evaluate(() => sessionStorage.getItem('demozone.tab').split('\n')[0]);
    const row = (p, id) => p.locator(`[data-testid="draft-row"][data-id="${id}"]`);
    const second = await context.newPage();
    await second.goto(main.server.url);
    await tid(second, 'drafts-list').waitFor();
    await row(second, await currentId(page)).getByTestId('draft-open').click();
    await tid(second, 'subject-name').waitFor();
    // Tab 2 changes the draft; tab 1 learns of it.
    await tid(second, 'subject-name').fill('杭州市(第二个标签页)');
    const conflict = tid(page, 'notice-conflict');
    await conflict.waitFor();
    assert.match(await text(conflict), /已在另一个标签页/);
    assert.match(await text(tid(page, 'save-status')), /未保存/);
    // Tab 1's edits are kept in the page but not written over tab 2's.
    await tid(page, 'subject-name').fill('杭州市(第一个标签页)');
    let stored = (await storedDrafts(page)).filter((d) => d.assessment.subject.name.startsWith('杭州市('));
    assert.deepEqual(stored.map((d) => d.assessment.subject.name), ['杭州市(第二个标签页)']);
    // Keep tab 1's version as a copy.
    await tid(page, 'conflict-copy').click();
    await conflict.waitFor({ state: 'detached' });
    stored = (await storedDrafts(page)).map((d) => d.assessment.subject.name).sort();
    assert.ok(stored.includes('杭州市(第一个标签页)') && stored.includes('杭州市(第二个标签页)'), stored.join());
    // Tab 2 changes its draft again; tab 1 is not concerned any more (it edits the copy). The
    // notice's absence means something only once tab 1 has had the change: wait for its storage
    // event, then for the tasks after it (the app's own listener, registered at start, ran first).
    await page.evaluate((key) => {
        window.__heard = new Promise((resolve) => {
            addEventListener('storage', function heard(e) {
                if (e.key !== key || JSON.parse(e.newValue || '{}').assessment?.subject?.name !== '杭州市') return;
                removeEventListener('storage', heard);
                setTimeout(() => setTimeout(resolve));
            });
        });
    }, `demozone.draft.${await currentId(second)}`);
    await tid(second, 'subject-name').fill('杭州市');
    await page.evaluate(() => window.__heard);
    assert.equal(await tid(page, 'notice-conflict').count(), 0);
    // Reload choice: tab 2 edits while tab 1 is open on the same draft again.
    await tid(second, 'btn-drafts').click();
    await row(second, await currentId(page)).getByTestId('draft-open').click();
    await tid(second, 'subject-name').fill('杭州市(再改)');
    await conflict.waitFor();
    await tid(page, 'conflict-reload').click();
    await conflict.waitFor({ state: 'detached' });
    assert.equal(await tid(page, 'subject-name').inputValue(), '杭州市(再改)');
    await second.close();
});

test('keyboard alone: every control has an accessible name and focus is visible', async () => {
    const { page } = main;
    for (const where of ['nav-subject', 'nav-ind-1', 'nav-ind-3', 'nav-ind-13', 'nav-ind-22', 'nav-summary']) {
        await tid(page, where).click();
        const unnamed = await page.evaluate(() => {
            const bad = [];
            for (const el of document.querySelectorAll('input:not([type=file]), select, textarea, button')) {
                const byLabel = el.labels && [...el.labels].some((l) => l.textContent.trim());
                const byAria = (el.getAttribute('aria-label') || '').trim();
                const byText = el.tagName === 'BUTTON' && el.textContent.trim();
                if (!byLabel && !byAria && !byText) bad.push(el.outerHTML.slice(0, 120));
            }
            return bad;
        });
        assert.deepEqual(unnamed, [], `unnamed controls on ${where}`);
    }
    // Tab moves through the page; the focused control shows an outline.
    await tid(page, 'nav-ind-4').focus();
    await page.keyboard.press('Enter');
    await tid(page, 'indicator-4').waitFor();
    // The new page's heading takes the focus (screen readers announce it).
    await page.waitForFunction(() => document.activeElement?.id === 'page-heading');
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.dataset.testid === 'in-4.1-score');
    }
    assert.ok(reached, 'Tab reaches the first score field');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, 'solid');
    await page.keyboard.type('1.5');
    assert.equal(await text(tid(page, 'item-score-4.1')), '1.5/2');
});

// ---------- storage trouble ----------

test('storage full: the user is told, the work stays in the page, a file can be saved', async () => {
    const app = await open();
    const { page } = app;
    await newDraft(page);
    await fillSubject(page, { name: '温州市' });
    await go(page, 4);
    await fullMarks(page);
    // Fill localStorage to its quota.
    const filled = await page.evaluate(() => {
        let chunk = 'x'.repeat(1 << 20);
        let n = 0;
        while (chunk.length > 16) {
            try {
                localStorage.setItem(`filler.${n++}`, chunk);
            } catch {
                chunk = chunk.slice(0, chunk.length >> 1);
            }
        }
        return n;
    });
    assert.ok(filled > 0);
    await fill(page, '4.1-score', '1.5');
    // Longer than what dropping the draft index frees (the app gives a user's write the index's
    // place: tests/browser/draft-index.test.mjs), so that this write cannot be stored.
    const evidence = '《关于推动平台经济创新发展的实施意见》及配套政策文件,'.repeat(80);
    await tid(page, 'basis-4.1').fill(evidence);
    const notice = tid(page, 'notice-storage');
    await notice.waitFor();
    assert.match(await text(notice), /存储空间已满/);
    assert.match(await text(notice), /内容仍完整保留在本页面中/);
    assert.match(await text(tid(page, 'save-status')), /未保存/);
    assert.equal(await tid(page, 'in-4.1-score').inputValue(), '1.5');
    assert.equal(await tid(page, 'basis-4.1').inputValue(), evidence);
    assert.equal(await text(tid(page, 'item-score-4.1')), '1.5/2');
    await screenshot(page, 'storage-full-1366');
    const [download] = await Promise.all([page.waitForEvent('download'), tid(page, 'notice-storage-download').click()]);
    const json = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(json.inputs['4.1'].values.score, '1.5');
    assert.equal(json.inputs['4.1'].basis, evidence);
    // Space freed: the next change is saved and the warning goes.
    await page.evaluate(() => {
        for (const k of Object.keys(localStorage)) if (k.startsWith('filler.')) localStorage.removeItem(k);
    });
    await fill(page, '4.2-score', '1');
    await notice.waitFor({ state: 'detached' });
    const [d] = await storedDrafts(page);
    assert.equal(d.assessment.inputs['4.1'].values.score, '1.5');
    assert.equal(d.assessment.inputs['4.1'].basis, evidence);
    assert.equal(d.assessment.inputs['4.2'].values.score, '1');
    noErrors(app);
    await app.close();
});

test('storage unavailable (private mode): the app works in the page and says so', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    await blockStorage(page);
    await page.reload();
    await tid(page, 'btn-new').click();
    const notice = tid(page, 'notice-storage');
    await notice.waitFor();
    assert.match(await text(notice), /浏览器存储不可用/);
    await tid(page, 'subject-name').fill('舟山市');
    assert.equal(await tid(page, 'subject-name').inputValue(), '舟山市');
    assert.match(await text(tid(page, 'save-status')), /存储不可用/);
    assert.equal(await tid(page, 'notice-storage-download').count(), 1);
    await app.close();
});

test('a corrupt stored draft is set aside and reported; a newer one is kept; the app starts', async () => {
    const app = await open();
    const { page } = app;
    await page.evaluate(() => {
        localStorage.setItem('demozone.draft.broken', '{"format":"demozone-draft","version":1,"id":');
        localStorage.setItem(
            'demozone.draft.future',
            JSON.stringify({ format: 'demozone-draft', version: 99, id: 'future', something: 'new' }),
        );
    });
    await page.reload();
    await tid(page, 'notice-corrupt').waitFor();
    assert.match(await text(tid(page, 'notice-corrupt')), /demozone\.draft\.broken.*已另存为「demozone\.corrupt\./s);
    assert.match(await text(tid(page, 'kept-entries')), /demozone\.draft\.future.*更新版本.*原样保留/s);
    const keys = await page.evaluate(() => Object.keys(localStorage).sort());
    assert.ok(keys.some((k) => k.startsWith('demozone.corrupt.') && k.endsWith('.demozone.draft.broken')), keys.join());
    assert.ok(keys.includes('demozone.draft.future'));
    assert.ok(!keys.includes('demozone.draft.broken'));
    const aside = await page.evaluate(() =>
        localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('demozone.corrupt.'))),
    );
    assert.equal(aside, '{"format":"demozone-draft","version":1,"id":');
    // The app still works.
    await newDraft(page);
    await tid(page, 'subject-name').fill('嘉兴市');
    assert.equal((await storedDrafts(page)).filter((d) => d.assessment?.subject?.name === '嘉兴市').length, 1);
    noErrors(app);
    await app.close();
});

test('an example file from tests/examples opens by dropping it on the page', async () => {
    const app = await open();
    const { page } = app;
    const buffer = await readFile(path.join(examples, 'pass-hangzhou.json'));
    const dataTransfer = await page.evaluateHandle((b64) => {
        const dt = new DataTransfer();
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], 'pass-hangzhou.json', { type: 'application/json' }));
        return dt;
    }, buffer.toString('base64'));
    await page.dispatchEvent('main', 'dragover', { dataTransfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await tid(page, 'summary-page').waitFor();
    const json = JSON.parse(buffer.toString('utf8'));
    const v = await verdict(page);
    assert.equal(v.total, json.recorded.total);
    assert.equal(v.word, json.recorded.passed ? '合格' : '不合格');
    noErrors(app);
    await app.close();
});

// ---------- screenshots of the main screens (tests/browser/out/screens/, copied to docs/screenshots/) ----------

test('screenshots of the main screens at 1366×768 and 390×844', async () => {
    const dir = path.join(outDir, 'screens');
    await mkdir(dir, { recursive: true });
    const shot = (page, name) => page.screenshot({ path: path.join(dir, `${name}.png`) });
    const pass = await readFile(path.join(examples, 'pass-hangzhou.json'));
    const fail = await readFile(path.join(examples, 'fail-dimension.json'));
    const failJson = JSON.parse(fail.toString('utf8'));
    failJson.subject.name = '宁波市';
    const failBuffer = Buffer.from(JSON.stringify(failJson));

    for (const [tag, viewport] of [['desktop', { width: 1366, height: 768 }], ['mobile', { width: 390, height: 844 }]]) {
        const app = await open({ viewport });
        const { page } = app;
        const mobile = tag === 'mobile';
        const nav = async (id) => {
            if (mobile) await page.locator('.nav-toggle').click();
            await tid(page, id).click();
        };
        await openFile(page, 'pass-hangzhou.json', pass);
        await tid(page, 'summary-page').waitFor();
        await openFile(page, 'fail-dimension.json', failBuffer);
        await tid(page, 'summary-page').waitFor();
        for (const n of await page.locator('[data-testid^="notice-"] button').all()) await n.click();
        await shot(page, `${tag}-summary-fail`);
        await nav('nav-subject');
        await shot(page, `${tag}-subject`);
        await nav('nav-ind-1');
        if (mobile) {
            await shot(page, `${tag}-indicator-1`);
            await tid(page, 'growth-1').scrollIntoViewIfNeeded();
            await shot(page, `${tag}-indicator-1-growth`);
            await page.locator('.nav-toggle').click();
            await page.evaluate(() => window.scrollTo(0, 0));
            await shot(page, `${tag}-navigation`);
            await page.locator('.nav-toggle').click();
        } else {
            await tid(page, 'item-1').scrollIntoViewIfNeeded();
            await page.evaluate(() => window.scrollBy(0, -80));
            await shot(page, `${tag}-indicator-1-growth`);
        }
        await nav('nav-ind-3');
        await tid(page, 'entries-3b').scrollIntoViewIfNeeded();
        await shot(page, `${tag}-indicator-3-entities`);
        await nav('nav-ind-7');
        await fill(page, '7.2-score', '1.55');
        await tid(page, 'item-7.2').scrollIntoViewIfNeeded();
        await shot(page, `${tag}-indicator-7-problem`);
        await fill(page, '7.2-score', '1.5');
        await openFile(page, 'wrong-rubric.json', await readFile(path.join(examples, 'wrong-rubric.json')));
        await tid(page, 'notice-file-error').waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot(page, `${tag}-file-error`);
        await tid(page, 'btn-drafts').click();
        await tid(page, 'drafts-list').waitFor();
        for (const n of await page.locator('[data-testid^="notice-"] button').all()) await n.click();
        await shot(page, `${tag}-drafts`);
        noErrors(app);
        await app.close();
    }
});
