// Hosting (docs/hosting.md): the built site works from a folder of a server, not only from its
// root, with every file sent as the build's precompressed copy; and nginx set up with the
// documented config (docs/nginx-demozone.conf) serves it as the document says.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { trackApps, tid, storedDrafts, noErrors, repoRoot } from './helpers.mjs';
import { cspFromHtml, defaultDist } from './server.mjs';

const open = trackApps(after);
const PREFIX = '/apps/demozone/';
const NGINX_CONF = path.join(repoRoot, 'docs', 'nginx-demozone.conf');
const NGINX = '/usr/sbin/nginx';

test('from a folder of the server (/apps/demozone/): loads, keeps a draft, fetches the second module there', async () => {
    const app = await open({ prefix: PREFIX, readySelector: 'h1' });
    const { page } = app;
    assert.equal(new URL(page.url()).pathname, PREFIX);

    await tid(page, 'btn-new').click();
    await tid(page, 'subject-name').fill('嘉兴市');
    await tid(page, 'nav-eligibility').click();
    await tid(page, 'eligibility-result').waitFor();
    await page.reload();
    await tid(page, 'current-title').waitFor();
    assert.equal((await storedDrafts(page))[0].assessment.subject.name, '嘉兴市');

    noErrors(app);
    assert.deepEqual(app.log.failedRequests, [], 'failed requests');
    assert.deepEqual(app.log.badResponses, [], 'HTTP errors (a file looked for outside the folder is a 404)');
    const own = app.log.requests.map((u) => new URL(u)).filter((u) => u.protocol.startsWith('http'));
    const outside = own.filter((u) => !u.pathname.startsWith(PREFIX)).map((u) => u.pathname);
    assert.deepEqual(outside, [], 'every request stays in the folder');
    assert.ok(own.some((u) => /\/demozone-more-[0-9a-f]{16}_bg\.wasm$/.test(u.pathname)), 'the second module was fetched');
    const plain = app.log.responses.filter((r) => /\.(js|css|wasm)$/.test(new URL(r.url).pathname) && r.encoding !== 'br');
    assert.deepEqual(plain, [], 'every script, style sheet and module arrives as its .br copy');
});

// ---------- nginx with docs/nginx-demozone.conf ----------

/** A free TCP port on 127.0.0.1. */
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

/** nginx (scripts/tools.sh installs nginx-light) serving dist/ with the documented site config. */
async function startNginx() {
    const documented = await readFile(NGINX_CONF, 'utf8');
    const site = documented.replace('alias /srv/demozone/;', `alias ${defaultDist}/;`);
    assert.notEqual(site, documented, 'the documented config has `alias /srv/demozone/;`');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-nginx-'));
    const port = await freePort();
    const conf = path.join(dir, 'nginx.conf');
    await writeFile(
        conf,
        `daemon off;\nmaster_process off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\n` +
            `events { worker_connections 64; }\n` +
            `http {\n    include /etc/nginx/mime.types;\n    access_log off;\n` +
            `    server {\n        listen 127.0.0.1:${port};\n${site}\n    }\n}\n`,
    );
    const child = spawn(NGINX, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err) => (stderr += `${err.message} (is nginx installed? scripts/tools.sh installs nginx-light)\n`));
    const origin = `http://127.0.0.1:${port}`;
    const close = async () => {
        child.kill('SIGTERM');
        await rm(dir, { recursive: true, force: true });
    };
    for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}${await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '')}`);
        const ok = await fetch(`${origin}${PREFIX}`).then((r) => r.ok, () => false);
        if (ok) break;
        if (i > 100) {
            await close();
            throw new Error(`nginx did not answer on ${origin}: ${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    return { url: origin + PREFIX, origin, close };
}

test('nginx with docs/nginx-demozone.conf: gzip copies, the CSP header, caching, the folder redirect', async () => {
    const app = await open({ serve: startNginx, readySelector: 'h1' });
    const { page } = app;
    await tid(page, 'btn-new').click();
    await tid(page, 'nav-eligibility').click();
    await tid(page, 'eligibility-result').waitFor();
    noErrors(app);
    assert.deepEqual(app.log.failedRequests, [], 'failed requests');
    assert.deepEqual(app.log.badResponses, [], 'HTTP errors');
    const files = app.log.responses.filter((r) => /\.(js|css|wasm)$/.test(new URL(r.url).pathname));
    assert.ok(files.length >= 10, JSON.stringify(files));
    for (const r of files) assert.equal(r.encoding, 'gzip', `${r.url} sent as its .gz copy`);

    // Headers: the page's own policy plus frame-ancestors, and the cache rules.
    const html = await readFile(path.join(defaultDist, 'index.html'), 'utf8');
    const index = await fetch(app.server.url);
    assert.equal(index.headers.get('content-security-policy'), `${cspFromHtml(html)}; frame-ancestors 'none'`);
    assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(index.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const wasmName = html.match(/data-demozone-wasm="\.\/([^"]+)"/)[1];
    const wasm = await fetch(app.server.url + wasmName);
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    assert.equal(wasm.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(wasm.headers.get('content-security-policy'), index.headers.get('content-security-policy'));
    const boot = await fetch(app.server.url + 'boot.js');
    assert.match(boot.headers.get('content-type'), /^text\/javascript/);
    assert.equal(boot.headers.get('cache-control'), 'no-cache');
    // The folder without its slash is sent to the folder.
    const bare = await fetch(app.server.url.replace(/\/$/, ''), { redirect: 'manual' });
    assert.equal(bare.status, 301);
    assert.equal(new URL(bare.headers.get('location'), app.server.url).pathname, PREFIX);
});
