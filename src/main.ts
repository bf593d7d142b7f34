import { loadConfigOrExit } from './config.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { explainStartupFailure } from './startup-failure.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.logLevel);
  let app: Awaited<ReturnType<typeof createApp>>;
  let url: string;
  try {
    app = await createApp(config, log);
    url = await app.listen();
  } catch (e) {
    // one line that names the setting and the fix, exit 2 (as a bad configuration); anything else whole
    const explained = explainStartupFailure(e, config);
    if (explained === null) throw e;
    console.error(`cannot start: ${explained}`);
    process.exit(2);
  }
  log.info({ url, graphiql: `${url}/graphql`, database: app.database.kind, dataDir: config.dataDir }, `chat server listening on ${url}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining');
    // a drain that cannot finish (a dependency that hangs) still ends the process
    setTimeout(() => {
      log.error('shutdown took too long: exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5000).unref();
    app.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
