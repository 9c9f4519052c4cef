// Trunk post_build hook step: splits the app's wasm at its #[lazy] / #[wasm_split] points.
//
// Trunk (0.21) cannot split: it runs wasm-bindgen on the whole module, and the split must see the
// linker's output (with --emit-relocs) BEFORE wasm-bindgen. So this step takes the raw module
// that cargo left in target/, and redoes the last part of Trunk's pipeline itself:
//
//   1. wasm-split-cli RAW OUT --out-name STEM   (crate wasm_split_cli_support, feature build-binary)
//        -> OUT/STEM.wasm (main, still to be bindgen'd), OUT/split_*.wasm / chunk_*.wasm,
//           OUT/__wasm_split.js (the loader the main module imports)
//   2. wasm-bindgen --target web --keep-lld-exports --no-demangle OUT/STEM.wasm
//        (the chunks import memory, table, stack pointer and shared functions from the main module's
//         exports, so the linker's exports must stay)
//   3. wasm-opt -Oz on the main module and on every chunk (each one separately, one per core)
//   4. content-hashed names: every chunk gets its own hash (split_NAME-HASH.wasm, and chunk-HASH.wasm
//      for code shared by several splits: wasm-split's chunk_N index shifts between builds, the
//      hash alone keeps an unchanged chunk's URL across releases); the main .js, its _bg.wasm and the
//      loader (which import each other) share one hash over all three; the loader's chunk URLs, the
//      main .js's import of the loader and index.html (names and SRI integrity) are rewritten;
//      Trunk's own unsplit .js/.wasm are removed from the staging directory; the main .js and the
//      loader are minified (terser, from package.json) before they are written.
//
//   node scripts/wasm-split.mjs BIN
// Environment (set by Trunk for hooks): TRUNK_STAGING_DIR, TRUNK_PROFILE, TRUNK_SOURCE_DIR.
// Optional: CARGO_TARGET_DIR, WASM_SPLIT (path of wasm-split-cli), WASM_OPT, WASM_BINDGEN,
// WASM_SPLIT_OPT (default "-Oz"; "0" skips wasm-opt), WASM_SPLIT_MINIFY ("0": the main .js and the
// loader as wasm-bindgen and wasm-split-cli write them).

import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync, renameSync, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const bin = process.argv[2];
if (!bin) throw new Error('usage: node scripts/wasm-split.mjs BIN');
const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error('wasm-split.mjs: run as a Trunk post_build hook (no TRUNK_STAGING_DIR)');
const root = process.env.TRUNK_SOURCE_DIR || process.cwd();
const profile = process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'release';
const targetDir = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const raw = path.join(targetDir, 'wasm32-unknown-unknown', profile, `${bin.replace(/-/g, '_')}.wasm`);
const rawAlt = path.join(targetDir, 'wasm32-unknown-unknown', profile, `${bin}.wasm`);
const input = existsSync(rawAlt) ? rawAlt : raw;
const tool = (name, env) => process.env[env] || name;
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const runAsync = promisify(execFile);
const hash = (...bufs) => {
    const h = createHash('sha256');
    for (const b of bufs) h.update(b);
    return h.digest('hex').slice(0, 16);
};
const sri = (buf) => 'sha384-' + createHash('sha384').update(buf).digest('base64');
const t0 = Date.now();

const work = mkdtempSync(path.join(os.tmpdir(), 'wasm-split-'));
const splitDir = path.join(work, 'split');
const bgDir = path.join(work, 'bg');

