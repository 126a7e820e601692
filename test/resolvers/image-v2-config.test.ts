import { describe, expect, it } from 'vitest';
import { checkImageV2Config } from '../../src/resolvers/image-v2-config.ts';

const base = { source: 'Legacy', legacyUrl: 'http://manager:8081' };

describe('checkImageV2Config page sizes', () => {
  it.each([
    [{}, 10, 100],
    [{ maxPageSize: '50' }, 10, 50],
    // MAX_PAGE_SIZE below the default page: the default shrinks with it rather than refusing to start.
    [{ maxPageSize: '5' }, 5, 5],
    [{ defaultPageSize: 20, maxPageSize: 30 }, 20, 30],
  ])('%j pages by %i, at most %i', (sizes, defaultPageSize, maxPageSize) => {
    expect(checkImageV2Config({ ...base, ...sizes })).toMatchObject({ defaultPageSize, maxPageSize });
  });

  it('refuses a default page given above the maximum', () => {
    expect(() => checkImageV2Config({ ...base, defaultPageSize: 20, maxPageSize: 5 })).toThrow(
      'defaultPageSize (20) exceeds maxPageSize (5)',
    );
  });
});
