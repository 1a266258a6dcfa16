import { Injectable } from '@nestjs/common';

/** Time as the service sees it; injectable so tests can move it (license validity, expiry). */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
