// Every example that `--help` shows works against the shipped examples (workflows/, activities/):
// it parses with the real parser, names a workflow that exists with input its schema accepts, and
// the `flowy run` examples run to a result.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import { COMMANDS } from '../../../src/cli/commands/index.ts';
import { buildParser, TOP_LEVEL_EXAMPLES } from '../../../src/cli/parser.ts';
import type { GlobalArgs } from '../../../src/cli/global-options.ts';
import { scan, validateInput } from '../../../src/definitions/index.ts';
import type { Registry } from '../../../src/definitions/index.ts';
import { runCli } from '../examples/capture.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The examples a command's builder adds, recorded by calling it on a stand-in for yargs. */
function examplesOf(builder: (yargs: Argv<GlobalArgs>) => unknown): string[] {
  const examples: string[] = [];
  const recorder: unknown = new Proxy(
    {},
    {
      get: (_target, property) =>
        property === 'example'
          ? (command: string | [string, string][]) => {
              if (Array.isArray(command)) examples.push(...command.map(([line]) => line));
              else examples.push(command);
              return recorder;
            }
          : () => recorder,
    },
  );
  builder(recorder as Argv<GlobalArgs>);
  return examples;
}

/** Splits a shell line into the argument lists of its commands (quotes, `&&`, `&`, `|`). */
function shellCommands(line: string): string[][] {
  const commands: string[][] = [[]];
  const token = /'([^']*)'|"([^"]*)"|(&&|&|\|)|(\S+)/g;
  for (const match of line.matchAll(token)) {
    if (match[3]) commands.push([]);
    else (commands.at(-1) as string[]).push(match[1] ?? match[2] ?? (match[4] as string));
  }
  return commands.filter((c) => c.length > 0).map((c) => (c[0] === '$0' ? c.slice(1) : c));
}

const examples = [
  ...TOP_LEVEL_EXAMPLES.map(([line]) => ({ from: 'flowy --help', line })),
  ...COMMANDS.flatMap((command) =>
    examplesOf(command.builder).map((line) => ({ from: `flowy ${command.command.split(' ')[0]} --help`, line })),
  ),
];

/** Parses `argv` with the real parser; returns the command it selects and its arguments, running nothing. */
async function parse(argv: string[]): Promise<{ command: string; args: Record<string, unknown> }> {
  let selected: { command: string; args: Record<string, unknown> } | undefined;
  await buildParser(async (command, args) => {
    selected = { command: command.command.split(' ')[0] as string, args: args as unknown as Record<string, unknown> };
  }, argv).parseAsync(argv);
  assert.ok(selected, `"flowy ${argv.join(' ')}" selects no command`);
  return selected;
}

describe('the examples of --help', () => {
  let registry: Registry;
  before(async () => {
    registry = await scan(['workflows', 'activities'], { cwd: ROOT });
  });

  test('every command shows at least one example', () => {
    for (const command of COMMANDS) assert.ok(examplesOf(command.builder).length > 0, command.command);
  });

  for (const { from, line } of examples) {
    test(`${from}: "${line.replaceAll('$0', 'flowy')}" parses and names shipped workflows with valid input`, async () => {
      for (const argv of shellCommands(line)) {
        const { command, args } = await parse(argv);
        if (command !== 'start' && command !== 'run') continue;
        const definition = registry.findWorkflow(String(args.workflow));
        assert.ok(definition, `workflow "${String(args.workflow)}" is not in workflows/`);
        const input = args.input === undefined ? undefined : JSON.parse(String(args.input));
        assert.equal(validateInput(definition, input), undefined);
        if (command === 'run') {
          const ran = await runCli([...argv, '--skip-time', '--quiet'], {}, ROOT);
          assert.equal(ran.code, 0, ran.stderr);
          assert.ok(JSON.parse(ran.stdout));
        }
      }
    });
  }
});
