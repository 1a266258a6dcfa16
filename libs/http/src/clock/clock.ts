import { Injectable } from '@nestjs/common';

/**
 * Time as a service sees it. Inject `Clock` (provided as `SystemClock`) instead of calling
 * `new Date()`/`Date.now()` where time decides an outcome (validity, expiry, grace periods), so a
 * test can move it with `TestClock`.
 */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock a test moves by hand: real time plus `offsetMs`, or a fixed instant once `set`. */
export class TestClock extends Clock {
  offsetMs = 0;
  private fixed: Date | undefined;

  now(): Date {
    return this.fixed
      ? new Date(this.fixed.getTime() + this.offsetMs)
      : new Date(Date.now() + this.offsetMs);
  }

  /** Stops the clock at `at` (later `advance`s still move it). */
  set(at: Date): void {
    this.fixed = at;
    this.offsetMs = 0;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
