/**
 * Rewrites test/support/carepool-api.generated.ts from the OpenAPI document the local runtime
 * serves (local-only routes included), for the openapi-fetch client the API tests drive.
 */
import { writeFileSync } from 'node:fs';
import { buildOpenApi } from '@carepool/contracts';
import { routes } from '../functions/src/routes.ts';
import { apiTypesFile, apiTypesFrom } from '../test/support/api-types.ts';

const document = buildOpenApi(routes, { includeLocalOnly: true, version: 'local' });
writeFileSync(apiTypesFile, await apiTypesFrom(document));
console.log(`Wrote ${apiTypesFile.pathname}`);
