/**
 * Known differences of the native v2 API as released, by name, so an ignore file can say
 * `"quirks": ["digest-padding", "max-none"]` instead of spelling out paths. Each is data: what the release
 * does, which releases do it, and what the comparison then lets pass. Facts are from the manager's own
 * `api/gql/image/` code of 26.2 to 26.8.
 */
import type { Json } from './values.ts';

/** What a rule lets pass at the paths it names (normal paths, with `*` and `**`). */
export type Effect =
  /** Nothing under these paths is compared. */
  | { kind: 'skip'; paths: string[] }
  /** Strings that are equal once surrounding white space is trimmed. */
  | { kind: 'trim'; paths: string[] }
  /** Any of these values stands for any other. */
  | { kind: 'equivalent'; paths: string[]; values: Json[] }
  /** Lists compared as sets: items paired by `key`, or by their whole value without one. */
  | { kind: 'set'; paths: string[]; key?: string }
  /** Date-time strings compared as instants even where the rules compare times as text. */
  | { kind: 'instant'; paths: string[] }
  /** A list that is the other side's list in reverse order. */
  | { kind: 'reversed'; paths: string[] }
  /** Objects that are equal once these two fields are swapped on one side. */
  | { kind: 'swapped'; paths: string[]; fields: [string, string] }
  /**
   * An error whose message matches `message` (a regular expression), on either side: the answer of the root
   * field it belongs to, and the error itself, are not compared.
   */
  | { kind: 'error'; message: string };

export interface Quirk {
  name: string;
  releases: string;
  meaning: string;
  effects: Effect[];
}

export const QUIRKS: readonly Quirk[] = [
  {
    name: 'sizeBytes-int32',
    releases: '26.2 and later',
    meaning:
      '`metadata.sizeBytes` is a 32-bit `Int!`: any image of 2 GiB or more fails with "Int cannot represent ' +
      'non 32-bit signed integer value" and the error nulls the whole connection.',
    effects: [{ kind: 'error', message: 'Int cannot represent non 32-bit signed integer value' }],
  },
  {
    name: 'digest-padding',
    releases: '26.2 and later',
    meaning: 'Digests keep the pad space of their `CHAR(72)` column.',
    effects: [{ kind: 'trim', paths: ['**.metadata.digest'] }],
  },
  {
    name: 'max-none',
    releases: '26.2 to 26.3',
    meaning: 'A resource limit without a maximum has `max: "None"` (26.4 and later: `"Infinity"`).',
    effects: [{ kind: 'equivalent', paths: ['**.resourceLimits[].max'], values: ['None', 'Infinity'] }],
  },
  {
    name: 'accelerators-empty',
    releases: '26.2.0 to 26.4.8',
    meaning: 'An image without supported accelerators lists `[]` (26.4.9 and later: `["*"]`).',
    effects: [{ kind: 'equivalent', paths: ['**.supportedAccelerators'], values: [[], ['*']] }],
  },
  {
    name: 'resource-limits-order',
    releases: '26.2 and later',
    meaning: 'Resource limits come in no stable order; they are compared as a set keyed by `key`.',
    effects: [{ kind: 'set', paths: ['**.resourceLimits'], key: 'key' }],
  },
  {
    name: 'createdAt-format',
    releases: '26.2 and later',
    meaning:
      'Creation and last-use times are written by Python (`+00:00`, microseconds) where others write `Z` and ' +
      'milliseconds. Times compare as instants anyway; this keeps these fields so where the rules say ' +
      '`"times": "exact"`.',
    effects: [{ kind: 'instant', paths: ['**.createdAt', '**.lastUsedAt', '**.lastUsed'] }],
  },
  {
    name: 'unreversed-last',
    releases: '26.2 and later',
    meaning:
      '`last: N` gives the N oldest images oldest first instead of in the list order, so the edges come ' +
      'reversed and `startCursor`/`endCursor` swapped.',
    effects: [
      { kind: 'reversed', paths: ['**.edges'] },
      { kind: 'swapped', paths: ['**.pageInfo'], fields: ['startCursor', 'endCursor'] },
    ],
  },
  {
    name: 'orderBy-cursor-error',
    releases: '26.2 to 26.3',
    meaning:
      '`orderBy` together with `first` or `last` is refused ("order_by cannot be used with cursor pagination").',
    effects: [{ kind: 'error', message: 'order_by cannot be used with cursor pagination' }],
  },
  {
    name: 'imageV2-global-id',
    releases: '26.2 and later',
    meaning:
      '`imageV2(id:)` takes a raw UUID only; its own global id fails ("badly formed hexadecimal UUID string").',
    effects: [{ kind: 'error', message: 'badly formed hexadecimal UUID string' }],
  },
];

export function quirkNamed(name: string): Quirk | undefined {
  return QUIRKS.find((quirk) => quirk.name === name);
}
