import { defaultDeps } from '../deps.ts';
import { directoryHandlers } from '../directory/handlers.ts';
import { createLambda } from '../http/lambda.ts';

/** Lambda entry point for the directory context. */
export const handler = createLambda('directory', directoryHandlers, defaultDeps);

// In a real Lambda, load search's index during the init phase rather than on the first search.
// (Only there: importing the bundle elsewhere, as the bench does, must not call AWS.) A failure is
// not fatal: the first search tries again.
if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
  try {
    defaultDeps()
      .directory.searchIndex.warm()
      .catch(() => undefined);
  } catch {
    // Misconfigured: the first request reports it.
  }
}
