// Does every file the site ships run in the oldest supported browsers? A deterministic check of the
// built site against the "browserslist" query in package.json (Chrome 86, Edge 86, Firefox 78,
// Safari 14.1; README "Supported browsers"), with no guessing and no browser:
//
//  - every .wasm: the WebAssembly features that every browser of the query has are looked up in
//    caniuse-lite's data (wasm-signext, wasm-bulk-memory, ...); the module is then validated by
//    binaryen (wasm-opt from node_modules) with only those features enabled, after its
//    target_features section is taken out (binaryen would otherwise enable what the section
//    lists), and by wabt's wasm-validate, which reads the instruction bytes as an engine of that
//    age does (e.g. a call_indirect's table index must be the single byte 0 without reference
//    types: rustc writes a 5-byte form that Chromium before 96 refuses).
//  - every .js: es-check with the ECMAScript version of the query, syntax and built-ins
//    (--checkFeatures); web/support.js must be ES5, as it runs in any browser to say that the
//    browser is too old.
//  - every .css: doiuse with the query. A use that an old browser only ignores, with the page
//    still working, is listed in ACCEPTED_CSS below with the reason; anything else fails.
//  - web/support.js probes exactly the WebAssembly features allowed here, and its message names
//    the versions of the query.
//
//   node scripts/check-browser-support.mjs [DIR]      (DIR: the built site, default dist/)
//
// Prints one line per file and exits 1 on any problem. tests/browser/browser-support.test.mjs runs
// the same checks (scripts/test.sh), and shows that each of them fails on a file that uses a
// newer feature.

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const browserslist = require('browserslist');
const caniuse = require('caniuse-lite');

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(repoRoot, 'node_modules', '.bin');
export const WASM_OPT = path.join(BIN, 'wasm-opt');
export const ES_CHECK = path.join(BIN, 'es-check');
/** wabt (Debian package `wabt`, installed by scripts/tools.sh). */
export const WASM_VALIDATE = process.env.WASM_VALIDATE || '/usr/bin/wasm-validate';

/** The supported browsers: package.json's "browserslist". */
export async function browserQuery() {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    const query = Array.isArray(pkg.browserslist) ? pkg.browserslist.join(', ') : pkg.browserslist;
    if (!query) throw new Error('package.json has no "browserslist"');
    return query;
}

/** The oldest version of each browser of the query: { chrome: '86', firefox: '78', ... }. */
export function minimumVersions(query) {
    const out = {};
    for (const entry of browserslist(query)) {
        const [name, version] = entry.split(' ');
        const low = Number.parseFloat(version.split('-')[0]);
        if (!(name in out) || low < Number.parseFloat(out[name].split('-')[0])) out[name] = version;
    }
    return out;
}

// ---------- WebAssembly ----------

/**
 * The WebAssembly proposals a shipped module might use: caniuse-lite's feature id, binaryen's
 * feature names, wabt's option. A proposal missing here is never allowed (binaryen's and wabt's
 * other features are off by default in the validation below).
 */
export const WASM_PROPOSALS = [
    { caniuse: 'wasm-mutable-globals', binaryen: ['mutable-globals'], wabt: 'mutable-globals' },
    { caniuse: 'wasm-signext', binaryen: ['sign-ext'], wabt: 'sign-extension' },
    { caniuse: 'wasm-nontrapping-fptoint', binaryen: ['nontrapping-float-to-int'], wabt: 'saturating-float-to-int' },
    { caniuse: 'wasm-bulk-memory', binaryen: ['bulk-memory', 'bulk-memory-opt'], wabt: 'bulk-memory' },
    { caniuse: 'wasm-multi-value', binaryen: ['multivalue'], wabt: 'multi-value' },
    { caniuse: 'wasm-reference-types', binaryen: ['reference-types'], wabt: 'reference-types' },
    { caniuse: 'wasm-simd', binaryen: ['simd'], wabt: 'simd' },
    { caniuse: 'wasm-threads', binaryen: ['threads'], wabt: 'threads' },
    { caniuse: 'wasm-tail-calls', binaryen: ['tail-call'], wabt: 'tail-call' },
    { caniuse: 'wasm-extended-const', binaryen: ['extended-const'], wabt: 'extended-const' },
    { caniuse: 'wasm-multi-memory', binaryen: ['multimemory'], wabt: 'multi-memory' },
    { caniuse: 'wasm-relaxed-simd', binaryen: ['relaxed-simd'], wabt: 'relaxed-simd' },
    { caniuse: 'wasm-gc', binaryen: ['gc'], wabt: 'gc' },
];
/** wabt 1.0.32 turns these on unless told otherwise. */
const WABT_DEFAULT_ON = new Set(['mutable-globals', 'saturating-float-to-int', 'sign-extension', 'multi-value', 'bulk-memory', 'reference-types', 'simd']);

