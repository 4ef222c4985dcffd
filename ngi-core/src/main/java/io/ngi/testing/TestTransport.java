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

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.CloseReason;
import io.ngi.internal.Transport;

/**
 * The dispatcher's view of one {@link TestConnection} end; called with the
 * implementation's lock held, except {@link #resume}.
 * <p>
 * A suspended handler call (an imperative body) ends on the body's thread; the end is
 * handed to the thread that caused the event, which waits for it in
 * {@link #awaitResumption()} with the lock released: a strict hand-off, so transcripts
 * stay deterministic.
 */
final class TestTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(TestConnection.class);

	/** How long a caller waits for an imperative body to wait again before failing. */
	private static final long RESUME_TIMEOUT_SECONDS = 60;

	private final TestConnection connection;

	/** Ends of suspended calls, for the thread waiting in awaitResumption. */
	private final ArrayDeque<Runnable> resumptions = new ArrayDeque<>();

	TestTransport(TestConnection connection) {
		this.connection = connection;
	}

	@Override
	public Logger logger() {
		return logger;
	}

	@Override
	public void resume(Runnable task) {
		this.connection.lock();
		try {
			this.resumptions.add(task);
			this.connection.implementation().resumed().signalAll();
		}
		finally {
			this.connection.unlock();
		}
	}

	@Override
	public void awaitResumption() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESUME_TIMEOUT_SECONDS);
		while (this.connection.dispatcher().isSuspended()) {
			Runnable task = this.resumptions.poll();
			if (task != null) {
				task.run();
				continue;
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new IllegalStateException("a suspended handler call of " + this.connection
						+ " (an imperative body) did not end within " + RESUME_TIMEOUT_SECONDS + " s");
			}
			try {
				this.connection.implementation().resumed().awaitNanos(remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(
						"interrupted while waiting for a suspended handler call of " + this.connection, ex);
			}
		}
	}

	@Override
	public void inputDemandChanged() {
		if (!this.connection.dispatcher().isPaused()) {
			this.connection.peer().pendingOutput().pump();
		}
	}

	@Override
	public void handlerFailed(Throwable failure) {
		if (!(failure instanceof Error)) {
			// An Error is rethrown to the caller instead (see propagatesErrors).
			this.connection.implementation().recordHandlerError(failure);
		}
		TestListener listener = this.connection.listener();
		if (listener != null) {
			listener.options().observer().handlerFailed(failure);
		}
	}

	@Override
	public void closeAfterFailure(CloseReason reason) {
		this.connection.closeAfterFailure();
	}

	@Override
	public boolean propagatesErrors() {
		return true;
	}

}
