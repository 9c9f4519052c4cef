// Writes the service worker's list of files (web/sw.js, copied into the build as sw.js): every
// file of the built site with the SHA-256 of its content, and a release id made from that list.
//
//   node scripts/sw-precache.mjs DIR
//
// Run on Trunk's staging directory by scripts/post-build.sh, after every step that renames or
// changes a file (scripts/wasm-split.mjs) and before scripts/precompress.mjs (which then compresses
// the finished sw.js too). Nothing here names a file of the app: whatever the build put in DIR is
// listed, except the .br/.gz copies (the server picks those per request) and sw.js itself.
// Prints one line: the release id, how many files and their size.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';

const SW = 'sw.js';
const BLOCK = /\/\/ ---- written by scripts\/sw-precache\.mjs ----\n[\s\S]*?\n\/\/ ---- end ----\n/;

async function files(dir, rel = '') {
    const out = [];
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
        const name = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) out.push(...(await files(dir, name)));
        else if (entry.isFile() && !/\.(br|gz)$/.test(name) && name !== SW) out.push(name);
    }
    return out;
}

/** { RELEASE, FILES } for the site in `dir`: FILES maps each path to its Subresource Integrity. */
export async function precacheList(dir) {
    const list = {};
    let bytes = 0;
    for (const name of (await files(dir)).sort()) {
        const body = await readFile(path.join(dir, name));
        bytes += body.length;
        list[name] = `sha256-${createHash('sha256').update(body).digest('base64')}`;
    }
    if (!list['index.html']) throw new Error(`no index.html in ${dir}`);
    const release = createHash('sha256').update(JSON.stringify(list)).digest('hex').slice(0, 16);
    return { release, files: list, bytes };
}

async function main() {
    const dir = process.argv[2];
    if (!dir) throw new Error('usage: node scripts/sw-precache.mjs DIR');
    const swPath = path.join(dir, SW);
    const sw = await readFile(swPath, 'utf8').catch(() => {
        throw new Error(`no ${SW} in ${dir} (index.html copies web/sw.js)`);
    });
    if (!BLOCK.test(sw)) throw new Error(`${swPath} has no "written by scripts/sw-precache.mjs" block`);
    const { release, files: list, bytes } = await precacheList(dir);
    const block =
        '// ---- written by scripts/sw-precache.mjs ----\n' +
        `const RELEASE = ${JSON.stringify(release)};\n` +
        `const FILES = ${JSON.stringify(list, null, 4)};\n` +
        '// ---- end ----\n';
    await writeFile(swPath, sw.replace(BLOCK, () => block));
    console.log(`sw-precache: release ${release}, ${Object.keys(list).length} files (${(bytes / 1024).toFixed(1)} KiB) listed in ${swPath}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
    main().catch((err) => {
        console.error(`sw-precache: ${err.message}`);
        process.exit(1);
    });
}
