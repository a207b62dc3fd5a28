/**
 * Who is asking, for per-address limits: the connection's peer, unless that is a trusted reverse proxy
 * (TRUSTED_PROXIES), in which case X-Forwarded-For is read from the right, skipping trusted proxies:
 * the first other address is the client. Entries to its left were written by the client and prove
 * nothing, so they are never used.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** "::ffff:127.0.0.1" (an IPv4 client of a dual-stack socket) is 127.0.0.1. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  let address = plain(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(address)) return address;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => plain(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A proxy that wrote something other than an address: the proxy itself is the last one known.
    if (isIP(hop) === 0) return address;
    address = hop;
    if (!trustedProxies.has(hop)) return hop;
  }
  return address;
}
