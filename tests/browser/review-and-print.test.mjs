// The review chain (管理办法 第十二–十四条) and the printed reports, end to end in headless
// Chromium against the release build: a provincial reviewer opens a self-assessment file, scores
// beside the self scores (differences highlighted, the layer's own total and verdict), writes the
// 初审意见 and saves; the file reopens with both layers; an expert adds a layer and exports their
// own score sheet; the 自评报告 and the 初审意见 print to A4 PDF without any of the app's controls.
//
// Run: `node --test tests/browser/review-and-print.test.mjs` after `trunk build --release --offline`
// (DEMOZONE_DIST=/path/to/dist to test another build directory).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir, readdir, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { screenshot, repoRoot, outDir, trackApps, tid, text, go, chooseRole, noErrors } from './helpers.mjs';

const examples = path.join(repoRoot, 'tests', 'examples');

const open = trackApps(after);


async function openFile(page, name, buffer) {
    await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/json', buffer });
}

async function download(page, click) {
    const [d] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

/** Prints the report view to an A4 PDF as the browser's print would; returns { file, pages, text }. */
async function printReport(page, name) {
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, `${name}.pdf`);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: file, format: 'A4', displayHeaderFooter: false, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
    const pdfText = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    // Page images, for looking at the layout (tests/browser/out/NAME-N.png).
    for (const f of await readdir(outDir)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) await rm(path.join(outDir, f));
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(outDir, name)]);
    return { file, pages, text: pdfText };
}

const PROVINCE = { name: '王五', unit: '浙江省市场监督管理局', date: '2026-11-20' };
const EXPERT = { name: '张三', unit: '某大学', date: '2026-11-27' };

let app; // the provincial reviewer's browser
let provinceFile; // { name, text }

test('a provincial reviewer opens a self-assessment file and chooses their role', async () => {
    app = await open();
    const { page } = app;
    const buffer = await readFile(path.join(examples, 'pass-hangzhou.json'));
    await openFile(page, 'pass-hangzhou.json', buffer);
    // A file without review layers is a self-assessment: nobody asks who the user is (the role
    // holds: 创建对象); a reviewer says so with 切换身份.
    await tid(page, 'summary-page').waitFor();
    assert.equal(await tid(page, 'role-chooser').count(), 0);
    assert.equal(await text(tid(page, 'role-current')), '创建对象(自评)');
    await tid(page, 'role-switch').click();
    await tid(page, 'role-chooser').waitFor();
    // A reviewer must give a name.
    await tid(page, 'role-option-province').check();
    await tid(page, 'reviewer-name').fill('');
    await tid(page, 'role-confirm').click();
    assert.equal(await page.locator('.role-chooser [role=alert]').count(), 1);
    await tid(page, 'reviewer-name').fill(PROVINCE.name);
    await tid(page, 'reviewer-unit').fill(PROVINCE.unit);
    await screenshot(page, 'review-role-chooser-1366');
    await chooseRole(page, 'province', PROVINCE);
    assert.equal(await text(tid(page, 'role-current')), '省级市场监管部门(评估初审)');
    assert.equal(await text(tid(page, 'role-who')), '省级初审 · 王五(浙江省市场监督管理局) · 2026-11-20');
});

