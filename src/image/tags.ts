/**
 * `ImageV2.metadata.tags`: the image tag read as Backend.AI's `PlatformTagSet` reads it. The tag is split on
 * `-`; the first piece is the version and is dropped; each other piece must be letters (or `_`) optionally
 * followed by a version (digits, dot-separated digit groups, then lower-case letters or digits):
 * `py311` -> py=311, `cuda12.1` -> cuda=12.1, `hpc` -> hpc="", `customized_3fa2` -> customized_=3fa2.
 */
import { invalidImageData } from '../errors/index.ts';
import type { KeyValue } from './types.ts';

/** The manager's `PlatformTagSet._rx_ver`, unchanged. */
const TAG_PIECE = /^(?<key>[a-zA-Z_]+)(?<value>\d+(?:\.\d+)*[a-z0-9]*)?$/;

/** One platform tag piece as `{key, value}`, or null when it does not have the piece form. */
export function parseTagPiece(piece: string): KeyValue | null {
  const groups = TAG_PIECE.exec(piece)?.groups;
  if (!groups?.key) return null;
  return { key: groups.key, value: groups.value ?? '' };
}

/**
 * The platform tags of an image tag, in tag order: `2.0-py311-cuda12.1` -> py=311, cuda=12.1; `latest`
 * and a bare version -> none. A piece that does not have the piece form (empty, digits only, an upper-case
 * version suffix) or repeats a key is refused, as the manager refuses it (`InvalidImageTag`): the manager
 * skips such images when scanning, and its own legacy API fails on any that get in, so none should reach
 * the gateway, and guessing a split would serve tags the manager never gives. (The manager's message for a
 * repeated key names the previous piece's version where the image name belongs, a reused variable; this one
 * names the piece and the whole tag.)
 */
export function parseTags(tag: string | null): KeyValue[] {
  const entries: KeyValue[] = [];
  for (const piece of (tag ?? '').split('-').slice(1)) {
    const entry = parseTagPiece(piece);
    if (entry === null || entries.some(({ key }) => key === entry.key)) {
      throw invalidImageData(`Invalid or duplicate image name tag: "${piece}" in "${tag}"`);
    }
    entries.push(entry);
  }
  return entries;
}
