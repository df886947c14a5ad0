/** Runs an npm script the way `npm run` does (scripts/run.mjs on this Node), with stdin, for its exit code and output. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './server.ts';

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run <name> -- …args` with extra environment variables and `stdin` piped in. */
export function runScript(name: string, args: string[], env: Record<string, string>, stdin = ''): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/run.mjs'), name, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
