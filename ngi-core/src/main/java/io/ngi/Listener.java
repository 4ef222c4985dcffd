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

package io.ngi;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * A TCP (or Unix domain socket) listener, returned by {@link Implementation#listen}. All
 * methods are thread-safe.
 */
public interface Listener extends AutoCloseable {

	/**
	 * Returns the address actually listened on, with port 0 resolved to the bound port.
	 * @return the bound address
	 */
	SocketAddress address();

	/**
	 * Returns the connections this listener accepted that are still open.
	 * @return a snapshot of the open connections
	 */
	Collection<Connection> connections();

	/**
	 * Returns whether the listener still accepts connections.
	 * @return {@code false} once {@link #close}, {@link #stop} or {@link #closeWait} was
	 * called
	 */
	boolean isOpen();

	/**
	 * Stops accepting and closes every connection now, without waiting for pending input
	 * or output. Server handlers get {@code handleClose(connection, "stopped")}.
	 * Idempotent.
	 */
	@Override
	void close();

	/**
	 * Stops accepting and leaves existing connections open; each connection's handler is
	 * told once, through {@link ConnectionHandler#handleDraining}. Idempotent.
	 * @return a future completed when the last connection has closed (at once if there
	 * are none)
	 */
	CompletableFuture<Void> stop();

	/**
	 * Stops accepting, waits up to {@code timeout} for the connections to close by
	 * themselves, then {@linkplain #close() closes} what remains.
	 * @param timeout how long to wait
	 * @return {@code true} if every connection closed by itself in time
	 */
	boolean closeWait(Duration timeout);

}
