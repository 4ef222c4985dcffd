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

package io.ngi.nio;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.ngi.OutputBounds;

/**
 * Counts a connection's queued output from the moment it is written, on any thread, and
 * decides writability with hysteresis: not writable above the high-water mark, writable
 * again at or below the low-water mark. Bytes of a {@code writeLines} source count when
 * the loop pulls them.
 */
final class OutputCounter {

	private final OutputBounds bounds;

	private final AtomicLong queued = new AtomicLong();

	private final AtomicBoolean unwritable = new AtomicBoolean();

	private volatile long peak;

	OutputCounter(OutputBounds bounds) {
		this.bounds = bounds;
	}

	/**
	 * Counts bytes written. Any thread.
	 * @param bytes how many
	 * @return whether the hard limit is now passed
	 */
	boolean added(long bytes) {
		long now = this.queued.addAndGet(bytes);
		if (now > this.peak) {
			this.peak = now;
		}
		if (now > this.bounds.highWaterMark() && !this.unwritable.get()) {
			this.unwritable.set(true);
		}
		return now > this.bounds.limit();
	}

	/**
	 * Counts bytes sent (or dropped). Loop thread.
	 * @param bytes how many
	 * @return whether the connection just turned writable again
	 */
	boolean removed(long bytes) {
		long now = this.queued.addAndGet(-bytes);
		return now <= this.bounds.lowWaterMark() && this.unwritable.compareAndSet(true, false);
	}

	/** Forgets everything queued: the connection closed. */
	void clear() {
		this.queued.set(0);
	}

	long queued() {
		return this.queued.get();
	}

	long peak() {
		return this.peak;
	}

	boolean isWritable() {
		return !this.unwritable.get();
	}

	/** Whether the loop should stop reading: more than the high-water mark is queued. */
	boolean aboveHighWaterMark() {
		return this.queued.get() > this.bounds.highWaterMark();
	}

	/** Whether the loop may read again after {@link #aboveHighWaterMark()}. */
	boolean atOrBelowLowWaterMark() {
		return this.queued.get() <= this.bounds.lowWaterMark();
	}

}
