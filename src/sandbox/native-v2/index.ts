/**
 * The sandbox as a native v2 manager: for releases 26.2, 26.4 and 26.8 the sandbox also serves the
 * native ImageV2 API at `POST /admin/gql/strawberry`, over the same dataset and with the same
 * authentication as its legacy API, with each release's own schema, values, paging and errors (quirks
 * included). See docs/sandbox.md, "The native v2 API".
 */
export { NATIVE_V2_PATH, type NativeRouteOptions, nativeV2Route } from './http.ts';
export {
  isNativeRelease,
  legacyReleaseOf,
  NATIVE_RELEASES,
  NATIVE_TRAITS,
  type NativeRelease,
  type NativeTraits,
  SANDBOX_RELEASES,
  type SandboxRelease,
} from './releases.ts';
export { nativeSchema, nativeSchemaSDL } from './schema.ts';
