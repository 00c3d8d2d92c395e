/**
 * `pyra memory edit NAME`: opens a memory file in the user's own editor. The command comes from $VISUAL
 * or $EDITOR (else `vi`) — the user's setting, never model text — split on whitespace for its arguments
 * and run without a shell, with the terminal handed over (stdio inherited) until it exits.
 */
import { spawnSync } from 'node:child_process';

export function editorCommand(env: NodeJS.ProcessEnv): { command: string; args: string[] } {
  const setting = (env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi').split(/\s+/);
  return { command: setting[0]!, args: setting.slice(1) };
}

export type EditorOutcome = { ok: true } | { ok: false; message: string };

/** Runs the editor on `path` and waits for it. */
export function runEditor(path: string, env: NodeJS.ProcessEnv): EditorOutcome {
  const { command, args } = editorCommand(env);
  const result = spawnSync(command, [...args, path], { stdio: 'inherit', env });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'ENOENT' ? `the editor "${command}" was not found (set $VISUAL or $EDITOR)` : `the editor "${command}" could not start: ${result.error.message}` };
  }
  if (result.signal) return { ok: false, message: `the editor "${command}" was stopped by ${result.signal}` };
  if (result.status !== 0) return { ok: false, message: `the editor "${command}" exited with status ${result.status}` };
  return { ok: true };
}
