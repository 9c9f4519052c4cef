// The oldest supported browsers (README "Supported browsers", package.json "browserslist"):
//  - every shipped .wasm, .js and .css stays within them (scripts/check-browser-support.mjs), and
//    each check fails on a file that goes beyond them;
//  - web/support.js probes exactly the WebAssembly features the check allows, each probe needs
//    its feature, and a browser without one gets the Chinese message naming the versions instead
//    of a blank page (detection stubbed in Chromium).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { trackApps, screenshot, text } from './helpers.mjs';
import { defaultDist } from './server.mjs';
import {
    browserQuery,
    checkSite,
    checkWasm,
    checkJs,
    checkCss,
    runSupportScript,
    allowedWasmProposals,
    minimumVersions,
    repoRoot,
    WASM_OPT,
    WASM_PROPOSALS,
    WASM_VALIDATE,
} from '../../scripts/check-browser-support.mjs';

const run = promisify(execFile);
const open = trackApps(after);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'demozone-support-'));
after(() => rm(tmp, { recursive: true, force: true }));
const query = await browserQuery();

test('the supported browsers are Chrome 86, Edge 86, Firefox 78 and Safari 14.1, and the wasm may use only what they all have', () => {
    const min = minimumVersions(query);
    assert.deepEqual({ chrome: min.chrome, edge: min.edge, firefox: min.firefox, safari: min.safari }, { chrome: '86', edge: '86', firefox: '78', safari: '14.1' });
    assert.deepEqual(allowedWasmProposals(query).map((p) => p.caniuse).sort(), ['wasm-multi-value', 'wasm-mutable-globals', 'wasm-signext']);
});

test('every shipped .wasm, .js and .css file stays within the supported browsers', async () => {
    const report = await checkSite(defaultDist);
    const lines = report.results.map((r) => `${r.problems.length ? 'FAIL' : 'ok'} ${r.kind} ${r.file}${r.declared ? ` (declares ${r.declared.join(', ')})` : ''}`);
    console.log(lines.join('\n'));
    const kinds = new Set(report.results.map((r) => r.kind));
    assert.deepEqual([...kinds].sort(), ['css', 'js', 'support', 'wasm']);
    assert.ok(report.results.filter((r) => r.kind === 'wasm').length >= 3, 'the three wasm modules were checked');
    const problems = report.results.filter((r) => r.problems.length).map((r) => `${r.file}: ${r.problems.join(' / ')}`);
    assert.deepEqual(problems, []);
    // The lowering did its work: no shipped module still declares what the oldest browsers lack.
    for (const r of report.results.filter((x) => x.kind === 'wasm')) {
        for (const f of ['bulk-memory', 'nontrapping-float-to-int', 'reference-types']) assert.ok(!r.declared.includes(f), `${r.file} declares ${f}`);
    }
});

// ---------- each check fails on a newer feature ----------

async function wasmFrom(name, wat, features) {
    const watFile = path.join(tmp, `${name}.wat`);
    const file = path.join(tmp, `${name}.wasm`);
    await writeFile(watFile, wat);
    await run(WASM_OPT, [watFile, ...features, '--emit-target-features', '-o', file]);
    return file;
}

test('the wasm check fails on bulk memory, saturating float-to-int and reference types, and on the long call_indirect encoding', async () => {
    const cases = [
        ['bulk', '(module (memory 1) (func (export "f") (memory.copy (i32.const 0) (i32.const 8) (i32.const 4))))', ['--enable-bulk-memory'], /memory\.copy|bulk/i],
        // 0xfc 0x02: i32.trunc_sat_f64_s
        ['trunc-sat', '(module (func (export "f") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0))))', ['--enable-nontrapping-float-to-int'], /features should be allowed.*opcode: 0xfc 0x2/],
        ['externref', '(module (func (export "f") (param externref) (result externref) (local.get 0)))', ['--enable-reference-types'], /types should be allowed.*valid param type/],
    ];
    for (const [name, wat, features, want] of cases) {
        const r = await checkWasm(await wasmFrom(name, wat, features), query);
        assert.ok(r.problems.length >= 1, `${name}: ${JSON.stringify(r)}`);
        assert.match(r.problems.join(' '), want, name);
    }
    // A module that only uses what the oldest browsers have passes (sign-ext, multi-value).
    const fine = await wasmFrom('fine', '(module (func (export "f") (param i32) (result i32 i32) (i32.extend8_s (local.get 0)) (local.get 0)))', ['--enable-sign-ext', '--enable-multivalue']);
    assert.deepEqual((await checkWasm(fine, query)).problems, []);
    // rustc writes call_indirect's table index as a 5-byte LEB (0x80 0x80 0x80 0x80 0x00); an engine
    // without reference types reads one byte and refuses the module. Binaryen reads it either way;
    // wabt reads it as an old engine does.
    const overlong = Buffer.from([
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type () -> ()
        0x03, 0x02, 0x01, 0x00, // one function of that type
        0x04, 0x04, 0x01, 0x70, 0x00, 0x01, // a funcref table of one
        0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x41, 0x00, 0x11, 0x00, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0b,
    ]);
    const file = path.join(tmp, 'overlong.wasm');
    await writeFile(file, overlong);
    const r = await checkWasm(file, query);
    assert.match(r.problems.join(' '), /wabt.*call_indirect reserved value must be 0/, JSON.stringify(r));
});

