// The studio's JSON API (docs/studio.md). The page is a client like any script: the token
// travels in the cookie set when the page was opened with ?token=.
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function fail(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = { error: `HTTP ${response.status}` };
  }
  throw new ApiError(response.status, body);
}

export async function getJSON(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) return fail(response);
  return response.json();
}

export async function send(method, url, body, headers = {}) {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: { "Content-Type": "application/yaml; charset=utf-8", ...headers },
    body,
  });
  if (!response.ok) return fail(response);
  return response;
}

export async function sendJSON(method, url, body, headers = {}) {
  return (await send(method, url, body, headers)).json();
}
