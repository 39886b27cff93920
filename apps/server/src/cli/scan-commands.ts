import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { FINDING_SEVERITIES, type CountsBySeverity } from '@custodian/shared';
import { systemContext } from '../lib/context.js';
import { startScanImport } from '../modules/scans/scans.service.js';
import { CliError } from './cli-error.js';
import { say, withRuntime } from './runtime.js';

const line = (label: string, counts: CountsBySeverity) =>
  `  ${label.padEnd(14)} ${FINDING_SEVERITIES.map((s) => `${s} ${counts[s]}`).join(', ')}`;

/** `custodian import-scan FILE --system ID`: the API's scan import, for the operator at the console. */
export function registerScanCommands(program: Command): void {
  program
    .command('import-scan')
    .description(
      'Import a vulnerability scan report (Nessus, OpenVAS, ZAP, Burp, Nmap, Trivy, SARIF, generic CSV/JSON) into a system, all or nothing',
    )
    .argument('<file>', 'the report; its format is detected from the content')
    .requiredOption('--system <id>', 'id of the system the scan is of')
    .action(async (file: string, opts: { system: string }) => {
      if (!/^[0-9a-f-]{36}$/i.test(opts.system)) {
        throw new CliError('--system takes the system id (a UUID).');
      }
      await withRuntime(async ({ deps }) => {
        const stream = createReadStream(file);
        const result = await startScanImport(deps, systemContext('cli', deps.clock.now()), {
          query: { systemId: opts.system, wait: 'true' },
          upload: {
            fileName: basename(file),
            content: stream,
            isTruncated: () => false,
            discard: () => stream.destroy(),
          },
        });
        const scan = result.scan;
        if (!scan) {
          throw new CliError(`Import ${result.id} did not complete (${result.status}).`);
        }
        say(`Imported 已匯入 ${scan.fileName} (${scan.format}, ${scan.tool}) into ${scan.systemName}: scan ${scan.id}`);
        say(`  SHA-256 ${scan.fileSha256}, ${scan.findingCount} findings`);
        say(line('new', scan.summary.new));
        say(line('still open', scan.summary.stillOpen));
        say(line('fixed', scan.summary.fixed));
        say(line('reopened', scan.summary.reopened));
      });
    });
}
