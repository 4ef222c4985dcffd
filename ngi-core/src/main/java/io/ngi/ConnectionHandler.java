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

/**
 * Receives the events of one connection; implemented by applications.
 * <p>
 * An implementation never calls a handler of one connection concurrently or re-entrantly:
 * events that arrive while a handler method runs are queued and delivered after it
 * returns. So a handler that serves one connection needs no synchronization of its own. A
 * handler instance set on several connections is called for each of them, and connections
 * live on different loop threads: such a shared handler must be thread-safe (keep
 * per-connection state in a handler of its own per connection). Handler methods run on
 * the implementation's loop thread (NIO) or inside the call that caused the event
 * (testing), and must not block: while a handler runs, its loop serves nothing else.
 * <p>
 * An exception thrown from {@link #handleInput} or {@link #handleException} is logged,
 * the connection is closed, and the handler then gets {@link #handleClose} with the
 * reason.
 *
 * {@snippet :
 * class Echo implements ConnectionHandler {
 *
 * 	public void handleInput(Connection connection, byte[] data) {
 * 		connection.write(data);
 * 	}
 *
 * }
 * }
 */
public interface ConnectionHandler {

	/**
	 * Handles input. Data arrives in chunks of any size, with no record boundaries: a
	 * message may be split across calls and several messages may arrive in one. The array
	 * belongs to the handler; the implementation never reuses it.
	 * @param connection the connection the data arrived on
	 * @param data the bytes received, never empty
	 * @throws Exception to close the connection as a handler error
	 */
	void handleInput(Connection connection, byte[] data) throws Exception;

	/**
	 * Handles a close that this side did not ask for: the peer closed, the network
	 * failed, the listener was stopped or a handler failed. It is not called when this
	 * side calls {@link Connection#close()}. Exceptions thrown here are logged and
	 * swallowed.
	 * @param connection the connection that closed
	 * @param reason why it closed, for example {@code "end of input"} or
	 * {@code "stopped"}
	 */
	default void handleClose(Connection connection, String reason) {
	}

	/**
	 * Handles a close that this side did not ask for, with its typed reason. This is the
	 * method implementations call; the default calls
	 * {@link #handleClose(Connection, String)} with {@link CloseReason#text()}, so a
	 * handler overrides whichever it needs. Exceptions thrown here are logged and
	 * swallowed.
	 * @param connection the connection that closed
	 * @param reason why it closed
	 */
	default void handleClose(Connection connection, CloseReason reason) {
		handleClose(connection, reason.text());
	}

	/**
	 * Handles the peer's end of input on a connection that allows half-close (see
	 * {@code ListenOptions.Builder.allowHalfClose}): no more input will arrive, but the
	 * connection stays open for output until this side closes it. The default closes the
	 * connection (after the output already written is sent), as a connection that does
	 * not allow half-close does by itself.
	 * @param connection the connection whose input ended
	 * @throws Exception to close the connection as a handler error
	 */
	default void handleInputClosed(Connection connection) throws Exception {
		connection.close();
	}

	/**
	 * Called once when {@link Connection#isWritable()} turned {@code true} again: the
	 * queued output drained below the low-water mark. The default does nothing.
	 * @param connection the connection that takes output again
	 * @throws Exception to close the connection as a handler error
	 */
	default void handleWritable(Connection connection) throws Exception {
	}

	/**
	 * Called once, on a server connection, when its listener stopped accepting for a
	 * graceful shutdown ({@link Listener#stop()} or {@link Listener#closeWait}): the
	 * connection is still open and served, and the listener waits for it to close. A
	 * protocol that can tell its peer to go away does it here (an SMTP server's
	 * {@code 421}, a "reconnect elsewhere" message), and a handler that waits for its
	 * client's next request may close now. Called on the connection's loop like every
	 * handler call, never for a connection that has not got its handler yet or is already
	 * closing. The default does nothing.
	 * @param connection the connection whose listener is draining
	 * @throws Exception to close the connection as a handler error
	 */
	default void handleDraining(Connection connection) throws Exception {
	}

	/**
	 * Handles a failure while consuming an {@link Iterable} given to
	 * {@link Connection#writeLines}: the iterator threw, or it yielded {@code null}. The
	 * default rethrows, which closes the connection as a handler error.
	 * @param connection the connection whose output failed
	 * @param exception the failure
	 * @throws Exception to close the connection as a handler error
	 */
	default void handleException(Connection connection, Exception exception) throws Exception {
		throw exception;
	}

}