// 1. split
run(tool('wasm-split-cli', 'WASM_SPLIT'), [input, splitDir, '--out-name', bin]);
// 2. bindgen the main module
run(tool('wasm-bindgen', 'WASM_BINDGEN'), [
    '--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript',
    '--out-dir', bgDir, '--out-name', bin, path.join(splitDir, `${bin}.wasm`),
]);
// 3. wasm-opt every module
const opt = process.env.WASM_SPLIT_OPT ?? '-Oz';
const chunks = readdirSync(splitDir).filter((f) => f.endsWith('.wasm') && f !== `${bin}.wasm`);
const modules = [path.join(bgDir, `${bin}_bg.wasm`), ...chunks.map((c) => path.join(splitDir, c))];
if (opt !== '0') {
    // One wasm-opt per core at a time, the main module (the longest) first.
    // The features the linker lists (.cargo/config.toml: the chunks carry no target_features
    // section, so they are named here), never reference types; then the same lowering as Trunk's
    // other modules (index.html data-wasm-opt-params): the oldest supported browsers lack
    // saturating float-to-int and memory.copy/fill (scripts/check-browser-support.mjs).
    const features = ['--enable-mutable-globals', '--enable-sign-ext', '--enable-nontrapping-float-to-int',
        '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-multivalue', '--enable-call-indirect-overlong'];
    const lowering = ['--llvm-nontrapping-fptoint-lowering', '--llvm-memory-copy-fill-lowering'];
    const queue = [...modules];
    const worker = async () => {
        for (let m = queue.shift(); m; m = queue.shift()) {
            await runAsync(tool('wasm-opt', 'WASM_OPT'), [...features, opt, ...lowering, m, '-o', m], { maxBuffer: 1 << 24 });
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, os.availableParallelism?.() ?? os.cpus().length) }, worker));
}

