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

/**
 * Chooses how long a {@link ReconnectingClient} waits before its next connect: after a
 * failed connect, and after its connection closed. Implement it to plug in a policy of
 * your own; the built-in ones are {@link #exponential(Duration, Duration)} (exponential
 * with full jitter, the default) and {@link #fixed(Duration)}. Implementations must be
 * thread-safe: one backoff may serve many clients on several loop threads.
 *
 * {@snippet :
 * Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30));
 * Backoff steady = Backoff.fixed(Duration.ofSeconds(5));
 * Backoff custom = (retry) -> Duration.ofSeconds(Math.min(retry, 10)); // linear, up to 10 s
 * }
 */
@FunctionalInterface
public interface Backoff {

	/**
	 * Returns the delay before the {@code retry}-th connect since the client's last
	 * healthy connection (or since it was built): 1 for the first wait, 2 for the next,
	 * and so on. A connection that stays open for the client's
	 * {@link ReconnectingClient.Builder#resetBackoffAfter resetBackoffAfter} starts the
	 * count again at 1; a shorter one does not. Called on the implementation's thread. A
	 * {@code null} result, or one shorter than {@link ReconnectingClient#MIN_DELAY} (1
	 * ms), counts as that minimum.
	 * @param retry the number of the wait, from 1
	 * @return how long to wait
	 */
	Duration delay(int retry);

	/**
	 * Returns exponential backoff with full jitter: the delay before retry {@code n} is
	 * drawn uniformly from {@code [0, min(max, initial * 2^(n-1))]}. The jitter spreads
	 * the reconnects of many clients that lost the same upstream at once; the cap keeps a
	 * long outage from growing the wait without bound.
	 * @param initial the upper bound of the first delay, &gt; 0
	 * @param max the largest delay, &gt;= {@code initial}
	 * @return the backoff
	 * @throws IllegalArgumentException if {@code initial} is not positive or {@code max}
	 * is smaller than it
	 */
	static Backoff exponential(Duration initial, Duration max) {
		return new ExponentialBackoff(initial, max);
	}

	/**
	 * Returns a backoff that always waits {@code delay}.
	 * @param delay the delay, &gt; 0
	 * @return the backoff
	 * @throws IllegalArgumentException if {@code delay} is not positive
	 */
	static Backoff fixed(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		if (delay.isNegative() || delay.isZero()) {
			throw new IllegalArgumentException("delay must be > 0: " + delay);
		}
		return new FixedBackoff(delay);
	}

}