test('the JS check fails on syntax and built-ins the oldest browsers lack; support.js must be ES5', async () => {
    const cases = [
        ['logical-assignment.js', 'let a = 0;\na ||= 1;\nexport { a };\n', /LogicalAssignment|firefox 78/],
        ['array-at.js', 'export const last = [1, 2].at(-1);\n', /ArrayPrototypeAt|chrome 86/],
        ['top-level-await.js', 'const m = await import("./x.js");\nexport { m };\n', /.+/],
    ];
    for (const [name, source, want] of cases) {
        const file = path.join(tmp, name);
        await writeFile(file, source);
        const r = await checkJs(file, query);
        assert.ok(r.problems.length, `${name} passed`);
        assert.match(r.problems.join(' '), want, name);
    }
    const fine = path.join(tmp, 'fine.js');
    await writeFile(fine, 'export const x = globalThis.a?.b ?? 1;\n');
    assert.deepEqual((await checkJs(fine, query)).problems, []);
    const es6 = path.join(tmp, 'support.js');
    await writeFile(es6, 'const x = () => 1;\n');
    assert.ok((await checkJs(es6, query)).problems.length, 'an arrow function in support.js');
});

test('the CSS check fails on a feature the oldest browsers lack, unless accepted for that rule with a reason', async () => {
    const file = path.join(tmp, 'new.css');
    await writeFile(file, '.a:has(> .b) { color: red; }\n.c { inset: 0; }\n.notices:has(> *) { padding-top: 1px; }\n');
    const r = await checkCss(file, query);
    assert.equal(r.problems.length, 2, JSON.stringify(r));
    assert.match(r.problems.join('\n'), /:has\(\)/);
    assert.match(r.problems.join('\n'), /Logical Properties|inset/i);
    assert.equal(r.accepted.length, 1);
});

// ---------- web/support.js ----------

test('each probe of support.js needs its feature: wabt, reading it as an engine does, refuses it without, accepts it with', async () => {
    const support = await runSupportScript(path.join(repoRoot, 'web', 'support.js'));
    assert.equal(support.ok, true, JSON.stringify(support.missing));
    assert.deepEqual(Object.keys(support.probes).sort(), allowedWasmProposals(query).map((p) => p.binaryen[0]).sort());
    for (const [feature, bytes] of Object.entries(support.probes)) {
        const file = path.join(tmp, `probe-${feature}.wasm`);
        await writeFile(file, Buffer.from(bytes));
        const { wabt } = WASM_PROPOSALS.find((p) => p.binaryen[0] === feature);
        await assert.rejects(run(WASM_VALIDATE, [`--disable-${wabt}`, file]), `${feature}: valid without the feature`);
        await run(WASM_VALIDATE, [file]);
    }
    // Without WebAssembly (Internet Explorer, the IE mode of a dual-engine browser) it says so too.
    const none = await runSupportScript(path.join(repoRoot, 'web', 'support.js'), { withoutWebAssembly: true });
    assert.equal(none.ok, false);
    assert.deepEqual([...none.missing], ['webassembly']);
});

const MESSAGE =
    '您的浏览器版本过低,无法运行本工具。请使用 Chrome 86、Edge 86、Firefox 78、Safari 14.1 或更新版本的浏览器;360、QQ、搜狗等双核浏览器请切换到“极速模式”。';

/** Opens the app with WebAssembly.validate stubbed to fail for modules of `probe`'s feature. */
function openBelowMinimum(stub) {
    return open({
        readySelector: '.boot-unsupported',
        settle: true,
        beforeGoto: (context) => context.addInitScript(stub),
    });
}

test('a browser without multi-value WebAssembly gets the Chinese message naming the minimum versions, and nothing starts', async () => {
    // Multi-value is the probe whose module declares a function type with two results (0x02 0x7f 0x7f).
    const app = await openBelowMinimum(() => {
        const validate = WebAssembly.validate.bind(WebAssembly);
        WebAssembly.validate = (bytes) => {
            const b = Array.from(new Uint8Array(bytes));
            const twoResults = b.join(',').includes('96,0,2,127,127');
            return twoResults ? false : validate(bytes);
        };
    });
    const { page } = app;
    const notice = page.locator('.boot-unsupported');
    assert.equal(await text(notice), MESSAGE);
    assert.equal(await notice.getAttribute('role'), 'alert');
    assert.ok(await notice.isVisible());
    assert.deepEqual(await page.evaluate(() => window.demozoneSupport.missing), ['multivalue']);
    // Nothing of the app was started or fetched: no loading line, no wasm, no second message.
    assert.equal(await page.locator('.boot-loading').count(), 0);
    assert.equal(await page.locator('.boot-error').count(), 1);
    assert.equal(await page.locator('h1').count(), 0);
    const wasm = app.log.requests.filter((u) => /\.wasm$/.test(new URL(u).pathname));
    const preloads = await page.evaluate(() => [...document.querySelectorAll('link[rel=preload][href$=".wasm"]')].length);
    // Trunk preloads the main module from index.html; nothing else is requested.
    assert.ok(wasm.length <= preloads, JSON.stringify(wasm));
    assert.deepEqual(app.log.pageErrors, []);
    assert.deepEqual(app.log.consoleErrors, []);
    await screenshot(page, 'old-browser-message');
});

test('a browser without WebAssembly at all gets the same message', async () => {
    const app = await openBelowMinimum(() => {
        delete window.WebAssembly;
    });
    assert.equal(await text(app.page.locator('.boot-unsupported')), MESSAGE);
    assert.deepEqual(await app.page.evaluate(() => window.demozoneSupport.missing), ['webassembly']);
    assert.deepEqual(app.log.pageErrors, []);
});
