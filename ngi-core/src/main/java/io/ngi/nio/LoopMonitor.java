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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.jspecify.annotations.Nullable;

/**
 * What one {@link EventLoop} is doing, for the {@link BlockedLoopWatchdog} and for
 * {@link LoopStatistics}: the unit of work running now (a ready channel, a task, a
 * timer), and the timers' lateness.
 * <p>
 * The loop marks each unit with two release stores ({@link #enter}, {@link #exit}): no
 * allocation, no clock read, no fence on the hot path. The watchdog, polling, sees a unit
 * that is still the same one (same sequence number) poll after poll, and so measures how
 * long it ran to within one poll interval.
 */
final class LoopMonitor {

	private static final VarHandle CURRENT;

	private static final VarHandle SEQUENCE;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			CURRENT = lookup.findVarHandle(LoopMonitor.class, "current", Object.class);
			SEQUENCE = lookup.findVarHandle(LoopMonitor.class, "sequence", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** The unit running now, {@code null} between units (selecting, idle). */
	@SuppressWarnings("unused")
	private @Nullable Object current;

	/** Incremented when a unit starts; written by the loop thread only. */
	@SuppressWarnings("unused")
	private long sequence;

	// Timer lateness, written by the loop thread when timers fire, read by anyone.

	private volatile long timersFired;

	private volatile long timerLagTotalNanos;

	private volatile long timerLagMaxNanos;

	// Blocked episodes, written by the watchdog, read by anyone.

	volatile long blockedEpisodes;

	volatile long blockedTotalNanos;

	/**
	 * When the current blocked episode started ({@link System#nanoTime()}), 0 if none.
	 */
	volatile long blockedSinceNanos;

	/** What blocks the loop in the current episode. */
	volatile @Nullable String blockedWhat;

	/** Loop thread: a unit of work starts. */
	void enter(Object unit) {
		CURRENT.setRelease(this, unit);
		SEQUENCE.setRelease(this, (long) SEQUENCE.get(this) + 1);
	}

	/** Loop thread: the unit ended. */
	void exit() {
		CURRENT.setRelease(this, null);
	}

	@Nullable Object current() {
		return CURRENT.getAcquire(this);
	}

	long sequence() {
		return (long) SEQUENCE.getAcquire(this);
	}

	/**
	 * Loop thread: a timer fired {@code lateNanos} after its deadline.
	 * @param lateNanos how late, 0 or more
	 */
	void timerFired(long lateNanos) {
		this.timersFired = this.timersFired + 1;
		this.timerLagTotalNanos = this.timerLagTotalNanos + lateNanos;
		if (lateNanos > this.timerLagMaxNanos) {
			this.timerLagMaxNanos = lateNanos;
		}
	}

	long timersFired() {
		return this.timersFired;
	}

	long timerLagTotalNanos() {
		return this.timerLagTotalNanos;
	}

	long timerLagMaxNanos() {
		return this.timerLagMaxNanos;
	}

}
