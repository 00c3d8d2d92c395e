/** `pyra` alone, or with only `--theme NAME`, opens the dashboard without loading the CLI parser. */
export function dashboardArgs(argv: string[]): { theme?: string } | null {
  if (argv.length === 0) return {};
  if (argv.length === 1 && argv[0]!.startsWith('--theme=')) return { theme: argv[0]!.slice('--theme='.length) };
  if (argv.length === 2 && argv[0] === '--theme' && !argv[1]!.startsWith('-')) return { theme: argv[1] };
  return null;
}
