/**
 * `POST /admin/gql/strawberry`: the native v2 API on the sandbox's own server (its faults, latency and
 * API-version check apply), signed like every other path and verified by the sandbox's own
 * authentication. Per release: 26.2's strawberry view reads the body, refuses a caller without
 * credentials as "Unauthorized access to GraphQL endpoint", always allows introspection and answers
 * `{data}` plus `errors` only when there are some; from 26.4 the manager's own handler reads the body as
 * on `/admin/gql`, introspection follows the manager's setting and the answer always has both keys.
 */
import {
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import { authenticate } from '../auth/authenticate.ts';
import type { SandboxUser } from '../data/types.ts';
import { ManagerError } from '../errors.ts';
import type { ExtraRoute, ExtraRouteRequest } from '../http/extra-route.ts';
import { readGraphQLParams } from '../http/graphql-params.ts';
import type { SandboxState } from '../state.ts';
import type { NativeTraits } from './releases.ts';
import { type NativeRequest, readStrawberryBody } from './request-body.ts';
import type { NativeContext } from './resolvers.ts';
import { nativeSchema } from './schema.ts';

export const NATIVE_V2_PATH = '/admin/gql/strawberry';

export interface NativeRouteOptions {
  traits: NativeTraits;
  state: SandboxState;
  /** false accepts unauthenticated requests as the superadmin, as on the legacy paths. */
  auth: boolean;
  /** The manager's `allow_graphql_schema_introspection`. */
  introspection: boolean;
}

type Request = ExtraRouteRequest;

const JSON_TYPE = 'application/json; charset=utf-8';

/** The manager's `CustomIntrospectionRule`. */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if (name.startsWith('__') && name !== '__typename')
      context.reportError(
        new GraphQLError(`Cannot query '${name}': introspection is disabled.`, { nodes: node }),
      );
  },
});

const header = (request: Request, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

async function callerOf(request: Request, options: NativeRouteOptions): Promise<SandboxUser> {
  const { traits, state } = options;
  if (!options.auth) return state.superadmin();
  // 26.2's view checks `is_authorized` itself, with its own words, when no credentials came at all.
  const anonymous = !header(request, 'x-backendai-token') && !header(request, 'authorization');
  if (anonymous && traits.body === 'strawberry-view')
    throw new ManagerError('authorizationFailed', 'Unauthorized access to GraphQL endpoint');
  return authenticate(request, { version: traits.legacy, users: state.dataset.users });
}

async function run(
  schema: GraphQLSchema,
  params: NativeRequest,
  context: NativeContext,
  rules: readonly ValidationRule[],
) {
  let document: DocumentNode;
  try {
    document = parse(params.query);
  } catch (error) {
    return { errors: [error as GraphQLError] };
  }
  const errors = validate(schema, document, rules);
  if (errors.length > 0) return { errors };
  return execute({
    schema,
    document,
    variableValues: params.variables ?? undefined,
    operationName: params.operationName,
    contextValue: context,
  });
}

export function nativeV2Route(options: NativeRouteOptions): ExtraRoute {
  const { traits } = options;
  const schema = nativeSchema(traits.release);
  const rules =
    traits.introspectionSetting && !options.introspection
      ? [...specifiedRules, noIntrospection]
      : specifiedRules;
  return {
    path: NATIVE_V2_PATH,
    methods: ['POST'],
    async handle(request) {
      const caller = await callerOf(request, options);
      let params: NativeRequest;
      if (traits.body === 'strawberry-view') {
        const read = readStrawberryBody(header(request, 'content-type') ?? '', request.body);
        if ('refusal' in read)
          return { status: 400, body: read.refusal, contentType: 'text/plain; charset=utf-8' };
        params = read;
      } else params = readGraphQLParams(request.body, traits.legacy, request.url);
      const result = await run(schema, params, { caller, state: options.state, traits }, rules);
      const errors = result.errors?.map((error) => error.toJSON());
      const data = 'data' in result ? (result.data ?? null) : null;
      const answer =
        traits.body === 'strawberry-view'
          ? { data, ...(errors ? { errors } : {}) }
          : { data, errors: errors ?? null };
      return { status: 200, body: JSON.stringify(answer), contentType: JSON_TYPE };
    },
  };
}
