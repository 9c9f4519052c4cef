// Opening 200 assessment files at once in 省级汇总 (the province ranking), in headless Chromium:
// the time from the file input's `change` until the ranking table shows every file, painted.
// The goal is under 2 s on the reference machine. Run by scripts/bench-open.sh (which checks
// the tools and the builds); alone:
//
//   node benches/open200.mjs [--runs 7] [--files 200] [--app dist] [--scorer target/release/demozone]
//                            [--throttle 1] [--budget 2000] [--keep-files DIR] [--json]
//
// The files: N distinct, fully filled assessments generated from tests/examples/pass-hangzhou.json
// (as tests/browser/multi-file-tools.test.mjs does, but every input varied, not three): real city / district
// names with their province and kind, other creation periods, growth series, shares, listed
// entities, rates, counts and every judged score, from a fixed seed (the same files every run).
// Their `recorded` scores are those the native CLI computes (`demozone score`), so each file is
// what the app itself would have saved: no warnings, no unreadable file, no duplicates.
//
// Every round is cold for the page: a fresh Chromium profile and browser, the app served on
// 127.0.0.1 by tests/browser/server.mjs (CSP header, no compression, no-store). One unmeasured
// warm-up round comes first. In each round:
//   1. load the start page, wait for the 省级汇总 button;
//   2. click it and wait (Playwright auto-waiting) for the tool's file input and its button:
//      "tool open" = click → the frame after the tool's button is laid out. If the tool comes as
//      a module of its own (fetched when the page opens), that fetch is inside this figure and the
//      requests made after the click are listed;
//   3. setInputFiles(all N files) on the input, then wait for the last row:
//      "open N files" = the input's `change` (a window capture listener, before the app's own
//      handler) → the table holds N rows, the status says 已读取N个文件 (DOM), → the next
//      animation frame, → that frame painted (a message posted from the frame's rAF callback runs
//      after its style, layout and paint): the figure reported and compared with the budget.
// Also recorded in the page: every long task (PerformanceObserver 'longtask', > 50 ms on the main
// thread) after `change` (clipped to it: the task that dispatches `change` is Playwright's, setting
// the files, and may start well before it), the longest gap between two animation frames (how long the page froze),
// and whether the progress line (<progress> + 已读取 k / N) was in the DOM and in a painted frame.
// A benchmark, not a test: it prints PASS/OVER against the budget and exits 0 either way; it exits
// 1 only when the measurement itself fails (the app did not show the N rows, a file was refused).

import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/browser/server.mjs';
import { quantile, stats } from './stats.mjs';
import { CHROMIUM_ARGS, VIEWPORT, chromiumPath } from '../tests/browser/helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const TAG = '[bench-open]';

function parseArgs(argv) {
    const o = {
        runs: 7,
        files: 200,
        app: path.join(root, 'dist'),
        scorer: path.join(root, 'target', 'release', 'demozone'),
        throttle: 1,
        budget: 2000,
        keepFiles: null,
        json: false,
        chromium: chromiumPath,
        timeout: 120_000,
    };
    for (let i = 2; i < argv.length; i++) {
        const a = argv[i];
        const next = () => {
            if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
            return argv[++i];
        };
        if (a === '--runs') o.runs = Number(next());
        else if (a === '--files') o.files = Number(next());
        else if (a === '--app') o.app = path.resolve(next());
        else if (a === '--scorer') o.scorer = path.resolve(next());
        else if (a === '--throttle') o.throttle = Number(next());
        else if (a === '--budget') o.budget = Number(next());
        else if (a === '--keep-files') o.keepFiles = path.resolve(next());
        else if (a === '--json') o.json = true;
        else throw new Error(`unknown argument ${a}`);
    }
    if (!(Number.isInteger(o.runs) && o.runs >= 1)) throw new Error('--runs must be a whole number ≥ 1');
    if (!(Number.isInteger(o.files) && o.files >= 1)) throw new Error('--files must be a whole number ≥ 1');
    if (!(o.throttle >= 1)) throw new Error('--throttle must be at least 1');
    if (!(o.budget > 0)) throw new Error('--budget must be a positive number of milliseconds');
    return o;
}

// ---------------------------------------------------------------------------------------------
// The files

/** A small seeded PRNG (mulberry32): the same files on every run. */
function rng(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        between: (lo, hi) => lo + (hi - lo) * next(),
        int: (lo, hi) => lo + Math.floor((hi - lo + 1) * next()),
        pick: (xs) => xs[Math.floor(next() * xs.length)],
        chance: (p) => next() < p,
    };
}

