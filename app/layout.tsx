import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getI18n } from "@/lib/i18n/server";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Roomlens", template: "%s · Roomlens" },
  description: "Conference-room analytics for space planners — aggregates only, never a person's bookings.",
  // The brand mark inline, so there is no binary asset to keep and no /favicon.ico 404.
  icons: {
    icon:
      "data:image/svg+xml," +
      encodeURIComponent(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><rect width="20" height="20" rx="4" fill="#1f2a44"/>' +
          '<rect x="3" y="3" width="6.5" height="6.5" fill="#fde725"/><rect x="10.5" y="3" width="6.5" height="6.5" fill="#35b779"/>' +
          '<rect x="3" y="10.5" width="6.5" height="6.5" fill="#31688e"/><rect x="10.5" y="10.5" width="6.5" height="6.5" fill="#b5de2b"/></svg>',
      ),
  },
};

export const viewport: Viewport = { themeColor: "#1f2a44" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The chosen or negotiated language, so screen readers pronounce the page in the right voice.
  const { locale, t } = await getI18n();
  return (
    <html lang={locale}>
      <body>
        {/* First tab stop: keyboard users can jump past the header straight to the content. */}
        <a className="skip-link" href="#main">
          {t.header.skipLink}
        </a>
        <SiteHeader />
        {children}
      </body>
    </html>
  );
}
