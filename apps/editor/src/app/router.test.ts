import { describe, expect, it } from 'vitest';
import { matchPath, matchRoute } from './router';

describe('router matching', () => {
  it('matches static and parameter segments', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/flows/:id', '/flows/expense-to-vendor-bill')).toEqual({ id: 'expense-to-vendor-bill' });
    expect(matchPath('/flows/:id', '/flows/a%20b?x=1')).toEqual({ id: 'a b' });
    expect(matchPath('/flows/:id', '/flows')).toBeUndefined();
    expect(matchPath('/runs', '/runs/')).toEqual({});
  });

  it('picks the first matching route', () => {
    const routes = [{ path: '/runs/new' }, { path: '/runs/:id' }];
    expect(matchRoute(routes, '/runs/new')?.route).toBe(routes[0]);
    expect(matchRoute(routes, '/runs/r1')?.params).toEqual({ id: 'r1' });
    expect(matchRoute(routes, '/nope')).toBeUndefined();
  });
});