const fixed = (x, d) => x.toFixed(d).replace(/\.?0+$/, '') || '0';
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const SUB_PROVINCIAL = {
    黑龙江: ['哈尔滨'], 吉林: ['长春'], 辽宁: ['沈阳', '大连'], 山东: ['济南', '青岛'], 江苏: ['南京'],
    浙江: ['杭州', '宁波'], 福建: ['厦门'], 湖北: ['武汉'], 广东: ['广州', '深圳'], 四川: ['成都'], 陕西: ['西安'],
};
const PREFECTURE = {
    浙江: ['温州', '嘉兴', '湖州', '绍兴', '金华', '衢州', '舟山', '台州', '丽水'],
    江苏: ['无锡', '徐州', '常州', '苏州', '南通', '连云港', '淮安', '盐城', '扬州', '镇江', '泰州', '宿迁'],
    广东: ['珠海', '汕头', '佛山', '韶关', '湛江', '肇庆', '江门', '茂名', '惠州', '梅州', '汕尾', '河源', '阳江', '清远', '东莞', '中山', '潮州', '揭阳', '云浮'],
    山东: ['淄博', '枣庄', '东营', '烟台', '潍坊', '济宁', '泰安', '威海', '日照', '临沂', '德州', '聊城', '滨州', '菏泽'],
    福建: ['福州', '莆田', '三明', '泉州', '漳州', '南平', '龙岩', '宁德'],
    河南: ['郑州', '开封', '洛阳', '平顶山', '安阳', '新乡', '焦作', '许昌', '南阳', '商丘', '信阳', '周口'],
    湖北: ['黄石', '十堰', '宜昌', '襄阳', '鄂州', '荆门', '孝感', '荆州', '黄冈', '咸宁'],
    湖南: ['长沙', '株洲', '湘潭', '衡阳', '岳阳', '常德', '郴州'],
    安徽: ['合肥', '芜湖', '蚌埠', '马鞍山', '安庆', '滁州', '阜阳'],
    江西: ['南昌', '景德镇', '九江', '赣州', '上饶'],
    河北: ['石家庄', '唐山', '秦皇岛', '邯郸', '保定', '廊坊'],
    山西: ['太原', '大同', '长治'],
    四川: ['绵阳', '德阳', '宜宾', '泸州', '南充'],
    陕西: ['宝鸡', '咸阳', '榆林'],
    广西: ['南宁', '柳州', '桂林'],
    云南: ['昆明', '曲靖'],
    贵州: ['贵阳', '遵义'],
    辽宁: ['鞍山', '抚顺', '锦州'],
    吉林: ['吉林', '四平'],
    黑龙江: ['齐齐哈尔', '大庆'],
    内蒙古: ['呼和浩特', '包头'],
    海南: ['海口', '三亚'],
    甘肃: ['兰州'],
    宁夏: ['银川'],
    青海: ['西宁'],
    新疆: ['乌鲁木齐'],
};
const DISTRICTS = {
    北京: ['朝阳区', '海淀区', '丰台区', '通州区', '大兴区'],
    上海: ['浦东新区', '闵行区', '徐汇区', '嘉定区', '松江区'],
    天津: ['滨海新区', '南开区', '武清区'],
    重庆: ['渝中区', '江北区', '渝北区', '九龙坡区'],
};
// 全国电子商务交易额同比增速 (%), as a user would type it from the statistical bulletins.
const NATIONAL_RATE = { 2020: '4.5', 2021: '19.6', 2022: '3.5', 2023: '9.4', 2024: '3.9' };
const COMPANY = ['跨境电商供应链', '直播科技', '数字家居', '即时零售服务', '农产品网销', '服饰电商', '智能家电网络销售', '生鲜电商', '数字文旅', '云仓物流'];

