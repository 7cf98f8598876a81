import Link from "next/link";

/** 401: the page needs a signed-in person. */
export default function Unauthorized() {
  return (
    <main id="main" className="page page--narrow">
      <h1>Please sign in</h1>
      <p className="lead">This page shows data only to signed-in people.</p>
      <p>
        <Link className="button button--primary" href="/signin">
          Sign in
        </Link>{" "}
        <Link href="/privacy">What Roomlens stores, and why</Link>
      </p>
    </main>
  );
}
