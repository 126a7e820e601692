/**
 * The native error shape: the manager turns a BackendAIError into a GraphQL error whose message is
 * `str(error)` (the title, then the detail in parentheses when there is one) and whose only extension is
 * `code`. Internal to this folder, so errors are created here and nowhere else.
 */
import { type ASTNode, GraphQLError } from 'graphql';
import type { ErrorCodeValue } from './codes.ts';

/** `str(BackendAIError)`: `<title> (<detail>)`, or the bare title without a detail. */
export function withDetail(title: string, detail: string | undefined): string {
  return detail ? `${title} (${detail})` : title;
}

/**
 * A GraphQL error in the native shape; `extra` extensions are for the server (Yoga's `http`), not clients;
 * `node` places it in the client's document.
 */
export function backendAIError(
  title: string,
  code: ErrorCodeValue,
  detail?: string,
  extra: Record<string, unknown> = {},
  node?: ASTNode,
): GraphQLError {
  return new GraphQLError(withDetail(title, detail), {
    extensions: { code, ...extra },
    ...(node ? { nodes: node } : {}),
  });
}
