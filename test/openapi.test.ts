/**
 * The OpenAPI description served at /api/docs covers every route the server registers
 * (walked from Express's own route table), and says nothing of routes that do not exist.
 */
import type { Express } from 'express';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createHttpApp, type HttpDeps } from '../server/http/app.ts';
import { openApiDocument } from '../server/http/openapi.ts';

/** Every `METHOD /path` in an Express 5 app, with `:param` written `{param}` as OpenAPI does. */
function registeredRoutes(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = `${prefix}/${layer.route.path}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
        for (const method of Object.keys(layer.route.methods)) routes.push(`${method.toUpperCase()} ${path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, `${prefix}/${layer.rawPath ?? ''}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack, '');
  return routes.sort();
}

describe('OpenAPI description', () => {
  const unused = () => {
    throw new Error('not called: only the route table is read');
  };
  const app = createHttpApp(new Proxy({ logger: pino({ level: 'silent' }), webDistDir: '/nonexistent' } as unknown as HttpDeps, {
    get: (target, name) => (name in target ? target[name as keyof HttpDeps] : unused),
  }));

  it('documents exactly the routes the server registers', () => {
    const documented = Object.entries(openApiDocument.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const registered = registeredRoutes(app);
    expect(registered.length).toBeGreaterThan(10);
    expect(registered).toEqual(documented);
  });
});
