import Link from "next/link";
import type { Dictionary } from "@/lib/i18n/dictionary";
import type { LiveValues } from "@/lib/privacy/inventory-terms";
import styles from "./privacy.module.css";

type Props = { t: Dictionary["privacy"]; live: LiveValues; controllerContact: string | null };

/** Legal basis, the rights with how to use each, and who answers: the end of any privacy notice. */
export function Rights({ t, live, controllerContact }: Props) {
  const rights = [
    { id: "object", title: t.rights.object, body: t.rights.objectBody, toMe: true },
    { id: "access", title: t.rights.access, body: t.rights.accessBody, toMe: true },
    { id: "erasure", title: t.rights.erasure, body: t.rights.erasureBody(live.days), toMe: false },
    { id: "rectification", title: t.rights.rectification, body: t.rights.rectificationBody, toMe: false },
    { id: "complaint", title: t.rights.complaint, body: t.rights.complaintBody, toMe: false },
  ];
  return (
    <>
      <section className="card" aria-labelledby="legal-heading">
        <h2 id="legal-heading">{t.legal.heading}</h2>
        <p className={styles.prose}>{t.legal.body(live.k, live.days)}</p>
      </section>

      <section className="card" aria-labelledby="rights-heading" data-testid="rights">
        <h2 id="rights-heading">{t.rights.heading}</h2>
        <dl className={styles.rights}>
          {rights.map((right) => (
            <div key={right.id}>
              <dt>{right.title}</dt>
              <dd>
                {right.body}
                {right.toMe && (
                  <>
                    {" "}
                    <Link href="/me">{t.rights.myData}</Link>
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="controller-heading" data-testid="controller">
        <h2 id="controller-heading">{t.controller.heading}</h2>
        <p className={styles.prose}>{t.controller.body}</p>
        {controllerContact ? (
          <address className={styles.contact}>{controllerContact}</address>
        ) : (
          <p className={`${styles.prose} notice`}>{t.controller.unset}</p>
        )}
      </section>
    </>
  );
}
