// Injected first into index.html by the test server for WebKit only (tests/engines/drivers.mjs:
// WebDriver classic has no console and no script that runs before the page's own). Records what
// the browser's console would show as an error: console.error, uncaught errors, unhandled
// rejections, failed script/style/image loads and CSP violations, into window.__demozoneConsole.
(function () {
    'use strict';
    var log = (window.__demozoneConsole = []);
    var original = console.error;
    console.error = function () {
        log.push('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
        return original.apply(console, arguments);
    };
    window.addEventListener(
        'error',
        function (e) {
            var t = e.target;
            if (t && t !== window && (t.src || t.href)) log.push('failed load: ' + (t.src || t.href));
            else log.push('uncaught: ' + e.message + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
        },
        true,
    );
    window.addEventListener('unhandledrejection', function (e) {
        var r = e.reason;
        log.push('unhandled rejection: ' + (r && (r.stack || r.message) ? r.stack || r.message : String(r)));
    });
    document.addEventListener('securitypolicyviolation', function (e) {
        log.push('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI);
    });
})();
