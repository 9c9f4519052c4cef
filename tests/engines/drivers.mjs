// One small driver API over the engines the core set runs in, each the system's own browser and
// never a downloaded one:
//  - Firefox ESR (Debian `firefox-esr`), through puppeteer-core over WebDriver BiDi, headless;
//  - WebKitGTK (Debian `webkit2gtk-driver`): /usr/bin/WebKitWebDriver starting MiniBrowser, through
//    selenium-webdriver (W3C WebDriver), in a virtual display (scripts/test.sh runs it under
//    xvfb-run);
//  - Chromium (Debian `chromium`) through puppeteer-core, to compare with by hand (a file calling
//    coreSet('chromium')); the test command runs Chromium's full suite instead.
// A missing browser or driver is an error, never a skipped test.
//
// What each driver offers: goto, reload, click, fill (replaces a field's text), type (types at the
// end of a field's text), select, check, setFile, text, value, count,
// evaluate (a function and JSON arguments, run in the page; it may return a promise), waitFor,
// screenshot, errors() (console errors, uncaught errors and failed loads so far), name, version,
// close().
//
// Console errors in WebKit: WebDriver classic has no console and no script that runs before the
// page's own, so the test server adds one <script> to index.html for WebKit (console-recorder.js,
// see startSite in core-set.mjs) that records console.error, uncaught errors, unhandled rejections,
// failed loads and CSP violations from the first moment; errors() reads that record.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const VIEWPORT = { width: 1366, height: 768 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function need(file, what) {
    if (!existsSync(file)) throw new Error(`${what} not found at ${file} (scripts/tools.sh installs it)`);
}

/** The functions every driver shares, built on `evaluate`. */
function common(driver) {
    driver.count = (css) => driver.evaluate((s) => document.querySelectorAll(s).length, css);
    driver.text = (css) => driver.evaluate((s) => document.querySelector(s)?.textContent.trim() ?? null, css);
    driver.value = (css) => driver.evaluate((s) => document.querySelector(s)?.value ?? null, css);
    /** Waits until `css` matches an element (or, with `gone`, none), or `until(text)` holds for its text. */
    driver.waitFor = async (css, { gone = false, timeout = 30_000, until } = {}) => {
        const t0 = Date.now();
        let last;
        for (;;) {
            last = await driver.evaluate((s) => {
                const el = document.querySelector(s);
                return el ? { text: el.textContent.trim() } : null;
            }, css);
            const ok = gone ? !last : last && (!until || until(last.text));
            if (ok) return last?.text;
            if (Date.now() - t0 > timeout) {
                throw new Error(`${driver.name}: waited ${timeout} ms for ${css}${gone ? ' to go' : ''}${until ? ` (text: ${JSON.stringify(last?.text)})` : ''}`);
            }
            await sleep(50);
        }
    };
    return driver;
}

// ---------- puppeteer-core: Firefox (WebDriver BiDi) and Chromium (CDP) ----------

