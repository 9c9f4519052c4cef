// Shared harness for the browser tests: starts the static server on dist/, launches the
// system Chromium (Debian's /usr/bin/chromium) through playwright-core with a fresh profile,
// and records console errors, page errors, failed requests and every requested URL.
//
// No browser is ever downloaded: playwright-core only drives the Chromium at CHROMIUM_PATH.

import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, repoRoot } from './server.mjs';

export { repoRoot };
export const browserTestsDir = path.dirname(fileURLToPath(import.meta.url));
export const outDir = path.join(browserTestsDir, 'out');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const VIEWPORT = { width: 1366, height: 768 };

/** The flags every headless Chromium of the tests and benchmarks is started with. */
export const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Talk to 127.0.0.1 directly even when the environment sets a proxy.
    '--no-proxy-server',
];

/** Parses a CSP string into { directive: [sources...] }. */
export function parseCsp(csp) {
    const out = {};
    for (const part of csp.split(';')) {
        const [name, ...values] = part.trim().split(/\s+/);
        if (name) out[name.toLowerCase()] = values;
    }
    return out;
}

/**
 * Starts the server and the browser, opens the app and waits until `readySelector` shows.
 * `beforeGoto(context)` runs before the page is opened (e.g. to route requests); `settle: false`
 * waits for neither the load event nor a quiet network (for a test that holds a request back);
 * `prefix` serves the site from a folder of the server (see server.mjs); `serve()` starts another
 * server instead, resolving to { url, origin, close() }. Service workers are blocked unless
 * `serviceWorkers: 'allow'` (tests/browser/offline.test.mjs).
 * Returns { server, context, page, log, close() } where log has
 * consoleErrors, consoleWarnings, pageErrors, failedRequests, badResponses, requests, responses.
 */
