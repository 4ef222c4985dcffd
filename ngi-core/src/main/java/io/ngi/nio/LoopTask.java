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

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.ngi.Cancellable;

/**
 * A task scheduled on an {@link EventLoop}'s timers, cancellable from any thread. It is
 * armed on the loop thread (at once when scheduled there, otherwise by a loop task); its
 * deadline is fixed when it is scheduled. Cancelling it from another thread marks it at
 * once and removes its timer on the loop.
 */
class LoopTask implements Cancellable {

	private static final int WAITING = 0;

	private static final int RAN = 1;

	private static final int CANCELLED = 2;

	/** A handle whose task never runs: what scheduling on a closed connection returns. */
	static final Cancellable NEVER = () -> false;

	private final EventLoop loop;

	private final Runnable body;

	private final AtomicInteger state = new AtomicInteger();

	/** Loop thread only. */
	private TimerQueue.@Nullable Timer timer;

	LoopTask(EventLoop loop, Runnable body) {
		this.loop = loop;
		this.body = body;
	}

	/**
	 * Arms the task to run at {@code deadlineNanos}; any thread.
	 * @param deadlineNanos the {@link System#nanoTime()} at which it is due
	 */
	void start(long deadlineNanos) {
		this.loop.runInLoop(() -> {
			if (this.state.get() == WAITING) {
				this.timer = this.loop.scheduleAt(deadlineNanos, this::fire);
				armed();
			}
		});
	}

	private void fire() {
		this.timer = null;
		if (this.state.compareAndSet(WAITING, RAN)) {
			done();
			this.body.run();
		}
	}

	@Override
	public boolean cancel() {
		if (!this.state.compareAndSet(WAITING, CANCELLED)) {
			return false;
		}
		this.loop.runInLoop(this::disarm);
		return true;
	}

	private void disarm() {
		TimerQueue.Timer armed = this.timer;
		this.timer = null;
		if (armed != null) {
			armed.cancel();
		}
		done();
	}

	/** The task's timer is set; loop thread. */
	void armed() {
	}

	/** The task ran or was cancelled; loop thread. */
	void done() {
	}

}
