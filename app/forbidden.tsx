import Link from "next/link";

/** 403: signed in, but the role does not allow this page. */
export default function Forbidden() {
  return (
    <main id="main" className="page page--narrow">
      <h1>Not available for your role</h1>
      <p className="lead">
        Planners see the dashboard and admins the settings. Everyone can see and control their own data.
      </p>
      <p>
        <Link className="button button--primary" href="/me">
          My data
        </Link>{" "}
        <Link href="/privacy">Privacy</Link>
      </p>
    </main>
  );
}
