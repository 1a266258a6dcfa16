/** Time as the engine sees it; tests swap it to jump days ahead (the 7-day auto-disable). */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
