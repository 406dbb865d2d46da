// Where the SWF API lives for this process: an explicit endpoint, real SWF in a region, or the
// local server that `flowy dev` starts by default.

/** The endpoint `flowy dev` listens on by default and that is used when nothing else is configured. */
export const LOCAL_DEFAULT_ENDPOINT = 'http://127.0.0.1:7766';

/** The domain used when neither `--domain` nor `SWF_DOMAIN` is given. */
export const DEFAULT_DOMAIN = 'flowy';

/** Region used for local endpoints when none is configured (the local server only uses it in ARNs). */
export const LOCAL_DEFAULT_REGION = 'us-east-1';

/** What the caller passed explicitly (flags); anything missing is read from the environment. */
export interface ConnectionOptions {
  endpoint?: string;
  region?: string;
  domain?: string;
  env?: NodeJS.ProcessEnv;
}

/** A resolved connection: `endpoint` is undefined for real SWF (the SDK picks the regional endpoint). */
export interface Connection {
  endpoint?: string;
  region: string;
  domain: string;
  /** True when the endpoint is on this machine (loopback). */
  isLocal: boolean;
  /** True for Amazon's SWF (no endpoint, or an amazonaws.com one); false for SWF-compatible servers. */
  isAws: boolean;
  /** How the endpoint was chosen, for messages: 'flag', 'SWF_ENDPOINT', 'region' or 'default'. */
  source: 'flag' | 'SWF_ENDPOINT' | 'region' | 'default';
}

/**
 * Applies the connection rules: `--endpoint` / `SWF_ENDPOINT` win; else a configured AWS region
 * means real SWF; else the local default endpoint.
 */
export function resolveConnection(options: ConnectionOptions = {}): Connection {
  const env = options.env ?? process.env;
  const domain = options.domain || env.SWF_DOMAIN || DEFAULT_DOMAIN;
  const region = options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const explicit = options.endpoint ? 'flag' : env.SWF_ENDPOINT ? 'SWF_ENDPOINT' : undefined;
  if (explicit) {
    const endpoint = normalizeEndpoint((options.endpoint || env.SWF_ENDPOINT) as string);
    return {
      endpoint,
      region: region || LOCAL_DEFAULT_REGION,
      domain,
      isLocal: isLoopback(endpoint),
      isAws: isAwsEndpoint(endpoint),
      source: explicit,
    };
  }
  if (region) return { region, domain, isLocal: false, isAws: true, source: 'region' };
  return {
    endpoint: LOCAL_DEFAULT_ENDPOINT,
    region: LOCAL_DEFAULT_REGION,
    domain,
    isLocal: true,
    isAws: false,
    source: 'default',
  };
}

/** Accepts `host:port` as a shorthand for `http://host:port`; rejects what is not a URL. */
export function normalizeEndpoint(endpoint: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `http://${endpoint}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new TypeError(`Endpoint "${endpoint}" is not a URL; give one like http://127.0.0.1:7766`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`Endpoint "${endpoint}" must use http or https, like http://127.0.0.1:7766`);
  }
  return withScheme.replace(/\/+$/, '');
}

/** True for loopback hosts (localhost, 127.0.0.0/8, ::1). */
export function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** True for Amazon endpoints (`*.amazonaws.com`, `*.amazonaws.com.cn`), including VPC endpoints. */
export function isAwsEndpoint(endpoint: string): boolean {
  return /(^|\.)amazonaws\.com(\.cn)?$/i.test(new URL(endpoint).hostname);
}
