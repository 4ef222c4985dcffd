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

package io.ngi.imperative;

import java.util.Objects;
import java.util.function.Function;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.Server;

/**
 * An imperative handler: a connection handler written as straight-line code that reads
 * its input as it needs it, the port of zc.ngi's generator handlers.
 *
 * {@snippet :
 * Server wc = Imperative.handler((connection, input) -> {
 * 	while (true) {
 * 		byte[] data = input.next(); // waits for the next input event
 * 		connection.write(data.length + "\n");
 * 	}
 * });
 * }
 * <p>
 * For each connection, the {@linkplain Body body} runs on a thread of its own (a virtual
 * thread on JDK 21 and later, a daemon platform thread on 17) in strict hand-off with the
 * implementation: every event is handed to the body and the handler call ends only when
 * the body waits again in {@link Input#next()} or ends. So the body's code is never run
 * concurrently with the connection's other handler calls (contract rule 1 holds). The
 * handler call is suspended while the body works, whatever wraps the connection; how the
 * implementation waits for it differs:
 * <ul>
 * <li>Under the NIO implementation the loop thread does not wait: it serves other
 * connections while the body works, and does not read this connection's input until the
 * body waits again. A body may therefore block (a database call, a sleep) and hold up
 * only its own connection.</li>
 * <li>Under the testing implementation the calling thread waits until the body waits
 * again: exactly one of the two threads runs at a time, and behaviour is deterministic. A
 * body started outside any handler call (a test calling {@code connected} itself) is
 * handed its events the same strict way.</li>
 * </ul>
 * <ul>
 * <li>{@link #connected} runs the body up to its first {@code next()} (writes it makes
 * there go out before the handler is installed), then installs the handler. A body that
 * returns before its first {@code next()} closes the connection and never gets a handler
 * installed. An exception thrown there propagates to the caller, which closes the
 * connection. (With a suspended call the handler is installed at once, its events wait
 * until the body first waits, and an exception fails the suspended call, with the same
 * result.)</li>
 * <li>Input: {@code next()} returns the bytes.</li>
 * <li>A close (peer, network, listener stop, framing adapter): {@code next()} throws
 * {@link ConnectionClosedException} with the reason, on that and every later call; the
 * body then ends.</li>
 * <li>A {@code writeLines} failure: {@code next()} throws it; the body may catch it and
 * go on. If it does not, the handler rethrows it and the implementation closes the
 * connection.</li>
 * <li>The body returning closes the connection; the body throwing makes the handler call
 * throw the same exception, which the implementation treats as a handler error.</li>
 * </ul>
 * The body thread ends when the body ends, which it does after a close is delivered. A
 * body still waiting when its connection is closed by this side, from outside the body,
 * is not told (this side's handler never is, see {@link Connection#close()}), so a body
 * that closes its connection should return rather than call {@code next()} again.
 * <p>
 * A strict hand-off parks the waiting thread ({@code LockSupport}), after an optional
 * spin tuned by the system properties {@code ngi.imperative.spins} (caller side, 0 by
 * default) and {@code ngi.imperative.body-spins} (body side, 0); the system property
 * {@code ngi.imperative.platform-threads=true} forces platform threads on JDK 21 and
 * later.
 * <p>
 * Instances are immutable and thread-safe; one serves any number of connections.
 */
public final class Imperative implements Server, ClientConnectHandler {

	private final Function<Connection, ? extends Connection> adapter;

	private final Body body;

	private Imperative(Function<Connection, ? extends Connection> adapter, Body body) {
		this.adapter = adapter;
		this.body = body;
	}

	/**
	 * Returns an imperative handler that runs {@code body} for each connection.
	 * @param body the body
	 * @return a server and client connect handler
	 */
	public static Imperative handler(Body body) {
		return new Imperative(Function.identity(), Objects.requireNonNull(body, "body"));
	}

	/**
	 * Returns an imperative handler whose body works on an adapted connection: for each
	 * connection, {@code adapter} wraps it (for example {@code Sized::new}) and the body
	 * gets the adapter, whose records {@code next()} returns.
	 * @param adapter makes the connection the body sees from the real one; the result
	 * must forward events to the handler given to its {@code setHandler}
	 * @param body the body
	 * @return a server and client connect handler
	 */
	public static Imperative handler(Function<Connection, ? extends Connection> adapter, Body body) {
		return new Imperative(Objects.requireNonNull(adapter, "adapter"), Objects.requireNonNull(body, "body"));
	}

	/**
	 * Starts the body for a new connection: runs it up to its first {@code next()}, then
	 * sets the handler. Called by the implementation (or a client's own
	 * {@code connected}).
	 * @param connection the new connection
	 * @throws Exception what the body threw before its first {@code next()}
	 */
	@Override
	public void connected(Connection connection) throws Exception {
		Objects.requireNonNull(connection, "connection");
		new ImperativeHandler(this.body, connection, this.adapter).start();
	}

	/**
	 * Throws: an imperative client has no other way to report a failed connect. With the
	 * testing implementation or a blocking helper, the exception reaches the caller.
	 * @param reason why the connection could not be made
	 * @throws ConnectionFailedException always, carrying {@code reason}
	 */
	@Override
	public void failedConnect(String reason) {
		throw new ConnectionFailedException(reason);
	}

	/**
	 * The straight-line code of an imperative handler, run once per connection on a
	 * thread of its own.
	 */
	@FunctionalInterface
	public interface Body {

		/**
		 * Runs the conversation on one connection. Returning closes the connection;
		 * throwing closes it as a handler error.
		 * @param connection the connection (the adapter if the handler has one); its
		 * {@code write}, {@code writeLines} and {@code close} may be called freely, from
		 * any thread. {@code close()} ends the body: called by the body, its next
		 * {@code next()} throws {@link ConnectionClosedException} {@code "closed"};
		 * called from another thread while the body waits, that {@code next()} throws it
		 * at once
		 * @param input the connection's input; {@link Input#next()} waits for the next
		 * event
		 * @throws Exception to close the connection as a handler error
		 */
		void run(Connection connection, Input input) throws Exception;

	}

}
