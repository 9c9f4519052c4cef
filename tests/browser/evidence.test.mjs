// 佐证材料目录 in the browser: files picked for a sub-item (four at once, one of 3 MiB read in
// slices) get entries whose fingerprints equal sha256sum's; they are saved in the file (format
// version 2) and printed in the report's annex; a reviewer reopens the file, checks a folder of
// attachments (one changed, one missing, one renamed, one extra) and marks the unchanged 已核对;
// a failing assessment shows its 提分路径 on the summary, and prints it in the 自评报告 only when
// the user ticks 打印提分路径 on the report page.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile, mkdir, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { screenshot, repoRoot, outDir, trackApps, tid, text, storedDrafts, go, noErrors, fillSubject, chooseRole } from './helpers.mjs';

const open = trackApps(after);

// 3 MiB + 17 bytes: more than two of the page's 1 MiB slices.
const big = Buffer.alloc(3 * 1024 * 1024 + 17);
for (let i = 0; i < big.length; i++) big[i] = i % 251;
const FILES = [
    { name: '工作方案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('关于印发网络市场监管工作方案的通知\n') },
    { name: '案卷汇编.bin', mimeType: 'application/octet-stream', buffer: big },
    { name: '统计表.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('统计表') },
    { name: '通知.txt', mimeType: 'text/plain', buffer: Buffer.from('通知') },
];

/** sha256sum's answer for these bytes. */
const sha256sum = (buffer) => execFileSync('sha256sum', ['-'], { input: buffer, encoding: 'utf8' }).split(' ')[0];

const draftWith = (page, predicate) =>
    page.waitForFunction((source) => {
        const test = new Function('d', `return (${source})(d)`);
        for (let i = 0; i < localStorage.length; i++) {
            const k = localStorage.key(i);
            if (k.startsWith('demozone.draft.') && test(JSON.parse(localStorage.getItem(k)))) return true;
        }
        return false;
    }, predicate.toString());

let saved; // { name, text }

/** Prints the page as the browser's print would (print media, A4) and returns the PDF's text
 * (pdftotext -raw), with the pages as PNGs in tests/browser/out/NAME-N.png to look at. */
async function printedText(page, name) {
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, `${name}.pdf`);
    await page.emulateMedia({ media: 'print' });
    try {
        await page.pdf({ path: file, format: 'A4', displayHeaderFooter: false, preferCSSPageSize: true, printBackground: true });
    } finally {
        await page.emulateMedia({ media: 'screen' });
    }
    for (const f of await readdir(outDir)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) await rm(path.join(outDir, f));
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(outDir, name)]);
    return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Text as it reads on paper, without the line breaks and spaces a layout adds. */
const flat = (s) => s.replace(/\s+/g, '');

