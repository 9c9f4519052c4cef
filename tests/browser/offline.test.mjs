// Offline after the first visit (web/sw.js, web/offline.js, scripts/sw-precache.mjs), from a folder
// of the server:
//  - first visit online; then with the network off the app reloads, takes typing, opens a lazily
//    loaded page (a chunk of the split module), and reloads again with the draft kept;
//  - a new release deployed while a page is open: the page says 新版本已就绪,刷新后使用 and keeps
//    working with its own release (its page chunk comes from its own release even after the
//    server dropped that file); a reload brings the new release whole, and the old release's
//    cache is gone.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { trackApps, tid, text, storedDrafts, screenshot, repoRoot } from './helpers.mjs';
import { startServer, defaultDist } from './server.mjs';

const run = promisify(execFile);
const open = trackApps(after);
const PREFIX = '/apps/demozone/';
const NOTICE = '新版本已就绪,刷新后使用';
const MORE = /\/split_page_eligibility-[0-9a-f]{16}\.wasm$/;

/** Waits until the service worker of the page's folder is active (every file of its release stored). */
async function workerReady(page) {
    return page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return { scope: registration.scope, state: registration.active.state };
    });
}

const caches = (page) => page.evaluate(() => caches.keys());

test('after the first visit the app opens, works and keeps the draft with the network off', async () => {
    const app = await open({ prefix: PREFIX, readySelector: 'h1', serviceWorkers: 'allow' });
    const { page, context, server } = app;
    const { scope } = await workerReady(page);
    assert.equal(scope, server.url, 'the worker controls the site\'s folder');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null, 'the first visit came from the network');
    const [cache] = await caches(page);
    assert.match(cache, new RegExp(`^demozone ${server.url} [0-9a-f]{16}$`));

    await context.setOffline(true);
    await page.reload();
    await page.locator('li.indicator').first().waitFor();
    assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'served by the worker');
    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').fill('衢州市');
    // A lazily loaded page, never opened online: it comes from the worker's cache.
    await tid(page, 'nav-eligibility').click();
    await tid(page, 'eligibility-result').waitFor();
    await page.reload();
    await tid(page, 'current-title').waitFor();
    assert.equal((await storedDrafts(page))[0].assessment.subject.name, '衢州市');
    assert.match(await text(tid(page, 'current-title')), /衢州市/);
    assert.equal(await page.locator('.boot-error').count(), 0);
    assert.equal(await page.locator('.sw-update').count(), 0, 'no update notice');
    assert.deepEqual(app.log.pageErrors, []);
    assert.deepEqual(app.log.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), [], 'console errors');
    await context.setOffline(false);
});

/** A copy of dist/ to deploy from, so that a test can change the site under a running page. */
async function copyOfSite() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-release-'));
    await cp(defaultDist, dir, { recursive: true });
    return dir;
}

/**
 * Deploys "release B" over the site in `dir` as a new build would: the 申请条件 page's chunk under a
 * new content-hashed name (the old file gone from the server), the split loader that fetches it and
 * index.html (its integrity for the loader) changed, the service worker's list rewritten
 * (scripts/sw-precache.mjs) and the compressed copies remade.
 */
async function deployNewRelease(dir) {
    const names = await readdir(dir);
    const chunk = names.find((n) => /^split_page_eligibility-[0-9a-f]{16}\.wasm$/.test(n));
    const loaderName = names.find((n) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(n));
    const old = chunk.replace(/\.wasm$/, '');
    const next = 'split_page_eligibility-0123456789abcdef';
    for (const name of names.filter((n) => n.startsWith(old) || n.startsWith(loaderName))) {
        if (/\.(br|gz)$/.test(name)) await rm(path.join(dir, name));
    }
    await rename(path.join(dir, chunk), path.join(dir, `${next}.wasm`));
    const loaderPath = path.join(dir, loaderName);
    const loader = (await readFile(loaderPath, 'utf8')).split(old).join(next);
    await writeFile(loaderPath, loader);
    const integrity = 'sha384-' + createHash('sha384').update(loader).digest('base64');
    const html = await readFile(path.join(dir, 'index.html'), 'utf8');
    const fixed = html.replace(new RegExp(`(<link[^>]*${loaderName}"[^>]*integrity=")[^"]*"`), `$1${integrity}"`);
    assert.notEqual(fixed, html, 'index.html preloads the loader with its integrity');
    await writeFile(path.join(dir, 'index.html'), fixed.replace('<head>', '<head><meta name="demozone-test-release" content="B" />'));
    await run(process.execPath, [path.join(repoRoot, 'scripts', 'sw-precache.mjs'), dir]);
    await run(process.execPath, [path.join(repoRoot, 'scripts', 'precompress.mjs'), dir]);
    return { old, next };
}