async function launchPuppeteer(engine) {
    const { default: puppeteer } = await import('puppeteer-core');
    const firefox = engine === 'firefox';
    need(firefox ? FIREFOX : CHROMIUM, firefox ? 'Firefox ESR' : 'Chromium');
    const browser = await puppeteer.launch({
        browser: firefox ? 'firefox' : 'chrome',
        executablePath: firefox ? FIREFOX : CHROMIUM,
        headless: true,
        defaultViewport: VIEWPORT,
        args: firefox ? [] : ['--no-sandbox', '--disable-gpu', '--no-first-run', '--no-proxy-server', '--disable-background-networking'],
        extraPrefsFirefox: {
            'intl.accept_languages': 'zh-CN',
            // Only 127.0.0.1, never the environment's proxy.
            'network.proxy.type': 0,
        },
    });
    const page = await browser.newPage();
    const errors = [];
    page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err?.message ?? err}`));
    page.on('requestfailed', (req) => errors.push(`failed load: ${req.url()} ${req.failure()?.errorText ?? ''}`));
    const version = (await browser.version()).replace(/^firefox\//i, 'Firefox ').replace(/^HeadlessChrome\//, 'Chromium ').replace(/^Chrome\//, 'Chromium ');
    const driver = {
        name: firefox ? 'Firefox' : 'Chromium',
        version,
        goto: (url) => page.goto(url, { waitUntil: 'load' }),
        reload: () => page.reload({ waitUntil: 'load' }),
        click: (css) => page.click(css),
        fill: async (css, text) => {
            await page.click(css, { count: 3 });
            await page.type(css, text);
        },
        type: (css, text) => page.type(css, text),
        select: (css, value) => page.select(css, value),
        check: (css) => page.click(css),
        setFile: async (css, file) => {
            const input = await page.$(css);
            await input.uploadFile(file);
        },
        evaluate: (fn, ...args) => page.evaluate(fn, ...args),
        screenshot: (file) => page.screenshot({ path: file }),
        errors: async () => [...errors],
        close: () => browser.close(),
    };
    return common(driver);
}

// ---------- selenium-webdriver: WebKitGTK's MiniBrowser ----------

function freePort() {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => resolve(port));
        });
    });
}

async function launchWebKit() {
    need(WEBKIT_DRIVER, 'WebKitWebDriver (Debian webkit2gtk-driver)');
    need(MINIBROWSER, 'MiniBrowser (Debian libwebkit2gtk-4.1-0)');
    if (!process.env.DISPLAY) throw new Error('WebKitGTK needs a display: run under xvfb-run (scripts/test.sh does)');
    const { Builder, By, Capabilities } = await import('selenium-webdriver');
    const port = await freePort();
    const child = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const stop = () => {
        if (child.exitCode === null) child.kill('SIGTERM');
    };
    try {
        for (let i = 0; ; i++) {
            if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited: ${stderr}`);
            const up = await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false);
            if (up) break;
            if (i > 100) throw new Error(`WebKitWebDriver did not answer on port ${port}: ${stderr}`);
            await sleep(100);
        }
        const caps = new Capabilities({
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        });
        const web = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(caps).build();
        const got = await web.getCapabilities();
        await web.manage().window().setRect({ x: 0, y: 0, ...VIEWPORT });
        const find = (css) => web.findElement(By.css(css));
        const evaluate = (fn, ...args) =>
            web.executeAsyncScript(
                `const done = arguments[arguments.length - 1];
                 Promise.resolve((${fn}).apply(null, JSON.parse(arguments[0])))
                     .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ error: String(e && e.stack || e) }));`,
                JSON.stringify(args),
            ).then((r) => {
                if (r && 'error' in r) throw new Error(r.error);
                return r.ok;
            });
        // The recorder lives in the page: keep what it holds before the page goes.
        const past = [];
        const current = () => evaluate(() => (window.__demozoneConsole || ['console recorder missing (console-recorder.js)']).slice()).catch(() => []);
        const harvest = async () => {
            if (/^https?:/.test(await web.getCurrentUrl())) past.push(...(await current()));
        };
        const driver = {
            name: 'WebKitGTK',
            version: `WebKitGTK ${got.get('browserVersion')} (${got.get('browserName')})`,
            goto: async (url) => {
                await harvest();
                await web.get(url);
            },
            reload: async () => {
                await harvest();
                await web.navigate().refresh();
            },
            // WebDriver's native click on WebKitGTK sometimes lands nowhere while the page is still
            // laying out (a row that was never added, on a busy machine): buttons, boxes and
            // options get the DOM's click and change instead; typing stays native.
            click: (css) => evaluate((s) => document.querySelector(s).click(), css),
            fill: async (css, text) => {
                const el = await find(css);
                await el.clear();
                await el.sendKeys(text);
            },
            // WebDriver puts the caret at the end of the text before typing.
            type: async (css, text) => (await find(css)).sendKeys(text),
            select: (css, value) =>
                evaluate(
                    (s, v) => {
                        const el = document.querySelector(s);
                        el.value = v;
                        el.dispatchEvent(new Event('input', { bubbles: true }));
                        el.dispatchEvent(new Event('change', { bubbles: true }));
                    },
                    css,
                    value,
                ),
            check: (css) => evaluate((s) => document.querySelector(s).click(), css),
            setFile: async (css, file) => {
                // The app's file input is display:none (a button opens it); WebDriver types only into
                // a rendered one.
                await evaluate((s) => {
                    document.querySelector(s).style.display = 'block';
                }, css);
                await (await find(css)).sendKeys(file);
            },
            evaluate,
            screenshot: async (file) => writeFile(file, Buffer.from(await web.takeScreenshot(), 'base64')),
            errors: async () => [...past, ...(await current())],
            close: async () => {
                await web.quit().catch(() => {});
                stop();
            },
        };
        return common(driver);
    } catch (err) {
        stop();
        throw err;
    }
}

/** Starts `engine` ('firefox', 'webkit' or 'chromium'). */
export async function launch(engine) {
    if (engine === 'firefox' || engine === 'chromium') return launchPuppeteer(engine);
    if (engine === 'webkit') return launchWebKit();
    throw new Error(`unknown engine ${engine}`);
}