/** Does every browser of the query support this caniuse feature fully ("y")? */
export function supportedByAll(query, feature) {
    const data = caniuse.feature(caniuse.features[feature]);
    return browserslist(query).every((entry) => {
        const [name, version] = entry.split(' ');
        return String(data.stats[name]?.[version] ?? 'n').startsWith('y');
    });
}

/** The proposals every browser of the query has (WASM_PROPOSALS entries). */
export function allowedWasmProposals(query) {
    return WASM_PROPOSALS.filter((p) => supportedByAll(query, p.caniuse));
}

/** The module without its target_features custom section (byte-level: no decoding, no re-encoding). */
export function withoutTargetFeatures(bytes) {
    const u32 = (at) => {
        let value = 0;
        let shift = 0;
        for (;;) {
            const b = bytes[at++];
            value += (b & 0x7f) * 2 ** shift;
            shift += 7;
            if (b < 0x80) return [value, at];
        }
    };
    const parts = [bytes.subarray(0, 8)];
    let at = 8;
    while (at < bytes.length) {
        const start = at;
        const id = bytes[at++];
        const [size, body] = u32(at);
        const end = body + size;
        let keep = true;
        if (id === 0) {
            const [len, name] = u32(body);
            keep = Buffer.from(bytes.subarray(name, name + len)).toString('utf8') !== 'target_features';
        }
        if (keep) parts.push(bytes.subarray(start, end));
        at = end;
    }
    return Buffer.concat(parts);
}

