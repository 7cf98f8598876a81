import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { assertFetchAllowed, blockedRange, fetchPolicy, ipv6Bytes } from "@/lib/integrations/fetch-guard";
import { guardedGet } from "@/lib/integrations/guarded-fetch";

// Names the tests resolve: what a hostile DNS could answer. Everything else resolves as usual.
const fakeDns: Record<string, Array<{ address: string; family: number }>> = {
  "public.test": [{ address: "93.184.216.34", family: 4 }],
  "mixed.test": [
    { address: "93.184.216.34", family: 4 },
    { address: "fd00::1", family: 6 },
  ],
  "metadata.test": [{ address: "169.254.169.254", family: 4 }],
  "nat64.test": [{ address: "64:ff9b::a00:1", family: 6 }],
};
// DNS rebinding: a public answer for the check, a private one for the connection.
let rebindCalls = 0;
const rebind = () => [{ address: (rebindCalls += 1) === 1 ? "93.184.216.34" : "10.9.9.9", family: 4 }];
vi.mock("node:dns", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:dns")>();
  type Callback = (error: NodeJS.ErrnoException | null, addresses: Array<{ address: string; family: number }>) => void;
  const lookup = (host: string, options: object, callback: Callback) => {
    const answer = host === "rebind.test" ? rebind() : fakeDns[host];
    if (answer) return process.nextTick(() => callback(null, answer));
    return real.lookup(host, { ...options, all: true }, callback);
  };
  return { ...real, default: { ...real, lookup }, lookup };
});

describe("blocked address ranges", () => {
  it.each([
    ["10.1.2.3", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["127.0.0.1", "loopback"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1%eth0", "link-local"],
    ["fd12:3456::1", "unique-local"],
    ["fc00::1", "unique-local"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:7f00:1", "loopback"],
    ["64:ff9b::169.254.169.254", "link-local"],
    ["2002:c0a8:0101::1", "private"],
  ])("%s is %s", (address, range) => {
    expect(blockedRange(address)).toBe(range);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"])("%s is public", (address) => {
    expect(blockedRange(address)).toBeNull();
  });

  it("expands IPv6 text to bytes", () => {
    expect(ipv6Bytes("::1")).toEqual([...Array<number>(15).fill(0), 1]);
    expect(ipv6Bytes("2001:db8::ff00:42:8329")?.slice(0, 4)).toEqual([0x20, 0x01, 0x0d, 0xb8]);
    expect(ipv6Bytes("::ffff:192.168.1.1")?.slice(12)).toEqual([192, 168, 1, 1]);
  });
});

describe("the fetch guard", () => {
  const none = fetchPolicy({});
  const check = (url: string, policy = none) => assertFetchAllowed(new URL(url), "feed", policy);

  it("refuses private, loopback and link-local targets, by literal and by every resolved address", async () => {
    await expect(check("http://127.0.0.1:8080/x.ics")).rejects.toThrow(/127\.0\.0\.1 is a loopback address.*ROOMLENS_FETCH_ALLOWLIST/);
    await expect(check("http://[::1]/x.ics")).rejects.toThrow(/loopback/);
    await expect(check("http://metadata.test/latest")).rejects.toThrow(/metadata\.test resolves to 169\.254\.169\.254, which is a link-local address/);
    // One public and one unique-local answer: the private one could be the one connected to.
    await expect(check("https://mixed.test/x.ics")).rejects.toThrow(/fd00::1, which is a unique-local address/);
    await expect(check("https://nat64.test/x.ics")).rejects.toThrow(/private address/);
    await expect(check("file:///etc/passwd")).rejects.toThrow(/only http/);
    await expect(check("https://public.test/x.ics")).resolves.toBeUndefined();
  });

  it("lets the allow-list permit hosts, addresses and networks", async () => {
    const policy = fetchPolicy({ ROOMLENS_FETCH_ALLOWLIST: " 127.0.0.1, metadata.test ,fd00::/8" });
    await expect(check("http://127.0.0.1:9/x", policy)).resolves.toBeUndefined();
    await expect(check("http://metadata.test/x", policy)).resolves.toBeUndefined();
    await expect(check("http://mixed.test/x", policy)).resolves.toBeUndefined();
    await expect(check("http://127.0.0.2/x", policy)).rejects.toThrow(/loopback/);
    expect(() => fetchPolicy({ ROOMLENS_FETCH_ALLOWLIST: "10.0.0.0/99" })).toThrow(/prefix length/);
    expect(() => fetchPolicy({ ROOMLENS_FETCH_ALLOWLIST: "bad host!" })).toThrow(/not a host name/);
  });
});

describe("guardedGet", () => {
  let server: Server;
  let base = "";
  const allowLoopback = fetchPolicy({ ROOMLENS_FETCH_ALLOWLIST: "127.0.0.1" });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const redirects: Record<string, string> = {
        "/to-private": "http://10.0.0.1/feed.ics",
        "/to-metadata": "http://metadata.test/latest",
        "/to-ok": "/ok",
      };
      const location = redirects[request.url ?? ""];
      if (location) return response.writeHead(302, { location }).end();
      if (request.url === "/ok") return response.writeHead(200, { "content-type": "text/plain" }).end("fine");
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("follows a redirect that stays allowed", async () => {
    const response = await guardedGet(`${base}/to-ok`, { label: "feed", policy: allowLoopback });
    expect(response.status).toBe(200);
    response.body.resume();
  });

  it("checks every redirect before following it", async () => {
    await expect(guardedGet(`${base}/to-private`, { label: "feed", policy: allowLoopback })).rejects.toThrow(/10\.0\.0\.1 is a private address/);
    await expect(guardedGet(`${base}/to-metadata`, { label: "feed", policy: allowLoopback })).rejects.toThrow(/link-local/);
  });

  it("checks the address it connects to, so a DNS answer that changes after the check is refused", async () => {
    await expect(guardedGet("http://rebind.test/feed.ics", { label: "feed", policy: fetchPolicy({}) })).rejects.toThrow(/resolves to 10\.9\.9\.9/);
    expect(rebindCalls).toBe(2);
  });

  it("refuses loopback unless allow-listed", async () => {
    await expect(guardedGet(`${base}/ok`, { label: "feed", policy: fetchPolicy({}) })).rejects.toThrow(/loopback/);
  });
});
