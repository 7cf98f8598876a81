/** An expected failure caused by the user's input; its message is shown as it is (CLI exit 1). */
export class UserError extends Error {
  override name = "UserError";
}

/** The input could not be parsed at all; nothing was written. `where` names the file and line. */
export class UnparseableSourceError extends UserError {
  override name = "UnparseableSourceError";
  constructor(
    readonly where: string,
    reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}
