import { UserError } from "@/lib/errors";

/** No integration has this id (removed meanwhile, or a stale link). */
export class IntegrationNotFoundError extends UserError {
  override name = "IntegrationNotFoundError";
  constructor(readonly integrationId: number) {
    super(`no integration with id ${integrationId}`);
  }
}

export type InputIssue = { path: string; message: string };

/** Invalid input: `issues` name the fields ("name", "config.url", "secret"), for a form to show beside them. */
export class IntegrationInputError extends UserError {
  override name = "IntegrationInputError";
  constructor(readonly issues: InputIssue[]) {
    super(issues.map((i) => `${i.path || "value"}: ${i.message}`).join("; "));
  }
}
