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

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run an implementation's blocking work, so that it does not hold up the
 * other connections of a loop: the TLS handshakes' delegated tasks (key exchange,
 * certificate checks) and the resolution of a connect's host name. As many threads as
 * processors, started on first use, gone after 30 idle seconds and when the
 * implementation closes.
 */
final class BlockingTasks {

	private final ThreadPoolExecutor executor;

	/** {@link Stoppable} tasks queued or running: connects waiting for their lookup. */
	private final AtomicInteger stoppables = new AtomicInteger();

	BlockingTasks(String name, boolean daemon) {
		AtomicInteger threads = new AtomicInteger();
		int size = Math.max(2, Runtime.getRuntime().availableProcessors());
		this.executor = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, name + "-blocking-" + threads.incrementAndGet());
					thread.setDaemon(daemon);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Runs a task on one of these threads. If the implementation is closing, a
	 * {@link Stoppable} task is told it will not run; any other runs here (it only ends a
	 * handshake that will not be used).
	 * @param task the task
	 */
	void execute(Runnable task) {
		Runnable queued = (task instanceof Stoppable stoppable) ? counted(stoppable) : task;
		try {
			this.executor.execute(queued);
		}
		catch (RejectedExecutionException ex) {
			if (queued instanceof Stoppable stoppable) {
				stoppable.stopped();
			}
			else {
				task.run();
			}
		}
	}

	/**
	 * Returns the number of {@link Stoppable} tasks queued or running. Once it is 0, what
	 * they handed back to a loop is in that loop's queue.
	 * @return the number
	 */
	int stoppables() {
		return this.stoppables.get();
	}

	private Stoppable counted(Stoppable task) {
		this.stoppables.incrementAndGet();
		return new Stoppable() {

			@Override
			public void run() {
				try {
					task.run();
				}
				finally {
					BlockingTasks.this.stoppables.decrementAndGet();
				}
			}

			@Override
			public void stopped() {
				try {
					task.stopped();
				}
				finally {
					BlockingTasks.this.stoppables.decrementAndGet();
				}
			}

		};
	}

	/**
	 * Stops the threads; each {@link Stoppable} task still queued is told it will not
	 * run.
	 */
	void close() {
		for (Runnable dropped : this.executor.shutdownNow()) {
			if (dropped instanceof Stoppable stoppable) {
				stoppable.stopped();
			}
		}
	}

	/**
	 * A task whose submitter must hear that it will not run (a connect waiting for its
	 * host-name lookup is failed with {@code STOPPED}, not left without an answer).
	 */
	interface Stoppable extends Runnable {

		/** The implementation closed before the task ran; on the closing thread. */
		void stopped();

	}

}
