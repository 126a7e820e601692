/** `ImageV2.requirements`: resource limits and supported accelerators. */
import type { LegacyResourceLimit, ResourceLimit } from './types.ts';

/**
 * The manager's floor for the intrinsic slots (`INTRINSIC_SLOTS_MIN`), which it applies to every image
 * without a label for them: 1 core and 1 GiB.
 */
export const INTRINSIC_MINIMUMS: Readonly<Record<string, string>> = { cpu: '1', mem: '1073741824' };

/** A slot's minimum when none is stored (`Decimal(0)` natively). */
export const NO_MINIMUM = '0';

export const NO_MAXIMUM = 'Infinity';

/**
 * A maximum as ImageV2 shows it. The legacy API always says "Infinity"; managers 26.2-26.3 print a missing
 * maximum as "None", and a richer source may give null: all of them mean no maximum.
 */
export function normalizeMaximum(max: string | null | undefined): string {
  return max == null || max === '' || max === 'None' ? NO_MAXIMUM : max;
}

/**
 * `{key, min, max}` per slot with `cpu` and `mem` always present, sorted by slot name in code-unit order.
 * (The native order follows a Python set and changes between calls, a fault not worth copying.) The maximum
 * is the custom one when a richer source knows it (`customMax`), which the legacy API hides.
 */
export function resourceLimits(
  limits: LegacyResourceLimit[] | null,
  customMax: Record<string, string> = {},
): ResourceLimit[] {
  const bySlot = new Map<string, ResourceLimit>();
  for (const limit of limits ?? []) {
    if (!limit.key) continue;
    const max = normalizeMaximum(customMax[limit.key] ?? limit.max);
    bySlot.set(limit.key, { key: limit.key, min: limit.min ?? NO_MINIMUM, max });
  }
  for (const [key, min] of Object.entries(INTRINSIC_MINIMUMS)) {
    if (!bySlot.has(key)) bySlot.set(key, { key, min, max: normalizeMaximum(customMax[key]) });
  }
  return [...bySlot.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The stored accelerator names in stored order (a stable order: the manager splits one stored string),
 * trimmed and without empty names as the native v2 API gives them, or `["*"]` (any accelerator) when none is
 * stored, as the legacy API and the newest native code give it (some native releases give `[]`).
 */
export function supportedAccelerators(accelerators: (string | null)[] | null): string[] {
  const named = (accelerators ?? []).flatMap((name) => (name?.trim() ? [name.trim()] : []));
  return named.length > 0 ? named : ['*'];
}
