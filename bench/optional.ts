/**
 * Figures from modules written separately (page weights, Lighthouse, start-up): each is imported
 * when the bench runs, so a module that is not there yet, or that fails, makes its figures say
 * "not available" with the reason, and the rest of the bench still runs and prints.
 */
export type Optional<T> = { available: true; value: T } | { available: false; reason: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Imports `bench/<file>` and calls its export `name` with `args`. The specifier is a variable, so
 * the type checker does not require the file; the expected signature is given by the caller.
 */
export async function optionalFigures<A extends unknown[], T>(
  file: string,
  name: string,
  args: A,
): Promise<Optional<T>> {
  const specifier = `./${file}`;
  let module: Record<string, unknown>;
  try {
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    const missing =
      error instanceof Error &&
      'code' in error &&
      (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND') &&
      error.message.includes(file.replace(/\.js$/, ''));
    return {
      available: false,
      reason: missing
        ? `bench/${file.replace(/\.js$/, '.ts')} is not there`
        : `import failed: ${message(error)}`,
    };
  }
  const fn = module[name];
  if (typeof fn !== 'function')
    return { available: false, reason: `bench/${file.replace(/\.js$/, '.ts')} has no function ${name}` };
  try {
    return { available: true, value: (await (fn as (...a: A) => Promise<T>)(...args)) as T };
  } catch (error) {
    return { available: false, reason: `${name} failed: ${message(error)}` };
  }
}
