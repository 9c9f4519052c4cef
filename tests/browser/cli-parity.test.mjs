// The command line and the app give the same results: the same files are opened in 省级汇总 and
// 专家组合议 and given to the native `demozone rank` and `demozone panel`, and every figure and
// text the pages show is compared with the command line's JSON; the CSV the page exports with the
// CLI's `--csv` byte for byte, and the workbook of 导出Excel with the CLI's `--xlsx` part by part.
//
// The native binary is built first (`cargo build --bin demozone`: nothing to do after the test
// command's cargo stage, a few minutes on a clean checkout) and run in the folder of the files,
// so that it names them as the app does. Run after `trunk build --release --offline`:
// `node --test tests/browser/cli-parity.test.mjs`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { openApp, repoRoot, expertSheet as sheetOf } from './helpers.mjs';

const TEMPLATE = JSON.parse(await readFile(path.join(repoRoot, 'tests/examples/pass-hangzhou.json'), 'utf8'));
const PROVINCES = ['浙江', '江苏', '广东', '山东', '福建'];
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR) : path.join(repoRoot, 'target');
const BIN = path.join(targetDir, 'debug', process.platform === 'win32' ? 'demozone.exe' : 'demozone');

let app;
let dir;
const ranking = [];
const experts = [];
let other;

function clone(x) {
    return JSON.parse(JSON.stringify(x));
}

/** The i-th assessment: scores that make ties, failed dimension lines, truncated rates. */
function assessment(i) {
    const a = clone(TEMPLATE);
    a.id = `parity-${String(i).padStart(3, '0')}`;
    a.subject.name = `测试市${i % 17}`;
    a.subject.kind = 'prefecture_city';
    a.subject.province = PROVINCES[i % PROVINCES.length];
    a.inputs['4.1'].values.score = ['0', '0.5', '1', '1.5', '2'][i % 5];
    a.inputs['15.1'].values.score = ['1', '1.5', '2', '2.5', '3'][(i * 3) % 5];
    a.inputs['9.1'].values.score = ['0.5', '1', '2.5', '3'][(i * 7) % 4];
    // Half the files keep the template's recorded scores, which now differ (a warning).
    if (i % 2) delete a.recorded;
    return a;
}

function expertSheet(name, scores, id = TEMPLATE.id) {
    return sheetOf(TEMPLATE, name, scores, id);
}

