/**
 * The OpenAPI description served at /api/docs covers every route the server registers
 * (walked from Express's own route table), and says nothing of routes that do not exist.
 */
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../server/http/openapi.ts';
import { registeredRoutes } from './support/route-table.ts';

describe('OpenAPI description', () => {
  it('documents exactly the routes the server registers', () => {
    const documented = Object.entries(openApiDocument.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const registered = registeredRoutes().map((route) => route.key).sort();
    expect(registered.length).toBeGreaterThan(10);
    expect(registered).toEqual(documented);
  });
});
