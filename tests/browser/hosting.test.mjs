// Hosting (docs/hosting.md): the built site works from a folder of a server, not only from its
// root, with every file sent as the build's precompressed copy; and nginx, Apache httpd and Caddy,
// each set up with its documented configuration (docs/nginx-demozone.conf,
// docs/apache-demozone.conf, docs/caddy-demozone.Caddyfile), serve it as the document says: types,
// compressed copies, the CSP header, caching, the folder redirect and the service worker.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { trackApps, tid, storedDrafts, noErrors, repoRoot } from './helpers.mjs';
import { cspFromHtml, defaultDist } from './server.mjs';

const open = trackApps(after);
const run = promisify(execFile);
const PREFIX = '/apps/demozone/';

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
    assert.ok(own.some((u) => /\/split_page_eligibility-[0-9a-f]{16}\.wasm$/.test(u.pathname)), 'the page chunk was fetched, from the folder');
    const plain = app.log.responses.filter((r) => /\.(js|css|wasm)$/.test(new URL(r.url).pathname) && r.encoding !== 'br');
    assert.deepEqual(plain, [], 'every script, style sheet and module arrives as its .br copy');
});

// ---------- real servers with the documented configurations ----------

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

/**
 * Starts a server program (`command` with `args`, run in the temporary folder `dir`) and waits
 * until it answers at the site's folder. Resolves to { url, origin, close() } for openApp's `serve`.
 */
