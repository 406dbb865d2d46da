// Calls to the UI server's JSON API. Actions carry the page's token (from the meta tag).
const token = document.querySelector('meta[name="flowy-ui-token"]')?.getAttribute('content') ?? '';

/** Raised with the server's one-line message when a call fails. */
export class ApiError extends Error {}

async function parse(response) {
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The UI server answered ${response.status} without JSON`);
  }
  if (!response.ok) throw new ApiError(body?.error ?? `The UI server answered ${response.status}`);
  return body;
}

/** GET /ui/api/<route>?<params>; empty params are left out. */
export async function read(route, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, String(value));
  let response;
  try {
    response = await fetch(`/ui/api/${route}?${query}`, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new ApiError(`The UI server cannot be reached (${error.message}); is flowy still running?`);
  }
  return parse(response);
}

/** POST /ui/api/<route> with a JSON body and the action token. */
export async function act(route, body) {
  let response;
  try {
    response = await fetch(`/ui/api/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-flowy-ui-token': token },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(`The UI server cannot be reached (${error.message}); is flowy still running?`);
  }
  return parse(response);
}
