// The core set (tests/engines/core-set.mjs) in WebKitGTK (WebKitWebDriver and MiniBrowser, selenium-webdriver; under xvfb-run).
import { coreSet } from './core-set.mjs';

coreSet('webkit');
