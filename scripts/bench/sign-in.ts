/**
 * Signs in through Auth.js's credentials callback as the demo sign-in form does (POST
 * /api/auth/callback/demo with the CSRF token from GET /api/auth/csrf) and returns the Cookie header
 * that carries the session, for requests made as that person.
 */
export async function signInAsDemoPerson(baseUrl: string, person: string, role: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const at = pair.indexOf("=");
      if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  remember(csrf);
  const body = await csrf.text();
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}: ${body.slice(0, 500)}`);
  const { csrfToken } = JSON.parse(body) as { csrfToken: string };
  const callback = await fetch(`${baseUrl}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, person, role, callbackUrl: `${baseUrl}/` }).toString(),
  });
  remember(callback);
  if (![...jar.keys()].some((name) => name.includes("session-token"))) {
    throw new Error(`demo sign-in failed: ${callback.status} ${callback.headers.get("location") ?? ""}`);
  }
  return header();
}
