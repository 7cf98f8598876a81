import { NextResponse } from "next/server";
import { z } from "zod";
import { LOCALE_COOKIE, locales } from "@/lib/i18n/locales";
import { returnPathFrom } from "@/lib/i18n/return-path";

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

const form = z.object({ lang: z.enum(locales) });

/**
 * The language switch: a plain form POST (works without JavaScript), so it sets the `lang` cookie and
 * answers 303 back to the page it came from — a reload then does not resubmit. Anyone may call it:
 * it changes nothing but how this browser is spoken to.
 */
export async function POST(request: Request): Promise<Response> {
  const data = await request.formData().catch(() => new FormData());
  const parsed = form.safeParse({ lang: data.get("lang") });
  if (!parsed.success) {
    return Response.json({ error: `lang must be one of: ${locales.join(", ")}` }, { status: 400 });
  }
  const response = new NextResponse(null, {
    status: 303,
    headers: { Location: returnPathFrom(request.headers.get("referer")) },
  });
  response.cookies.set(LOCALE_COOKIE, parsed.data.lang, {
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    // Only the server reads it; nothing on the page needs it.
    httpOnly: true,
    secure: new URL(request.url).protocol === "https:",
  });
  return response;
}
