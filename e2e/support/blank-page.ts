import { createServer, type Server } from 'node:http';

/**
 * A tiny HTTP server on 127.0.0.1 serving an empty page: a secure context (getUserMedia works)
 * that does not need the app, for testing the test tools themselves.
 */
export async function startBlankPageServer(): Promise<{ url: string; close(): Promise<void> }> {
  const srv: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><html lang="en"><title>blank</title><body></body></html>');
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const addr = srv.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => srv.close(() => resolve())),
  };
}
