#!/usr/bin/env node
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';
import { InvalidSettingsError } from './config/settings.js';
import { StartupError } from './platform/startup/startup-error.js';

/** Exit codes: 0 done, 1 failed, 2 the command line itself was wrong. */
buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    const told = error instanceof InvalidSettingsError || error instanceof StartupError;
    const message = told ? error.message : String(error);
    console.error(`Cannot start: ${message}`);
    process.exit(1);
  });
