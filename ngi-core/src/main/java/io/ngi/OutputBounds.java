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

package io.ngi;

/**
 * How much output a connection may queue: above {@code highWaterMark} it is not writable
 * and stops reading, at or below {@code lowWaterMark} it is writable and reads again,
 * above {@code limit} it is closed with {@link CloseReason.Kind#OUTPUT_LIMIT}. A value of
 * {@link #UNSET} stands for the implementation's default.
 *
 * @param highWaterMark queued bytes above which the connection is not writable, or
 * {@link #UNSET}
 * @param lowWaterMark queued bytes at or below which it is writable again, or
 * {@link #UNSET}
 * @param limit queued bytes above which it is closed, or {@link #UNSET}
 */
public record OutputBounds(long highWaterMark, long lowWaterMark, long limit) {

	/** A value left to the implementation's default. */
	public static final long UNSET = -1;

	/** Nothing set: every value is the implementation's default. */
	public static final OutputBounds DEFAULTS = new OutputBounds(UNSET, UNSET, UNSET);

	/**
	 * Returns these bounds with every unset value taken from {@code defaults}, checked:
	 * {@code lowWaterMark < highWaterMark <= limit}.
	 * @param defaults complete bounds to fill in from
	 * @return complete bounds
	 * @throws IllegalArgumentException if the resulting bounds are inconsistent, naming
	 * the values
	 */
	public OutputBounds orElse(OutputBounds defaults) {
		OutputBounds bounds = new OutputBounds(pick(this.highWaterMark, defaults.highWaterMark),
				pick(this.lowWaterMark, defaults.lowWaterMark), pick(this.limit, defaults.limit));
		bounds.check();
		return bounds;
	}

	/**
	 * Checks that complete bounds are consistent.
	 * @throws IllegalArgumentException if a value is unset or out of order
	 */
	public void check() {
		notNegative("outputLowWaterMark", this.lowWaterMark);
		if (this.highWaterMark <= this.lowWaterMark) {
			throw new IllegalArgumentException("outputHighWaterMark must be > outputLowWaterMark (" + this.lowWaterMark
					+ "): " + this.highWaterMark);
		}
		if (this.limit < this.highWaterMark) {
			throw new IllegalArgumentException(
					"outputLimit must be >= outputHighWaterMark (" + this.highWaterMark + "): " + this.limit);
		}
	}

	private static long pick(long value, long fallback) {
		return (value != UNSET) ? value : fallback;
	}

	static long notNegative(String name, long value) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must be >= 0: " + value);
		}
		return value;
	}

	static long positive(String name, long value) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be > 0: " + value);
		}
		return value;
	}

}