/** Every creation object of the pool (shuffled): { name, kind, province }. */
function subjects(r) {
    const out = [];
    for (const [province, cities] of Object.entries(SUB_PROVINCIAL)) {
        for (const c of cities) out.push({ name: `${c}市`, kind: 'sub_provincial_city', province });
    }
    for (const [province, cities] of Object.entries(PREFECTURE)) {
        for (const c of cities) out.push({ name: `${c}市`, kind: 'prefecture_city', province });
    }
    for (const [province, ds] of Object.entries(DISTRICTS)) {
        for (const d of ds) out.push({ name: `${province}市${d}`, kind: 'municipal_district', province });
    }
    for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(r.next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
}

/** A growth series from year `from` to `to` (inclusive), starting at `start`, rates in [lo, hi] %. */
function series(r, from, to, start, lo, hi) {
    const out = {};
    let v = start;
    for (let y = from; y <= to; y++) {
        out[y] = String(Math.round(v));
        v *= 1 + r.between(lo, hi) / 100;
    }
    return out;
}

/** A value around a threshold (%), at most 100, one decimal. */
const rateAround = (r, bound, below, above) => fixed(Math.min(100, bound + r.between(-below, above)), 1);

function makeAssessment(template, rubric, subject, r) {
    const a = structuredClone(template);
    delete a.recorded;
    const hex = () => r.int(0, 0xffff).toString(16).padStart(4, '0');
    a.id = `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-${'89ab'[r.int(0, 3)]}${hex().slice(1)}-${hex()}${hex()}${hex()}`;
    a.saved_at = `2025-11-${String(r.int(1, 26)).padStart(2, '0')}T${String(r.int(8, 20)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00+08:00`;
    const years = r.chance(0.8) ? 3 : 2;
    const start = 2025 - years - r.int(0, 1); // periods ending in 2023 or 2024
    const last = start + years - 1;
    a.subject = { name: subject.name, kind: subject.kind, province: subject.province, start_year: start, years };
    const region = rubric.regions.find((g) => g.provinces.includes(subject.province))?.id;
    const inPeriod = () => String(r.int(start, last));
    // How good this creation object is overall: most that apply are close to the pass mark.
    const strong = r.chance(0.85) ? r.between(0.8, 0.98) : r.between(0.6, 0.8);

    for (const dim of rubric.dimensions) {
        for (const ind of dim.indicators) {
            for (const item of ind.items) {
                const input = a.inputs[item.id];
                if (!input) throw new Error(`the template has no input for item ${item.id}`);
                const rule = item.rule;
                const points = Number(item.points);
                switch (rule.kind) {
                    case 'judged': {
                        const s = Math.min(points, points * Math.min(1, strong + r.between(-0.1, 0.25)));
                        input.values.score = fixed(Math.floor(s * 10) / 10, 1);
                        break;
                    }
                    case 'precondition_judged': {
                        input.values[rule.count.key] = String(r.chance(0.97) ? r.int(rule.min_count, rule.min_count + 5) : r.int(2, rule.min_count - 1));
                        input.values.score = fixed(Math.floor(points * Math.min(1, strong + r.between(-0.1, 0.2)) * 10) / 10, 1);
                        break;
                    }
                    case 'growth_years': {
                        const subjectStart = item.id === '1' ? r.int(800, 40000) : r.int(300, 6000);
                        input.years = {};
                        if (rule.reference_rate_allowed) {
                            input.years.reference_rate = {};
                            for (let y = start; y <= last; y++) input.years.reference_rate[y] = NATIONAL_RATE[y];
                            input.years[rule.subject.key] = series(r, start - 1, last, subjectStart, 2, 22);
                        } else {
                            input.years[rule.reference.key] = series(r, start - 1, last, subjectStart * r.between(1.2, 2.5), 1, 9);
                            input.years[rule.subject.key] = series(r, start - 1, last, subjectStart, 0, 16);
                        }
                        break;
                    }
                    case 'share_bands': {
                        const total = r.int(80, 2000) * 1000 + r.int(0, 999);
                        const online = Math.round((total * r.between(5, 19)) / 100);
                        const f = r.chance(0.5) ? thousands : String;
                        input.values = { [rule.numerator.key]: f(online), [rule.denominator.key]: f(total) };
                        input.basis = `截至${last}年末,经营主体登记系统中网络交易经营主体${online}户,经营主体总数${total}户。`;
                        break;
                    }
                    case 'per_count': {
                        const threshold = Number(rule.thresholds[region]);
                        const n = r.int(1, 9);
                        input.entries = Array.from({ length: n }, (_, j) => ({
                            name: `${subject.name.replace(/市.*$/, '')}${r.pick(COMPANY)}有限公司${j + 1}`,
                            year: inPeriod(),
                            amount: String(Math.round(threshold * r.between(0.8, 3))),
                            note: r.pick(['年度审计报告', '平台交易流水证明', '税务申报数据']),
                        }));
                        break;
                    }
                    case 'all_of': {
                        input.flags = Object.fromEntries(rule.flags.map((f) => [f.key, r.chance(0.92)]));
                        break;
                    }
                    case 'rate_thresholds': {
                        const values = {};
                        for (const c of rule.conditions) {
                            if (c.bound.fixed !== undefined) {
                                values[c.key] = rateAround(r, Number(c.bound.fixed), 1, 4.5);
                            } else {
                                const national = Number(template.inputs[item.id].values[c.bound.input.key]);
                                values[c.bound.input.key] = fixed(national, 1);
                                values[c.key] = rateAround(r, national, 3, 12);
                            }
                        }
                        input.values = values;
                        if (rule.flags) input.flags = Object.fromEntries(rule.flags.map((f) => [f.key, r.chance(0.92)]));
                        break;
                    }
                    case 'any_one': {
                        const n = r.chance(0.9) ? r.int(1, 3) : 0;
                        input.entries = Array.from({ length: n }, (_, j) => ({
                            name: `${subject.name}创新实践${j + 1}`,
                            year: inPeriod(),
                            category: r.pick(rule.categories),
                            ...(r.chance(0.8) ? { accepted: true } : {}),
                            note: '经省级市场监管部门认定',
                        }));
                        break;
                    }
                    case 'weighted_counts': {
                        const values = {};
                        for (const w of rule.weights) if (r.chance(0.6)) values[w.key] = String(r.int(1, 3));
                        input.values = values;
                        break;
                    }
                    default:
                        throw new Error(`item ${item.id}: rule kind ${rule.kind} is not generated by this benchmark`);
                }
            }
        }
    }
    return a;
}

const execFileP = promisify(execFile);

/**
 * Writes `n` assessment files into `dir`, scored by the native CLI (`scorer score FILE...`), and
 * returns their paths and a summary (passed, totals, warnings).
 */
async function writeFiles(dir, n, o) {
    const template = JSON.parse(await readFile(path.join(root, 'tests/examples/pass-hangzhou.json'), 'utf8'));
    const rubric = JSON.parse(await readFile(path.join(root, 'rubrics/samr-2025-10-29-draft.json'), 'utf8'));
    const r = rng(20261127);
    const pool = subjects(r);
    const files = [];
    const assessments = [];
    for (let i = 0; i < n; i++) {
        const s = { ...pool[i % pool.length] };
        const round = Math.floor(i / pool.length);
        if (round > 0) s.name = `${s.name}(${round + 1})`; // more files than places: still distinct subjects
        const a = makeAssessment(template, rubric, s, r);
        const file = path.join(dir, `assessment-${String(i + 1).padStart(4, '0')}.json`);
        await writeFile(file, JSON.stringify(a, null, 2) + '\n');
        files.push(file);
        assessments.push(a);
    }
    // The recorded scores, as the app writes them: from the engine itself (the native CLI).
    let out;
    try {
        out = await execFileP(o.scorer, ['score', ...files], { maxBuffer: 1 << 30 });
    } catch (err) {
        if (err.code === 'ENOENT') throw new Error(`no ${o.scorer}: build the CLI first (cargo build --release --bin demozone)`);
        throw new Error(`the generated files do not all score (${o.scorer}): ${String(err.stderr || err).slice(0, 2000)}`);
    }
    const results = new Map(JSON.parse(out.stdout).map((x) => [path.resolve(x.file), x]));
    const warnings = [];
    let passed = 0;
    const totals = [];
    for (let i = 0; i < n; i++) {
        const res = results.get(files[i]);
        if (!res) throw new Error(`${o.scorer} did not score ${files[i]}`);
        if (res.warnings.length) warnings.push(`${path.basename(files[i])}: ${res.warnings.join('; ')}`);
        if (res.passed) passed++;
        totals.push(Number(res.total));
        const a = assessments[i];
        a.recorded = {
            total: res.total,
            passed: res.passed,
            dimensions: Object.fromEntries(res.dimensions.map((d) => [d.id, d.score])),
            indicators: Object.fromEntries(res.indicators.map((x) => [String(x.number), x.score]).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))),
        };
        await writeFile(files[i], JSON.stringify(a, null, 2) + '\n');
    }
    const sizes = await Promise.all(files.map((f) => readFile(f).then((b) => b.length)));
    return {
        files,
        passed,
        totalMin: Math.min(...totals),
        totalMax: Math.max(...totals),
        warnings,
        bytes: sizes.reduce((s, x) => s + x, 0),
        provinces: new Set(assessments.map((a) => a.subject.province)).size,
    };
}

