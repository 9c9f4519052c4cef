// Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every text and wasm file
// of a built site, so that a static server can send them compressed without compressing on each
// request (nginx `gzip_static on;` / `brotli_static on;`, Caddy `file_server { precompressed }`;
// see docs/hosting.md). A copy is written only when it is smaller than the file.
//
//   node scripts/precompress.mjs DIR
//
// Run on Trunk's staging directory by scripts/post-build.sh (a Trunk post_build hook), after the
// second module got its final name. Prints one line: how many files, and the bytes before and after.

import { readdir, readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const EXTENSIONS = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt']);

async function files(dir) {
    const out = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...(await files(p)));
        else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(p);
    }
    return out;
}

async function main() {
    const dir = process.argv[2];
    if (!dir) throw new Error('usage: node scripts/precompress.mjs DIR');
    let count = 0;
    let raw = 0;
    let br = 0;
    for (const file of (await files(dir)).sort()) {
        const body = await readFile(file);
        const text = path.extname(file) !== '.wasm';
        const copies = [
            [
                '.br',
                brotliCompressSync(body, {
                    params: {
                        [constants.BROTLI_PARAM_QUALITY]: 11,
                        [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
                        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
                    },
                }),
            ],
            ['.gz', gzipSync(body, { level: 9 })],
        ];
        for (const [ext, packed] of copies) {
            // A stale copy from an earlier build must not outlive its file.
            await rm(file + ext, { force: true });
            if (packed.length < body.length) await writeFile(file + ext, packed);
        }
        count += 1;
        raw += body.length;
        br += Math.min(copies[0][1].length, body.length);
    }
    const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(`precompress: ${count} files in ${dir}, ${kib(raw)} -> ${kib(br)} brotli (.br and .gz written beside them)`);
}

main().catch((err) => {
    console.error(`precompress: ${err.message}`);
    process.exit(1);
});