test('four files picked for a sub-item get entries 4.1-1 to 4.1-4 with the fingerprints sha256sum gives', async () => {
    const app = await open();
    const { page } = app;
    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').waitFor();
    await fillSubject(page, { name: '杭州市', kind: 'sub_provincial_city', province: '浙江', start: '2023', years: '3' });
    await go(page, 4);
    await tid(page, 'evidence-files-4.1').setInputFiles(FILES);
    await tid(page, 'evidence-entry-4.1-4').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="evidence-status-4.1"]').textContent);
    for (const [row, f] of FILES.entries()) {
        assert.equal(await text(tid(page, `evidence-sha256-4.1-${row}`)), sha256sum(f.buffer), f.name);
    }
    assert.equal(await tid(page, 'evidence-4.1-0-title').inputValue(), '工作方案');
    assert.match(await text(tid(page, 'evidence-file-4.1-1')), /案卷汇编\.bin 3\.0 MB/);
    await tid(page, 'evidence-4.1-0-source').fill('杭市监〔2025〕12号');
    await tid(page, 'evidence-4.1-0-source').press('Tab');
    await tid(page, 'evidence-4.1-0-pages').fill('12');
    await tid(page, 'evidence-4.1-0-pages').press('Tab');
    // An entry without a file, added by hand, then removed.
    await tid(page, 'evidence-add-4.1').click();
    await tid(page, 'evidence-entry-4.1-5').waitFor();
    assert.match(await text(tid(page, 'evidence-entry-4.1-5')), /未附文件/);
    await tid(page, 'evidence-remove-4.1-4').click();
    await tid(page, 'evidence-entry-4.1-5').waitFor({ state: 'detached' });
    await draftWith(page, (d) => d.assessment?.inputs?.['4.1']?.evidence?.[0]?.pages === '12');
    await tid(page, 'evidence-4.1').screenshot({ path: path.join(outDir, 'evidence-list.png') });
    const [draft] = await storedDrafts(page);
    const entries = draft.assessment.inputs['4.1'].evidence;
    assert.equal(entries.length, 4);
    assert.equal(entries[0].source, '杭市监〔2025〕12号');
    assert.equal(entries[1].file.size, big.length);

    const [download] = await Promise.all([page.waitForEvent('download'), tid(page, 'btn-save-file').click()]);
    const fileText = await readFile(await download.path(), 'utf8');
    const json = JSON.parse(fileText);
    assert.equal(json.format_version, 2);
    assert.deepEqual(json.inputs['4.1'].evidence.map((e) => e.file.sha256), FILES.map((f) => sha256sum(f.buffer)));
    saved = { name: download.suggestedFilename(), text: fileText };

    // The printed 自评报告 ends with the annex: number, file name, the first 8 hex digits.
    await tid(page, 'btn-report').click();
    const annex = tid(page, 'report-evidence-annex');
    await annex.waitFor();
    const rows = await annex.locator('tbody tr').allTextContents();
    assert.equal(rows.length, 4);
    assert.match(rows[1], new RegExp(`^4\\.1-2案卷汇编.*案卷汇编\\.bin${sha256sum(big).slice(0, 8)}$`));
    await annex.screenshot({ path: path.join(outDir, 'evidence-report-annex.png') });
    noErrors(app);
});

test('a reviewer reopens the file, checks a folder (changed, missing, renamed, extra) and marks the rest 已核对', async () => {
    const folder = path.join(outDir, 'received');
    await rm(folder, { recursive: true, force: true });
    await mkdir(path.join(folder, '子目录'), { recursive: true });
    await writeFile(path.join(folder, '工作方案.pdf'), 'another content');          // changed
    await writeFile(path.join(folder, '子目录', '改名了.bin'), big);                  // renamed
    await writeFile(path.join(folder, '通知.txt'), '通知');                          // the same
    await writeFile(path.join(folder, '多余.docx'), 'extra');                        // extra; 统计表.xlsx is missing
    const app = await open();
    const { page } = app;
    await tid(page, 'file-input').setInputFiles({ name: saved.name, mimeType: 'application/json', buffer: Buffer.from(saved.text) });
    await chooseRole(page, 'province', { name: '王五', unit: '浙江省市场监督管理局', date: '2026-11-20' });
    await tid(page, 'nav-summary').click();
    await tid(page, 'btn-verify-evidence').click();
    await tid(page, 'verify-page').waitFor();
    await tid(page, 'verify-folder').setInputFiles(folder);
    await tid(page, 'verify-result').waitFor();
    const status = async (n) => text(tid(page, `verify-status-4.1-${n}`));
    assert.deepEqual(
        [await status(1), await status(2), await status(3), await status(4)],
        ['内容不同', '一致(文件已改名)', '缺失', '一致'],
    );
    assert.match(await text(tid(page, 'verify-4.1-2')), /received\/子目录\/改名了\.bin/);
    assert.match(await text(tid(page, 'verify-extra')), /多余\.docx/);
    assert.equal(
        await text(tid(page, 'verify-summary')),
        '佐证材料核对:一致2份(其中改名1份),内容不同1份,缺失1份;另收到目录外文件1份',
    );
    await screenshot(page, 'evidence-verify');
    await tid(page, 'verify-mark-checked').click();
    await draftWith(page, (d) => d.assessment?.inputs?.['4.1']?.evidence?.[3]?.checked === true);
    let [draft] = await storedDrafts(page);
    assert.deepEqual(draft.assessment.inputs['4.1'].evidence.map((e) => Boolean(e.checked)), [false, true, false, true]);
    // The result goes into the reviewer's 初审意见 as a comment.
    assert.equal(await text(tid(page, 'verify-to-opinion')), '写入初审意见');
    await tid(page, 'verify-to-opinion').click();
    await draftWith(page, (d) => (d.assessment?.reviews?.[0]?.opinion ?? '').includes('佐证材料核对'));
    [draft] = await storedDrafts(page);
    assert.equal(
        draft.assessment.reviews[0].opinion,
        '佐证材料核对:一致2份(其中改名1份),内容不同1份,缺失1份;另收到目录外文件1份\n4.1-1 工作方案.pdf:内容不同\n4.1-3 统计表.xlsx:缺失',
    );
    noErrors(app);
});

