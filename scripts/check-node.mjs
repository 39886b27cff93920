// Prints the Node.js that npm scripts run on and fails when it is not a supported line.
// npm scripts put node_modules/.bin first on PATH, where `npm ci` installed Node.js 24 as a
// package (ADR 0021); CI must test on that one, so with CI set only 24 passes.
const major = Number(process.versions.node.split('.')[0]);
const wanted = process.env.CI ? [24] : [22, 24];
console.log(`Node.js ${process.version} (${process.execPath})`);
if (
  !wanted.includes(major) ||
  (major === 22 && process.versions.node.localeCompare('22.13.0', undefined, { numeric: true }) < 0)
) {
  console.error(`Expected Node.js ${wanted.join(' or ')}${wanted.includes(22) ? ' (22.13 or later)' : ''}.`);
  process.exitCode = 1;
}
