import type { Express } from 'express';

export interface AppRoute {
  method: 'GET' | 'POST';
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route the app answers, as Express holds them: a test that lists what it expects of each
 * can then fail when a route is added that it does not know.
 */
export function appRoutes(app: Express): AppRoute[] {
  const found: AppRoute[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          const upper = method.toUpperCase();
          if (upper === 'GET' || upper === 'POST') found.push({ method: upper, path: layer.route.path });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}