test('a new release: the open page says 新版本已就绪,刷新后使用, keeps its own release, and a reload takes the new one whole', async () => {
    const dir = await copyOfSite();
    after(() => rm(dir, { recursive: true, force: true }));
    const app = await open({
        serve: () => startServer({ root: dir, precompressed: true, prefix: PREFIX }),
        readySelector: 'h1',
        serviceWorkers: 'allow',
    });
    const { page } = app;
    // What the page itself asks for (whoever answers), not the worker's own fetches.
    const asked = [];
    page.on('request', (r) => asked.push(r.url()));
    await workerReady(page);
    await page.reload();
    await page.locator('h1').waitFor();
    assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'release A serves the page');
    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').fill('丽水市');
    const [cacheA] = await caches(page);

    const { old, next } = await deployNewRelease(dir);
    // The page checks for a new release when it becomes visible again and every half hour; ask now.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const notice = page.locator('.sw-update');
    await notice.waitFor({ timeout: 120_000 });
    assert.equal(await text(notice), NOTICE);
    assert.equal(await notice.getAttribute('role'), 'status');
    await screenshot(page, 'update-notice');

    // Until the reload the page stays on release A: its page chunk, gone from the server,
    // still comes from A's cache, and the draft is edited as before.
    await tid(page, 'nav-eligibility').click();
    await tid(page, 'eligibility-result').waitFor();
    const moreA = asked.filter((u) => MORE.test(new URL(u).pathname));
    assert.ok(moreA.length >= 1 && moreA.every((u) => u.includes(old)), JSON.stringify(moreA));
    assert.equal(await page.locator('meta[name="demozone-test-release"]').count(), 0);

    // A reload brings release B whole: its page, its page chunk, and only its cache. The reload
    // gets the old worker's hand-over page, which has B take over and then loads the page again
    // (web/sw.js); B's files are all stored already, so this takes no longer than a page load.
    await page.reload();
    await page.locator('meta[name="demozone-test-release"][content="B"]').waitFor({ state: 'attached' });
    await tid(page, 'current-title').waitFor();
    assert.equal(await page.locator('.sw-update').count(), 0);
    await tid(page, 'nav-eligibility').click();
    await tid(page, 'eligibility-result').waitFor();
    const moreB = asked.filter((u) => MORE.test(new URL(u).pathname) && u.includes(next));
    assert.ok(moreB.length >= 1, JSON.stringify(moreB));
    assert.equal((await storedDrafts(page))[0].assessment.subject.name, '丽水市');
    const after2 = await caches(page);
    assert.equal(after2.length, 1, JSON.stringify(after2));
    assert.notEqual(after2[0], cacheA);
    assert.deepEqual(app.log.pageErrors, []);
    assert.deepEqual(app.log.consoleErrors, []);
});

test('without service workers (blocked, as in some private windows) the app runs online and says nothing', async () => {
    const app = await open({ prefix: PREFIX, readySelector: 'h1' });
    await tid(app.page, 'btn-new').click();
    await tid(app.page, 'subject-name').fill('台州市');
    assert.equal(await app.page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
    assert.equal(await app.page.locator('.sw-update, .boot-error').count(), 0);
    assert.deepEqual(app.log.pageErrors, []);
    assert.deepEqual(app.log.consoleErrors, []);
    // (Playwright itself logs that it blocked the registration; the app adds nothing.)
    assert.deepEqual(app.log.consoleWarnings.filter((w) => /service ?worker/i.test(w) && !/blocked by Playwright/.test(w)), []);
});
