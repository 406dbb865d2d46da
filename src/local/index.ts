// The public door of src/local: the SWF-compatible local server.
export { startLocalServer } from './local-server.ts';
export type { BrowserRequests, LocalServer, LocalServerClock, LocalServerOptions } from './local-server.ts';
export { describeListening } from './main.ts';