async function write(name, value) {
    await writeFile(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return name;
}

/** Runs the native CLI in the files' folder: { code, stdout (Buffer), stderr }. */
function cli(args) {
    return new Promise((resolve, reject) => {
        execFile(BIN, args, { cwd: dir, encoding: 'buffer', maxBuffer: 1 << 28, timeout: 120_000 }, (err, stdout, stderr) => {
            if (err && typeof err.code !== 'number') return reject(err);
            resolve({ code: err ? err.code : 0, stdout, stderr: stderr.toString('utf8') });
        });
    });
}

async function cliJson(args) {
    const r = await cli(args);
    return { ...r, json: JSON.parse(r.stdout.toString('utf8')) };
}

before(async () => {
    await new Promise((resolve, reject) => {
        execFile('cargo', ['build', '--quiet', '--bin', 'demozone'], { cwd: repoRoot, maxBuffer: 1 << 26, timeout: 900_000 }, (err, _out, stderr) =>
            err ? reject(new Error(`cargo build --bin demozone failed: ${err.message}\n${stderr}`)) : resolve(),
        );
    });
    dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-parity-'));
    for (let i = 0; i < 34; i++) ranking.push(await write(`assessment-${String(i).padStart(2, '0')}.json`, assessment(i)));
    // The same assessment twice, the same subject under another id, a blank name and province, an
    // input with an error, formula-looking names, a file name with a right-to-left override.
    ranking.push(await write('again.json', { ...assessment(3), recorded: undefined }));
    ranking.push(await write('same-subject.json', { ...assessment(5), id: 'another-id' }));
    const blank = assessment(7);
    blank.subject.name = '  ';
    blank.subject.province = '';
    ranking.push(await write('blank.json', blank));
    const wrong = assessment(8);
    wrong.inputs['4.1'].values.score = 'abc';
    ranking.push(await write('error.json', wrong));
    for (const [i, name] of ["=cmd|' /C calc'!A0", '+SUM(1)', '@x', '-1'].entries()) {
        const a = assessment(40 + i);
        a.subject.name = name;
        ranking.push(await write(`formula-${i}.json`, a));
    }
    ranking.push(await write('bidi\u202Etxt.json', assessment(50)));
    ranking.push(await write('broken.json', { format: 'something-else', format_version: 1 }));
    ranking.push(await write('truncated.json', '{"format": "demozone-assessment", "format_version": 1,'));

    experts.push(await write('expert-zhang.json', expertSheet('张三', { '9.1': '2', '15.1': '2.34', '16.1': '1.01' })));
    experts.push(await write('expert-li.json', expertSheet('李四', { '9.1': '2', '15.1': '2.35', '16.1': '1' })));
    experts.push(await write('expert-wang.json', expertSheet('王五', { '9.1': '1', '15.1': '2.35', '16.1': '1' })));
    other = await write('expert-other.json', expertSheet('赵六', { '9.1': '2' }, 'another-assessment'));

    app = await openApp();
});

after(async () => {
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
});

async function home() {
    const { page } = app;
    if (await page.getByTestId('tool-back').count()) await page.getByTestId('tool-back').click();
    await page.getByTestId('tool-ranking').waitFor();
}

/** Every row of the ranking table as the page shows it. */
function pageRows(page) {
    return page.$$eval('[data-testid="rank-row"]', (trs) =>
        trs.map((tr) => {
            const col = (c) => tr.querySelector(`[data-col="${c}"]`).textContent;
            return {
                position: tr.querySelector('td.pos').textContent,
                name: col('name'),
                kind: col('kind'),
                province: col('province'),
                total: col('total'),
                rates: [...tr.querySelectorAll('td.rate')].map((td) => ({ text: td.textContent, passed: td.classList.contains('ok') })),
                verdict: col('verdict'),
                missing: col('missing'),
                dups: col('dups'),
                source: col('source'),
            };
        }),
    );
}

/** The entries of a .xlsx (a zip): name → inflated bytes. */
function unzip(buf) {
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    assert.ok(eocd >= 0, 'a zip file');
    const count = buf.readUInt16LE(eocd + 10);
    let at = buf.readUInt32LE(eocd + 16);
    const out = new Map();
    for (let k = 0; k < count; k++) {
        assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
        const method = buf.readUInt16LE(at + 10);
        const size = buf.readUInt32LE(at + 20);
        const nameLen = buf.readUInt16LE(at + 28);
        const extraLen = buf.readUInt16LE(at + 30);
        const commentLen = buf.readUInt16LE(at + 32);
        const local = buf.readUInt32LE(at + 42);
        const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + size);
        out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
        at += 46 + nameLen + extraLen + commentLen;
    }
    return out;
}

