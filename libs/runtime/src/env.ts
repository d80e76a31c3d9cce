import { z } from 'zod';

/** Thrown when the environment is wrong; the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `true`/`false` (also 1/0, yes/no) as a boolean; anything else is an error, not a silent false. */
export const envBoolean = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .default(defaultValue ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envPositiveInt = (defaultValue: number) =>
  z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .positive('expected a positive number')
    .default(defaultValue);

export const envPort = (defaultValue: number) =>
  z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a port number')
    .min(1, 'expected a port number from 1 to 65535')
    .max(65535, 'expected a port number from 1 to 65535')
    .default(defaultValue);

export const envPostgresUrl = z
  .string()
  .default('postgres://postgres@127.0.0.1:5432/news')
  .refine((v) => /^postgres(ql)?:\/\/[^/]+\/[\w-]+/.test(v), 'expected postgres://user@host:port/database');

export const envBrokers = z
  .string()
  .default('127.0.0.1:9092')
  .transform((v) =>
    v
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.length > 0 && list.every((b) => /^[\w.-]+:\d+$/.test(b)),
    'expected host:port[,host:port…]',
  );

/** Validates `process.env` (or a given record) against a schema of environment variables. */
export function loadEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue.path[0] ?? 'environment');
  const given = env[name];
  throw new ConfigError(
    `invalid ${name}${given === undefined ? '' : ` (${JSON.stringify(maskSecret(name, given))})`}: ${issue.message}`,
  );
}

/** Never echo a password that sits in a connection string. */
function maskSecret(name: string, value: string): string {
  return /URL$/.test(name) ? value.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : value;
}
