/** 'ip:port' for a peer address, '[ip]:port' for IPv6 (IPv4-mapped ones kept as they are, so they can be sent to). */
export function formatRemote(address: string | undefined, port: number | undefined): string {
  const host = address ?? '';
  return host.includes(':') ? `[${host}]:${port ?? 0}` : `${host}:${port ?? 0}`;
}

/** Splits 'ip:port' / '[ip]:port' (as formatRemote writes it); throws an Error naming `where` for anything else. */
export function parseRemote(remote: string, where: string): { host: string; port: number } {
  const colon = typeof remote === 'string' ? remote.lastIndexOf(':') : -1;
  const hostText = colon > 0 ? remote.slice(0, colon) : '';
  const host = hostText.startsWith('[') && hostText.endsWith(']') ? hostText.slice(1, -1) : hostText;
  const portText = colon > 0 ? remote.slice(colon + 1) : '';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535 || host === '') {
    throw new Error(`${where}: remote must be 'ip:port' (IPv6 as '[ip]:port'), got '${String(remote)}'`);
  }
  return { host, port };
}