// 4. names
let loader = readFileSync(path.join(splitDir, '__wasm_split.js'), 'utf8');
const chunkNames = {};
for (const c of chunks) {
    const body = readFileSync(path.join(splitDir, c));
    const stemOf = c.replace(/\.wasm$/, '').replace(/^chunk_\d+$/, 'chunk');
    const named = `${stemOf}-${hash(body)}.wasm`;
    chunkNames[c] = named;
    writeFileSync(path.join(stage, named), body);
    const ref = `fetch(new URL("./${c}", import.meta.url))`;
    if (!loader.includes(ref)) throw new Error(`wasm-split.mjs: the loader does not fetch ${c} as expected`);
    // No SRI on these fetches: the content-hashed name already keeps a stale chunk from pairing with
    // a new main module, and 72 sha384 hashes would add 3.6 KiB (brotli) to the first load.
    loader = loader.split(ref).join(`fetch(new URL("./${named}", import.meta.url))`);
}
let mainJs = readFileSync(path.join(bgDir, `${bin}.js`), 'utf8');
const mainWasm = readFileSync(path.join(bgDir, `${bin}_bg.wasm`));
const h = hash(mainJs, mainWasm, loader);
const stem = `${bin}-${h}`;
const loaderName = `__wasm_split-${h}.js`;
// The loader imports initSync from the main .js; the main .js imports the loader.
const mainRef = `"./${bin}.js"`;
if (!loader.includes(mainRef)) throw new Error(`wasm-split.mjs: the loader does not import ${mainRef}`);
loader = loader.split(mainRef).join(`"./${stem}.js"`);
const importRe = /from (["'])\.\/__wasm_split\.js\1/g;
if (!importRe.test(mainJs)) throw new Error("wasm-split.mjs: the main .js does not import './__wasm_split.js'");
mainJs = mainJs.replace(importRe, `from "./${loaderName}"`);
// wasm-bindgen's default URL for the .wasm (unused: boot.js passes it) follows the rename too.
mainJs = mainJs.split(`${bin}_bg.wasm`).join(`${stem}_bg.wasm`);
// Both scripts are in the first load, as wasm-bindgen and wasm-split-cli write them: readable,
// commented. Minified (terser: names mangled, whitespace and comments gone; no syntax newer
// than the ECMAScript version the supported browsers share), they weigh 2.7 KiB less (brotli)
// and parse faster (docs/benchmarks.md). WASM_SPLIT_MINIFY=0 keeps them readable.
if (process.env.WASM_SPLIT_MINIFY !== '0') {
    const { minify } = await import('terser');
    const small = async (code, name) => {
        const out = await minify(code, { module: true, ecma: 2017, compress: { passes: 2 }, mangle: true, format: { comments: false } });
        if (typeof out.code !== 'string' || !out.code) throw new Error(`wasm-split.mjs: terser gave nothing for ${name}`);
        return out.code;
    };
    mainJs = await small(mainJs, `${stem}.js`);
    loader = await small(loader, loaderName);
}
writeFileSync(path.join(stage, `${stem}.js`), mainJs);
writeFileSync(path.join(stage, `${stem}_bg.wasm`), mainWasm);
writeFileSync(path.join(stage, loaderName), loader);

// index.html: Trunk's names of the unsplit build -> ours; integrity recomputed.
const htmlPath = path.join(stage, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
const oldJs = html.match(new RegExp(`${bin}-[0-9a-f]+\\.js`))?.[0];
const oldWasm = html.match(new RegExp(`${bin}-[0-9a-f]+_bg\\.wasm`))?.[0];
if (!oldJs || !oldWasm) throw new Error(`wasm-split.mjs: index.html names no ${bin}-HASH.js / _bg.wasm`);
const fix = (tagRe, name, body) => {
    html = html.replace(tagRe, (tag) => tag.replace(/integrity="[^"]*"/, `integrity="${sri(body)}"`));
};
html = html.split(oldJs).join(`${stem}.js`).split(oldWasm).join(`${stem}_bg.wasm`);
fix(new RegExp(`<link[^>]*${stem}\\.js"[^>]*>`, 'g'), `${stem}.js`, Buffer.from(mainJs));
fix(new RegExp(`<link[^>]*${stem}_bg\\.wasm"[^>]*>`, 'g'), `${stem}_bg.wasm`, mainWasm);
// The loader is fetched with the main .js (a static import): preload it alongside.
html = html.replace(/(<link[^>]*rel="modulepreload"[^>]*>)/, `$1\n<link rel="modulepreload" href="./${loaderName}" crossorigin="anonymous" integrity="${sri(Buffer.from(loader))}">`);
// The stylesheets of what the start page does not show (the tools' pages, 申请条件 and 创建流程,
// the review layers, printing) are not fetched before the first screen: their <link>s go into an
// inert <template>, which web/boot.js adds to the page once the app runs (scripts/bench-size.sh
// leaves it out of the first load). Their names and integrity stay as Trunk wrote them.
const LATER_CSS = ['process', 'tools', 'review', 'print'];
const later = [];
html = html.replace(/<link rel="stylesheet" href="\.\/([a-z]+)-[0-9a-f]+\.css"[^>]*>\n?/g, (tag, name) => {
    if (!LATER_CSS.includes(name)) return tag;
    later.push(tag.trim());
    return '';
});
if (later.length !== LATER_CSS.length) throw new Error(`wasm-split.mjs: expected the stylesheets ${LATER_CSS.join(', ')} in index.html, found ${later.length}`);
html = html.replace('</head>', `<template id="demozone-later-css">${later.join('')}</template>\n</head>`);
// Comments are for the source (index.html), not for every visitor's first load.
html = html.replace(/<!--[\s\S]*?-->\s*/g, '');
writeFileSync(htmlPath, html);
rmSync(path.join(stage, oldJs));
rmSync(path.join(stage, oldWasm));
rmSync(work, { recursive: true, force: true });

const size = (f) => statSync(path.join(stage, f)).size;
console.log(`wasm-split.mjs: ${bin}: main ${stem}_bg.wasm ${size(`${stem}_bg.wasm`)} B, loader ${loaderName}, ` +
    `${chunks.length} chunks (${Object.values(chunkNames).map((n) => `${n} ${size(n)} B`).join(', ')}), ${((Date.now() - t0) / 1000).toFixed(1)} s`);