// ---------------------------------------------------------------------------------------------
// The page

/** Runs in the page before any of its scripts: timestamps (performance.now()) of every step. */
function installProbe({ n }) {
    const B = (window.__open = { longtasks: [], frames: [], progressDom: [] });
    try {
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
        B.longtaskObserved = true;
    } catch {
        B.longtaskObserved = false;
    }
    const afterPaint = (key, then) =>
        requestAnimationFrame(() => {
            B[key + 'Frame'] = performance.now();
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
                B[key + 'Painted'] = performance.now();
                then?.();
            };
            ch.port2.postMessage(0);
        });

    // 1. The click on 省级汇总 → the tool's input attached and its button laid out.
    window.addEventListener(
        'click',
        (e) => {
            if (B.click !== undefined || !e.target.closest?.('[data-testid="tool-ranking"]')) return;
            B.click = performance.now();
            const ready = () => {
                const input = document.querySelector('[data-testid="ranking-files-input"]');
                const button = document.querySelector('[data-testid="ranking-files-button"]');
                return input && button && button.getClientRects().length > 0;
            };
            const obs = new MutationObserver(() => {
                if (B.toolDom !== undefined || !ready()) return;
                B.toolDom = performance.now();
                obs.disconnect();
                afterPaint('tool');
            });
            obs.observe(document, { childList: true, subtree: true, attributes: true });
        },
        true,
    );

    // 2. The input's change → N rows and the final status; the frames in between.
    window.addEventListener(
        'change',
        (e) => {
            if (B.change !== undefined || !e.target.matches?.('[data-testid="ranking-files-input"]')) return;
            B.change = performance.now();
            const status = () => document.querySelector('[data-testid="ranking-files-status"]');
            const done = () => {
                const s = status();
                if (!s || s.querySelector('progress') || !s.textContent.includes(`已读取${n}个文件`)) return false;
                const rows = document.querySelectorAll('[data-testid="rank-row"]');
                return rows.length === n && rows[n - 1].getClientRects().length > 0;
            };
            const obs = new MutationObserver(() => {
                const s = status();
                if (s && s.querySelector('progress')) {
                    const t = s.textContent.trim();
                    if (B.progressDom.at(-1)?.text !== t) B.progressDom.push({ at: performance.now(), text: t });
                }
                if (B.dom !== undefined || !done()) return;
                B.dom = performance.now();
                obs.disconnect();
                afterPaint('rows', () => {
                    B.stopFrames = true;
                });
            });
            obs.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
            // Every animation frame until the rows are painted: what the user saw, and the gaps.
            const frame = (ts) => {
                const s = status();
                B.frames.push({ at: performance.now(), progress: !!(s && s.querySelector('progress')), text: s ? s.textContent.trim() : '' });
                if (!B.stopFrames) requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
        },
        true,
    );
}

