// The first seconds (web/boot.js): while the wasm is on its way the page says it is loading
// instead of staying blank, and if the wasm cannot be had the page says so in Chinese.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { trackApps, screenshot, text } from './helpers.mjs';

const open = trackApps(after);
const MAIN_WASM = /\/demozone-[0-9a-f]+_bg\.wasm$/;

/** Holds the main module's .wasm back until the returned `release()` is called. */
function holdWasm() {
    let release;
    const gate = new Promise((resolve) => (release = resolve));
    const beforeGoto = (context) =>
        context.route(
            (url) => MAIN_WASM.test(url.pathname),
            async (route) => {
                await gate;
                await route.continue();
            },
        );
    return { beforeGoto, release };
}

test('a slow wasm: the page says it is loading, then the app replaces the line', async () => {
    const held = holdWasm();
    const app = await open({ beforeGoto: held.beforeGoto, settle: false, readySelector: '.boot-loading' });
    const { page } = app;
    const line = page.locator('.boot-loading');
    assert.equal(await text(line), '正在加载自评工作台……');
    assert.equal(await line.getAttribute('role'), 'status');
    assert.ok(await line.isVisible());
    assert.equal(await page.locator('h1').count(), 0, 'the app is not running yet');
    await screenshot(page, 'boot-loading', { fullPage: false });

    held.release();
    await page.locator('h1').waitFor();
    await page.locator('.boot-loading').waitFor({ state: 'detached' });
    assert.equal(await page.locator('.boot-error').count(), 0);
    assert.deepEqual(app.log.pageErrors, []);
});

test('no wasm: the loading line gives way to a Chinese error, not a blank page', async () => {
    const app = await open({
        beforeGoto: (context) => context.route((url) => MAIN_WASM.test(url.pathname), (route) => route.abort('connectionfailed')),
        settle: false,
        readySelector: '.boot-error',
    });
    const { page } = app;
    const notice = await text(page.locator('.boot-error'));
    assert.match(notice, /^页面加载失败:.+。请刷新重试,或使用最新版 Chrome、Edge、Firefox 或 Safari。$/);
    assert.equal(await page.locator('.boot-error').getAttribute('role'), 'alert');
    assert.equal(await page.locator('.boot-loading').count(), 0);
    assert.equal(await page.locator('h1').count(), 0);
});