/** Checks one .wasm file. Resolves to { declared: [...], problems: [...] }. */
export async function checkWasm(file, query) {
    const allowed = allowedWasmProposals(query);
    const problems = [];
    const declared = await run(WASM_OPT, [file, '--print-features'], { maxBuffer: 1 << 20 })
        .then(({ stdout }) => stdout.split('\n').map((l) => l.trim().replace(/^--enable-/, '')).filter(Boolean))
        .catch((err) => {
            problems.push(`binaryen cannot read it: ${err.stderr || err.message}`);
            return [];
        });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-wasm-check-'));
    try {
        const stripped = path.join(dir, path.basename(file));
        await writeFile(stripped, withoutTargetFeatures(await readFile(file)));
        const enable = allowed.flatMap((p) => p.binaryen.map((f) => `--enable-${f}`));
        await run(WASM_OPT, [stripped, '--mvp-features', ...enable], { maxBuffer: 16 << 20 }).catch((err) => {
            const lines = String(err.stderr || err.message).split('\n').filter((l) => /error|Fatal/.test(l));
            problems.push(`binaryen (features: ${allowed.map((p) => p.caniuse).join(', ') || 'none'}): ${lines.slice(0, 4).join(' | ')}`);
        });
        const wabt = [];
        for (const p of WASM_PROPOSALS) {
            const on = allowed.includes(p);
            if (on && !WABT_DEFAULT_ON.has(p.wabt)) wabt.push(`--enable-${p.wabt}`);
            if (!on && WABT_DEFAULT_ON.has(p.wabt)) wabt.push(`--disable-${p.wabt}`);
        }
        await run(WASM_VALIDATE, [...wabt, file], { maxBuffer: 16 << 20 }).catch((err) => {
            if (err.code === 'ENOENT') problems.push(`${WASM_VALIDATE} missing (apt-get install wabt; scripts/tools.sh does)`);
            else problems.push(`wabt wasm-validate: ${String(err.stderr || err.stdout || err.message).trim().split('\n').slice(0, 3).join(' | ')}`);
        });
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
    return { declared, problems };
}

// ---------- JavaScript ----------

/** Files that must run in any browser, even one far below the minimum: ES5, classic script. */
export const ES5_FILES = ['support.js'];

/**
 * Built-ins newer than the oldest browsers that wasm-bindgen's glue uses only behind a test of
 * their presence (`typeof FinalizationRegistry === 'undefined' ? ... : new FinalizationRegistry(...)`,
 * `if (Symbol.dispose) ...`; minified by scripts/wasm-split.mjs: `"undefined"==typeof
 * FinalizationRegistry?...`, `Symbol.dispose&&(...)`): allowed when every use in the file is such
 * a pair, which `guard` counts (each guarded use names the feature twice: in the test and in the
 * use).
 */
export const GUARDED_JS = [
    { feature: 'FinalizationRegistry', all: /\bFinalizationRegistry\b/g, guard: /(?:\(typeof FinalizationRegistry === 'undefined'\)|"undefined"==typeof FinalizationRegistry)\s*\?\s*\{\s*register:\s*\(\)\s*=>\s*\{\},\s*unregister:\s*\(\)\s*=>\s*\{\}\s*\}\s*:\s*new FinalizationRegistry\b/g },
    { feature: 'SymbolDispose', all: /\bSymbol\.dispose\b/g, guard: /(?:if \(Symbol\.dispose\) |Symbol\.dispose&&\()[\w$.]+\[Symbol\.dispose\]/g },
];

/** The ECMAScript version es-check derives from the query (e.g. es2020 for Firefox 78). */
export async function checkJs(file, query) {
    const es5 = ES5_FILES.includes(path.basename(file));
    const source = await readFile(file, 'utf8');
    const problems = [];
    const guarded = [];
    for (const g of GUARDED_JS) {
        const all = (source.match(g.all) ?? []).length;
        if (!all) continue;
        const ok = (source.match(g.guard) ?? []).length * 2;
        if (ok === all) guarded.push(g.feature);
        else problems.push(`${g.feature}: ${all - ok} use(s) without a test of its presence`);
    }
    const allow = es5 ? ['Uint8Array'] : guarded;
    const args = es5
        ? ['es5', file, '--checkFeatures', '--noColor']
        : ['checkBrowser', file, '--module', '--checkFeatures', `--browserslistQuery=${query}`, '--noColor'];
    if (allow.length) args.push(`--ignore=${allow.join(',')}`);
    await run(process.execPath, [ES_CHECK, ...args], { maxBuffer: 16 << 20, cwd: repoRoot }).catch((err) => {
        const text = `${err.stdout || ''}${err.stderr || ''}`.trim() || err.message;
        problems.push(`es-check ${es5 ? 'es5' : 'against the query'}: ${text.split('\n').filter((l) => l.trim()).slice(0, 8).join(' | ')}`);
    });
    return { level: es5 ? 'es5' : 'query', guarded, problems };
}

// ---------- CSS ----------

/**
 * Uses doiuse reports that leave the page working in the oldest supported browsers, each with why.
 * `selector` (whitespace ignored) limits an entry to the rule it names; without it, every use of
 * the feature is accepted.
 */
export const ACCEPTED_CSS = [
    { feature: 'css-overflow', why: 'caniuse counts overflow as partial for `overflow: clip` and the two-value form; only single keywords (hidden, auto) are used' },
    { feature: 'css-sticky', why: 'Chromium before 91 cannot stick <thead>/<tr>; the tables stick their <th> cells, which it can' },
    { feature: 'multicolumn', why: 'partial: break-before/break-inside inside columns; used only to keep print blocks together, which Chromium prints right' },
    { feature: 'text-size-adjust', why: 'only stops phone browsers from enlarging text; ignored elsewhere' },
    { feature: 'css-resize', why: 'iOS Safari cannot resize a textarea by hand; it still grows with its content' },
    { feature: 'css-paged-media', why: 'Safari prints A4 with its own margins and without page numbers; the report is the same' },
    { feature: 'css-color-adjust', why: 'iOS Safari before 15.4 may leave background colours off paper; the -webkit- form is given too' },
    { feature: 'css-text-indent', why: 'partial: the each-line/hanging keywords, which are not used (text-indent: 2em)' },
    { feature: 'css-unicode-bidi', why: 'partial: isolate-override and plaintext; the value used, isolate, is supported (MDN baseline 2020)' },
    { feature: 'css-focus-visible', why: 'Safari 14.1–15.3 drop the rule and show their own focus ring: focus stays visible' },
    { feature: 'css-has', selector: '.notices:has(>*)', why: 'only adds space above the notices when there are some' },
    { feature: 'css-has', selector: '.role-option:has(input:checked)', why: 'only outlines the chosen role; the radio button shows it anyway' },
    { feature: 'css-has', selector: '.page.home:has(>.tools-page)', why: 'only widens the tool pages; their tables scroll sideways in the narrower page' },
    { feature: 'css-has', selector: '.workspace:has(.report-page)', why: 'only gives the report on screen the summary panel\'s column; on paper the report is full width anyway (print.css has no :has())' },
    { feature: 'css-has', selector: '.workspace:has(.report-page) .summary-panel,.content:has(.report-page) .compact-summary', why: 'only hides the summary beside the report on screen' },
];

const squash = (s) => String(s).replace(/\s+/g, '');

/** Checks one .css file with doiuse. Resolves to { accepted: [...], problems: [...] }. */
export async function checkCss(file, query) {
    const { default: postcss } = await import('postcss');
    const { default: DoIUse } = await import('doiuse/lib/DoIUse.js');
    const css = await readFile(file, 'utf8');
    const accepted = [];
    const problems = [];
    const browsers = query.split(',').map((s) => s.trim());
    await postcss([
        new DoIUse({
            browsers,
            onFeatureUsage(info) {
                const node = info.usage;
                const rule = node.type === 'rule' ? node : node.parent;
                const selector = rule?.selector ?? '';
                const entry = ACCEPTED_CSS.find((a) => a.feature === info.feature && (!a.selector || squash(a.selector) === squash(selector)));
                const where = `${path.basename(file)}:${node.source?.start?.line}:${node.source?.start?.column} ${selector.slice(0, 80)}`;
                if (entry) accepted.push(`${info.feature} (${where}): ${entry.why}`);
                else problems.push(`${where}: ${info.message.replace(/^.*?: /, '')}`);
            },
        }),
    ]).process(css, { from: file });
    return { accepted, problems };
}

// ---------- web/support.js ----------

/** Runs support.js in a bare context with this engine's WebAssembly: its result and message. */
export async function runSupportScript(file, { withoutWebAssembly = false } = {}) {
    const wasm = withoutWebAssembly ? undefined : globalThis.WebAssembly;
    const source = await readFile(file, 'utf8');
    const body = { children: [], insertBefore(n) { this.children.unshift(n); } };
    const document = {
        body,
        createElement: () => ({ noModule: false, setAttribute() {}, appendChild() {} }),
        createTextNode: (t) => t,
        addEventListener() {},
    };
    const window = {};
    vm.runInNewContext(source, { window, document, WebAssembly: wasm, Uint8Array, Object });
    return window.demozoneSupport;
}

/** support.js probes exactly the allowed proposals, and its message names the minimum versions. */
export async function checkSupportScript(file, query) {
    const problems = [];
    const support = await runSupportScript(file);
    if (!support) return { problems: [`${file} left no window.demozoneSupport`] };
    const probed = Object.keys(support.probes).sort();
    // support.js names its probes by binaryen's feature names.
    const want = allowedWasmProposals(query).map((p) => p.binaryen[0]).sort();
    if (JSON.stringify(probed) !== JSON.stringify(want)) {
        problems.push(`support.js probes [${probed.join(', ')}], the query allows [${want.join(', ')}]`);
    }
    if (!support.ok) problems.push(`support.js says this Node's WebAssembly lacks ${support.missing.join(', ')}`);
    const min = minimumVersions(query);
    const label = { chrome: 'Chrome', edge: 'Edge', firefox: 'Firefox', safari: 'Safari' };
    for (const [name, shown] of Object.entries(label)) {
        if (!min[name]) continue;
        const version = min[name].split('-')[0];
        if (!support.message.includes(`${shown} ${version}`)) problems.push(`support.js's message does not name ${shown} ${version}`);
    }
    return { probed, problems };
}

// ---------- everything ----------

async function listFiles(dir, rel = '') {
    const out = [];
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
        const name = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) out.push(...(await listFiles(dir, name)));
        else if (entry.isFile()) out.push(name);
    }
    return out.sort();
}

