import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/** JSON lines to stdout (or `destination`: the tests read what a server logs). */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
