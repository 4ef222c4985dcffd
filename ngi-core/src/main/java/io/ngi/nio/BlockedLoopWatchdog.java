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

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per implementation that watches its loops for a handler call, task or timer
 * running longer than a threshold: the seed's first warning about event loops, made
 * visible. It polls each loop's {@link LoopMonitor} a few times per threshold; a unit of
 * work seen running across polls for longer than the threshold is an episode, reported
 * with one WARN line (the loop, what runs, how long so far, and the loop thread's stack
 * taken while it is still blocked) and one INFO line when it ends (the total), however
 * long it lasts. Suspended imperative calls are not on the loop, so they never count.
 * <p>
 * The loops pay two release stores per unit of work. The watchdog's thread
 * ({@code <name>-watchdog}, a daemon) runs while a loop thread runs: it starts with the
 * first loop thread, and ends once every loop is idle (loop threads end then too), so an
 * idle implementation has no thread at all.
 */
final class BlockedLoopWatchdog implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(BlockedLoopWatchdog.class);

	private static final int STACK_FRAMES_IN_EVENT = 20;

	private final String name;

	private final EventLoop[] loops;

	private final long thresholdNanos;

	private final long periodMillis;

	private final Watch[] watches;

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean closed;

	private volatile @Nullable Thread thread;

	BlockedLoopWatchdog(String name, EventLoop[] loops, Duration threshold) {
		this.name = name;
		this.loops = loops;
		this.thresholdNanos = threshold.toNanos();
		this.periodMillis = Math.max(5, Math.min(100, threshold.toMillis() / 5));
		this.watches = new Watch[loops.length];
		for (int i = 0; i < loops.length; i++) {
			this.watches[i] = new Watch();
		}
	}

	Duration threshold() {
		return Duration.ofNanos(this.thresholdNanos);
	}

	/** Starts watching unless it does; called when a loop starts a thread. Any thread. */
	void start() {
		if (!this.closed && this.started.compareAndSet(false, true)) {
			Thread watcher = new Thread(this, this.name + "-watchdog");
			watcher.setDaemon(true);
			this.thread = watcher;
			watcher.start();
		}
	}

	/**
	 * Waits until the watchdog's thread ended (every loop is idle), at least for a few
	 * polls whatever the deadline.
	 * @param deadlineNanos the {@link System#nanoTime()} to give up at
	 * @return whether it ended
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitStopped(long deadlineNanos) throws InterruptedException {
		long deadline = Math.max(deadlineNanos, System.nanoTime() + 4 * this.periodMillis * 1_000_000L);
		Thread watcher = this.thread;
		while (watcher != null && watcher.isAlive()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			watcher.join(Math.max(1, left / 1_000_000));
			watcher = this.thread;
		}
		return true;
	}

	void close() {
		this.closed = true;
		Thread watcher = this.thread;
		if (watcher != null) {
			watcher.interrupt();
			try {
				watcher.join(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void run() {
		while (!this.closed) {
			try {
				Thread.sleep(this.periodMillis);
			}
			catch (InterruptedException ex) {
				return;
			}
			long now = System.nanoTime();
			for (int i = 0; i < this.loops.length; i++) {
				try {
					check(this.loops[i], this.watches[i], now);
				}
				catch (RuntimeException ex) {
					logger.error("blocked-loop check of {} failed", this.loops[i].name(), ex);
				}
			}
			if (!anyLoopRunning()) {
				// Idle: end, unless a loop started again meanwhile (its start() found
				// this thread still running and left the watching to it).
				this.started.set(false);
				if (!anyLoopRunning() || !this.started.compareAndSet(false, true)) {
					return;
				}
			}
		}
	}

	private boolean anyLoopRunning() {
		for (EventLoop loop : this.loops) {
			if (loop.isRunning()) {
				return true;
			}
		}
		return false;
	}

	private void check(EventLoop loop, Watch watch, long now) {
		LoopMonitor monitor = loop.monitor;
		Object current = monitor.current();
		long sequence = monitor.sequence();
		if (current == null || sequence != watch.sequence) {
			if (watch.reported) {
				ended(loop, watch, now);
			}
			watch.sequence = sequence;
			watch.since = (current != null) ? now : 0;
			watch.reported = false;
			return;
		}
		if (!watch.reported && now - watch.since >= this.thresholdNanos) {
			blocked(loop, watch, current, now);
		}
	}

	private void blocked(EventLoop loop, Watch watch, Object current, long now) {
		watch.reported = true;
		watch.what = describe(current);
		Thread loopThread = loop.runningThread();
		StackTraceElement[] stack = (loopThread != null) ? loopThread.getStackTrace() : new StackTraceElement[0];
		watch.stack = Arrays.stream(stack)
			.limit(STACK_FRAMES_IN_EVENT)
			.map(StackTraceElement::toString)
			.collect(Collectors.joining("\n"));
		LoopMonitor monitor = loop.monitor;
		monitor.blockedSinceNanos = watch.since;
		monitor.blockedWhat = watch.what;
		monitor.blockedEpisodes = monitor.blockedEpisodes + 1;
		BlockedLoopException trace = new BlockedLoopException(
				"stack of " + ((loopThread != null) ? loopThread.getName() : loop.name()) + " while blocked");
		trace.setStackTrace(stack);
		logger.warn(
				"loop {} blocked for {} ms so far (threshold {} ms) by {}; every other connection of the loop waits. "
						+ "Move slow work off the loop (an imperative handler, an executor)",
				loop.name(), (now - watch.since) / 1_000_000, this.thresholdNanos / 1_000_000, watch.what, trace);
	}

	private void ended(EventLoop loop, Watch watch, long now) {
		long total = now - watch.since;
		LoopMonitor monitor = loop.monitor;
		monitor.blockedTotalNanos = monitor.blockedTotalNanos + total;
		monitor.blockedSinceNanos = 0;
		monitor.blockedWhat = null;
		logger.info("loop {} unblocked after {} ms (blocked by {})", loop.name(), total / 1_000_000, watch.what);
		LoopBlockedEvent event = new LoopBlockedEvent();
		if (event.shouldCommit()) {
			event.loop = loop.name();
			event.blockedBy = watch.what;
			event.blockedFor = total;
			event.loopStack = watch.stack;
			event.commit();
		}
		watch.what = null;
		watch.stack = null;
	}

	static String describe(Object unit) {
		if (unit instanceof NioConnection connection) {
			return connection + " (handler " + connection.handlerName() + ")";
		}
		if (unit instanceof Selectable) {
			return unit.toString();
		}
		if (unit instanceof LoopTask task) {
			return "task " + task;
		}
		return "task " + unit.getClass().getName();
	}

	/** The watchdog's view of one loop; watchdog thread only. */
	private static final class Watch {

		long sequence = -1;

		long since;

		boolean reported;

		@Nullable String what;

		@Nullable String stack;

	}

	/** Carries a blocked loop thread's stack into the log. */
	static final class BlockedLoopException extends RuntimeException {

		BlockedLoopException(String message) {
			super(message, null, false, true);
		}

	}

}
