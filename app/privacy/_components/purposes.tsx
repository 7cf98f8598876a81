import type { Dictionary } from "@/lib/i18n/dictionary";
import styles from "./privacy.module.css";

/** The workplace notice's three purposes, in its own terms; everything Roomlens computes serves one. */
export function Purposes({ t }: { t: Dictionary["privacy"]["purposes"] }) {
  const items = [
    { title: t.moreRooms, detail: t.moreRoomsDetail },
    { title: t.deskSpace, detail: t.deskSpaceDetail },
    { title: t.preferredRooms, detail: t.preferredRoomsDetail },
  ];
  return (
    <section className="card" aria-labelledby="purposes-heading">
      <h2 id="purposes-heading">{t.heading}</h2>
      <p className={styles.prose}>{t.intro}</p>
      <ol className={styles.purposes}>
        {items.map((item) => (
          <li key={item.title}>
            <strong>{item.title}</strong> {item.detail}
          </li>
        ))}
      </ol>
      <p className={styles.prose}>{t.outro}</p>
    </section>
  );
}
