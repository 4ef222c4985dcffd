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

import java.util.PriorityQueue;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of one {@link EventLoop}: a heap ordered by deadline (then by scheduling
 * order), run from the loop thread when due, the loop's select waiting at most until the
 * first deadline. Loop thread only.
 * <p>
 * A cancelled timer stays in the heap until it comes to the top, unless cancelled timers
 * make up more than half of a heap of some size: then they are purged at once, so a
 * connection that pushes its timeout back on every read does not make the heap grow.
 */
final class TimerQueue {

	private static final Logger logger = LoggerFactory.getLogger(TimerQueue.class);

	/** Below this size a heap is never purged: cancelled timers cost little there. */
	private static final int PURGE_THRESHOLD = 64;

	private final PriorityQueue<Timer> heap = new PriorityQueue<>();

	private long sequence;

	private int cancelled;

	private final LoopMonitor monitor;

	TimerQueue() {
		this(new LoopMonitor());
	}

	/**
	 * Creates a queue that tells {@code monitor} which timer runs and how late.
	 * @param monitor the loop's monitor
	 */
	TimerQueue(LoopMonitor monitor) {
		this.monitor = monitor;
	}

	/**
	 * Schedules {@code task} to run after {@code delayNanos}.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @param delayNanos the delay, 0 or negative for the next iteration
	 * @param task the task
	 * @return the timer, to cancel it
	 */
	Timer schedule(long nowNanos, long delayNanos, Runnable task) {
		Timer timer = new Timer(this, nowNanos + Math.max(0, delayNanos), this.sequence++, task);
		this.heap.add(timer);
		return timer;
	}

	/**
	 * Returns how many timers wait, cancelled ones not counted.
	 * @return the number of live timers
	 */
	int size() {
		return this.heap.size() - this.cancelled;
	}

	/**
	 * Returns how many timers the heap holds, cancelled ones included, for tests.
	 * @return the heap's size
	 */
	int heapSize() {
		return this.heap.size();
	}

	/**
	 * Returns the nanoseconds until the first live timer is due.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return the wait, 0 if one is due, {@code -1} if there is none
	 */
	long nanosUntilNext(long nowNanos) {
		Timer first = firstLive();
		if (first == null) {
			return -1;
		}
		return Math.max(0, first.deadline - nowNanos);
	}

	/**
	 * Runs the timers due at {@code nowNanos}, in deadline order. A timer scheduled by
	 * one of them waits for the next call, so a task that reschedules itself at once
	 * cannot keep the loop here.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return how many ran
	 */
	int runDue(long nowNanos) {
		long last = this.sequence;
		int ran = 0;
		Timer first;
		while ((first = firstLive()) != null && first.deadline - nowNanos <= 0 && first.sequence < last) {
			this.heap.poll();
			first.state = Timer.RAN;
			ran++;
			this.monitor.timerFired(Math.max(0, nowNanos - first.deadline));
			this.monitor.enter(first.task);
			try {
				first.task.run();
			}
			catch (RuntimeException ex) {
				// Tasks handle their own failures (connection tasks close their
				// connection); this keeps one that does not from stopping the others.
				logger.error("timer task failed", ex);
			}
			finally {
				this.monitor.exit();
			}
		}
		return ran;
	}

	private @Nullable Timer firstLive() {
		Timer first;
		while ((first = this.heap.peek()) != null && first.state == Timer.CANCELLED) {
			this.heap.poll();
			this.cancelled--;
		}
		return first;
	}

	private void cancelled() {
		this.cancelled++;
		if (this.cancelled > PURGE_THRESHOLD && this.cancelled > this.heap.size() / 2) {
			this.heap.removeIf((timer) -> timer.state == Timer.CANCELLED);
			this.cancelled = 0;
		}
	}

	/**
	 * One scheduled task.
	 */
	static final class Timer implements Comparable<Timer> {

		static final int WAITING = 0;

		static final int RAN = 1;

		static final int CANCELLED = 2;

		private final TimerQueue queue;

		private final long deadline;

		private final long sequence;

		private final Runnable task;

		private int state;

		private Timer(TimerQueue queue, long deadline, long sequence, Runnable task) {
			this.queue = queue;
			this.deadline = deadline;
			this.sequence = sequence;
			this.task = task;
		}

		/**
		 * Cancels the timer; loop thread only. Idempotent.
		 * @return whether this stopped the task from running
		 */
		boolean cancel() {
			if (this.state != WAITING) {
				return false;
			}
			this.state = CANCELLED;
			this.queue.cancelled();
			return true;
		}

		@Override
		public int compareTo(Timer other) {
			int byDeadline = Long.compare(this.deadline - other.deadline, 0);
			return (byDeadline != 0) ? byDeadline : Long.compare(this.sequence, other.sequence);
		}

	}

}
