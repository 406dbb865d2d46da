// Who may use the UI: requests must name a host the server expects (a page on another name that
// resolves to 127.0.0.1 is refused, against DNS rebinding), and actions must come from the UI's own
// page: same Origin, and the token the page was served with (against cross-site requests).
import { timingSafeEqual } from 'node:crypto';

/** The header that carries the page's action token. */
export const TOKEN_HEADER = 'x-flowy-ui-token';

/** Which Host headers are accepted: only loopback names, or any (when bound to a public address). */
export type HostPolicy = 'loopback' | 'any';

function hostnameOf(host: string): string {
  return host
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
}

function isLoopbackName(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname)
  );
}

/** Undefined when the Host header is acceptable, else why not. */
export function checkHost(host: string | undefined, policy: HostPolicy): string | undefined {
  if (!host) return 'The request has no Host header';
  if (policy === 'loopback' && !isLoopbackName(hostnameOf(host))) {
    return `Host "${host}" is not this machine; open the UI at http://127.0.0.1 or http://localhost`;
  }
  return undefined;
}

/** Undefined when an action request carries the token and comes from the UI's own origin, else why not. */
export function checkAction(headers: Record<string, string | string[] | undefined>, token: string): string | undefined {
  const origin = headers.origin;
  const host = headers.host;
  if (typeof origin === 'string' && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return `Origin "${origin}" is not a URL`;
    }
    if (originHost !== host)
      return `Actions are accepted only from the UI's own page; origin ${origin} is not http://${host}`;
  } else if (origin === 'null') {
    return "Actions are accepted only from the UI's own page; the request has an opaque origin";
  }
  const fetchSite = headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return `Actions are accepted only from the UI's own page; this request is ${fetchSite}`;
  }
  const given = headers[TOKEN_HEADER];
  if (typeof given !== 'string' || !sameText(given, token)) {
    return `The action token is missing or stale; reload the page and try again`;
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