async function startProgram({ name, command, args, dir, port, env, logFile }) {
    const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err) => (stderr += `${err.message} (is ${name} installed? scripts/tools.sh installs it)\n`));
    const origin = `http://127.0.0.1:${port}`;
    const close = async () => {
        if (child.exitCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        }
        await rm(dir, { recursive: true, force: true });
    };
    for (let i = 0; ; i++) {
        const log = () => readFile(logFile ?? '/nonexistent', 'utf8').catch(() => '');
        if (child.exitCode !== null) {
            const text = `${name} exited: ${stderr}${await log()}`;
            await close();
            throw new Error(text);
        }
        const ok = await fetch(`${origin}${PREFIX}`).then((r) => r.ok, () => false);
        if (ok) break;
        if (i > 150) {
            const text = `${name} did not answer on ${origin}: ${stderr}${await log()}`;
            await close();
            throw new Error(text);
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    return { url: origin + PREFIX, origin, close };
}

/** The documented configuration with the example folder of the copied site replaced by dist/. */
async function documented(file, from, to) {
    const text = await readFile(path.join(repoRoot, 'docs', file), 'utf8');
    assert.ok(text.includes(from), `docs/${file} names ${from}`);
    return text.split(from).join(to);
}

/** nginx (Debian nginx-light) with docs/nginx-demozone.conf. */
async function startNginx() {
    const site = await documented('nginx-demozone.conf', 'alias /srv/demozone/;', `alias ${defaultDist}/;`);
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
    return startProgram({ name: 'nginx', command: '/usr/sbin/nginx', args: ['-p', dir, '-c', conf], dir, port, logFile: path.join(dir, 'error.log') });
}

/** Apache httpd (Debian apache2-bin) with docs/apache-demozone.conf and only the modules it names. */
async function startApache() {
    const site = await documented('apache-demozone.conf', '/srv/demozone', defaultDist);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-apache-'));
    const port = await freePort();
    const modules = ['mpm_event', 'authz_core', 'alias', 'dir', 'mime', 'headers', 'rewrite', 'env']
        .map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`)
        .join('\n');
    const conf = path.join(dir, 'httpd.conf');
    await writeFile(
        conf,
        `ServerRoot ${dir}\nPidFile ${dir}/httpd.pid\nListen 127.0.0.1:${port}\nServerName 127.0.0.1\n` +
            `ErrorLog ${dir}/error.log\nLogLevel warn\n${modules}\nTypesConfig /etc/mime.types\n` +
            `User nobody\nGroup nogroup\nDefaultRuntimeDir ${dir}\nMutex file:${dir}\n` +
            `<Directory />\n    Require all denied\n    AllowOverride None\n</Directory>\n${site}\n`,
    );
    return startProgram({ name: 'Apache httpd', command: '/usr/sbin/apache2', args: ['-f', conf, '-DFOREGROUND'], dir, port, logFile: path.join(dir, 'error.log') });
}

/** Caddy (Debian caddy) with docs/caddy-demozone.Caddyfile inside a plain-HTTP site block. */
async function startCaddy() {
    const site = await documented('caddy-demozone.Caddyfile', '/srv/demozone', defaultDist);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'demozone-caddy-'));
    const port = await freePort();
    const conf = path.join(dir, 'Caddyfile');
    await writeFile(conf, `{\n\tadmin off\n\tauto_https off\n}\n\nhttp://127.0.0.1:${port} {\n${site}\n}\n`);
    return startProgram({
        name: 'Caddy',
        command: '/usr/bin/caddy',
        args: ['run', '--config', conf, '--adapter', 'caddyfile'],
        dir,
        port,
        env: { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    });
}

/** The checks every documented server must pass, with the encoding of the copies it sends. */
async function checkServer(app, encoding) {
    const { page } = app;
    await tid(page, 'btn-new').click();
    await tid(page, 'nav-eligibility').click();
    await tid(page, 'eligibility-result').waitFor();
    noErrors(app);
    assert.deepEqual(app.log.failedRequests, [], 'failed requests');
    assert.deepEqual(app.log.badResponses, [], 'HTTP errors');
    const files = app.log.responses.filter((r) => /\.(js|css|wasm)$/.test(new URL(r.url).pathname));
    assert.ok(files.length >= 10, JSON.stringify(files));
    // scripts/precompress.mjs writes a copy only when it is smaller (not for the few-hundred-byte
    // chunks of the split module in gzip): such a file is sent as it is.
    const ext = encoding === 'br' ? 'br' : 'gz';
    for (const r of files) {
        const name = decodeURIComponent(new URL(r.url).pathname.split('/').pop());
        const copy = existsSync(path.join(defaultDist, `${name}.${ext}`));
        assert.equal(r.encoding, copy ? encoding : '', `${r.url} sent as ${copy ? `its .${ext} copy` : 'it is (no smaller copy)'}`);
    }
    assert.ok(files.filter((r) => r.encoding === encoding).length >= 10, 'the copies are sent');
    for (const r of files.filter((f) => f.url.endsWith('.wasm'))) assert.equal(r.type, 'application/wasm', r.url);
    for (const r of files.filter((f) => f.url.endsWith('.js'))) assert.match(r.type, /^text\/javascript/, r.url);
    for (const r of files.filter((f) => f.url.endsWith('.css'))) assert.match(r.type, /^text\/css/, r.url);

    // Headers: the page's own policy plus frame-ancestors, and the cache rules.
    const html = await readFile(path.join(defaultDist, 'index.html'), 'utf8');
    const csp = `${cspFromHtml(html)}; frame-ancestors 'none'`;
    const index = await fetch(app.server.url, { headers: { 'Accept-Encoding': 'br, gzip' } });
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-security-policy'), csp);
    assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(index.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    assert.match(index.headers.get('content-type'), /^text\/html/);
    assert.match(await index.text(), /<title>网络市场监管与服务示范区创建自评工作台<\/title>/);
    const wasmName = html.match(/data-demozone-wasm="\.\/([^"]+)"/)[1];
    for (const accept of ['br', 'gzip', 'identity']) {
        const wasm = await fetch(app.server.url + wasmName, { headers: { 'Accept-Encoding': accept } });
        assert.equal(wasm.status, 200);
        assert.equal(wasm.headers.get('content-type'), 'application/wasm', `wasm with Accept-Encoding: ${accept}`);
        // A server with the .br copies sends each copy the browser accepts; stock nginx only the .gz.
        const sent = accept === 'identity' || (accept === 'br' && encoding !== 'br') ? 'identity' : accept;
        assert.equal(wasm.headers.get('content-encoding') ?? 'identity', sent, `wasm with Accept-Encoding: ${accept}`);
        assert.match(wasm.headers.get('vary') ?? '', /Accept-Encoding/i);
        assert.equal(wasm.headers.get('cache-control'), 'public, max-age=31536000, immutable');
        assert.equal(wasm.headers.get('content-security-policy'), csp);
        // fetch() unpacks what it was sent: the same bytes as the file.
        assert.ok(Buffer.from(await wasm.arrayBuffer()).equals(await readFile(path.join(defaultDist, wasmName))), `the wasm's bytes (${accept})`);
    }
    for (const name of ['boot.js', 'sw.js']) {
        const res = await fetch(app.server.url + name);
        assert.equal(res.status, 200, name);
        assert.match(res.headers.get('content-type'), /^text\/javascript/, name);
        assert.equal(res.headers.get('cache-control'), 'no-cache', name);
        assert.equal(res.headers.get('service-worker-allowed'), null, `${name}: no scope beyond the folder`);
    }
    // The folder without its slash is sent to the folder.
    const bare = await fetch(app.server.url.replace(/\/$/, ''), { redirect: 'manual' });
    assert.equal(bare.status, 301);
    assert.equal(new URL(bare.headers.get('location'), app.server.url).pathname, PREFIX);
}

test('nginx with docs/nginx-demozone.conf: gzip copies, types, the CSP header, caching, the folder redirect', async () => {
    const app = await open({ serve: startNginx, readySelector: 'h1' });
    await checkServer(app, 'gzip');
});

test('Apache httpd with docs/apache-demozone.conf: brotli copies, types, the CSP header, caching, the folder redirect', async () => {
    const app = await open({ serve: startApache, readySelector: 'h1' });
    await checkServer(app, 'br');
});

test('Caddy with docs/caddy-demozone.Caddyfile: brotli copies, types, the CSP header, caching, the folder redirect', async () => {
    const app = await open({ serve: startCaddy, readySelector: 'h1' });
    await checkServer(app, 'br');
});

// ---------- the package (scripts/package.sh) ----------

test('scripts/package.sh: demozone-<version>.zip holds the built site with its copies and the three tested configurations', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'demozone-package-'));
    try {
        await run('bash', [path.join(repoRoot, 'scripts', 'package.sh'), '--no-build', '--out', out]);
        const version = (await readFile(path.join(repoRoot, 'Cargo.toml'), 'utf8')).match(/^version = "([^"]+)"/m)[1];
        const zip = path.join(out, `demozone-${version}.zip`);
        await run('unzip', ['-q', zip, '-d', out]);
        const root = path.join(out, `demozone-${version}`);
        // The site is dist/, file for file, with the .br and .gz copies.
        const site = (await readdir(path.join(root, 'site'), { recursive: true })).sort();
        const dist = (await readdir(defaultDist, { recursive: true })).filter((n) => !n.startsWith('.stage')).sort();
        assert.deepEqual(site, dist);
        assert.ok(site.some((n) => n.endsWith('.wasm.br')) && site.some((n) => n.endsWith('.wasm.gz')));
        for (const n of ['index.html', 'sw.js']) assert.ok((await readFile(path.join(root, 'site', n))).equals(await readFile(path.join(defaultDist, n))), n);
        // The configurations are the ones the tests above run.
        for (const [inZip, doc] of [
            ['nginx/demozone.conf', 'nginx-demozone.conf'],
            ['apache/demozone.conf', 'apache-demozone.conf'],
            ['caddy/demozone.Caddyfile', 'caddy-demozone.Caddyfile'],
            ['HOSTING.md', 'hosting.md'],
        ]) {
            assert.equal(await readFile(path.join(root, inZip), 'utf8'), await readFile(path.join(repoRoot, 'docs', doc), 'utf8'), inZip);
        }
        // SHA256SUMS checks out.
        const { stdout } = await run('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: root });
        assert.equal(stdout.trim(), '');
    } finally {
        await rm(out, { recursive: true, force: true });
    }
});
