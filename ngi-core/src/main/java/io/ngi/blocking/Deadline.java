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

package io.ngi.blocking;

import java.time.Duration;
import java.util.Objects;

/**
 * A point in time, on the {@link System#nanoTime()} clock, by which a wait must end.
 * Immutable.
 */
final class Deadline {

	/** About 146 years: far enough to mean "never", near enough that no sum overflows. */
	private static final long MAX_NANOS = Long.MAX_VALUE / 2;

	private final long nanoTime;

	private final Duration timeout;

	private Deadline(long nanoTime, Duration timeout) {
		this.nanoTime = nanoTime;
		this.timeout = timeout;
	}

	/**
	 * Returns the deadline that lies {@code timeout} from now.
	 * @param timeout the time allowed, not negative; very long ones are capped at about
	 * 146 years
	 * @return the deadline
	 */
	static Deadline after(Duration timeout) {
		checkTimeout(timeout, "timeout");
		long nanos;
		try {
			nanos = Math.min(timeout.toNanos(), MAX_NANOS);
		}
		catch (ArithmeticException ex) {
			nanos = MAX_NANOS;
		}
		return new Deadline(System.nanoTime() + nanos, timeout);
	}

	/**
	 * Checks that a timeout is not {@code null} and not negative.
	 * @param timeout the timeout
	 * @param name its name, for the message
	 * @return the timeout
	 */
	static Duration checkTimeout(Duration timeout, String name) {
		Objects.requireNonNull(timeout, name);
		if (timeout.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative: " + timeout);
		}
		return timeout;
	}

	/**
	 * Returns how long remains until the deadline.
	 * @return the remaining nanoseconds, zero or less once the deadline has passed
	 */
	long remainingNanos() {
		return this.nanoTime - System.nanoTime();
	}

	/**
	 * Returns the timeout this deadline was made from.
	 * @return the timeout
	 */
	Duration timeout() {
		return this.timeout;
	}

}
