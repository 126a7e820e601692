import { describe, expect, it } from 'vitest';
import type { LegacyImagePort } from '../../src/resolvers/image-v2.ts';
import { type AuxiliaryRead, withFailureReports } from '../../src/resolvers/observed-port.ts';

const failing = () => Promise.reject(new Error('manager down'));
/** A port whose every call fails. */
const DOWN: LegacyImagePort = {
  imagePage: failing,
  imageTable: failing,
  imageById: failing,
  imageOutsideScopes: failing,
  registryPage: failing,
  callerRole: failing,
  managerRelease: failing,
  restSearch: failing,
  restImage: failing,
};

function observed(port: LegacyImagePort) {
  const reports: AuxiliaryRead[] = [];
  return { port: withFailureReports(port, (read) => reports.push(read)), reports };
}

describe('withFailureReports', () => {
  it.each<[string, (port: LegacyImagePort) => Promise<unknown>, AuxiliaryRead]>([
    ['a page of the registry list', (port) => port.registryPage(0, 100), 'registry_list'],
    ['a REST catalogue page', (port) => port.restSearch(0, 1000), 'rest_image_search'],
    ['a REST image', (port) => port.restImage('id'), 'rest_image'],
    ["the manager's release", (port) => port.managerRelease(), 'manager_release'],
  ])('reports a failed read of %s, then fails as before', async (_name, call, read) => {
    const { port, reports } = observed(DOWN);
    await expect(call(port)).rejects.toThrow('manager down');
    expect(reports).toEqual([read]);
  });

  it.each<[string, (port: LegacyImagePort) => Promise<unknown>]>([
    ['an image page', (port) => port.imagePage({})],
    ['an image by id', (port) => port.imageById('id')],
    ['the whole table', (port) => port.imageTable({})],
    ['an image outside the scopes', (port) => port.imageOutsideScopes('id')],
    ["the caller's role", (port) => port.callerRole()],
  ])('leaves %s (the main answer, whose failure the client sees) unreported', async (_name, call) => {
    const { port, reports } = observed(DOWN);
    await expect(call(port)).rejects.toThrow('manager down');
    expect(reports).toEqual([]);
  });

  it('reports nothing when the read succeeds', async () => {
    const { port, reports } = observed({ ...DOWN, registryPage: async () => ({ count: 0, rows: [] }) });
    expect(await port.registryPage(0, 100)).toEqual({ count: 0, rows: [] });
    expect(reports).toEqual([]);
  });
});