async function round(o, server, files, n) {
    const profile = await mkdtemp(path.join(os.tmpdir(), 'demozone-bench-open-'));
    let context;
    try {
        context = await chromium.launchPersistentContext(profile, {
            executablePath: o.chromium,
            headless: true,
            args: CHROMIUM_ARGS,
            viewport: VIEWPORT,
            locale: 'zh-CN',
            serviceWorkers: 'block',
        });
        await context.addInitScript(installProbe, { n });
        const page = context.pages()[0] ?? (await context.newPage());
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        const requests = [];
        page.on('requestfinished', async (req) => {
            const sizes = await req.sizes().catch(() => null);
            requests.push({ url: new URL(req.url()).pathname, bytes: sizes ? sizes.responseBodySize : 0 });
        });
        if (o.throttle > 1) {
            const cdp = await context.newCDPSession(page);
            await cdp.send('Emulation.setCPUThrottlingRate', { rate: o.throttle });
        }
        const fail = (what) => new Error(`${what}; page errors: ${errors.join(' | ') || 'none'}`);

        await page.goto(server.url, { waitUntil: 'load', timeout: o.timeout });
        const toolButton = page.getByTestId('tool-ranking');
        await toolButton.waitFor({ timeout: o.timeout });
        await page.waitForLoadState('networkidle', { timeout: o.timeout }).catch(() => {});
        const before = requests.length;

        // The tool's page (and whatever it fetches when it opens).
        await toolButton.click({ timeout: o.timeout });
        const input = page.getByTestId('ranking-files-input');
        await input.waitFor({ state: 'attached', timeout: o.timeout }).catch((e) => {
            throw fail(`the 省级汇总 file input did not appear: ${e.message}`);
        });
        await page.getByTestId('ranking-files-button').waitFor({ timeout: o.timeout });
        await page.waitForFunction(() => window.__open.toolPainted !== undefined, null, { timeout: o.timeout, polling: 50 });
        await page.waitForLoadState('networkidle', { timeout: o.timeout }).catch(() => {});
        const toolRequests = requests.slice(before);

        // All the files at once.
        await input.setInputFiles(files, { timeout: o.timeout });
        await page
            .getByTestId('rank-row')
            .nth(n - 1)
            .waitFor({ timeout: o.timeout })
            .catch(async (e) => {
                const rows = await page.getByTestId('rank-row').count().catch(() => '?');
                const status = await page.getByTestId('ranking-files-status').textContent().catch(() => '?');
                throw fail(`${n} rows not shown within ${o.timeout} ms (rows: ${rows}, status: ${status}): ${e.message}`);
            });
        await page.waitForFunction(() => window.__open.rowsPainted !== undefined, null, { timeout: o.timeout, polling: 50 });

        // The app read every file as valid and consistent: no failures, no recorded-score notes.
        const status = (await page.getByTestId('ranking-files-status').textContent()).trim();
        const summaryText = (await page.getByTestId('ranking-summary').textContent()).trim();
        const failures = await page.getByTestId('ranking-failures').count();
        const recordedNotes = await page.getByTestId('recorded-notes').count();
        const dups = await page.getByTestId('dup-flag').count();
        if (status !== `已读取${n}个文件`) throw fail(`unexpected status after reading: ${status}`);
        if (failures) throw fail(`the app could not read some files: ${await page.getByTestId('ranking-failures').textContent()}`);

        const B = await page.evaluate(() => window.__open);
        // Long tasks within a window, clipped to it: the task that dispatches `change` starts
        // before it (Playwright's DOM.setFileInputFiles creating the File objects), and only its
        // part after `change` is the app's.
        const within = (from, to) =>
            B.longtasks
                .map((t) => ({ start: Math.max(t.start, from), end: Math.min(t.start + t.duration, to) }))
                .filter((t) => t.end > t.start)
                .map((t) => ({ start: t.start, duration: t.end - t.start }));
        const afterChange = within(B.change, B.rowsPainted);
        const duringTool = within(B.click, B.toolPainted);
        const frameTimes = [B.change, ...B.frames.map((f) => f.at)];
        let maxGap = 0;
        for (let i = 1; i < frameTimes.length; i++) maxGap = Math.max(maxGap, frameTimes[i] - frameTimes[i - 1]);
        const firstProgressFrame = B.frames.find((f) => f.progress);
        const allRead = B.progressDom.find((p) => p.text.includes(`${n} / ${n}`));
        const longestTask = afterChange.reduce((m, t) => (t.duration > (m?.duration ?? 0) ? t : m), null);
        return {
            open: B.rowsPainted - B.change,
            openDom: B.dom - B.change,
            openFrame: B.rowsFrame - B.change,
            tool: B.toolPainted - B.click,
            toolDom: B.toolDom - B.click,
            toolRequests,
            toolLongest: Math.max(0, ...duringTool.map((t) => t.duration)),
            longtaskObserved: B.longtaskObserved,
            longest: Math.max(0, ...afterChange.map((t) => t.duration)),
            longestAt: longestTask ? longestTask.start - B.change : null,
            read: allRead ? allRead.at - B.change : null,
            longtasks: afterChange.filter((t) => t.duration >= 50).length,
            blocked: afterChange.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
            maxFrameGap: maxGap,
            frames: B.frames.length,
            progressInDom: B.progressDom.length > 0,
            progressUpdates: B.progressDom.length,
            progressTexts: B.progressDom.map((p) => p.text),
            progressFrames: B.frames.filter((f) => f.progress).length,
            firstProgress: firstProgressFrame ? firstProgressFrame.at - B.change : null,
            status,
            summary: summaryText,
            recordedNotes,
            dups,
            errors,
        };
    } finally {
        await context?.close().catch(() => {});
        await rm(profile, { recursive: true, force: true });
    }
}

