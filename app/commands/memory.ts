/**
 * `pyra memory list|show|write|append|rm|mv|search|edit|reindex|pin|unpin`: the user's markdown memory
 * from the command line. The logic lives in app/memory/memory-cli.ts; this file is the yargs wiring.
 * Exit codes: 0 ok, 1 failed or refused, 2 usage error.
 */
import type { Argv, CommandModule } from 'yargs';
import {
  EXIT_USAGE,
  processIO,
  runMemoryAppend,
  runMemoryEdit,
  runMemoryList,
  runMemoryMove,
  runMemoryPin,
  runMemoryReindex,
  runMemoryRemove,
  runMemorySearch,
  runMemoryShow,
  runMemoryUnpin,
  runMemoryWrite,
} from '../memory/memory-cli.js';

/** Sets the exit code and lets the streams drain instead of calling process.exit(). */
async function exitWith(run: Promise<number>): Promise<void> {
  process.exitCode = await run;
}

/** yargs reports usage mistakes here: print them with a pointer to the help and exit 2. */
function usageFailure(message: string | undefined, err: Error | undefined): never {
  if (err) throw err;
  process.stderr.write(`pyra memory: ${message ?? 'invalid usage'}\nRun "pyra memory --help" for usage.\n`);
  process.exit(EXIT_USAGE);
}

const nameArg = (y: Argv, describe = 'A name relative to the memory folder, e.g. knowledge/recipes.md') =>
  y.positional('name', { type: 'string', describe, demandOption: true }).strict();

export const memoryCommand: CommandModule = {
  command: 'memory <command>',
  describe: 'Browse, edit and search your markdown memory',
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'list',
        describe: 'Show the folders and files with sizes and modification times',
        builder: (y: Argv) => y.option('json', { type: 'boolean', describe: 'Print the tree as JSON' }).strict(),
        handler: (argv) => exitWith(runMemoryList(processIO(), { json: Boolean(argv.json) })),
      })
      .command({
        command: 'show <name>',
        describe: 'Print a file',
        builder: (y: Argv) => nameArg(y),
        handler: (argv) => exitWith(runMemoryShow(processIO(), String(argv.name))),
      })
      .command({
        command: 'write <name>',
        describe: 'Replace (or create) a file with the text on stdin',
        builder: (y: Argv) => nameArg(y),
        handler: (argv) => exitWith(runMemoryWrite(processIO(), String(argv.name))),
      })
      .command({
        command: 'append <name>',
        describe: 'Add the text on stdin at the end of a file (created when missing)',
        builder: (y: Argv) => nameArg(y),
        handler: (argv) => exitWith(runMemoryAppend(processIO(), String(argv.name))),
      })
      .command({
        command: 'rm <name>',
        describe: 'Delete a file, or an empty folder (-r: with everything in it)',
        builder: (y: Argv) => nameArg(y).option('recursive', { alias: 'r', type: 'boolean', describe: 'Delete a folder and its contents' }),
        handler: (argv) => exitWith(runMemoryRemove(processIO(), String(argv.name), { recursive: Boolean(argv.recursive) })),
      })
      .command({
        command: 'mv <from> <to>',
        describe: 'Move or rename a file or folder',
        builder: (y: Argv) =>
          y
            .positional('from', { type: 'string', demandOption: true, describe: 'The current name' })
            .positional('to', { type: 'string', demandOption: true, describe: 'The new name' })
            .option('force', { alias: 'f', type: 'boolean', describe: 'Replace an existing file at the new name' })
            .strict(),
        handler: (argv) => exitWith(runMemoryMove(processIO(), String(argv.from), String(argv.to), { force: Boolean(argv.force) })),
      })
      .command({
        command: 'search <query..>',
        describe: 'Full-text search (prefixes and typos match); prints NAME:LINE: snippet (exit 1 when nothing matches)',
        builder: (y: Argv) =>
          y
            .positional('query', { type: 'string', array: true, demandOption: true, describe: 'Words to look for' })
            .option('limit', { alias: 'n', type: 'number', default: 20, describe: 'Most results' })
            .option('json', { type: 'boolean', describe: 'Print the hits as JSON' })
            .strict(),
        handler: (argv) =>
          exitWith(runMemorySearch(processIO(), ([] as unknown[]).concat(argv.query).join(' '), { limit: Number(argv.limit), json: Boolean(argv.json) })),
      })
      .command({
        command: 'edit <name>',
        describe: 'Open a file in $VISUAL or $EDITOR (default vi), then update the index',
        builder: (y: Argv) => nameArg(y),
        handler: (argv) => exitWith(runMemoryEdit(processIO(), String(argv.name))),
      })
      .command({
        command: 'reindex',
        describe: 'Rebuild MEMORY_INDEX.md from the files',
        builder: (y: Argv) => y.strict(),
        handler: () => exitWith(runMemoryReindex(processIO())),
      })
      .command({
        command: 'pin [name]',
        describe: 'Always give this file to the model (after your profile); without a name, list the pins',
        builder: (y: Argv) => y.positional('name', { type: 'string', describe: 'The file to pin' }).strict(),
        handler: (argv) => exitWith(runMemoryPin(processIO(), argv.name === undefined ? undefined : String(argv.name))),
      })
      .command({
        command: 'unpin <name>',
        describe: 'Stop giving this file to the model',
        builder: (y: Argv) => nameArg(y),
        handler: (argv) => exitWith(runMemoryUnpin(processIO(), String(argv.name))),
      })
      .demandCommand(1, 'Choose a memory command: list, show, write, append, rm, mv, search, edit, reindex, pin or unpin.')
      .strict()
      .fail(usageFailure),
  handler: () => {},
};
