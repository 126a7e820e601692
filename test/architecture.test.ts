/**
 * The layering rules of docs/ARCHITECTURE.md, checked on the import statements of every source file, so a
 * change that breaks one fails here rather than in review.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return relative.endsWith('.ts') ? [relative] : [];
  });
}

/** The project files a file imports, as paths from the project root. */
function projectImports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(
    (match) => match[1] as string,
  );
  return specifiers.map((specifier) =>
    path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier)),
  );
}

const PURE = ['auth', 'errors', 'filters', 'image', 'minilang', 'relay', 'schema', 'trust'];
const EDGES = ['src/gateway/', 'src/sandbox/', 'src/cli/', 'src/resolvers/'];

describe('layering', () => {
  it.each(PURE)('src/%s imports nothing from the edges (gateway, sandbox, cli, resolvers)', (folder) => {
    const offending = sourceFiles(`src/${folder}`).flatMap((file) =>
      projectImports(file)
        .filter((target) => EDGES.some((edge) => target.startsWith(edge)))
        .map((target) => `${file} -> ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('production code (src/, transforms/) imports no test or bench code', () => {
    const offending = [...sourceFiles('src'), ...sourceFiles('transforms')].flatMap((file) =>
      projectImports(file)
        .filter((target) => target.startsWith('test/') || target.startsWith('bench/'))
        .map((target) => `${file} -> ${target}`),
    );
    expect(offending).toEqual([]);
  });
});
