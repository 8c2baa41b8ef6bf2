import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
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
