// The start page lists the stored drafts from their index (src/engine/io/index.rs), without the
// engine: the engine (reading and scoring drafts, the rubrics) comes with the workspace's chunk,
// fetched after the first screen (src/app/state/port.rs). These tests hold that chunk back and
// look at what the first screen shows meanwhile, then what it shows once the engine is there:
// when the index describes every draft, when a draft changed behind it, and when it is damaged.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { trackApps, tid, text, noErrors, storedDrafts } from './helpers.mjs';

const open = trackApps(after);
const WORKSPACE = /\/split_workspace-[0-9a-f]+\.wasm$/;
const INDEX = 'demozone.index';

/** Holds the workspace's chunk (the engine) back from now on; returns what lets it through. */
async function holdEngine(context) {
    let release;
    const held = new Promise((r) => (release = r));
    const asked = [];
    await context.route(
        (url) => WORKSPACE.test(url.pathname),
        async (route) => {
            asked.push(route.request().url());
            await held;
            await route.continue();
        },
    );
    return { release, asked };
}

/** A draft named `name`, stored, then the start page. */
async function makeDraft(page, name) {
    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').fill(name);
    await page.waitForFunction(
        (n) => Object.keys(localStorage).some((k) => k.startsWith('demozone.draft.') && localStorage.getItem(k).includes(n)),
        name,
    );
    await tid(page, 'btn-drafts').click();
    await tid(page, 'drafts-list').waitFor();
}

test('the first screen lists the drafts, with their score, before the engine has arrived', async () => {
    const app = await open({});
    const { page, context } = app;
    await makeDraft(page, '嘉兴市');
    await makeDraft(page, '湖州市');
    const index = await page.evaluate((k) => localStorage.getItem(k), INDEX);
    assert.match(index, /^demozone-index\t1\t/);
    assert.match(index, /嘉兴市/);

    const engine = await holdEngine(context);
    await page.reload({ waitUntil: 'commit' });
    await tid(page, 'drafts-list').waitFor();
    const titles = await tid(page, 'draft-title').allTextContents();
    assert.deepEqual(titles.map((t) => t.trim()).sort(), ['湖州市自评', '嘉兴市自评'].sort());
    assert.match(await text(tid(page, 'draft-score').first()), /总分[0-9.]+分 · /);
    assert.ok(engine.asked.length >= 1, 'the engine is being fetched meanwhile');
    assert.equal(await tid(page, 'drafts-reading').count(), 0);

    // A click before the engine is there waits for it, then opens the draft.
    await tid(page, 'draft-open').first().click();
    engine.release();
    await tid(page, 'subject-name').waitFor();
    assert.match(await tid(page, 'subject-name').inputValue(), /嘉兴市|湖州市/);
    noErrors(app);
});

test('a draft changed behind the index (another program) is read again; a damaged index is no index', async () => {
    const app = await open({});
    const { page, context } = app;
    await makeDraft(page, '金华市');
    // Another program (an older release, a hand edit) changes the stored draft: the index no
    // longer describes its text.
    await page.evaluate(() => {
        const k = Object.keys(localStorage).find((x) => x.startsWith('demozone.draft.'));
        localStorage.setItem(k, localStorage.getItem(k).replace('金华市', '衢州市'));
    });
    const engine = await holdEngine(context);
    await page.reload({ waitUntil: 'commit' });
    await tid(page, 'drafts-reading').waitFor();
    assert.equal(await tid(page, 'draft-row').count(), 0, 'no row the index cannot vouch for');
    engine.release();
    await tid(page, 'drafts-list').waitFor();
    assert.deepEqual((await tid(page, 'draft-title').allTextContents()).map((t) => t.trim()), ['衢州市自评']);
    assert.match(await page.evaluate((k) => localStorage.getItem(k), INDEX), /衢州市/, 'the index is written again');

    // A damaged index: the drafts themselves are read, and nothing is lost.
    await page.evaluate((k) => localStorage.setItem(k, 'demozone-index\t1\tgarbage\nR\tzz'), INDEX);
    await page.reload();
    await tid(page, 'drafts-list').waitFor();
    assert.deepEqual((await tid(page, 'draft-title').allTextContents()).map((t) => t.trim()), ['衢州市自评']);
    assert.equal((await storedDrafts(page))[0].assessment.subject.name, '衢州市');
    noErrors(app);
});

test('the index gives way when storage is full: a draft is saved in its place', async () => {
    const app = await open({});
    const { page } = app;
    await makeDraft(page, '丽水市');
    // Fill the storage to the last bytes, then type: the index is dropped, the draft is saved.
    await page.evaluate(() => {
        let chunk = 'x'.repeat(1 << 20);
        for (let i = 0; chunk.length > 0; ) {
            try {
                localStorage.setItem(`filler.${i++}`, chunk);
            } catch {
                chunk = chunk.slice(0, chunk.length >> 1);
            }
        }
    });
    await tid(page, 'draft-open').first().click();
    await tid(page, 'subject-name').fill('丽水市莲都区');
    await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.includes('已自动保存'), null, { timeout: 10_000 }).catch(() => {});
    const status = await text(tid(page, 'save-status'));
    const stored = (await storedDrafts(page))[0].assessment.subject.name;
    // Either the draft was saved (the index made room) or the page says it was not: never both.
    assert.equal(status.includes('已自动保存'), stored === '丽水市莲都区', `${status} / ${stored}`);
    assert.equal(stored, '丽水市莲都区', 'the index made room for the draft');
    await page.evaluate(() => {
        for (const k of Object.keys(localStorage)) if (k.startsWith('filler.')) localStorage.removeItem(k);
    });
    noErrors(app);
});
