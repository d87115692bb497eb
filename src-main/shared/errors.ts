// Errors cross every door as { ok: false, error: { code, message } }: a stable code for
// programs and a Chinese message for people (architecture.md, Conventions).

export interface ApiErrorBody {
  code: string;
  message: string;
  /** Field-level problems, keyed by dotted path, for forms to show next to the field. */
  fields?: Record<string, string>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown by services; turned into an ApiResult by the dispatcher. */
export class AppError extends Error {
  readonly code: string;
  readonly fields: Record<string, string> | undefined;

  constructor(code: string, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  toBody(): ApiErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

/** The same error on the calling side of a door, carrying the body it received. */
export class ApiCallError extends Error {
  readonly code: string;
  readonly fields: Record<string, string> | undefined;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiCallError';
    this.code = body.code;
    this.fields = body.fields;
  }
}
