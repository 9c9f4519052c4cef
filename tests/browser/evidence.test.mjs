// 佐证材料目录 in the browser: files picked for a sub-item (four at once, one of 3 MiB read in
// slices) get entries whose fingerprints equal sha256sum's, computed in a worker (web/hash-worker.js),
// or on the page, saying so, where the worker cannot start; they are saved in the file (format
// version 2) and printed in the report's annex; a reviewer reopens the file, checks a folder of
// attachments (one changed, one missing, one renamed, one extra), picked or dropped on the page,
// and marks the unchanged 已核对; the 核对结果 of a submission of 30 entries prints on one page;
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


/** The saved file opened by a provincial reviewer, on its 核对佐证材料 page. */
async function openVerifyPage(page) {
    await tid(page, 'file-input').setInputFiles({ name: saved.name, mimeType: 'application/json', buffer: Buffer.from(saved.text) });
    await chooseRole(page, 'province', { name: '王五', unit: '浙江省市场监督管理局', date: '2026-11-20' });
    await tid(page, 'nav-summary').click();
    await tid(page, 'btn-verify-evidence').click();
    await tid(page, 'verify-page').waitFor();
}

test('four files picked for a sub-item get entries 4.1-1 to 4.1-4 with the fingerprints sha256sum gives', async () => {
    const app = await open();
    const { page } = app;
    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').waitFor();
    await fillSubject(page, { name: '杭州市', kind: 'sub_provincial_city', province: '浙江', start: '2023', years: '3' });
    await go(page, 4);
    const workers = [];
    page.on('worker', (w) => workers.push(new URL(w.url()).pathname));
    await tid(page, 'evidence-files-4.1').setInputFiles(FILES);
    await tid(page, 'evidence-entry-4.1-4').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="evidence-status-4.1"]').textContent);
    for (const [row, f] of FILES.entries()) {
        assert.equal(await text(tid(page, `evidence-sha256-4.1-${row}`)), sha256sum(f.buffer), f.name);
    }
    // Hashed off the main thread: one worker per file, web/hash-worker.js.
    assert.deepEqual(workers, FILES.map(() => '/hash-worker.js'));
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
    await openVerifyPage(page);
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

test('where the worker cannot start, the page fingerprints the files itself and says so', async () => {
    // The worker's script answered with 404 (a server without the file, offline without it cached).
    const app = await open({ beforeGoto: (context) => context.route('**/hash-worker.js', (r) => r.fulfill({ status: 404, body: '' })) });
    const { page } = app;
    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').waitFor();
    await go(page, 4);
    await tid(page, 'evidence-files-4.1').setInputFiles(FILES.slice(0, 2));
    await tid(page, 'evidence-sha256-4.1-1').waitFor();
    for (const [row, f] of FILES.slice(0, 2).entries()) {
        assert.equal(await text(tid(page, `evidence-sha256-4.1-${row}`)), sha256sum(f.buffer), f.name);
    }
    await page.waitForFunction(() => !/正在计算/.test(document.querySelector('[data-testid="evidence-status-4.1"]').textContent));
    assert.equal(
        await text(tid(page, 'evidence-status-4.1')),
        '浏览器未能启动后台计算线程,文件指纹改在本页面中计算(结果相同;大文件计算期间页面可能短暂卡顿)',
    );
    await tid(page, 'evidence-4.1').screenshot({ path: path.join(outDir, 'evidence-no-worker.png') });
    assert.deepEqual(app.log.pageErrors, []);
});

/** Drops `files` ([{ name, text } or { name, big: true }: the 3 MiB file, made in the page]) on
 * the 核对 page as the browser's drop would (a DataTransfer built in the page). With `folder`,
 * each item's webkitGetAsEntry() gives a stand-in of a dropped folder's entry instead. Returns what
 * webkitGetAsEntry gave the page for each item (null, 'file' or 'folder'). */
async function drop(page, files, folder) {
    return page.evaluate(({ files, folder }) => {
        const make = (f) => {
            if (!f.big) return new File([f.text], f.name);
            const b = new Uint8Array(3 * 1024 * 1024 + 17);
            for (let i = 0; i < b.length; i++) b[i] = i % 251;
            return new File([b], f.name);
        };
        const dt = new DataTransfer();
        const native = DataTransferItem.prototype.webkitGetAsEntry;
        let own = native;
        if (folder) {
            // A script cannot make a FileSystemDirectoryEntry (Chromium gives entries only for
            // files dragged from the operating system; a script's DataTransfer item gives null):
            // this stand-in has the interface the page uses (isDirectory, fullPath, createReader,
            // readEntries in batches until an empty one, file(callback)).
            const entry = (fullPath, node) => {
                if (node instanceof File) return { isDirectory: false, isFile: true, fullPath, name: node.name, file: (ok) => setTimeout(() => ok(node)) };
                const children = Object.entries(node).map(([name, child]) => entry(`${fullPath}/${name}`, child));
                return {
                    isDirectory: true, isFile: false, fullPath,
                    createReader: () => {
                        let at = 0;
                        // Two at a time: the page must keep reading until an empty batch.
                        return { readEntries: (ok) => setTimeout(() => { ok(children.slice(at, at + 2)); at += 2; }) };
                    },
                };
            };
            const tree = {};
            for (const f of files) {
                const parts = f.name.split('/');
                let dir = tree;
                for (const p of parts.slice(0, -1)) dir = dir[p] ??= {};
                dir[parts.at(-1)] = make({ ...f, name: parts.at(-1) });
            }
            dt.items.add(new File(['x'], 'placeholder'));
            const root = entry('/' + folder, tree);
            own = () => root;
        } else {
            for (const f of files) dt.items.add(make(f));
        }
        // What webkitGetAsEntry (the browser's own, or the stand-in) gave the page during the drop.
        const gave = [];
        DataTransferItem.prototype.webkitGetAsEntry = function () {
            const e = own.call(this);
            gave.push(e === null ? null : e.isDirectory ? 'folder' : 'file');
            return e;
        };
        const target = document.querySelector('[data-testid="verify-page"]');
        target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        DataTransferItem.prototype.webkitGetAsEntry = native;
        return gave;
    }, { files, folder });
}

test('files and a folder dropped on the 核对 page are checked as picked ones', async () => {
    const app = await open();
    const { page } = app;
    await openVerifyPage(page);
    const status = async () => Promise.all([1, 2, 3, 4].map((n) => text(tid(page, `verify-status-4.1-${n}`))));

    // Something dragged over the page outlines it; the drop ends that.
    await page.evaluate(() => document.querySelector('[data-testid="verify-page"]')
        .dispatchEvent(new DragEvent('dragover', { dataTransfer: new DataTransfer(), bubbles: true, cancelable: true })));
    await page.locator('.verify-page.drop-over').waitFor();
    await tid(page, 'verify-page').screenshot({ path: path.join(outDir, 'evidence-verify-dragover.png') });
    // Many files dropped at once (a script's drop has no entries: each item's file is read).
    const gave = await drop(page, [
        { name: '工作方案.pdf', text: 'another content' },
        { name: '改名了.bin', big: true },
        { name: '通知.txt', text: '通知' },
        { name: '多余.docx', text: 'extra' },
    ]);
    assert.deepEqual(gave, [null, null, null, null], 'Chromium gives no entry for a file a script added');
    await tid(page, 'verify-result').waitFor();
    assert.deepEqual(await status(), ['内容不同', '一致(文件已改名)', '缺失', '一致']);
    assert.equal(await page.locator('.verify-page.drop-over').count(), 0);
    assert.match(await text(tid(page, 'verify-4.1-2')), /改名了\.bin$/);
    assert.equal(
        await text(tid(page, 'verify-summary')),
        '佐证材料核对:一致2份(其中改名1份),内容不同1份,缺失1份;另收到目录外文件1份',
    );

    // A folder dropped: walked to the bottom, paths from the folder as the folder picker gives them.
    const folderGave = await drop(page, [
        { name: '工作方案.pdf', text: '关于印发网络市场监管工作方案的通知\n' },
        { name: '子目录/更深/改名了.bin', big: true },
        { name: '子目录/统计表.xlsx', text: '统计表' },
        { name: '子目录/其他.txt', text: 'other' },
        { name: 'a.txt', text: 'a' },
        { name: 'b.txt', text: 'b' },
    ], 'received');
    assert.deepEqual(folderGave, ['folder'], 'the stand-in folder entry was taken during the drop');
    await page.waitForFunction(() => /received\/子目录\/更深\/改名了\.bin/.test(document.querySelector('[data-testid="verify-result"]')?.textContent ?? ''));
    assert.deepEqual(await status(), ['一致', '一致(文件已改名)', '一致', '缺失']);
    assert.deepEqual(
        (await tid(page, 'verify-extra').locator('li').allTextContents()).map((l) => l.split(' ')[0]),
        ['received/a.txt', 'received/b.txt', 'received/子目录/其他.txt'],
    );
    assert.equal(await text(tid(page, 'verify-status')), '');
    // The drop was the page's only: the app's own drop (open a dropped file as an assessment) did
    // not also take it.
    const notices = (await page.locator('[data-testid^="notice"]').allTextContents()).join('\n');
    assert.doesNotMatch(notices, /工作方案\.pdf|改名了|placeholder|一次只能打开一个文件/, notices);
    await tid(page, 'verify-result').screenshot({ path: path.join(outDir, 'evidence-verify-result.png') });
    noErrors(app);
});

test('the 核对结果 of a submission of 30 entries prints on one A4 page', async () => {
    // The example with 30 entries over 15 sub-items, each with a file and the long titles of real
    // documents; the reviewer receives 27 of them (one changed, one renamed) and 2 files more.
    const example = JSON.parse(await readFile(path.join(repoRoot, 'tests', 'examples', 'pass-hangzhou.json'), 'utf8'));
    const items = Object.keys(example.inputs).filter((k) => k !== '1' && k !== '2').slice(0, 15);
    const received = [];
    let n = 0;
    for (const item of items) {
        example.inputs[item].evidence = [0, 1].map((k) => {
            n++;
            const name = `${item}-${k + 1} 杭州市网络市场监管与服务示范区创建佐证材料第${n}号.pdf`;
            const content = `佐证材料 ${n}`;
            if (n === 3) received.push({ name, text: 'changed' });
            else if (n === 7) received.push({ name: `重命名的材料${n}.pdf`, text: content });
            else if (n % 10 !== 5) received.push({ name, text: content });
            return {
                title: `关于印发《杭州市网络市场监管与服务示范区创建工作方案(${2023 + (n % 3)}年度)》的通知(第${n}号)`,
                source: `杭市监〔2025〕${n}号`, date: '2025-03-01', pages: String(10 + n),
                file: { name, size: Buffer.byteLength(content), sha256: sha256sum(Buffer.from(content)) },
            };
        });
    }
    received.push({ name: '说明.docx', text: 'note' }, { name: '封面.pdf', text: 'cover' });
    const app = await open();
    const { page } = app;
    await tid(page, 'file-input').setInputFiles({ name: '杭州市-30条佐证.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(example)) });
    await chooseRole(page, 'province', { name: '王五', unit: '浙江省市场监督管理局', date: '2026-11-20' });
    await tid(page, 'nav-summary').click();
    await tid(page, 'btn-verify-evidence').click();
    await tid(page, 'verify-page').waitFor();
    await drop(page, received);
    await tid(page, 'verify-result').waitFor();
    assert.equal(await tid(page, 'verify-result').locator('tbody tr').count(), 30);
    assert.equal(
        await text(tid(page, 'verify-summary')),
        '佐证材料核对:一致26份(其中改名1份),内容不同1份,缺失3份;另收到目录外文件2份',
    );
    const paper = flat(await printedText(page, 'evidence-verify-print'));
    const pages = execFileSync('pdfinfo', [path.join(outDir, 'evidence-verify-print.pdf')], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)[1];
    assert.equal(Number(pages), 1, 'one page');
    assert.match(paper, /核对结果/);
    for (const number of [`${items[0]}-1`, `${items.at(-1)}-2`, '说明.docx']) assert.ok(paper.includes(flat(number)), number);
    assert.doesNotMatch(paper, /选择文件夹|打印核对结果|将一致的条目/, 'no controls on paper');
    noErrors(app);
});

test('a growth item with every year reported says in 提分路径 that its points cannot come any more', async () => {
    // fail-total.json with the last year of sub-item 1 growing by exactly the published 10%.
    const example = JSON.parse(await readFile(path.join(repoRoot, 'tests', 'examples', 'fail-total.json'), 'utf8'));
    example.inputs['1'].years.subject['2024'] = '41272';
    example.inputs['1'].years.reference_rate['2024'] = '10';
    const app = await open();
    const { page } = app;
    await tid(page, 'file-input').setInputFiles({ name: 'fail-total.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(example)) });
    await chooseRole(page, 'self');
    await tid(page, 'nav-summary').click();
    // Listed under each unmet condition its dimension counts for: the first.
    const line = tid(page, 'raise-1').first();
    await line.waitFor();
    assert.equal(
        await text(line),
        '1 创建期各年均已填报,2024年增速10.00%,未超过当年全国电子商务交易额增速10.00%;已无待报告的年份,本项其余1分在本创建期内无法再取得',
    );
    // Sub-item 2 of the example was already short in a reported year (and showed nothing before):
    // both come last in their dimension, after every line that can still bring points.
    const lines = (await line.locator('xpath=..').locator('li').allTextContents()).map((l) => l.trim());
    assert.equal(lines.at(-2), await text(line));
    assert.equal(
        lines.at(-1),
        '2 创建期各年均已填报,2022年增速5.13%,未超过当年社会消费品零售总额增速8.16%;已无待报告的年份,本项其余1分在本创建期内无法再取得',
    );
    assert.ok(lines.length > 2, lines.join('\n'));
    await line.locator('xpath=..').screenshot({ path: path.join(outDir, 'evidence-raise-growth.png') });
    noErrors(app);
});
