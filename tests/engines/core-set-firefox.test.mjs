// The core set (tests/engines/core-set.mjs) in Firefox ESR (Debian firefox-esr, puppeteer-core over WebDriver BiDi).
import { coreSet } from './core-set.mjs';

coreSet('firefox');
