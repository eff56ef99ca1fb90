/**
 * One error base with a stable machine-readable `code` and an HTTP status per subclass.
 * Codes never derive from message text; messages are for people and never carry secrets,
 * SQL, stack traces or framework names.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
  }
}

export type FieldErrors = Record<string, string[]>;

export class ValidationError extends AppError {
  readonly errors: FieldErrors;
  constructor(errors: FieldErrors, message = 'Some fields are not valid. Fix them and try again.') {
    super('validation_failed', 400, message);
    this.errors = errors;
  }
}

/** A body that cannot be read as what its Content-Type says (not UTF-8, not JSON, a broken %-escape). */
export class InvalidBodyError extends AppError {
  constructor(message: string) {
    super('invalid_body', 400, message);
  }
}

/** A body in a media type or character set this API does not take. */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super('unsupported_media_type', 415, message);
  }
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super('invalid_credentials', 401, 'The username or password is not correct.');
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super('unauthenticated', 401, 'Sign in to continue.');
  }
}

export class CsrfError extends AppError {
  constructor(message = 'This request is missing a valid CSRF token. Reload the page and try again.') {
    super('csrf', 403, message);
  }
}

export class CrossSiteRequestError extends AppError {
  constructor() {
    super('csrf', 403, 'Cross-site requests are not allowed on this route. Send it from this site, or without browser Origin headers.');
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super('not_found', 404, message);
  }
}

/**
 * The client closed its connection before its request was handled (its address is gone with the
 * socket). Nothing is done for it, and no answer can reach it.
 */
export class ClientGoneError extends AppError {
  constructor() {
    super('client_closed_request', 400, 'The connection closed before the request could be handled. Send it again.');
  }
}

export class TooManyAttemptsError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('too_many_attempts', 429, `Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class OverloadedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds = 1) {
    super('overloaded', 503, 'The server is busy. Try again shortly.');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ConfigError extends AppError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('config_invalid', 500, `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}
