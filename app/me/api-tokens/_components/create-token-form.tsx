"use client";

import { useActionState } from "react";
import { createToken, type CreateTokenState } from "../actions";

export type CreateTokenText = {
  heading: string;
  nameLabel: string;
  nameHint: string;
  create: string;
  invalidName: string;
  createdHeading: string;
  createdOnce: string;
  exampleLabel: string;
};

type Props = { text: CreateTokenText; exampleUrl: string };

/**
 * The one place a token is ever shown: in the create action's answer, held by React state only.
 * Reloading the page loses it, as intended. Works before hydration too (the form posts the action and
 * the server renders the answer).
 */
export function CreateTokenForm({ text, exampleUrl }: Props) {
  const [state, action, pending] = useActionState<CreateTokenState | null, FormData>(createToken, null);
  return (
    <section className="card" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">{text.heading}</h2>
      <form action={action} data-testid="create-token-form">
        <div className="form-row">
          <label htmlFor="token-name">{text.nameLabel}</label>
          <input id="token-name" name="name" type="text" maxLength={80} required aria-describedby="token-name-hint" />
          <span className="hint" id="token-name-hint">
            {text.nameHint}
          </span>
        </div>
        <button type="submit" className="button button--primary" disabled={pending}>
          {text.create}
        </button>
      </form>
      {state?.invalid && (
        <p className="notice" role="alert">
          {text.invalidName}
        </p>
      )}
      {state?.created && (
        <div className="notice" role="status" data-testid="new-token">
          <p>
            <strong>{text.createdHeading}</strong> ({state.created.name}): <code data-testid="new-token-value">{state.created.token}</code>
          </p>
          <p>{text.createdOnce}</p>
          <p>{text.exampleLabel}</p>
          {/* Wrapped, not scrolled: the whole command must be visible to be copied. */}
          <pre className="command" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            <code>{`curl -H "Authorization: Bearer ${state.created.token}" "${exampleUrl}"`}</code>
          </pre>
        </div>
      )}
    </section>
  );
}
