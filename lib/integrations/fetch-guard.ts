import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { UserError } from "@/lib/errors";

/**
 * Addresses an admin-entered URL may not reach (server-side request forgery): a feed URL pointing at
 * the cloud metadata service, the database or an intranet would otherwise make Roomlens fetch it
 * from inside the network. Every address a host resolves to is checked, IPv4 and IPv6, at the
 * moment of connecting (so a DNS answer cannot change between the check and the fetch), and again
 * for each redirect. ROOMLENS_FETCH_ALLOWLIST ("calendar.intranet,10.20.0.0/16,127.0.0.1") lets an
 * admin permit hosts or networks that are meant to be reached.
 */

const RANGES: ReadonlyArray<[network: string, prefix: number, what: string]> = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["100::", 64, "discard"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "unique-local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
];

const blocked = RANGES.map(([network, prefix, what]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, isIP(network) === 6 ? "ipv6" : "ipv4");
  return { list, what };
});

/** The kind of non-public range `address` is in ("private", "loopback", …), or null for a public address. */
export function blockedRange(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return "unreadable";
  const type = family === 6 ? "ipv6" : "ipv4";
  // BlockList also matches IPv4-mapped IPv6 (::ffff:10.0.0.1) against the IPv4 ranges.
  const hit = blocked.find((range) => range.list.check(address, type));
  if (hit) return hit.what;
  const embedded = family === 6 ? embeddedIpv4(address) : null;
  return embedded === null ? null : blockedRange(embedded);
}

/**
 * The IPv4 address inside NAT64 (64:ff9b::/96), IPv4-compatible (::/96), IPv4-mapped
 * (::ffff:0:0/96) and 6to4 (2002::/16) addresses: each reaches that IPv4 host, so it is judged as that host.
 */
function embeddedIpv4(address: string): string | null {
  const bytes = ipv6Bytes(address);
  if (bytes === null) return null;
  const word = (i: number) => (bytes[i * 2]! << 8) | bytes[i * 2 + 1]!;
  const v4 = (offset: number) => [0, 1, 2, 3].map((i) => bytes[offset + i]).join(".");
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (word(0) === 0x64 && word(1) === 0xff9b && zeros(4, 12)) return v4(12);
  if (zeros(0, 12) || (zeros(0, 10) && word(5) === 0xffff)) return v4(12);
  if (word(0) === 0x2002) return v4(2);
  return null;
}

/** 16 bytes of an IPv6 address ("::" expanded, a dotted IPv4 tail and a zone id handled). */
export function ipv6Bytes(address: string): number[] | null {
  let text = address.split("%")[0] ?? "";
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const [a, b, c, d] = tail[1].split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const part = (s: string) => (s === "" ? [] : s.split(":"));
  const left = part(head);
  const right = rest === undefined ? [] : part(rest);
  const fill = rest === undefined ? 0 : 8 - left.length - right.length;
  const words = [...left, ...Array<string>(Math.max(fill, 0)).fill("0"), ...right];
  if (words.length !== 8) return null;
  return words.flatMap((w) => {
    const n = parseInt(w, 16);
    return [(n >> 8) & 0xff, n & 0xff];
  });
}

export type FetchPolicy = { hosts: ReadonlySet<string>; networks: BlockList; describe: string };

/** ROOMLENS_FETCH_ALLOWLIST: comma-separated host names, addresses and CIDR networks. */
export function fetchPolicy(env: Readonly<Record<string, string | undefined>> = process.env): FetchPolicy {
  const hosts = new Set<string>();
  const networks = new BlockList();
  const entries = (env.ROOMLENS_FETCH_ALLOWLIST ?? "").split(",").map((e) => e.trim().toLowerCase()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix] = entry.replace(/^\[|\]$/g, "").split("/") as [string, string | undefined];
    const family = isIP(address);
    if (family === 0) {
      if (prefix !== undefined || !/^[a-z0-9.-]+$/.test(entry)) throw new UserError(`ROOMLENS_FETCH_ALLOWLIST: '${entry}' is not a host name, address or CIDR network`);
      hosts.add(entry);
      continue;
    }
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
      throw new UserError(`ROOMLENS_FETCH_ALLOWLIST: '${entry}' has an invalid prefix length`);
    }
    networks.addSubnet(address, bits, family === 4 ? "ipv4" : "ipv6");
  }
  return { hosts, networks, describe: entries.join(",") };
}

/** A fetch refused by the guard; the message names the address's range and how to allow it. */
export class FetchRefusedError extends UserError {
  override name = "FetchRefusedError";
}

function refusal(label: string, host: string, address: string, range: string): FetchRefusedError {
  const resolved = host === address ? "" : ` resolves to ${address}, which`;
  return new FetchRefusedError(
    `${label}: refused to fetch: ${host}${resolved} is a ${range} address. Roomlens does not fetch from internal networks ` +
      "unless an admin lists the host or network in ROOMLENS_FETCH_ALLOWLIST",
  );
}

function checkAddress(policy: FetchPolicy, label: string, host: string, address: string): FetchRefusedError | null {
  const range = blockedRange(address);
  if (range === null) return null;
  const type = isIP(address) === 6 ? "ipv6" : "ipv4";
  return policy.networks.check(address, type) ? null : refusal(label, host, address, range);
}

/** URL.hostname keeps the brackets of an IPv6 literal; addresses are compared without them. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, "").toLowerCase();

/**
 * Checks a URL before anything is sent: http(s) only; an address literal is judged directly, a
 * name by every address it resolves to now. Connections made with `guardedLookup` are checked again.
 */
export async function assertFetchAllowed(url: URL, label: string, policy = fetchPolicy()): Promise<void> {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchRefusedError(`${label}: only http:// and https:// addresses can be fetched`);
  const host = bareHost(url);
  if (policy.hosts.has(host)) return;
  if (isIP(host) !== 0) {
    const refused = checkAddress(policy, label, host, host);
    if (refused) throw refused;
    return;
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, found) => (error ? reject(new UserError(`${label}: cannot resolve ${host} (${error.code ?? error.message})`)) : resolve(found))),
  );
  for (const { address } of addresses) {
    const refused = checkAddress(policy, label, host, address);
    if (refused) throw refused;
  }
}

/**
 * A `lookup` for http.request that resolves every address and refuses the connection if any is
 * in a blocked range: the address connected to is the one checked.
 */
export function guardedLookup(policy: FetchPolicy, label: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, verbatim: true, family: options.family, hints: options.hints }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      if (!policy.hosts.has(hostname.toLowerCase())) {
        for (const { address } of addresses) {
          const refused = checkAddress(policy, label, hostname, address);
          if (refused) return callback(refused, "", 0);
        }
      }
      const first = addresses[0];
      if (options.all) return callback(null, addresses);
      if (!first) return callback(new UserError(`${label}: ${hostname} has no address`), "", 0);
      return callback(null, first.address, first.family);
    });
  };
}
