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

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The process-wide timer that ends the accept pauses of {@link NioListener}: one daemon
 * thread, created on first use, that only hands tasks back to event loops.
 */
final class AcceptResumer {

	private AcceptResumer() {
	}

	/**
	 * Loads the timer's classes (but starts no thread), so that a pause needs no class
	 * loading, which itself needs descriptors, when descriptors have run out. Any thread.
	 */
	static void load() {
		Objects.requireNonNull(Holder.TIMER, "timer");
	}

	/**
	 * Runs {@code task} on the timer thread after {@code delayMillis}. Any thread.
	 * @param delayMillis the delay
	 * @param task the task, which must be quick
	 */
	static void schedule(long delayMillis, Runnable task) {
		Holder.TIMER.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
	}

	private static final class Holder {

		static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "ngi-accept-resumer");
			thread.setDaemon(true);
			return thread;
		});

	}

}
