import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

function fire(url: string, paths: readonly string[], connections: number, duration: number) {
  let next = 0;
  return autocannon({
    url,
    connections,
    duration,
    // Every request takes the next path, so a list of refs spreads the load over many reports.
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }),
      },
    ],
  });
}

/** A short warm-up (JIT, caches, pool), then the measured run, at `connections` concurrent clients. */
export async function measure(
  url: string,
  paths: readonly string[],
  options: LoadOptions,
): Promise<LoadResult> {
  await fire(url, paths, options.connections, options.warmupSeconds);
  const result = await fire(url, paths, options.connections, options.durationSeconds);
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** What one request to `path` answers, so a route that does not exist yet is reported, not measured. */
export async function probe(url: string, path: string): Promise<number> {
  const response = await fetch(url + path, { redirect: 'manual' });
  await response.arrayBuffer();
  return response.status;
}