test('省级汇总 shows what `demozone rank` prints: rows, order, figures, duplicates, unreadable files', async () => {
    const { page } = app;
    const { code, json, stderr } = await cliJson(['rank', ...ranking]);
    assert.equal(code, 1, 'two files cannot be read: exit code 1');
    assert.equal(json.format, 'demozone-rank');
    assert.equal(json.format_version, 1);
    assert.equal(json.rows.length, ranking.length - 2);
    assert.ok(json.rows.some((r) => r.duplicates.length), 'duplicates in the batch');
    assert.ok(json.rows.some((r) => r.has_errors), 'an input error in the batch');
    assert.ok(json.rows.some((r) => r.missing.length > 1), 'several unmet conditions in the batch');
    assert.match(stderr, /broken\.json: 字段「format」/);

    await home();
    await page.getByTestId('tool-ranking').click();
    await page.getByTestId('ranking-files-input').setInputFiles(ranking.map((f) => path.join(dir, f)));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="rank-row"]').length === n, json.rows.length, { timeout: 60_000 });

    const rows = await pageRows(page);
    const expected = json.rows.map((r) => ({
        position: String(r.position),
        name: r.name || '(未填写名称)',
        kind: r.kind_label,
        province: r.province || '未填写',
        total: r.total,
        rates: r.dimensions.map((d) => ({ text: `${d.rate}%`, passed: d.passed })),
        verdict: r.verdict,
        missing: r.missing.map((m) => `${m.condition} 差${m.missing}分`).join(';'),
        dups: r.duplicates.length ? `重复${r.duplicates.map((d) => d.text).join(';')}` : '',
        source: r.file,
    }));
    assert.deepEqual(rows, expected);
    assert.ok(rows.some((r) => r.source === 'bidi\u202Etxt.json'), 'the exact file name, read back from the escaped JSON');

    assert.equal(await page.getByTestId('ranking-summary').textContent(), json.summary);
    assert.ok((await page.getByTestId('sort-status').textContent()).startsWith(json.sort.text));
    const headers = await page.$$eval('[data-testid="rank-table"] thead th', (ths) => ths.map((th) => th.textContent));
    for (const d of json.dimensions) assert.ok(headers.some((h) => h.startsWith(`${d.name}得分率`)), d.name);

    const failures = await page.$$eval('[data-testid="ranking-failures"] [data-testid="failure"]', (lis) =>
        lis.map((li) => ({
            file: li.querySelector('.failure-name').textContent,
            place: li.querySelector('.failure-place').textContent,
            reason: li.querySelector('.failure-reason').textContent,
        })),
    );
    assert.deepEqual(
        failures,
        json.unreadable.map((u) => ({ file: u.file, place: `位置:${u.place}`, reason: `原因:${u.reason}` })),
    );
    assert.equal(json.files.unreadable, 2);

    const notes = await page.$$eval('[data-testid="recorded-notes"] li', (lis) => lis.map((li) => li.textContent));
    assert.ok(notes.length > 0);
    // The JSON holds the file's name as it is; a message quoting it names a character that cannot
    // be seen (the engine's support::text::excerpt), so the bidi override is shown as ⟨U+202E⟩.
    const shown = (name) =>
        name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g,
            (c) => `⟨U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
    assert.ok(json.recorded_differences.some((r) => r.file.includes('\u202E')), 'a recorded note quotes the bidi name');
    assert.deepEqual(notes, json.recorded_differences.map((r) => `「${shown(r.file)}」:${r.differences.join(';')}`));
});

test('导出CSV is byte for byte `demozone rank --csv`; 导出Excel has the parts of `--xlsx`', async () => {
    const { page } = app;
    const csv = await cli(['rank', '--csv', ...ranking]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const exported = await readFile(await download.path());
    assert.ok(exported.equals(csv.stdout), `the CSVs differ:\n${exported.toString('utf8').slice(0, 600)}\n---\n${csv.stdout.toString('utf8').slice(0, 600)}`);
    assert.match(exported.toString('utf8'), /\n\d+,'=cmd\|' \/C calc'!A0,/);

    const out = path.join(dir, 'cli.xlsx');
    const xlsx = await cli(['rank', '--xlsx', out, ...ranking]);
    assert.equal(xlsx.code, 1, xlsx.stderr);
    assert.match(xlsx.stderr, /已生成「.*cli\.xlsx」/);
    const [book] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-xlsx').click()]);
    const fromApp = unzip(await readFile(await book.path()));
    const fromCli = unzip(await readFile(out));
    assert.deepEqual([...fromApp.keys()].sort(), [...fromCli.keys()].sort());
    for (const [name, bytes] of fromApp) {
        // docProps/core.xml holds the time the workbook was made.
        if (name === 'docProps/core.xml') continue;
        assert.ok(bytes.equals(fromCli.get(name)), `${name} differs`);
    }
    assert.ok(fromApp.get('xl/sharedStrings.xml').toString('utf8').includes('测试市'));
});

test('专家组合议 shows what `demozone panel` prints: scores, exact and rounded means, spread, outliers, verdict', async () => {
    const { page } = app;
    const { code, json } = await cliJson(['panel', ...experts]);
    assert.equal(code, 0);
    assert.equal(json.format, 'demozone-panel');
    const p = json.panel;
    const i15 = p.indicators.find((i) => i.number === 15);
    assert.deepEqual([i15.mean_exact, i15.mean], ['2.3466666666666666666666666667', '2.35']);

    await home();
    await page.getByTestId('tool-panel').click();
    await page.getByTestId('panel-files-input').setInputFiles(experts.map((f) => path.join(dir, f)));
    await page.getByTestId('panel-result').waitFor({ timeout: 30_000 });

    const rows = await page.$$eval('[data-testid="panel-row"]', (trs) =>
        trs.map((tr) => ({
            key: tr.dataset.key,
            outlier: tr.classList.contains('outlier'),
            cells: [...tr.children].map((c) => c.textContent),
            far: [...tr.querySelectorAll('td')].map((td) => td.classList.contains('far')),
        })),
    );
    assert.deepEqual(
        rows,
        p.indicators.map((i) => ({
            key: String(i.number),
            outlier: i.outlier !== null,
            cells: [`${i.number}. ${i.title}`, i.max, ...i.scores, i.mean, i.spread, i.outlier ? i.outlier.note : ''],
            far: [false, ...i.scores.map((_, k) => Boolean(i.outlier && i.outlier.experts.includes(k))), false, false, false],
        })),
    );
    assert.ok(rows.some((r) => r.outlier), 'an outlier in the panel');

    const dims = await page.$$eval('[data-testid="panel-dim"]', (trs) =>
        trs.map((tr) => ({
            name: tr.querySelector('.dim-name').textContent,
            figures: tr.querySelector('.dim-figures').textContent,
            passed: tr.querySelector('.verdict-tag').classList.contains('pass'),
        })),
    );
    assert.deepEqual(
        dims,
        p.dimensions.map((d) => ({ name: d.name, figures: `专家组得分 ${d.score}/${d.max} · 得分率 ${d.rate}%`, passed: d.passed })),
    );
    assert.equal(await page.getByTestId('panel-total').textContent(), `${p.total}/${p.max}`);
    assert.equal(await page.getByTestId('panel-verdict').textContent(), p.verdict);
    const expertRows = await page.$$eval('[data-testid="panel-experts"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.deepEqual(expertRows, p.experts.map((e) => [e.display, e.file, e.at, `${e.total}/${e.max}`, e.opinion]));
    const problems = await page.$$eval('[data-testid="panel-problems"] li', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(problems, p.problems);
});

test('专家组合议 refuses the sheet `demozone panel` refuses, with the same reason', async () => {
    const { page } = app;
    const { code, json } = await cliJson(['panel', ...experts, other]);
    assert.equal(code, 1);
    assert.equal(json.panel, null);
    assert.equal(json.refusals.length, 1);
    await page.getByTestId('panel-files-input').setInputFiles([path.join(dir, other)]);
    await page.getByTestId('panel-refusal').first().waitFor();
    const refusals = await page.$$eval('[data-testid="panel-refusal"]', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(refusals, json.refusals.map((r) => r.text));
    assert.equal(await page.getByTestId('panel-result').count(), 0);
});

test('no console error, page error or failed request', () => {
    assert.deepEqual(app.log.consoleErrors, [], 'console errors');
    assert.deepEqual(app.log.pageErrors, [], 'page errors');
    assert.deepEqual(app.log.failedRequests, [], 'failed requests');
});
