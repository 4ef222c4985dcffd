package io.ngi.client;

import java.time.Duration;

/**
 * A backoff that always waits the same time.
 *
 * @param delay the delay
 */
record FixedBackoff(Duration delay) implements Backoff {

	@Override
	public Duration delay(int retry) {
		return this.delay;
	}

	@Override
	public String toString() {
		return "fixed(" + this.delay + ")";
	}

}
