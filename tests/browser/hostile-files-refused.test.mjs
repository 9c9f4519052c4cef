// Hostile files (50 MB, deeply nested JSON, numbers with 40 digits, duplicate keys, a format
// version from the future): each a clear error, no freeze of the page beyond a progress
// indication, against the built app (dist/): each file is opened the two ways a user opens
// files (打开文件 in the header, and many at once in 省级汇总). The test asserts the error
// (in Chinese, naming the place), that nothing was replaced, and that the page still answers;
// it prints the longest main-thread task seen while the file was handled (a figure, not an
// assertion: timing belongs to benchmarks).

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, trackApps, tid, text, storedDrafts, watchTasks } from './helpers.mjs';

const open = trackApps(after);
const EXAMPLE = JSON.parse(await readFile(path.join(repoRoot, 'tests/examples/pass-hangzhou.json'), 'utf8'));
let dir;

before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-hostile-files-'));
});
after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
});

/** Writes a file to disk (Chromium reads it from there, as from a real file dialog). */
async function file(name, content) {
    const p = path.join(dir, name);
    await writeFile(p, content);
    return p;
}

function withText(mutate) {
    return JSON.stringify({ ...structuredClone(EXAMPLE), ...mutate });
}

/** The hostile files, each with what its error must say. */
async function hostileFiles() {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    Buffer.from(JSON.stringify(EXAMPLE)).copy(big);
    const depth = 100_000;
    const deep = '{"format":"demozone-assessment","format_version":1,"subject":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
    const forty = JSON.stringify(EXAMPLE).replace(/"format_version":\d+/, '"format_version":1234567890123456789012345678901234567890');
    const bigNumber = withText({ recorded: { ...EXAMPLE.recorded, total: 1234567890123456789012345678901234567890 } });
    const base = JSON.stringify(EXAMPLE);
    const duplicate = base.replace('"subject":{', '"subject":{"name":"甲市",');
    const future = withText({ format_version: 99 });
    return [
        ['50mb.json', await file('50mb.json', big), /文件过大/],
        ['deep.json', await file('deep.json', deep), /嵌套|层数|过深/],
        ['forty-digits.json', await file('forty-digits.json', forty), /format_version/],
        ['forty-digits-recorded.json', await file('forty-digits-recorded.json', bigNumber), /recorded/],
        ['duplicate.json', await file('duplicate.json', duplicate), /重复.*name|name.*重复/],
        ['future.json', await file('future.json', future), /更新版本的程序.*格式版本99/],
    ];
}


test('打开文件: each hostile file is refused with a clear error; the draft and the page stay', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').fill('丽水市');
    const before = await storedDrafts(page);
    const tasks = await watchTasks(page);
    const figures = [];
    for (const [name, p, want] of await hostileFiles()) {
        await tasks.reset();
        await tid(page, 'file-input').setInputFiles(p);
        const notice = tid(page, 'notice-file-error');
        await page.waitForFunction((n) => document.querySelector('[data-testid="notice-file-error"]')?.textContent.includes(n), name);
        const t = await text(notice);
        assert.match(t, new RegExp(`无法打开文件「${name.replace(/\./g, '\\.')}」`), t);
        assert.match(t, want, `${name}: ${t}`);
        assert.match(t, /当前的草稿和已保存的草稿都没有改变/);
        // The page answers: typing still works, and the draft is what it was.
        await tid(page, 'subject-name').fill('丽水市');
        assert.deepEqual((await storedDrafts(page)).map((d) => d.assessment), before.map((d) => d.assessment), name);
        figures.push(`${name} ${await tasks.longest()} ms`);
        await tid(page, 'notice-file-error').locator('button').first().click();
    }
    console.log(`# longest main-thread task while refusing each file (打开文件): ${figures.join(', ')}`);
    assert.deepEqual(app.log.pageErrors, []);
});

test('省级汇总: hostile files among good ones are listed with their errors; the good ones are ranked', async () => {
    const app = await open({ readySelector: 'h1' });
    const { page } = app;
    await tid(page, 'tool-ranking').click();
    const good = await file('good.json', JSON.stringify(EXAMPLE));
    const bad = await hostileFiles();
    const tasks = await watchTasks(page);
    await tid(page, 'ranking-files-input').setInputFiles([good, ...bad.map(([, p]) => p)]);
    await page.waitForFunction(() => /已读取7个文件/.test(document.querySelector('[data-testid="ranking-files-status"]')?.textContent || ''));
    assert.match(await text(tid(page, 'ranking-files-status')), /已读取7个文件,其中6个无法读取/);
    assert.equal(await tid(page, 'rank-row').count(), 1);
    // One entry per hostile file, each with the reason (and place) that file must get, as when it
    // is opened alone.
    const entries = tid(page, 'ranking-failures').getByTestId('failure');
    const listed = await Promise.all(
        (await entries.all()).map(async (li) => ({ name: await text(li.locator('.failure-name')), line: await text(li) })),
    );
    assert.deepEqual(listed.map((f) => f.name).sort(), bad.map(([name]) => name).sort(), 'the files listed as unreadable');
    for (const [name, , want] of bad) {
        const { line } = listed.find((f) => f.name === name);
        assert.match(line, want, `${name}: ${line}`);
    }
    console.log(`# longest main-thread task while 省级汇总 read 1 good and 6 hostile files: ${await tasks.longest()} ms`);
    assert.deepEqual(app.log.pageErrors, []);
});
