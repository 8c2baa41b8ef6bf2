import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { loadSettings, Settings } from '../../src/config/settings.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const known = new Set(Object.keys(new Settings()));

/** Values for the variables a compose file requires with `${NAME:?message}`. */
const samples: Record<string, string> = {
  QUERY_API_KEYS: 'reader:sample-reader-key-0123,ops:sample-ops-key-0123:admin',
};

interface Service {
  environment?: Record<string, unknown> | string[];
  volumes?: (string | { target?: string })[];
}
interface ComposeFile {
  services: Record<string, Service>;
}

const composeFiles = readdirSync(root)
  .filter((name) => /^(docker-)?compose(\..+)?\.ya?ml$/.test(name))
  .sort();

function readCompose(name: string): ComposeFile {
  // Compose reads YAML merge keys (`<<: *anchor`); the yaml package needs them asked for.
  return parse(readFileSync(join(root, name), 'utf8'), { merge: true }) as ComposeFile;
}

/** The Compose Specification's own schema, as shipped by the dclint package. */
function compileComposeSchema() {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  // Its $schema is draft-07 under an https:// address that Ajv does not know by that name;
  // without it Ajv checks the schema against its own draft-07 meta-schema.
  delete schema.$schema;
  // The schema is not written for Ajv's strict mode (union types, untyped keywords).
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

function environmentOf(service: Service): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const [name, ...value] = entry.split('=');
        return [name, value.join('=')];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, value == null ? '' : String(value)]),
  );
}

/** Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?message}`, with `samples` as the shell. */
function interpolate(value: string): string {
  return value.replace(
    /\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g,
    (_, name: string, op?: string, arg?: string) => {
      if (op?.endsWith('-')) return samples[name] ?? arg ?? '';
      if (op?.endsWith('?') && samples[name] === undefined) {
        throw new Error(`${name} is required by a compose file: add a sample value to this spec`);
      }
      return samples[name] ?? '';
    },
  );
}

/** The ENV lines of the Dockerfile, `ENV A=1 B=2` or `ENV A 1` (unquoted values only). */
function dockerfileEnvironment(): Record<string, string> {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const environment: Record<string, string> = {};
  for (const [, body] of text.matchAll(/^\s*ENV\s+(.+)$/gim)) {
    const words = body.trim().split(/\s+/);
    if (!words[0].includes('=')) {
      environment[words[0]] = words.slice(1).join(' ');
      continue;
    }
    for (const word of words) {
      const [name, ...value] = word.split('=');
      environment[name] = value.join('=').replace(/^(["'])(.*)\1$/, '$2');
    }
  }
  return environment;
}

/** Host names in an esdb:// connection string (`esdb://a:2113,b:2113?tls=false`). */
function eventStoreHosts(connectionString: string): string[] {
  const authority = connectionString.replace(/^esdb(\+discover)?:\/\//, '').split(/[/?]/)[0];
  return authority
    .replace(/^.*@/, '')
    .split(',')
    .map((host) => host.split(':')[0]);
}

function mountTargets(service: Service): string[] {
  return (service.volumes ?? []).map((volume) =>
    typeof volume === 'string' ? volume.split(':')[1] : (volume.target ?? ''),
  );
}

const validate = compileComposeSchema();

describe('Dockerfile', () => {
  it('sets only variables the ledger reads', () => {
    const unknown = Object.keys(dockerfileEnvironment()).filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
  });
});

describe('compose files', () => {
  it('include docker-compose.yml and the cluster sample', () => {
    expect(composeFiles).toEqual(
      expect.arrayContaining(['docker-compose.yml', 'docker-compose.cluster.yml']),
    );
  });
});

describe.each(composeFiles)('%s', (name) => {
  const compose = readCompose(name);
  const ledger = compose.services.ledger;

  it('is valid under the Compose Specification schema', () => {
    validate(compose);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('sets only variables the ledger reads on the ledger service', () => {
    expect(ledger).toBeDefined();
    const unknown = Object.keys(environmentOf(ledger)).filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
  });

  it('gives the ledger settings that load, a DATA_DIR volume and event-store hosts it defines', () => {
    const composeEnvironment = Object.fromEntries(
      Object.entries(environmentOf(ledger)).map(([key, value]) => [key, interpolate(value)]),
    );
    const settings = loadSettings({ ...dockerfileEnvironment(), ...composeEnvironment });

    expect(settings.EVENT_STORE).toBe('eventstoredb');
    expect(settings.QUERY_API_KEYS).toBeDefined();
    expect(mountTargets(ledger)).toContain(settings.DATA_DIR);
    for (const host of eventStoreHosts(settings.EVENTSTORE_CONNECTION_STRING)) {
      expect(Object.keys(compose.services)).toContain(host);
    }
  });
});
