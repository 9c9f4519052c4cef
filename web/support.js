/* Is this browser new enough for demozone? A classic script in ES5 (no module, no arrow, no let),
 * loaded by index.html before web/boot.js, so that it runs in every browser, even one that cannot
 * run the app at all (Internet Explorer, the IE mode of a dual-engine browser, an old Chromium):
 * such a browser gets a Chinese message naming the supported versions instead of a blank page.
 *
 * The check is by feature, not by user-agent string: every WebAssembly feature beyond the first
 * version of WebAssembly that the shipped .wasm files may use is tried by validating a tiny module
 * that uses it (the list below must equal the features that scripts/check-browser-support.mjs
 * allows; its test checks both). Module scripts and dynamic import() are required too.
 * The result is left in window.demozoneSupport = { ok, missing, probes } for web/boot.js, which
 * starts nothing when ok is false, and for the tests. */
(function () {
    'use strict';

    // The oldest supported browsers (README, docs/decisions.md). Keep in step with the
    // "browserslist" query in package.json: tests/browser/browser-support.test.mjs compares them.
    var MESSAGE =
        '您的浏览器版本过低,无法运行本工具。请使用 Chrome 86、Edge 86、Firefox 78、Safari 14.1 或更新版本的浏览器;' +
        '360、QQ、搜狗等双核浏览器请切换到“极速模式”。';

    var HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    // Tiny modules, each valid only where its feature is supported.
    var PROBES = {
        // An import of a mutable global.
        'mutable-globals': [0x02, 0x08, 0x01, 0x01, 0x61, 0x01, 0x62, 0x03, 0x7f, 0x01],
        // A function type with two results.
        multivalue: [0x01, 0x06, 0x01, 0x60, 0x00, 0x02, 0x7f, 0x7f],
        // () -> i32 { i32.extend8_s (i32.const 0) }
        'sign-ext': [0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x07, 0x01, 0x05, 0x00, 0x41, 0x00, 0xc0, 0x0b]
    };

    function validates(bytes) {
        try {
            return WebAssembly.validate(new Uint8Array(HEADER.concat(bytes)));
        } catch (e) {
            return false;
        }
    }

    var missing = [];
    var probes = {};
    var name;
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function' || !validates([])) {
        missing.push('webassembly');
    } else {
        for (name in PROBES) {
            if (Object.prototype.hasOwnProperty.call(PROBES, name)) {
                probes[name] = HEADER.concat(PROBES[name]);
                if (!validates(PROBES[name])) missing.push(name);
            }
        }
    }
    var script = document.createElement('script');
    if (!('noModule' in script)) missing.push('es-modules');

    window.demozoneSupport = { ok: missing.length === 0, missing: missing, probes: probes, message: MESSAGE };
    if (missing.length === 0) return;

    function show() {
        var notice = document.createElement('p');
        notice.className = 'boot-error boot-unsupported';
        notice.setAttribute('role', 'alert');
        notice.appendChild(document.createTextNode(MESSAGE));
        document.body.insertBefore(notice, document.body.firstChild);
    }
    if (document.body) show();
    else document.addEventListener('DOMContentLoaded', show);
})();
