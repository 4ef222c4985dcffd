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

package io.ngi.sample.kv;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.ngi.Cancellable;
import io.ngi.Implementation;

/**
 * Removes expired keys nobody reads: every {@code interval}, a timer of the
 * implementation (so virtual time drives it in tests) removes the keys whose expiry
 * passed, at most {@value #BATCH} per run under the store's lock, and runs again at once
 * while more are due. Started and stopped with the application context.
 */
final class ExpirySweeper implements SmartLifecycle {

	/** The most keys removed under one hold of the store's lock. */
	static final int BATCH = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(ExpirySweeper.class);

	private final KvStore store;

	private final Implementation implementation;

	private final Duration interval;

	private @Nullable Cancellable next;

	private boolean running;

	ExpirySweeper(KvStore store, Implementation implementation, Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("expirySweepInterval must be > 0: " + interval);
		}
		this.store = store;
		this.implementation = implementation;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		schedule(this.interval);
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.next != null) {
			this.next.cancel();
			this.next = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	/** Runs one sweep, then schedules the next while running. */
	void sweep() {
		int removed;
		synchronized (this.store) {
			removed = this.store.sweep(this.store.now(), BATCH);
		}
		if (removed > 0) {
			logger.debug("kv: removed {} expired keys", removed);
		}
		synchronized (this) {
			if (this.running) {
				schedule((removed == BATCH) ? Duration.ZERO : this.interval);
			}
		}
	}

	private void schedule(Duration delay) {
		try {
			this.next = this.implementation.schedule(delay, this::sweep);
		}
		catch (IllegalStateException ex) {
			// The implementation closed first (shutdown): nothing left to sweep for.
			this.running = false;
		}
	}

}