export async function openApp({ readySelector = 'li.indicator', viewport = VIEWPORT, timeout = 30_000, beforeGoto, settle = true, prefix = '/', serve, serviceWorkers = 'block' } = {}) {
    // The build's .br / .gz copies, as a static server set up by docs/hosting.md sends them.
    const server = serve ? await serve() : await startServer({ precompressed: true, prefix });
    const profile = await mkdtemp(path.join(os.tmpdir(), 'demozone-chromium-'));
    let context;
    try {
        context = await chromium.launchPersistentContext(profile, {
            executablePath: chromiumPath,
            headless: true,
            args: CHROMIUM_ARGS,
            viewport,
            locale: 'zh-CN',
            serviceWorkers,
        });
    } catch (err) {
        await server.close();
        await rm(profile, { recursive: true, force: true });
        throw err;
    }

    const log = {
        consoleErrors: [],
        consoleWarnings: [],
        pageErrors: [],
        failedRequests: [],
        badResponses: [],
        requests: [],
        responses: [],
    };
    context.on('request', (req) => log.requests.push(req.url()));
    context.on('requestfailed', (req) => log.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`));
    context.on('response', (res) => {
        const headers = res.headers();
        log.responses.push({ url: res.url(), status: res.status(), type: headers['content-type'] || '', encoding: headers['content-encoding'] || '' });
        if (res.status() >= 400) log.badResponses.push(`${res.status()} ${res.url()}`);
    });

    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
        const where = msg.location()?.url ? ` (${msg.location().url})` : '';
        if (msg.type() === 'error') log.consoleErrors.push(msg.text() + where);
        else if (msg.type() === 'warning') log.consoleWarnings.push(msg.text() + where);
    });
    page.on('pageerror', (err) => log.pageErrors.push(String(err?.stack || err)));

    const close = async () => {
        await context.close().catch(() => {});
        await server.close();
        await rm(profile, { recursive: true, force: true });
    };

    try {
        if (beforeGoto) await beforeGoto(context);
        await page.goto(server.url, { waitUntil: settle ? 'load' : 'commit', timeout });
        await page.waitForSelector(readySelector, { timeout });
        // Let late requests, console messages and errors arrive.
        if (settle) await page.waitForLoadState('networkidle', { timeout }).catch(() => {});
    } catch (err) {
        const details = JSON.stringify(
            { consoleErrors: log.consoleErrors, pageErrors: log.pageErrors, failedRequests: log.failedRequests, badResponses: log.badResponses },
            null,
            2,
        );
        await close();
        throw new Error(`${err.message}\nwhile loading the app; collected so far: ${details}`);
    }

    return { server, context, page, log, close };
}

/** Writes a PNG screenshot to tests/browser/out/NAME.png and returns its path. */
export async function screenshot(page, name, options = {}) {
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: file, ...options });
    return file;
}

// ---------- shared by the test files ----------

/**
 * An `open(options)` that opens the app (see openApp) and closes every page it opened when the
 * test file ends. Call once at the top of a test file.
 */
export function trackApps(after) {
    const opened = [];
    after(async () => {
        for (const app of opened) await app.close();
    });
    return async function open(options) {
        const app = await openApp(options);
        opened.push(app);
        return app;
    };
}

/** The element with this `data-testid`, exactly. */
export const tid = (page, id) => page.getByTestId(id, { exact: true });

/**
 * Fills the 基本情况 fields of the open draft: its name, kind and province, and the start year and
 * years of its creation period when given (values as the selects' option values).
 */
export async function fillSubject(page, { name, kind, province, start, years }) {
    await tid(page, 'subject-name').fill(name);
    await tid(page, 'subject-kind').selectOption(kind);
    await tid(page, 'subject-province').selectOption(province);
    if (start !== undefined) await tid(page, 'subject-start').selectOption(start);
    if (years !== undefined) await tid(page, 'subject-years').selectOption(years);
}

/** A locator's text, trimmed. */
export const text = async (locator) => (await locator.textContent()).trim();

/** Every draft stored in the page's localStorage, parsed. */
export async function storedDrafts(page) {
    return page.evaluate(() => {
        const out = [];
        for (let i = 0; i < localStorage.length; i++) {
            const k = localStorage.key(i);
            if (k.startsWith('demozone.draft.')) out.push(JSON.parse(localStorage.getItem(k)));
        }
        return out;
    });
}

/** Shows indicator page `n` through the navigation. */
export async function go(page, n) {
    await tid(page, `nav-ind-${n}`).click();
    await tid(page, `indicator-${n}`).waitFor();
}

/**
 * Answers the role chooser: `role` (self, province, expert) and, for a reviewer, who {name, unit, date}.
 * The chooser opens by itself only after opening a file with review layers; otherwise 切换身份 opens it.
 */
export async function chooseRole(page, role, who) {
    // The role bar and an automatic chooser appear together, once the draft is shown.
    await tid(page, 'role-switch').waitFor();
    if ((await tid(page, 'role-chooser').count()) === 0) await tid(page, 'role-switch').click();
    await tid(page, 'role-chooser').waitFor();
    await tid(page, `role-option-${role}`).check();
    if (who) {
        await tid(page, 'reviewer-name').fill(who.name);
        await tid(page, 'reviewer-unit').fill(who.unit);
        await tid(page, 'reviewer-date').fill(who.date);
    }
    await tid(page, 'role-confirm').click();
    await tid(page, 'role-chooser').waitFor({ state: 'detached' });
}

/** No page error, no console error, and no request to another origin in the app's session so far. */
export function noErrors(app) {
    assert.deepEqual(app.log.pageErrors, [], 'page errors');
    assert.deepEqual(app.log.consoleErrors, [], 'console errors');
    const foreign = app.log.requests.filter((u) => !u.startsWith(app.server.origin) && !/^(data|blob):/.test(u));
    assert.deepEqual(foreign, [], 'requests to other origins');
}

/** From the next load on, `localStorage` throws as in a private window with storage blocked. */
export async function blockStorage(page) {
    await page.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
            get() {
                throw new DOMException('The operation is insecure.', 'SecurityError');
            },
        });
    });
}

/**
 * An expert's score sheet (第十四条): a copy of the assessment file `template` with one expert
 * layer by `name` (of 某大学) scoring the items of `scores` ({ '9.1': '2' }), for 专家组合议.
 */
export function expertSheet(template, name, scores, id = template.id) {
    const a = JSON.parse(JSON.stringify(template));
    a.id = id;
    const items = {};
    for (const [item, score] of Object.entries(scores)) items[item] = { score, method: 'expert_evaluation' };
    a.reviews = [{ role: 'expert', reviewer: { name, unit: '某大学' }, at: '2025-12-01', items, opinion: `${name}的评估意见` }];
    return a;
}

/** Starts recording main-thread long tasks (PerformanceObserver 'longtask'); `longest()` gives the
 * longest since the last `reset()`, in ms. */
export async function watchTasks(page) {
    await page.evaluate(() => {
        window.__tasks = [];
        new PerformanceObserver((l) => window.__tasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: false });
    });
    return {
        reset: () => page.evaluate(() => (window.__tasks = [])),
        longest: () => page.evaluate(() => Math.round(Math.max(0, ...window.__tasks))),
    };
}
