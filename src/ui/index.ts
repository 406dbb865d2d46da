// src/ui: the web UI for executions. It reads and acts through src/swf only, so it serves the local
// server (mounted by `flowy dev` beside the SWF protocol) and real SWF (`flowy ui`) alike.
export { createUiHandler, startUiServer, isUiRequest, isLoopbackAddress } from './ui-server.ts';
export type { UiOptions, UiHandler, UiServer } from './ui-server.ts';
export { TOKEN_HEADER } from './request-guard.ts';
