/** The outbound HTTP POST of a webhook delivery: 5 s to answer, redirects not followed (a webhook names its final URL). */
export async function postWebhook(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(5000) });
  await response.arrayBuffer(); // drain it so the connection is reused
  return response.status;
}
