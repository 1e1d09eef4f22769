import { describe, expect, it } from 'vitest';
import { SKIP_WAITING_MESSAGE } from './register';
import { ON_DEMAND_DIR, SKIP_WAITING, cachedOnFirstUse, routeRequest } from './swRoutes';

const origin = 'https://zvonok.example';
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: `${origin}${path}`, mode });

describe('routeRequest', () => {
  it('never answers signaling, the API or the probes', () => {
    for (const path of ['/ws', '/ws?room=a', '/api/ice-servers', '/api', '/healthz', '/metrics']) {
      expect(routeRequest(get(path), origin), path).toBe('network');
      expect(routeRequest(get(path, 'navigate'), origin), `${path} navigated`).toBe('network');
    }
  });

  it('leaves other origins and other methods alone', () => {
    expect(routeRequest({ ...get('/'), url: 'https://other.example/' }, origin)).toBe('network');
    expect(routeRequest({ ...get('/assets/a.js'), method: 'POST' }, origin)).toBe('network');
  });

  it('answers app pages as pages and shell files as files', () => {
    expect(routeRequest(get('/', 'navigate'), origin)).toBe('page');
    expect(routeRequest(get('/r/abc-def', 'navigate'), origin)).toBe('page');
    expect(routeRequest(get('/assets/index-abc.js'), origin)).toBe('file');
    expect(routeRequest(get('/manifest.webmanifest'), origin)).toBe('file');
  });

  it('does not mistake app paths that merely start like server paths', () => {
    expect(routeRequest(get('/wsx', 'navigate'), origin)).toBe('page');
    expect(routeRequest(get('/metrics-help', 'navigate'), origin)).toBe('page');
  });
});

describe('SKIP_WAITING', () => {
  it('is the message the page posts', () => {
    expect(SKIP_WAITING_MESSAGE).toBe(SKIP_WAITING);
  });
});

describe('cachedOnFirstUse', () => {
  it('keeps on-demand files (effects) from their first fetch, not the rest of the shell', () => {
    expect(cachedOnFirstUse(`/${ON_DEMAND_DIR}/rnnoise-abc.wasm`)).toBe(true);
    expect(cachedOnFirstUse('/assets/index-abc.js')).toBe(false);
    expect(cachedOnFirstUse('/assets/ondemandx/a.js')).toBe(false);
  });
});
