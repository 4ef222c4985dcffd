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

package io.ngi.blocking;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;

import io.ngi.ClientConnectHandler;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.ConnectionHandler;
import io.ngi.Implementation;
import io.ngi.NgiException;
import io.ngi.NgiTimeoutException;
import io.ngi.Server;
import org.jspecify.annotations.Nullable;

/**
 * Blocking client helpers: connect, and wait for a conversation to finish or for a
 * connection to be made. For scripts, tests and threads that may wait; never call them
 * from a handler (a handler must not block).
 * <p>
 * Both helpers work with any {@link Implementation}: with the NIO implementation the
 * events arrive on its loop thread while the caller waits; with the testing
 * implementation everything happens inside {@code connect}, so the outcome is there
 * before the wait starts. All methods are thread-safe.
 * <p>
 * Timeouts: a timeout must not be negative; zero means "do not wait". When it passes,
 * {@link NgiTimeoutException} is thrown and the connection, if one was made or is made
 * later, is closed.
 *
 * {@snippet :
 * String reason = Blocking.request(implementation, address, (Server) connection -> {
 * 	connection.write("Q\n");
 * 	connection.setHandler((c, data) -> System.out.print(new String(data, StandardCharsets.UTF_8)));
 * }, Duration.ofSeconds(5)); // returns when the server closes: "end of input" with NIO
 * }
 */
public final class Blocking {

	private Blocking() {
	}

	/**
	 * Connects, lets {@code handler} hold a conversation, and waits until the connection
	 * closes. The handler gets a connection that stands in for the real one: calling its
	 * {@code close()} finishes the request.
	 * <p>
	 * The outcome, checked in this order:
	 * <ol>
	 * <li>If the handler threw, from {@code connected}, {@code handleInput},
	 * {@code handleClose} or {@code handleException} (the last one is how a failing
	 * {@code writeLines} iterator reaches it), the first exception is thrown: an
	 * unchecked exception or error as it is (the same object), a checked one wrapped in
	 * an {@link NgiException} whose cause it is.</li>
	 * <li>If the connection closed, the close reason is returned: the peer's reason (for
	 * example {@code "end of input"} with NIO, {@code "closed"} with the testing
	 * implementation), or {@code null} if the handler closed it.</li>
	 * <li>Otherwise {@link NgiTimeoutException}, whose message says whether the
	 * connection was never made or the conversation did not finish.</li>
	 * </ol>
	 * The handler's {@link ClientConnectHandler#failedConnect failedConnect} is not
	 * called: a failed connect throws {@link ConnectionFailedException} with the reason.
	 * <p>
	 * A handler type that is also a {@link Server} or a {@link ConnectionHandler} makes
	 * the call ambiguous; cast it to the role wanted.
	 * @param implementation the implementation to connect with
	 * @param address where to connect
	 * @param handler the client; its {@code connected} is called with the connection
	 * @param timeout how long the whole request may take
	 * @return the peer's close reason, or {@code null} if the handler closed the
	 * connection
	 * @throws ConnectionFailedException if the connection could not be made
	 * @throws NgiTimeoutException if the request did not finish in time
	 */
	public static @Nullable String request(Implementation implementation, SocketAddress address,
			ClientConnectHandler handler, Duration timeout) {
		Objects.requireNonNull(handler, "handler");
		return run(implementation, address, handler::connected, timeout);
	}

	/**
	 * Connects, calls {@code server} with the connection, as a listener would, and waits
	 * until the connection closes. Otherwise as
	 * {@link #request(Implementation, SocketAddress, ClientConnectHandler, Duration)}.
	 * @param implementation the implementation to connect with
	 * @param address where to connect
	 * @param server called with the connection; normally sets a handler
	 * @param timeout how long the whole request may take
	 * @return the peer's close reason, or {@code null} if the handler closed the
	 * connection
	 * @throws ConnectionFailedException if the connection could not be made
	 * @throws NgiTimeoutException if the request did not finish in time
	 */
	public static @Nullable String request(Implementation implementation, SocketAddress address, Server server,
			Duration timeout) {
		Objects.requireNonNull(server, "server");
		return run(implementation, address, server, timeout);
	}

	/**
	 * Connects, sets {@code handler} as the connection's handler, and waits until the
	 * connection closes. Otherwise as
	 * {@link #request(Implementation, SocketAddress, ClientConnectHandler, Duration)}.
	 * @param implementation the implementation to connect with
	 * @param address where to connect
	 * @param handler the connection's handler
	 * @param timeout how long the whole request may take
	 * @return the peer's close reason, or {@code null} if the handler closed the
	 * connection
	 * @throws ConnectionFailedException if the connection could not be made
	 * @throws NgiTimeoutException if the request did not finish in time
	 */
	public static @Nullable String request(Implementation implementation, SocketAddress address,
			ConnectionHandler handler, Duration timeout) {
		Objects.requireNonNull(handler, "handler");
		return run(implementation, address, (connection) -> connection.setHandler(handler), timeout);
	}

