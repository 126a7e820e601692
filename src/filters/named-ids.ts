/**
 * The ids a condition can match at most, where it names them: `id: { in: [...] }` or `equals`, alone,
 * ANDed with any other condition, or in every branch of an OR. A listing whose filter names its ids can
 * read those images by id instead of reading every row (src/resolvers/whole-table.ts). Pure.
 */
import type { Condition } from './conditions.ts';

/** The named ids, or null where the condition can match an id it does not name. */
export function namedIds(condition: Condition): Set<string> | null {
  switch (condition.kind) {
    case 'uuid':
      return condition.field === 'id' ? new Set(condition.values) : null;
    case 'and': {
      // Every item must hold, so the ids are those each naming item allows.
      let ids: Set<string> | null = null;
      for (const item of condition.items) {
        const named = namedIds(item);
        if (named) ids = ids ? new Set([...ids].filter((id: string) => named.has(id))) : named;
      }
      return ids;
    }
    case 'or': {
      // One item must hold: every branch must name its ids, or any id may match.
      const ids = new Set<string>();
      for (const item of condition.items) {
        const named = namedIds(item);
        if (!named) return null;
        for (const id of named) ids.add(id);
      }
      return ids;
    }
    default:
      return null;
  }
}
