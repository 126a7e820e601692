/** The API versions each release accepts (`VALID_VERSIONS`), checked by `api_middleware` on every path. */
import { ManagerError } from '../errors.ts';
import type { ManagerVersion } from '../releases.ts';
import { header, type IncomingRequest } from './incoming-request.ts';

const API_VERSIONS_25_6 = [
  'v4.20181215',
  'v4.20190115',
  'v4.20190315',
  'v4.20190615',
  'v5.20191215',
  'v6.20200815',
  'v6.20210815',
  'v6.20220315',
  'v6.20220615',
  'v6.20230315',
  'v7.20230615',
  'v8.20240315',
  'v8.20240915',
];

/** API versions each release accepts, and the one `GET /` announces. */
export const API_VERSIONS: Record<ManagerVersion, { valid: ReadonlySet<string>; latest: string }> = {
  '25.6': { valid: new Set(API_VERSIONS_25_6), latest: 'v8.20240915' },
  '26.1': { valid: new Set([...API_VERSIONS_25_6, 'v9.20250722']), latest: 'v9.20250722' },
  // 26.3 dropped v6.20210815 from the list and added v6.20221201.
  '26.3': {
    valid: new Set([
      ...API_VERSIONS_25_6.filter((version) => version !== 'v6.20210815'),
      'v6.20221201',
      'v9.20250722',
    ]),
    latest: 'v9.20250722',
  },
};

/** `api_middleware`'s check, which every path (including `GET /`) goes through. */
export function checkApiVersion(request: IncomingRequest, version: ManagerVersion): void {
  const apiVersion = header(request, 'x-backendai-version') || header(request, 'x-sorna-version');
  if (apiVersion && !API_VERSIONS[version].valid.has(apiVersion))
    throw new ManagerError('genericBadRequest', 'Unsupported API version.');
}
