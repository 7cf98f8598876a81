/** Pages the language switch must not send anyone back to (it would answer 405 to a GET). */
const NOT_A_PAGE = /^\/api\//;

/**
 * Where to go after switching language: the path and query of the page the form was on (from the
 * Referer), never another origin. Only the path is kept, so a forged Referer cannot redirect off
 * site; "//host" and "/\host" are refused because browsers read them as other hosts.
 */
export function returnPathFrom(referer: string | null | undefined, fallback = "/"): string {
  if (!referer) return fallback;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || NOT_A_PAGE.test(path)) return fallback;
  return path;
}
