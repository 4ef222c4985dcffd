/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS
 * Architecture Blog, 2015): retry {@code n} waits a uniform random time in
 * {@code [0, min(max, initial * 2^(n-1))]}. Full jitter rather than "equal" or
 * "decorrelated" jitter: it spreads a herd of clients best and its bounds are simple to
 * state and test. Immutable; the randomness comes from {@link ThreadLocalRandom}, so it
 * is thread-safe without contention.
 */
final class ExponentialBackoff implements Backoff {

	private final Duration initial;

	private final Duration max;

	private final long initialNanos;

	private final long maxNanos;

	ExponentialBackoff(Duration initial, Duration max) {
		Objects.requireNonNull(initial, "initial");
		Objects.requireNonNull(max, "max");
		if (initial.isNegative() || initial.isZero()) {
			throw new IllegalArgumentException("initial backoff must be > 0: " + initial);
		}
		if (max.compareTo(initial) < 0) {
			throw new IllegalArgumentException("max backoff must be >= initial (" + initial + "): " + max);
		}
		this.initial = initial;
		this.max = max;
		this.initialNanos = saturatedNanos(initial);
		this.maxNanos = saturatedNanos(max);
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	@Override
	public Duration delay(int retry) {
		long bound = bound(retry);
		// Inclusive of the bound, so that the cap itself can be drawn.
		return Duration.ofNanos(ThreadLocalRandom.current().nextLong((bound == Long.MAX_VALUE) ? bound : bound + 1));
	}

	/**
	 * Returns the upper bound of the delay before retry {@code retry}, in nanoseconds,
	 * without overflow.
	 */
	long bound(int retry) {
		int shift = Math.min(Math.max(retry, 1) - 1, 62);
		if (this.initialNanos > (this.maxNanos >> shift)) {
			return this.maxNanos;
		}
		return this.initialNanos << shift;
	}

	@Override
	public String toString() {
		return "exponential(" + this.initial + ".." + this.max + ", full jitter)";
	}

}
