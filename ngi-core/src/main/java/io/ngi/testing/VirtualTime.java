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

package io.ngi.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.ngi.Cancellable;

/**
 * The virtual clock and the timers of one {@link TestingImplementation}: time starts at
 * {@link #START} and moves only in {@link #advance}, which runs the tasks that fall due,
 * in due order (equal deadlines in scheduling order), each at its own instant. Tasks that
 * those tasks schedule run too if they fall due within the same advance. Thread-safe: the
 * timers are guarded by this object's monitor, never held while a task runs.
 */
final class VirtualTime {

	/** Where every testing implementation's clock starts. */
	static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

	private final PriorityQueue<Task> timers = new PriorityQueue<>();

	private final Clock clock = new VirtualClock(ZoneOffset.UTC);

	private long nanos;

	private long sequence;

	private boolean advancing;

	Clock clock() {
		return this.clock;
	}

	synchronized long nanos() {
		return this.nanos;
	}

	/**
	 * Schedules {@code task} to run when the clock reaches now + {@code delay}, inside an
	 * {@link #advance}.
	 * @param delay the delay, zero or negative for the next advance
	 * @param task the task
	 * @return the handle
	 */
	synchronized Task schedule(Duration delay, Runnable task) {
		long delayNanos = delay.isNegative() ? 0 : saturatedNanos(delay);
		Task scheduled = new Task(this, this.nanos + delayNanos, this.sequence++, task);
		this.timers.add(scheduled);
		return scheduled;
	}

	/**
	 * Moves the clock forward by {@code duration}, running every task that falls due.
	 * @param duration how far, not negative
	 */
	void advance(Duration duration) {
		long target;
		synchronized (this) {
			if (this.advancing) {
				throw new IllegalStateException("advance called from a task or handler run by advance");
			}
			this.advancing = true;
			target = this.nanos + saturatedNanos(duration);
		}
		try {
			while (true) {
				Task next;
				synchronized (this) {
					next = this.timers.peek();
					if (next == null || next.deadline > target) {
						this.nanos = target;
						return;
					}
					this.timers.poll();
					this.nanos = Math.max(this.nanos, next.deadline);
				}
				next.fire();
			}
		}
		finally {
			synchronized (this) {
				this.advancing = false;
			}
		}
	}

	/** How many tasks wait, for tests and diagnostics. */

	private synchronized void cancelled(Task task) {
		this.timers.remove(task);
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 4;
		}
	}

	/**
	 * A task waiting for the virtual clock.
	 */
	static final class Task implements Cancellable, Comparable<Task> {

		private static final int WAITING = 0;

		private static final int RAN = 1;

		private static final int CANCELLED = 2;

		private final VirtualTime time;

		private final long deadline;

		private final long sequence;

		private final Runnable task;

		private final AtomicInteger state = new AtomicInteger();

		private Task(VirtualTime time, long deadline, long sequence, Runnable task) {
			this.time = time;
			this.deadline = deadline;
			this.sequence = sequence;
			this.task = task;
		}

		@Override
		public boolean cancel() {
			if (!this.state.compareAndSet(WAITING, CANCELLED)) {
				return false;
			}
			this.time.cancelled(this);
			return true;
		}

		boolean isDone() {
			return this.state.get() != WAITING;
		}

		private void fire() {
			if (this.state.compareAndSet(WAITING, RAN)) {
				this.task.run();
			}
		}

		@Override
		public int compareTo(Task other) {
			int byDeadline = Long.compare(this.deadline, other.deadline);
			return (byDeadline != 0) ? byDeadline : Long.compare(this.sequence, other.sequence);
		}

	}

	/** The clock tests read: {@link #START} plus the time advanced so far. */
	private final class VirtualClock extends Clock {

		private final ZoneId zone;

		VirtualClock(ZoneId zone) {
			this.zone = zone;
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return new VirtualClock(zone);
		}

		@Override
		public Instant instant() {
			return START.plusNanos(nanos());
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof VirtualClock clock && clock.outer() == VirtualTime.this
					&& clock.zone.equals(this.zone);
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(VirtualTime.this) ^ this.zone.hashCode();
		}

		private VirtualTime outer() {
			return VirtualTime.this;
		}

		@Override
		public String toString() {
			return "VirtualClock[" + instant() + ", " + this.zone + "]";
		}

	}

}
