/**
 * Finding one image as the manager's `ImageRow.get` and `ImageRow.resolve` do: by id, or by a list of
 * candidates (a canonical name with an architecture, an alias) tried in turn, with a status filter
 * (ALIVE unless told otherwise), failing with `ImageNotFound` and the references it searched.
 */
import type { SandboxImage } from './data/types.ts';
import { ManagerError } from './errors.ts';
import { PythonError, pythonUuid } from './python-compat.ts';

export const DEFAULT_ARCHITECTURE = 'x86_64';

export type ImageCandidate = { identifier: string; architecture: string } | { alias: string };

export type StatusFilter = readonly ('ALIVE' | 'DELETED')[] | 'any';

const pyStr = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

function describe(candidate: ImageCandidate): string {
  return 'alias' in candidate
    ? `alias:${pyStr(candidate.alias)}`
    : `identifier:ImageIdentifier(canonical=${pyStr(candidate.identifier)}, architecture=${pyStr(candidate.architecture)})`;
}

function statusMatches(image: SandboxImage, statuses: StatusFilter): boolean {
  return statuses === 'any' || statuses.length === 0 || statuses.includes(image.status);
}

export class ImageIndex {
  private byId = new Map<string, SandboxImage>();

  constructor(private readonly images: SandboxImage[]) {
    this.rebuild();
  }

  /** After rows were added or removed. */
  rebuild(): void {
    this.byId = new Map(this.images.map((image) => [image.id, image]));
  }

  /** The row with this (canonical) id, whatever its status. */
  get(id: string): SandboxImage | undefined {
    return this.byId.get(id);
  }

  /** `ImageRow.get`: the row by id if its status passes, else undefined. */
  getWithStatus(id: string, statuses: StatusFilter = ['ALIVE']): SandboxImage | undefined {
    const image = this.byId.get(id);
    return image && statusMatches(image, statuses) ? image : undefined;
  }

  /** `ImageRow.resolve`: the first candidate that names a row, or `ImageNotFound`. */
  resolve(candidates: ImageCandidate[], statuses: StatusFilter = ['ALIVE']): SandboxImage {
    for (const candidate of candidates) {
      const found = this.images.find(
        (image) =>
          statusMatches(image, statuses) &&
          ('alias' in candidate
            ? image.aliases.includes(candidate.alias)
            : image.name === candidate.identifier && image.architecture === candidate.architecture),
      );
      if (found) return found;
    }
    throw new ManagerError(
      'imageNotFound',
      `Unknown image references: ${candidates.map(describe).join(', ')}`,
    );
  }

  remove(image: SandboxImage): void {
    const index = this.images.indexOf(image);
    if (index >= 0) this.images.splice(index, 1);
    this.rebuild();
  }
}

/** `uuid.UUID(text)` for an argument: the canonical id, or the ValueError's text as the error. */
export function uuidArgument(text: string): string {
  try {
    return pythonUuid(text);
  } catch (error) {
    if (error instanceof PythonError) throw new Error(error.message);
    throw error;
  }
}
