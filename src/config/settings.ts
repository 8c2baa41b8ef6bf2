import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/** Every setting the service reads from its environment, with its default. */
export class Settings {
  /** Where events are stored: the embedded SQLite file, or an EventStoreDB server. */
  @IsIn(['sqlite', 'eventstoredb'])
  EVENT_STORE: 'sqlite' | 'eventstoredb' = 'sqlite';

  @Matches(/^esdb(\+discover)?:\/\/\S+$/, {
    message: 'EVENTSTORE_CONNECTION_STRING must look like esdb://host:2113?tls=false',
  })
  EVENTSTORE_CONNECTION_STRING = 'esdb://localhost:2113?tls=false';

  /** Directory for the embedded event store, read models and other local files. */
  @IsString()
  @IsNotEmpty()
  DATA_DIR = './data';

  /**
   * SQLite durability: FULL survives power loss; NORMAL survives a crash of the process but
   * may lose the last commits on power loss.
   */
  @IsIn(['FULL', 'NORMAL'])
  SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' = 'FULL';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** `json` lines, `pretty` for people, or `auto`: pretty on a terminal, JSON otherwise. */
  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  /** The roles this process runs: any of ingest, projector, query. */
  @Matches(/^(ingest|projector|query)(,(ingest|projector|query))*$/, {
    message: 'ROLES must be a comma-separated list of ingest, projector and query',
  })
  ROLES = 'ingest,projector,query';

  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  // With stopAtFirstError, the decorator nearest the property is checked first.
  @Transform(toInt)
  @Max(65535)
  @Min(0)
  @IsInt({ message: 'INGEST_PORT must be a whole number' })
  INGEST_PORT = 3000;

  @Transform(toInt)
  @Max(65535)
  @Min(0)
  @IsInt({ message: 'QUERY_PORT must be a whole number' })
  QUERY_PORT = 3001;

  /**
   * Named webhook tokens, `name:secret` pairs separated by commas. Unset, the service makes
   * one on first start and keeps it in DATA_DIR/webhook-token.
   */
  @IsOptional()
  @Matches(/^[\w.-]+:[^\s,:]{16,}(,[\w.-]+:[^\s,:]{16,})*$/, {
    message:
      'WEBHOOK_TOKENS must be name:secret pairs separated by commas, each secret at least 16 characters',
  })
  WEBHOOK_TOKENS: string | undefined = undefined;

  /** `token` (default) or `none`: accept webhooks without a token. */
  @IsIn(['token', 'none'])
  WEBHOOK_AUTH: 'token' | 'none' = 'token';

  /** Largest webhook body accepted, in bytes. */
  @Transform(toInt)
  @Min(1024)
  @IsInt({ message: 'WEBHOOK_BODY_LIMIT must be a whole number of bytes' })
  WEBHOOK_BODY_LIMIT = 1024 * 1024;

  /**
   * Most items in any one list of a webhook body; a longer list is refused with 422 (and
   * kept as a rejected delivery) before the body is validated.
   */
  @Transform(toInt)
  @Max(100_000)
  @Min(1)
  @IsInt({ message: 'WEBHOOK_LIST_LIMIT must be a whole number of items' })
  WEBHOOK_LIST_LIMIT = 1000;

  /** The address Qualified reaches this service at, used to print the webhook URL. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL: string | undefined = undefined;

  /**
   * With EventStoreDB: how long a webhook waits for the server before it is kept in the local
   * spool instead. Qualified gives up after 5 seconds.
   */
  @Transform(toInt)
  @Max(4000)
  @Min(100)
  @IsInt({ message: 'EVENTSTORE_APPEND_TIMEOUT_MS must be a whole number of milliseconds' })
  EVENTSTORE_APPEND_TIMEOUT_MS = 2000;

  /**
   * How long startup waits for the event store (EventStoreDB) to answer before the service
   * stops with the reason.
   */
  @Transform(toInt)
  @Max(600_000)
  @Min(100)
  @IsInt({ message: 'EVENTSTORE_CONNECT_TIMEOUT_MS must be a whole number of milliseconds' })
  EVENTSTORE_CONNECT_TIMEOUT_MS = 10_000;

  /**
   * Keys for the query API, `name:key` or `name:key:admin` separated by commas; admin keys may
   * also rebuild projections and retry parked events. Unset, the query API listens on
   * loopback only.
   */
  @IsOptional()
  @Matches(/^[\w.-]+:[^\s,:]{16,}(:admin)?(,[\w.-]+:[^\s,:]{16,}(:admin)?)*$/, {
    message:
      'QUERY_API_KEYS must be name:key or name:key:admin entries separated by commas, each key at least 16 characters',
  })
  QUERY_API_KEYS: string | undefined = undefined;

  /** How long a query with minPosition waits for the projections before it answers 503. */
  @Transform(toInt)
  @Max(60_000)
  @Min(0)
  @IsInt({ message: 'QUERY_WAIT_TIMEOUT_MS must be a whole number of milliseconds' })
  QUERY_WAIT_TIMEOUT_MS = 5000;

  // ---------------------------------------------------------------------------------------
  // Projections: the runner that keeps the read models (DATA_DIR/read-models.sqlite) current.

  /**
   * Most events applied to the read models in one transaction while catching up (live,
   * batches are cut as soon as no further event is ready). Larger batches write each touched
   * page once for more events.
   */
  @Transform(toInt)
  @Max(10000)
  @Min(1)
  @IsInt({ message: 'PROJECTION_BATCH_SIZE must be a whole number' })
  PROJECTION_BATCH_SIZE = 2000;

  /**
   * An event whose handler still throws after its retries is `park`ed in the dead letters
   * while the projection goes on, or `stop`s the projection.
   */
  @IsIn(['park', 'stop'])
  PROJECTION_ON_ERROR: 'park' | 'stop' = 'park';

  /** How often a throwing handler is retried before PROJECTION_ON_ERROR applies. */
  @Transform(toInt)
  @Max(100)
  @Min(0)
  @IsInt({ message: 'PROJECTION_RETRIES must be a whole number' })
  PROJECTION_RETRIES = 3;

  /** Delay before the first retry; it doubles with each retry, up to 32 times this. */
  @Transform(toInt)
  @Max(60000)
  @Min(0)
  @IsInt({ message: 'PROJECTION_RETRY_DELAY_MS must be a whole number of milliseconds' })
  PROJECTION_RETRY_DELAY_MS = 100;
}

export class InvalidSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'InvalidSettingsError';
  }
}

/** Reads and validates the settings; empty variables count as unset. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const known = Object.keys(new Settings());
  const given = Object.fromEntries(
    known.filter((name) => env[name]?.trim()).map((name) => [name, env[name]!.trim()]),
  );
  const settings = plainToInstance(Settings, given);
  const problems = validateSync(settings, { stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (message) => `${message} (got "${String(given[error.property])}")`,
    ),
  );
  if (problems.length > 0) throw new InvalidSettingsError(problems);
  return settings;
}
