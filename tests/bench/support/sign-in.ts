/** Signs in over the relay's HTTP API (POST /api/login), retrying a few times; returns the token. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  let problem = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const response = await fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
        signal: AbortSignal.timeout(30_000),
      });
      if (response.ok) return ((await response.json()) as { token: string }).token;
      problem = `HTTP ${response.status}`;
    } catch (error) {
      problem = String(error);
    }
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
  throw new Error(`login failed for ${email}: ${problem}`);
}