// ---------------------------------------------------------------------------------------------


/** The progress texts of a round, shortened: the first two, the count, the last. */
function progressLine(texts) {
    if (texts.length === 0) return 'never shown';
    if (texts.length <= 4) return texts.join(' → ');
    return `${texts[0]} → ${texts[1]} → … → ${texts.at(-1)} (${texts.length} texts)`;
}

async function chromiumVersion(o) {
    try {
        const b = await chromium.launch({ executablePath: o.chromium, headless: true, args: CHROMIUM_ARGS });
        const v = b.version();
        await b.close();
        return v;
    } catch {
        return 'unknown';
    }
}

async function main() {
    const o = parseArgs(process.argv);
    const n = o.files;
    const log = (s) => o.json || process.stderr.write(`${TAG} ${s}\n`);
    const dir = o.keepFiles ?? (await mkdtemp(path.join(os.tmpdir(), 'demozone-open-files-')));
    if (o.keepFiles) await mkdir(dir, { recursive: true });
    const server = await startServer({ root: o.app });
    const samples = [];
    const loadBefore = os.loadavg();
    let gen;
    try {
        const t = Date.now();
        gen = await writeFiles(dir, n, o);
        log(
            `${n} files written to ${dir} in ${((Date.now() - t) / 1000).toFixed(1)} s: ${(gen.bytes / 1024).toFixed(0)} KiB, ` +
                `${gen.provinces} provinces, totals ${gen.totalMin}–${gen.totalMax}, ${gen.passed} passed, ${gen.warnings.length} with warnings`,
        );
        for (const w of gen.warnings.slice(0, 5)) log(`  warning: ${w}`);
        await round(o, server, gen.files, n); // warm-up, not counted
        log('warm-up round done');
        for (let i = 0; i < o.runs; i++) {
            const s = await round(o, server, gen.files, n);
            samples.push(s);
            log(
                `round ${i + 1}/${o.runs}: open ${n} files ${s.open.toFixed(0)} ms (all read ${s.read?.toFixed(0) ?? '?'} ms, rows in DOM ${s.openDom.toFixed(0)} ms); ` +
                    `longest task ${s.longest.toFixed(0)} ms${s.longestAt !== null ? ` from +${s.longestAt.toFixed(0)} ms` : ''}, ${s.longtasks} long tasks, longest frame gap ${s.maxFrameGap.toFixed(0)} ms; ` +
                    `progress ${s.progressInDom ? `in DOM (${s.progressUpdates} updates), painted in ${s.progressFrames} frames` : 'not shown'}; ` +
                    `tool open ${s.tool.toFixed(0)} ms (${s.toolRequests.length} requests)`,
            );
        }
    } finally {
        await server.close();
        if (!o.keepFiles) await rm(dir, { recursive: true, force: true });
    }

    const loadAfter = os.loadavg();
    const pick = (k) => samples.map((s) => s[k]);
    const open = stats(pick('open'));
    const result = {
        files: n,
        runs: o.runs,
        throttle: o.throttle,
        budget: o.budget,
        load: { before: loadBefore, after: loadAfter, cpus: os.cpus().length },
        chromium: await chromiumVersion(o),
        app: path.relative(root, o.app) || '.',
        generated: { bytes: gen.bytes, passed: gen.passed, totals: [gen.totalMin, gen.totalMax], warnings: gen.warnings.length, provinces: gen.provinces },
        open,
        openDom: stats(pick('openDom')),
        read: samples.every((s) => s.read !== null) ? stats(pick('read')) : null,
        longestAt: samples.every((s) => s.longestAt !== null) ? stats(pick('longestAt')) : null,
        openFrame: stats(pick('openFrame')),
        over: samples.filter((s) => s.open >= o.budget).length,
        verdict: open.median < o.budget ? 'PASS' : 'OVER',
        longest: stats(pick('longest')),
        longtasks: stats(pick('longtasks')),
        blocked: stats(pick('blocked')),
        maxFrameGap: stats(pick('maxFrameGap')),
        progressShown: samples.filter((s) => s.progressFrames > 0).length,
        progressInDom: samples.filter((s) => s.progressInDom).length,
        progressFrames: stats(pick('progressFrames')),
        firstProgress: samples.every((s) => s.firstProgress !== null) ? stats(pick('firstProgress')) : null,
        tool: stats(pick('tool')),
        toolDom: stats(pick('toolDom')),
        toolLongest: stats(pick('toolLongest')),
        toolRequests: samples[0].toolRequests,
        longtaskObserved: samples.every((s) => s.longtaskObserved),
        status: samples[0].status,
        summary: samples[0].summary,
        recordedNotes: Math.max(...pick('recordedNotes')),
        dups: Math.max(...pick('dups')),
        errors: [...new Set(samples.flatMap((s) => s.errors))],
        samples: samples.map((s) => Math.round(s.open)),
        progressTexts: samples[0].progressTexts,
    };
    if (o.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
    }
    const ms = (x) => `${x.toFixed(0)} ms`;
    const row = (what, s, bold = false) =>
        `| ${what} | ${bold ? `**${ms(s.median)}**` : ms(s.median)} | ${ms(s.min)} | ${ms(s.p90)} | ${ms(s.max)} |`;
    console.log(
        `\n## Opening ${n} files in 省级汇总 (${o.runs} rounds, fresh browser each${o.throttle > 1 ? `, CPU ${o.throttle}× slower` : ''}; Chromium ${result.chromium}; ${result.app})\n`,
    );
    console.log(
        `Files: ${n} generated assessments, ${(gen.bytes / 1024).toFixed(0)} KiB in all (${(gen.bytes / n / 1024).toFixed(1)} KiB each), ` +
            `${gen.provinces} provinces, totals ${gen.totalMin}–${gen.totalMax}, ${gen.passed} passed; ${gen.warnings.length} with warnings.\n`,
    );
    console.log('| | median | min | p90 | max |');
    console.log('|---|---:|---:|---:|---:|');
    console.log(row(`open ${n} files: change → ${n} rows painted`, open, true));
    if (result.read) console.log(row(`  change → all ${n} files read (progress ${n} / ${n})`, result.read));
    console.log(row(`  change → ${n} rows in the DOM`, result.openDom));
    console.log(row(`  change → next animation frame`, result.openFrame));
    console.log(row('longest main-thread task while opening', result.longest));
    if (result.longestAt) console.log(row('  it starts at (after change)', result.longestAt));
    console.log(row('longest gap between two frames while opening', result.maxFrameGap));
    console.log(row('total blocking time (Σ long task − 50 ms)', result.blocked));
    const c = (x) => String(Math.round(x * 10) / 10);
    console.log(`| long tasks while opening (count) | ${c(result.longtasks.median)} | ${c(result.longtasks.min)} | ${c(result.longtasks.p90)} | ${c(result.longtasks.max)} |`);
    if (result.firstProgress) console.log(row('change → first frame showing the progress line', result.firstProgress));
    console.log(row('tool open: click → tool painted', result.tool));
    console.log(row('  click → tool in the DOM', result.toolDom));
    console.log(row('longest main-thread task while the tool opens', result.toolLongest));
    console.log(
        `\nProgress line: in the DOM in ${result.progressInDom}/${o.runs} rounds, painted in ${result.progressShown}/${o.runs} rounds ` +
            `(${result.progressFrames.median} frames with it, median); round 1: ${progressLine(result.progressTexts)}.`,
    );
    console.log(
        `Requests when the tool opens: ${result.toolRequests.length ? result.toolRequests.map((r) => `${r.url} (${(r.bytes / 1024).toFixed(1)} KiB)`).join(', ') : 'none (the tool is in the first load)'}.`,
    );
    console.log(`After reading: status "${result.status}", summary "${result.summary.slice(0, 60)}", duplicates flagged ${result.dups}, recorded-score notes ${result.recordedNotes}.`);
    if (!result.longtaskObserved) console.log('Note: this Chromium does not report long tasks; the longest task reads 0.');
    if (result.errors.length) console.log(`Page errors: ${result.errors.join(' | ')}`);
    console.log(`Samples (ms): ${result.samples.join(', ')}`);
    const la = (l) => l.map((x) => x.toFixed(2)).join(' / ');
    console.log(`Load average (1 / 5 / 15 min) on ${result.load.cpus} CPUs: before ${la(loadBefore)}, after ${la(loadAfter)}.`);
    console.log(
        `\nBudget: opening ${n} files < ${o.budget} ms (median): ${result.verdict} (median ${ms(open.median)}, p90 ${ms(open.p90)}; ${result.over}/${o.runs} rounds at or over)`,
    );
}

main().catch((err) => {
    console.error(`${TAG} ${err.stack || err}`);
    process.exit(1);
});
