// What can go wrong before, around or after a request, each with the exit code it ends the CLI with.

/** Exit codes: the contract scripts rely on. */
export const EXIT = { ok: 0, failure: 1, usage: 2, unreachable: 3 } as const;

/** A bad command line: unknown command or flag, missing or malformed argument. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage line to show, when known. */
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** The environment cannot work: no service key, an unusable SWITCHBOARD_URL. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** No answer from the server at all (refused, unknown host, timeout). */
export class UnreachableError extends Error {
  override name = "UnreachableError";
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Cannot reach Switchboard at ${url}: ${reason}. Is it running? Start it with \`npm start\`, or set SWITCHBOARD_URL.`);
  }
}

/** The API answered { ok: false, error }, or something that is not the API at all (code bad_response). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: string,
    message: string,
    readonly details: unknown,
    readonly status: number,
    /** The parsed JSON body, when there was one (printed as is under --json). */
    readonly body: unknown,
  ) {
    super(message);
  }
}
