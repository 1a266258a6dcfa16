// The launcher owns shutdown. Every Nest app (enableShutdownHooks) installs SIGINT/SIGTERM
// handlers that would each tear down their own app and kill the process, Postgres still running;
// run side by side they race. So ours are installed before the boot (a signal then stops what
// has started) and again once everything is up, when only ours remain.
// SIGQUIT and SIGUSR2 too: Nest would otherwise close its apps and leave Postgres running.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];
// Taken when the launcher starts, so a parent lost during the boot is noticed too.
const LAUNCH_PARENT = process.ppid;
const RELAYED_WITHIN_MS = 1000;
let onSignal;

/** Makes `close` (then exit) the answer to every stop signal; call again to drop others'. */
export function takeOverSignals(close, log, { followParent = false } = {}) {
  if (!onSignal) {
    onSignal = stopOnce(close, log);
    // A parent that goes while we stop (npm exits as soon as it has passed a signal on) is no
    // second request to hurry: only a second signal is.
    if (followParent) watchParent(() => onSignal('parent exited', { again: false }));
  }
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, (s) => onSignal(s, { again: true }));
  }
}

function stopOnce(close, log) {
  let stopping = 0; // when the stop began
  return (signal, { again }) => {
    if (stopping) {
      // A repeat within a second is the same request twice: a signal to the process group
      // reaches npm, which passes it on, and this process.
      if (!again || Date.now() - stopping < RELAYED_WITHIN_MS) return;
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = Date.now();
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
}

// Under `npm start` this process is the child of `sh -c`. A SIGTERM sent to npm alone (a process
// manager, `kill <npm pid>`) is forwarded to sh, which dies without passing it on: the platform
// would run on, orphaned, holding its ports and DATA_DIR. So when the parent goes, stop too.
function watchParent(onGone) {
  const timer = setInterval(() => {
    if (process.ppid !== LAUNCH_PARENT) {
      clearInterval(timer);
      onGone();
    }
  }, 250);
  timer.unref();
}
