// flowy register: registers the domain and every scanned workflow and activity type.
import { defineCommand } from '../command.ts';
import { withFolders } from '../registry-options.ts';
import type { FolderArgs } from '../registry-options.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { wholeNumber } from '../number-option.ts';

interface RegisterArgs extends FolderArgs {
  retentionDays: number;
}

/** `flowy register`: idempotent; types that exist keep their defaults (bump the version to change them). */
export const registerCommand = defineCommand<RegisterArgs>({
  command: 'register',
  describe: 'Register the domain and the workflow and activity types found in the folders',
  builder: (yargs) =>
    withFolders(yargs)
      .option('retention-days', {
        type: 'number',
        coerce: wholeNumber('retention-days', 0),
        default: 7,
        describe: 'Days closed executions are kept (new domain only)',
      })
      .example('$0 register', 'register everything in workflows/ and activities/')
      .example('$0 register --domain shop --endpoint http://127.0.0.1:7766', 'in another domain and server'),
  async run(args, context) {
    const { registerAll } = await import('../../swf/index.ts');
    const registry = await context.registry(args.folders);
    const report = await registerAll(context.swf, context.domain, registry, { retentionDays: args.retentionDays });
    context.out(
      `domain "${context.domain}" ${report.domainCreated ? 'registered' : 'already registered'} at ${context.target}`,
    );
    if (report.registered.length) context.out(`registered: ${report.registered.join(', ')}`);
    if (report.existing.length) context.out(`already registered: ${report.existing.join(', ')}`);
    return EXIT_OK;
  },
});
