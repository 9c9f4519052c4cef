// A small static file server for the browser tests: serves dist/ (the output of
// `trunk build --release`) on 127.0.0.1 with the same Content-Security-Policy as the page's
// <meta> tag, sent as a header, and `.wasm` as application/wasm. With `precompressed`, it sends
// the build's .br / .gz copy of a file when the browser accepts that encoding, as a static server
// set up by docs/hosting.md does (the tests use it; the benchmarks measure uncompressed loads).
//
// Used by helpers.mjs; can also be run by hand: `node tests/browser/server.mjs [dir] [port]`.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const defaultDist = path.resolve(process.env.DEMOZONE_DIST || path.join(repoRoot, 'dist'));

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm',
    '.json': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.woff2': 'font/woff2',
    '.txt': 'text/plain; charset=utf-8',
};

function decodeEntities(s) {
    return s
        .replace(/&quot;/g, '"')
        .replace(/&#0*39;|&apos;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
}

/** The content of the page's `<meta http-equiv="Content-Security-Policy">`, or null. */
export function cspFromHtml(html) {
    for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
        if (!/http-equiv\s*=\s*["']?content-security-policy\b/i.test(tag)) continue;
        const m = tag.match(/\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i);
        if (m) return decodeEntities(m[1] ?? m[2] ?? m[3]).trim();
    }
    return null;
}

/** The precompressed copy of `file` to send for this Accept-Encoding (brotli first), or null. */
async function pickEncoding(file, accept = '') {
    const accepted = new Set(
        String(accept)
            .split(',')
            .map((part) => part.trim().split(';'))
            .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
            .map(([name]) => name.trim().toLowerCase()),
    );
    for (const [name, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
        if (!accepted.has(name)) continue;
        const info = await stat(file + suffix).catch(() => null);
        if (info?.isFile()) return { name, suffix };
    }
    return null;
}

/**
 * Serves `root` on 127.0.0.1. Resolves to { url, origin, csp, close() }.
 * `precompressed`: send the .br / .gz copy of a file when the request accepts it. `prefix`: the
 * folder the site is served from (`/apps/demozone/`); everything outside it is 404.
 * `port` 0 (the default) picks a free port. `inject` ({ name, body }): a script served as
 * `prefix + name` and loaded first thing by index.html, for a test driver that cannot run a script
 * before the page's own (tests/engines/: WebKit's console recorder).
 */
export async function startServer({ root = defaultDist, port = 0, precompressed = false, prefix = '/', inject = null } = {}) {
    if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`prefix must start and end with '/': ${prefix}`);
    root = path.resolve(root);
    const indexHtml = await readFile(path.join(root, 'index.html'), 'utf8').catch(() => {
        throw new Error(`no ${path.join(root, 'index.html')}: run \`trunk build --release --offline\` first`);
    });
    const csp = cspFromHtml(indexHtml);
    if (!csp) throw new Error(`${root}/index.html has no Content-Security-Policy meta tag`);

    const server = createServer(async (req, res) => {
        const common = {
            'Content-Security-Policy': csp,
            'X-Content-Type-Options': 'nosniff',
            'Referrer-Policy': 'no-referrer',
            'Cache-Control': 'no-store',
        };
        if (req.method !== 'GET' && req.method !== 'HEAD') {
            res.writeHead(405, { ...common, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
            res.end('method not allowed\n');
            return;
        }
        let rel;
        try {
            rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
        } catch {
            res.writeHead(400, { ...common, 'Content-Type': 'text/plain; charset=utf-8' });
            res.end('bad request\n');
            return;
        }
        // The site lives under `prefix` (a folder of the server); nothing else exists.
        if (!rel.startsWith(prefix)) {
            res.writeHead(404, { ...common, 'Content-Type': 'text/plain; charset=utf-8' });
            res.end('not found\n');
            return;
        }
        rel = '/' + rel.slice(prefix.length);
        if (inject && rel === `/${inject.name}`) {
            res.writeHead(200, { ...common, 'Content-Type': 'text/javascript; charset=utf-8' });
            res.end(req.method === 'HEAD' ? undefined : inject.body);
            return;
        }
        if (rel.endsWith('/')) rel += 'index.html';
        if (inject && rel === '/index.html') {
            const html = (await readFile(path.join(root, 'index.html'), 'utf8')).replace(/<head>/i, (h) => `${h}<script src="${inject.name}"></script>`);
            res.writeHead(200, { ...common, 'Content-Type': 'text/html; charset=utf-8' });
            res.end(req.method === 'HEAD' ? undefined : html);
            return;
        }
        const file = path.resolve(root, '.' + rel);
        if (file !== root && !file.startsWith(root + path.sep)) {
            res.writeHead(403, { ...common, 'Content-Type': 'text/plain; charset=utf-8' });
            res.end('forbidden\n');
            return;
        }
        try {
            const info = await stat(file);
            if (!info.isFile()) throw new Error('not a file');
            const encoding = precompressed ? await pickEncoding(file, req.headers['accept-encoding']) : null;
            const body = await readFile(encoding ? file + encoding.suffix : file);
            res.writeHead(200, {
                ...common,
                'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
                'Content-Length': body.length,
                ...(precompressed ? { Vary: 'Accept-Encoding' } : {}),
                ...(encoding ? { 'Content-Encoding': encoding.name } : {}),
            });
            res.end(req.method === 'HEAD' ? undefined : body);
        } catch {
            res.writeHead(404, { ...common, 'Content-Type': 'text/plain; charset=utf-8' });
            res.end('not found\n');
        }
    });

    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
    });
    const origin = `http://127.0.0.1:${server.address().port}`;
    return {
        url: origin + prefix,
        origin,
        csp,
        close: () =>
            new Promise((resolve) => {
                server.closeAllConnections?.();
                server.close(() => resolve());
            }),
    };
}

// `node tests/browser/server.mjs [dir] [port]`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const root = process.argv[2] ? path.resolve(process.argv[2]) : defaultDist;
    const port = Number(process.argv[3] || process.env.PORT || 8080);
    const s = await startServer({ root, port });
    console.log(`serving ${root} at ${s.url} (Ctrl-C to stop)`);
}
