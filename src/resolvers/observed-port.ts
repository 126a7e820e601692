/**
 * The reads beside the main answer (the registry list, the REST catalogue and image, the manager's release)
 * are allowed to fail: the answer goes on with the legacy values, or with an error on the one field that
 * needed the read. So that no such failure passes unseen, each is reported (the transform turns a report
 * into a log line and a counter) before it goes on to whoever handles it.
 */
import type { LegacyImagePort } from './image-v2.ts';

export type AuxiliaryRead = 'registry_list' | 'rest_image_search' | 'rest_image' | 'manager_release';

/** What the answer does without the read, for the log line. */
export const WITHOUT_IT: Record<AuxiliaryRead, string> = {
  registry_list: 'registryId fails for images whose registry id is not cached',
  rest_image_search:
    'pages keep the legacy createdAt, maximums and registry ids until the catalogue is read again',
  rest_image: 'the image keeps the legacy createdAt and maximums',
  manager_release: 'the gateway keeps the release it knew',
};

export type FailureReport = (read: AuxiliaryRead, error: unknown) => void;

export function withFailureReports(port: LegacyImagePort, report: FailureReport): LegacyImagePort {
  const reported =
    <A extends unknown[], T>(read: AuxiliaryRead, call: (...args: A) => Promise<T>) =>
    (...args: A): Promise<T> =>
      call(...args).catch((error: unknown) => {
        report(read, error);
        throw error;
      });
  return {
    ...port,
    registryPage: reported('registry_list', port.registryPage),
    restSearch: reported('rest_image_search', port.restSearch),
    restImage: reported('rest_image', port.restImage),
    managerRelease: reported('manager_release', port.managerRelease),
  };
}
