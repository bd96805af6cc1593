'use strict';
/**
 * A circuit breaker: closed (calls go through) until `threshold` failures in a
 * row; then open (calls refused at once) for `coolDownMs`; then half-open:
 * exactly one trial call goes through, and its result closes or reopens it.
 */
class CircuitBreaker {
  constructor({ threshold = 8, coolDownMs = 1000 } = {}) {
    this.threshold = threshold;
    this.coolDownMs = coolDownMs;
    this.state = 'closed';
    this.failures = 0;
    this.openedAt = 0;
    this.trialInFlight = false;
  }

  /** May a call go out now? A true in half-open state reserves the single trial. */
  allow(now = Date.now()) {
    if (this.state === 'closed') return true;
    if (this.state === 'open' && now - this.openedAt >= this.coolDownMs) this.state = 'half-open';
    if (this.state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  success() {
    this.state = 'closed';
    this.failures = 0;
    this.trialInFlight = false;
  }

  failure(now = Date.now()) {
    this.failures++;
    if (this.state === 'half-open' || this.failures >= this.threshold) {
      this.state = 'open';
      this.openedAt = now;
      this.trialInFlight = false;
    }
  }
}

module.exports = { CircuitBreaker };
