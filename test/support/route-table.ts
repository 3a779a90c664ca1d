/** Express's own route table, read the way the OpenAPI and access-matrix tests need it. */
import type { Express } from 'express';
import { pino } from 'pino';
import { createHttpApp, type HttpDeps } from '../../server/http/app.ts';
import type { RouteAccess } from '../../server/http/access.ts';

export interface RegisteredRoute {
  /** `METHOD /path` with `:param` written `{param}`, as OpenAPI does. */
  key: string;
  method: string;
  /** The Express path, `:param` style. */
  path: string;
  /** The rule of the route's allow() handler; null when it has none. */
  access: RouteAccess | null;
}

/** Every route of an app built with placeholder deps (only the table is read; no handler runs). */
export function registeredRoutes(): RegisteredRoute[] {
  const unused = () => {
    throw new Error('not called: only the route table is read');
  };
  const app: Express = createHttpApp(new Proxy({ logger: pino({ level: 'silent' }), webDistDir: '/nonexistent', trustProxy: false } as unknown as HttpDeps, {
    get: (target, name) => (name in target ? target[name as keyof HttpDeps] : unused),
  }));
  const routes: RegisteredRoute[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = `${prefix}/${layer.route.path}`.replace(/\/+/g, '/');
        const check = layer.route.stack.find((handler: any) => handler.handle?.access !== undefined);
        for (const method of Object.keys(layer.route.methods)) {
          routes.push({ key: `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`, method: method.toUpperCase(), path, access: check?.handle.access ?? null });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, `${prefix}/${layer.rawPath ?? ''}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack, '');
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