/** Every check over the site in `dir`. Resolves to { query, minimums, allowed, results: [{ kind, file, problems, ... }] }. */
export async function checkSite(dir) {
    const query = await browserQuery();
    const names = await listFiles(dir);
    const results = [];
    for (const name of names.filter((n) => n.endsWith('.wasm'))) results.push({ kind: 'wasm', file: name, ...(await checkWasm(path.join(dir, name), query)) });
    for (const name of names.filter((n) => n.endsWith('.js'))) results.push({ kind: 'js', file: name, ...(await checkJs(path.join(dir, name), query)) });
    for (const name of names.filter((n) => n.endsWith('.css'))) results.push({ kind: 'css', file: name, ...(await checkCss(path.join(dir, name), query)) });
    if (names.includes('support.js')) results.push({ kind: 'support', file: 'support.js', ...(await checkSupportScript(path.join(dir, 'support.js'), query)) });
    else results.push({ kind: 'support', file: 'support.js', problems: ['support.js is not in the site (index.html copies web/support.js)'] });
    for (const kind of ['wasm', 'js', 'css']) {
        if (!results.some((r) => r.kind === kind)) results.push({ kind, file: '(none)', problems: [`no .${kind} file in ${dir}`] });
    }
    return { query, minimums: minimumVersions(query), allowed: allowedWasmProposals(query).map((p) => p.caniuse), results };
}

async function main() {
    const dir = path.resolve(process.argv[2] || path.join(repoRoot, 'dist'));
    const report = await checkSite(dir);
    console.log(`browsers: ${report.query}`);
    console.log(`oldest: ${Object.entries(report.minimums).map(([n, v]) => `${n} ${v}`).join(', ')}`);
    console.log(`WebAssembly features they all have: ${report.allowed.join(', ')}`);
    let bad = 0;
    for (const r of report.results) {
        const detail = r.kind === 'wasm' ? ` (declares: ${r.declared.join(', ') || 'nothing'})` : r.kind === 'css' ? ` (${r.accepted.length} accepted uses)` : '';
        console.log(`${r.problems.length ? 'FAIL' : 'ok  '}  ${r.kind.padEnd(7)} ${r.file}${detail}`);
        for (const p of r.problems) console.log(`        ${p}`);
        bad += r.problems.length ? 1 : 0;
    }
    console.log(bad ? `${bad} file(s) use features beyond the supported browsers` : 'every shipped file stays within the supported browsers');
    process.exitCode = bad ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    main().catch((err) => {
        console.error(`check-browser-support: ${err.stack || err.message}`);
        process.exit(1);
    });
}
