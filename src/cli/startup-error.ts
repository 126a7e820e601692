/**
 * What a command prints when it cannot start: one line that says why, never a stack trace (set DEBUG=1 for
 * one). Settings problems are listed in the same line, so a log shipper keeps them together.
 */
import { SettingsError } from '../gateway/settings.ts';

export function startupErrorLine(error: unknown): string {
  if (error instanceof SettingsError)
    return `imagev2-gateway: invalid settings: ${error.problems.join('; ')}`;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return `imagev2-gateway: cannot start: the port is in use (${message})`;
  return `imagev2-gateway: cannot start: ${message.split('\n')[0]}`;
}