test('the reviewer scores beside the read-only self-assessment; differences are highlighted', async () => {
    const { page } = app;
    await go(page, 4);
    // The self inputs are not there: the self score and basis are shown read-only.
    assert.equal(await tid(page, 'in-4.1-score').count(), 0);
    assert.equal(await tid(page, 'basis-4.1').count(), 0);
    assert.equal(await text(tid(page, 'self-score-4.1')), '1.8');
    assert.match(await text(tid(page, 'self-basis-4.1')), /^示例:支持平台企业/);
    assert.equal(await text(tid(page, 'cmp-badge-4.1')), '未评分');

    await tid(page, 'rin-4.1-score').fill('1');
    await tid(page, 'rin-4.1-method').selectOption('document_review');
    await tid(page, 'rin-4.1-comment').fill('成果清单中3项无佐证材料');
    await tid(page, 'rquick-4.2-half').click();
    await tid(page, 'rquick-4.3-self').click();

    assert.equal(await text(tid(page, 'cmp-badge-4.1')), '与自评不同');
    assert.match(await tid(page, 'review-item-4.1').getAttribute('class'), /cmp-diff/);
    assert.equal(await text(tid(page, 'cmp-4.1')), '与自评不同:自评1.8分,省级初审1分(-0.8分)');
    assert.equal(await text(tid(page, 'cmp-4.2')), '与自评不同:自评1.7分,省级初审1分(-0.7分)');
    assert.equal(await text(tid(page, 'cmp-badge-4.3')), '与自评一致');
    assert.doesNotMatch(await tid(page, 'review-item-4.3').getAttribute('class'), /cmp-diff/);
    assert.equal(await text(tid(page, 'layer-indicator-score')), '2.9/5');
    assert.match(await text(tid(page, 'layer-indicator-note')), /与自评不同:自评4.4分,省级初审2.9分\(-1.5分\)/);
    // A score above the item's points is an error on the item, counted as 0.
    await tid(page, 'rin-4.3-score').fill('1.5');
    assert.equal(await text(tid(page, 'cmp-badge-4.3')), '有错误');
    assert.match(await text(tid(page, 'review-item-4.3')), /超过本项满分1/);
    await tid(page, 'rquick-4.3-self').click();

    // Every other item: the reviewer accepts the self score.
    for (let n = 1; n <= 25; n++) {
        if (n === 4) continue;
        await go(page, n);
        const buttons = page.locator('[data-testid^="rquick-"][data-testid$="-self"]');
        const count = await buttons.count();
        assert.ok(count > 0, `indicator ${n} has reviewer cards`);
        for (let i = 0; i < count; i++) await buttons.nth(i).click();
    }
    // The layer's own total and verdict, beside the self result (promote D1 is exactly 80%).
    const panel = tid(page, 'layer-panel');
    assert.equal(await text(panel.getByTestId('layer-self-total')), '90.4/100');
    assert.equal(await text(panel.getByTestId('layer-value-total')), '88.9/100');
    assert.equal(await text(panel.getByTestId('layer-value-D1')), '16(80.00%)');
    assert.match(await panel.getByTestId('layer-row-D1').getAttribute('class'), /differs/);
    assert.equal(await text(panel.getByTestId('layer-value-verdict')), '合格');
    assert.equal(await text(tid(page, 'layer-verdict')), '省级初审结论:合格');
    assert.equal(await text(tid(page, 'role-progress')), '已评分 52/52 项 · 与自评不同 2 项');
    assert.equal(await text(tid(page, 'role-total')), '省级初审总分 88.9/100 · 合格');
    // The self result is still shown (and unchanged).
    assert.equal(await text(tid(page, 'total')), '90.4');

    // The reviewer's view of indicator 4 at 1366×768 (docs/screenshots/review-1366.png).
    await go(page, 4);
    for (const close of await page.locator('.notices .btn').all()) await close.click();
    await page.locator('details.seed > summary').click();
    await tid(page, 'role-bar').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 8));
    await screenshot(page, 'review-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await tid(page, 'review-item-4.1').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 8));
    await screenshot(page, 'review-390');
    await page.setViewportSize({ width: 1366, height: 768 });
});

test('the 初审意见, who and when, and the saved file keeps both layers', async () => {
    const { page } = app;
    await tid(page, 'nav-summary').click();
    await tid(page, 'reviewer-section').waitFor();
    assert.equal(await tid(page, 'review-name').inputValue(), '王五');
    assert.equal(await tid(page, 'review-date').inputValue(), '2026-11-20');
    assert.match(await text(tid(page, 'review-diffs')), /子项 4.1:与自评不同/);
    await tid(page, 'review-opinion').fill('材料基本齐全,数据与统计公报一致。指标4部分成果缺少佐证材料,已按实际核减。初审合格,同意报送市场监管总局。');
    // The 基本情况 are read-only for a reviewer.
    await tid(page, 'nav-subject').click();
    await tid(page, 'subject-locked').waitFor();
    assert.ok(await tid(page, 'subject-name').isDisabled());

    provinceFile = await download(page, () => tid(page, 'btn-save-file').click());
    const json = JSON.parse(provinceFile.text);
    assert.equal(json.reviews.length, 1);
    const r = json.reviews[0];
    assert.equal(r.role, 'province');
    assert.deepEqual(r.reviewer, { name: '王五', unit: '浙江省市场监督管理局' });
    assert.equal(r.at, '2026-11-20');
    assert.deepEqual(r.items['4.1'], { score: '1', comment: '成果清单中3项无佐证材料', method: 'document_review' });
    assert.equal(r.items['4.2'].score, '1');
    assert.equal(Object.keys(r.items).length, 52);
    assert.match(r.opinion, /初审合格/);
    // The self layer is untouched.
    assert.equal(json.inputs['4.1'].values.score, '1.8');
    assert.equal(json.recorded.total, '90.4');
    // The province's own file name.
    const layerFile = await download(page, async () => {
        await tid(page, 'nav-summary').click();
        await tid(page, 'btn-export-layer').click();
    });
    assert.equal(layerFile.name, '杭州市-省级初审-王五-2026-11-20.json');
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'review-province.json'), provinceFile.text);
    noErrors(app);
});

let expertApp;

