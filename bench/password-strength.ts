/**
 * Password-strength benchmark (issue 8 §8): what the zxcvbn estimate costs where a password
 * is set. The server's modules are imported first; the estimator is built on the first
 * estimate, not at start-up, which shows as a slow first estimate and a fast second one
 * (and as the memory it adds after the import). Then RUNS rounds of ordinary passwords and
 * of adversarial ones as long as the shared schema allows (256 characters), of which only
 * `analysedLength` are read.
 *
 * Usage: npx tsx --conditions=development bench/password-strength.ts   [RUNS=20]
 * Prints one JSON line: { importAppMs, firstEstimateMs, secondEstimateMs, rssMiB: {app, estimator}, ordinaryMs, adversarialMs }.
 */
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env.RUNS ?? '20');
const OWNER = { name: 'Lin Xiaohua 林小華', email: 'lin.xiaohua@ntnu.edu.tw', context: ['國立臺灣師範大學'] };

function figures(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { p50: Math.round(at(50)), p95: Math.round(at(95)), max: Math.round(sorted.at(-1) ?? 0) };
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** A deterministic printable string: the worst case for zxcvbn is no pattern at all. */
function noise(length: number, seed: number): string {
  let state = seed;
  return Array.from({ length }, () => {
    state = (state * 48_271) % 2_147_483_647;
    return String.fromCharCode(33 + (state % 94));
  }).join('');
}

const ORDINARY = ['correct horse battery staple', 'password1234', 'lin.xiaohua2026', 'Kaohsiung-harbour-2026'];
const ADVERSARIAL = [
  noise(256, 7),
  'p4$$w0rd!1@3'.repeat(22).slice(0, 256),
  '19901231'.repeat(32),
  '4@'.repeat(128),
  noise(256, 11).replace(/[^0-9]/g, '7'),
];

const rssBefore = process.memoryUsage().rss;
let started = performance.now();
await import('../apps/server/src/app.js');
const importAppMs = Math.round(performance.now() - started);
const rssApp = process.memoryUsage().rss;
const { estimatePasswordStrength } = await import('../apps/server/src/lib/password-strength.js');
started = performance.now();
await estimatePasswordStrength('first estimate loads it', OWNER);
const firstEstimateMs = Math.round(performance.now() - started);
started = performance.now();
await estimatePasswordStrength('the second one does not', OWNER);
const secondEstimateMs = Math.round(performance.now() - started);
const rssEstimator = process.memoryUsage().rss;

const ordinary: number[] = [];
const adversarial: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  for (const password of ORDINARY) {
    started = performance.now();
    await estimatePasswordStrength(password, OWNER);
    ordinary.push(performance.now() - started);
  }
  for (const password of ADVERSARIAL) {
    started = performance.now();
    await estimatePasswordStrength(password, OWNER);
    adversarial.push(performance.now() - started);
  }
}
console.log(
  JSON.stringify({
    runs: RUNS,
    importAppMs,
    firstEstimateMs,
    secondEstimateMs,
    rssMiB: { app: mib(rssApp - rssBefore), estimator: mib(rssEstimator - rssApp) },
    ordinaryMs: figures(ordinary),
    adversarialMs: figures(adversarial),
  }),
);
