#!/usr/bin/env node
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';
import { InvalidSettingsError } from './config/settings.js';

/** Exit codes: 0 done, 1 failed, 2 the command line itself was wrong. */
buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    const message = error instanceof InvalidSettingsError ? error.message : String(error);
    console.error(`Cannot start: ${message}`);
    process.exit(1);
  });