	/**
	 * Connects and returns the connection as a pair of blocking streams. {@code timeout}
	 * bounds the connect and is the connection's initial
	 * {@linkplain BlockingConnection#readTimeout() read timeout}.
	 * @param implementation the implementation to connect with
	 * @param address where to connect
	 * @param timeout how long the connect, and then each read, may wait
	 * @return the open connection; the caller closes it
	 * @throws ConnectionFailedException if the connection could not be made
	 * @throws NgiTimeoutException if the connection was not made in time (one made later
	 * is closed at once)
	 */
	public static BlockingConnection open(Implementation implementation, SocketAddress address, Duration timeout) {
		return open(implementation, address, ConnectOptions.defaults(), timeout);
	}

	/**
	 * Connects with options (TLS, say) and returns the connection as a pair of blocking
	 * streams. Otherwise as {@link #open(Implementation, SocketAddress, Duration)}; a
	 * non-zero {@code timeout} replaces the options' connect timeout.
	 *
	 * {@snippet :
	 * ConnectOptions tls = ConnectOptions.builder().tls(TlsOptions.builder(sslContext).build()).build();
	 * try (BlockingConnection connection = Blocking.open(implementation, address, tls, Duration.ofSeconds(5))) {
	 * 	connection.outputStream().write(request);
	 * 	...
	 * }
	 * }
	 * @param implementation the implementation to connect with
	 * @param address where to connect
	 * @param options the connect options
	 * @param timeout how long the connect (with a TLS handshake), and then each read, may
	 * wait
	 * @return the open connection; the caller closes it
	 * @throws ConnectionFailedException if the connection could not be made (with TLS,
	 * also when the handshake failed)
	 * @throws NgiTimeoutException if the connection was not made in time
	 */
	public static BlockingConnection open(Implementation implementation, SocketAddress address, ConnectOptions options,
			Duration timeout) {
		Objects.requireNonNull(implementation, "implementation");
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(options, "options");
		Deadline deadline = Deadline.after(timeout);
		OpenConnector connector = new OpenConnector(address, timeout);
		try {
			implementation.connect(address, connector, connectOptions(options, timeout));
		}
		catch (RuntimeException | Error ex) {
			connector.abandon();
			throw ex;
		}
		return connector.await(deadline);
	}

	/**
	 * Connects with options (TLS, say), calls {@code server} with the connection, and
	 * waits until the connection closes. Otherwise as
	 * {@link #request(Implementation, SocketAddress, Server, Duration)}; a non-zero
	 * {@code timeout} replaces the options' connect timeout.
	 * @param implementation the implementation to connect with
	 * @param address where to connect
	 * @param options the connect options
	 * @param server called with the connection; normally sets a handler
	 * @param timeout how long the whole request may take
	 * @return the peer's close reason, or {@code null} if the handler closed the
	 * connection
	 * @throws ConnectionFailedException if the connection could not be made (with TLS,
	 * also when the handshake failed)
	 * @throws NgiTimeoutException if the request did not finish in time
	 */
	public static @Nullable String request(Implementation implementation, SocketAddress address, ConnectOptions options,
			Server server, Duration timeout) {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(options, "options");
		return run(implementation, address, options, server, timeout);
	}

	private static @Nullable String run(Implementation implementation, SocketAddress address, Server connectStep,
			Duration timeout) {
		return run(implementation, address, ConnectOptions.defaults(), connectStep, timeout);
	}

	private static @Nullable String run(Implementation implementation, SocketAddress address, ConnectOptions options,
			Server connectStep, Duration timeout) {
		Objects.requireNonNull(implementation, "implementation");
		Objects.requireNonNull(address, "address");
		Deadline deadline = Deadline.after(timeout);
		RequestConnector connector = new RequestConnector(address, connectStep);
		try {
			implementation.connect(address, connector, connectOptions(options, timeout));
		}
		catch (RuntimeException | Error ex) {
			// The testing implementation lets a failing connected() escape from connect;
			// the failure recorded is the handler's own exception.
			if (connector.failure() == null) {
				connector.abandon();
				throw ex;
			}
		}
		connector.await(deadline);
		return connector.outcome(deadline);
	}

	/**
	 * The connect is bounded by the caller's timeout, so a connect that cannot complete
	 * is closed by the implementation rather than left behind.
	 */
	private static ConnectOptions connectOptions(ConnectOptions options, Duration timeout) {
		return timeout.isZero() ? options : options.toBuilder().timeout(timeout).build();
	}

	/**
	 * Returns a handler's failure in the form the helpers throw it: unchecked ones as
	 * they are, checked ones wrapped.
	 * @param failure the failure
	 * @return the exception to throw (an {@link Error} is thrown here)
	 */
	static RuntimeException rethrow(Throwable failure) {
		if (failure instanceof RuntimeException unchecked) {
			return unchecked;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new NgiException("The request handler failed: " + failure, failure);
	}

}
