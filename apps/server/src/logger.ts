import pino from 'pino';

/** Structured JSON logs; secrets are redacted by path before anything is written. */
export function createLogger(level: string) {
  return pino({
    level,
    redact: { paths: ['*.apiKey', '*.password', '*.token', '*.secret', 'apiKey', 'password', 'token', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}
export type Logger = ReturnType<typeof createLogger>;