test('a failing assessment shows its 提分路径 on the summary, sure points first', async () => {
    const app = await open();
    const { page } = app;
    const buffer = await readFile(path.join(repoRoot, 'tests', 'examples', 'fail-dimension.json'));
    await tid(page, 'file-input').setInputFiles({ name: 'fail-dimension.json', mimeType: 'application/json', buffer });
    await chooseRole(page, 'self');
    await tid(page, 'nav-summary').click();
    const raise = tid(page, 'raise-path');
    await raise.waitFor();
    assert.match(await text(raise.locator('h4').first()), /^探索创新还差4分$/);
    const first = await raise.locator('ul').first().locator('li').first().textContent();
    assert.equal(first.trim(), '25.1 再增加1项表彰表扬:+1.5分(本项上限4分)');
    assert.match(await text(raise), /由评审认定,不作承诺/);
    await raise.screenshot({ path: path.join(outDir, 'evidence-raise-path.png') });
    const summaryLines = (await raise.locator('li').allTextContents()).map((l) => l.trim());
    assert.ok(summaryLines.length > 3, summaryLines.join('\n'));

    // The printed 自评报告: without 提分路径 unless the user ticks it, then with the summary's lines.
    await tid(page, 'btn-report').click();
    await tid(page, 'report').waitFor();
    const toggle = tid(page, 'report-raise-path-toggle');
    assert.equal(await toggle.isChecked(), false, 'not printed by default');
    assert.equal(await toggle.isEnabled(), true);
    assert.equal(await page.locator('label[for="report-raise-path"]').textContent(), '打印提分路径(内部参考,默认不打印)');
    assert.equal(await tid(page, 'report-raise-path').count(), 0);
    let paper = flat(await printedText(page, 'report-without-raise-path'));
    assert.match(paper, /四、未达标项与差距/);
    assert.doesNotMatch(paper, /提分路径/);

    await toggle.check();
    await tid(page, 'report-raise-path').waitFor();
    await page.locator('.report-toolbar').screenshot({ path: path.join(outDir, 'evidence-raise-path-toggle.png') });
    paper = flat(await printedText(page, 'report-raise-path'));
    assert.match(paper, /四、未达标项与差距.*五、提分路径.*探索创新还差4分/);
    assert.doesNotMatch(paper, /打印提分路径/, 'the control stays off paper');
    let at = paper.indexOf('五、提分路径');
    for (const line of summaryLines) {
        const i = paper.indexOf(flat(line), at + 1);
        assert.ok(i > at, `printed in the summary's order: ${line}`);
        at = i;
    }
    assert.ok(paper.includes(flat('25.1 再增加1项表彰表扬:+1.5分(本项上限4分)')), 'the cheapest sure point first');

    await toggle.uncheck();
    await tid(page, 'report-raise-path').waitFor({ state: 'detached' });
    assert.doesNotMatch(flat(await printedText(page, 'report-without-raise-path')), /提分路径/);
    noErrors(app);
});
