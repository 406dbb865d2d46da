// Shared start-up of the executables: silence third-party start-up noise, register the
// TypeScript loader, then hand the arguments to the CLI.
import { register } from 'tsx/esm/api';

// The AWS SDK prints a warning about Node versions it will stop supporting; the user asked
// flowy for output, not the SDK's release schedule.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Registers the TypeScript loader and runs the CLI with `prefix` put before the user's arguments. */
export async function launch(prefix) {
  register();
  const { main } = await import('../src/cli/index.ts');
  const code = await main([...prefix, ...process.argv.slice(2)]);
  process.exitCode = code;
}