test('the file reopens with the layer intact; an expert adds theirs and exports a score sheet', async () => {
    expertApp = await open();
    const { page } = expertApp;
    await openFile(page, provinceFile.name, Buffer.from(provinceFile.text));
    await chooseRole(page, 'self');
    await tid(page, 'layers-overview').waitFor();
    assert.ok((await text(tid(page, 'layers-overview'))).includes('省级初审 · 王五(浙江省市场监督管理局) · 2026-11-20 · 88.9/100分 · 合格'));
    // Work as the creation object: the self inputs are back.
    await go(page, 4);
    assert.equal(await tid(page, 'in-4.1-score').inputValue(), '1.8');

    // Continue the province's layer: the same scores come back.
    await tid(page, 'role-switch').click();
    await tid(page, 'role-option-province').check();
    await tid(page, 'continue-layer-0').click();
    await tid(page, 'review-item-4.1').waitFor();
    assert.equal(await tid(page, 'rin-4.1-score').inputValue(), '1');
    assert.equal(await tid(page, 'rin-4.1-method').inputValue(), 'document_review');

    // An expert.
    await tid(page, 'role-switch').click();
    await chooseRole(page, 'expert', EXPERT);
    assert.equal(await text(tid(page, 'role-current')), '总局评估专家(评估)');
    await tid(page, 'review-item-4.1').waitFor();
    assert.equal(await tid(page, 'rin-4.1-score').inputValue(), '');
    await tid(page, 'rin-4.1-score').fill('1.25');
    await tid(page, 'rin-4.1-method').selectOption('expert_evaluation');
    await tid(page, 'rquick-4.2-full').click();
    await tid(page, 'nav-summary').click();
    await tid(page, 'review-opinion').fill('创新成果较为突出,建议补充第三方评价材料。');
    const sheet = await download(page, () => tid(page, 'btn-export-layer').click());
    assert.equal(sheet.name, '杭州市-专家评分-张三-2026-11-27.json');
    const json = JSON.parse(sheet.text);
    assert.deepEqual(json.reviews.map((r) => [r.role, r.reviewer.name, r.at]), [
        ['province', '王五', '2026-11-20'],
        ['expert', '张三', '2026-11-27'],
    ]);
    assert.deepEqual(json.reviews[1].items['4.1'], { score: '1.25', method: 'expert_evaluation' });
    assert.equal(json.reviews[1].items['4.2'].score, '2');
    await writeFile(path.join(outDir, 'review-expert-sheet.json'), sheet.text);
    noErrors(expertApp);
});

test('the 自评报告 prints to A4 PDF: title, 逐项自评, several pages, no controls', async () => {
    const { page } = expertApp;
    await tid(page, 'btn-report').click();
    await tid(page, 'report-page').waitFor();
    // The report of the active (expert) layer first; choose the self-assessment.
    assert.match(await text(tid(page, 'report-title')), /专家评估意见$/);
    await tid(page, 'report-layer').selectOption('self');
    assert.equal(await text(tid(page, 'report-title')), '杭州市网络市场监管与服务示范区创建自评报告');
    assert.ok(await tid(page, 'btn-print').isVisible());
    const pdf = await printReport(page, 'review-self-report');
    assert.ok(pdf.pages >= 4, `pages: ${pdf.pages}`);
    const flat = pdf.text.replace(/\s+/g, '');
    for (const want of [
        '杭州市网络市场监管与服务示范区创建自评报告',
        '一、基本情况',
        '二、得分汇总',
        '三、逐项自评',
        '四、未达标项与差距',
        '附录:指标解读说明',
        '浙江(东部地区)',
        '示例:支持平台企业在人工智能大模型',
        `第1页/共${pdf.pages}页`,
    ]) {
        assert.ok(flat.includes(want), `the PDF has ${want}`);
    }
    for (const control of ['保存为文件', '打开文件', '我的草稿', '切换身份', '打印/存为PDF', '实时结果', '当前身份']) {
        assert.ok(!flat.includes(control), `no ${control} on paper`);
    }
});

test('the 初审意见 prints as its own report with the reviewer, scores, methods and opinion', async () => {
    const { page } = expertApp;
    await tid(page, 'report-layer').selectOption('review:0');
    assert.equal(await text(tid(page, 'report-title')), '杭州市网络市场监管与服务示范区创建评估初审意见');
    const pdf = await printReport(page, 'review-province-report');
    const flat = pdf.text.replace(/\s+/g, '');
    for (const want of ['二、评审信息', '王五', '浙江省市场监督管理局', '2026-11-20', '四、逐项评审', '资料审查', '成果清单中3项无佐证材料', '六、初审意见', '初审合格,同意报送市场监管总局']) {
        assert.ok(flat.includes(want), `the PDF has ${want}`);
    }
    assert.ok(!flat.includes('保存为文件'));
    await tid(page, 'report-layer').selectOption('self');
    noErrors(expertApp);
});
