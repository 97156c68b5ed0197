import { apiErrorSchema } from '@accord/protocol/api';
import { routes, type RouteSpec } from '@accord/protocol/routes';
import { z } from 'zod';

const jsonContent = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
});

/** Hono's `:name` as OpenAPI's `{name}`. */
const openApiPath = (route: RouteSpec): string =>
  route.openApiPath?.replace(/:(\w+)/g, '{$1}') ?? route.path.replace(/:(\w+)/g, '{$1}');

/** A route's query parameters as OpenAPI lists them: required unless the table's shape lets one be left out. */
function queryParameters(route: RouteSpec): Record<string, unknown>[] {
  return Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !schema.safeParse(undefined).success,
    ...(schema.description ? { description: schema.description } : {}),
    schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
  }));
}

/** The OpenAPI 3.1 document of the HTTP API, generated from the route table the server registers. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of Object.values(routes) as RouteSpec[]) {
    const path = openApiPath(route);
    const parameters = [
      ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...queryParameters(route),
    ];
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      description:
        route.access === 'public'
          ? 'No session needed.'
          : `Needs a session of the workshop whose role has the "${route.access}" permission.`,
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: jsonContent(route.body) } } : {}),
      responses: {
        [String(route.status ?? 200)]: {
          description: 'OK',
          ...(route.response ? { content: jsonContent(route.response) } : {}),
        },
        '4XX': { description: 'What was wrong, and how to fix it', content: jsonContent(apiErrorSchema) },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Accord API',
      version: '1',
      description: 'Service-level workshops: workshops, invites, participants, requirements, versions and sign-off.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'accord_<workshopId>' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}
