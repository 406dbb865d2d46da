// flowy-ts/local: the SWF-compatible server, in your own process (what `flowy dev` runs).
//
//   import { startLocalServer } from 'flowy-ts/local';
//
//   const server = await startLocalServer({ port: 0, db: ':memory:' });
//   console.log(server.url); // point SWF_ENDPOINT or createSwfClient({ endpoint }) here
//   await server.close();

/** Starts the server; the handle says where it listens and stops it. */
export { startLocalServer } from '../local/index.ts';
export type { LocalServer, LocalServerClock, LocalServerOptions } from '../local/index.ts';
