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
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Delivers network events to handlers: the NIO implementation over real sockets, or the
 * testing implementation in memory. All methods are thread-safe.
 * <p>
 * Application code depends only on this interface, so the same handlers run on either.
 */
public interface Implementation {

	/**
	 * Starts connecting to {@code address} with the {@linkplain ConnectOptions#defaults()
	 * default options} (a 30-second connect timeout); the outcome is delivered to
	 * {@code handler} later (NIO) or inside this call (testing). Failures are delivered
	 * to {@link ClientConnectHandler#failedConnect}, never thrown.
	 * @param address where to connect
	 * @param handler receives the connection or the failure
	 */
	default void connect(SocketAddress address, ClientConnectHandler handler) {
		connect(address, handler, ConnectOptions.defaults());
	}

	/**
	 * Starts connecting to {@code address}; the outcome is delivered to {@code handler}
	 * later (NIO) or inside this call (testing). Failures are delivered to
	 * {@link ClientConnectHandler#failedConnect}, never thrown; a connect that does not
	 * complete within the options' timeout fails with {@link CloseReason.Kind#TIMEOUT}
	 * and leaves nothing open. Called on one of the implementation's loop threads (from a
	 * handler, say), the NIO implementation puts the new connection on that same loop, so
	 * its calls and the caller's are serialized with each other (a proxy's two
	 * connections need no lock). An unresolved address
	 * ({@link java.net.InetSocketAddress#createUnresolved},
	 * {@link Addresses#parseForConnect}) has its host name looked up in this connect
	 * (NIO: off the loop, within the timeout); a name that does not resolve is a failed
	 * connect, {@code "unknown host ..."}.
	 * @param address where to connect
	 * @param handler receives the connection or the failure
	 * @param options the connect timeout, idle timeout, half-close and output bounds
	 */
	void connect(SocketAddress address, ClientConnectHandler handler, ConnectOptions options);

	/**
	 * Listens for connections with the {@linkplain ListenOptions#defaults() default
	 * options}.
	 * @param address where to listen; {@code null} for an ephemeral loopback port
	 * @param server called for each accepted connection
	 * @return the listener
	 * @throws NgiException if the address cannot be bound, naming it
	 */
	default Listener listen(@Nullable SocketAddress address, Server server) {
		return listen(address, server, ListenOptions.defaults());
	}

	/**
	 * Listens for connections.
	 * @param address where to listen; {@code null} for an ephemeral loopback port
	 * @param server called for each accepted connection
	 * @param options backlog, connection limit and observer
	 * @return the listener
	 * @throws NgiException if the address cannot be bound, naming it
	 */
	Listener listen(@Nullable SocketAddress address, Server server, ListenOptions options);

	/**
	 * Sends one datagram, fire and forget. Failures are logged, not thrown.
	 * @param address where to send
	 * @param message the datagram
	 */
	void sendUdp(SocketAddress address, byte[] message);

	/**
	 * Listens for datagrams with the {@linkplain ListenOptions#defaults() default
	 * options}.
	 * @param address where to listen; {@code null} for an ephemeral loopback port
	 * @param handler called for each datagram
	 * @return the listener
	 * @throws NgiException if the address cannot be bound, naming it
	 */
	default UdpListener listenUdp(@Nullable SocketAddress address, UdpHandler handler) {
		return listenUdp(address, handler, ListenOptions.defaults());
	}

	/**
	 * Listens for datagrams.
	 * @param address where to listen; {@code null} for an ephemeral loopback port
	 * @param handler called for each datagram
	 * @param options buffer size and observer
	 * @return the listener
	 * @throws NgiException if the address cannot be bound, naming it
	 */
	UdpListener listenUdp(@Nullable SocketAddress address, UdpHandler handler, ListenOptions options);

	/**
	 * Runs {@code task} once, after {@code delay}, on the implementation's thread: a loop
	 * thread (NIO; the calling loop's own if called from one), or inside the
	 * {@code advance} of the testing implementation's virtual clock that reaches it.
	 * Never inside this call, even for a zero or negative delay (which means as soon as
	 * possible). A task's exception is logged (and, in testing, recorded for
	 * {@code rethrowHandlerErrors()}). For work that belongs to one connection use
	 * {@link Connection#schedule}, which is serialized with its handler calls.
	 * @param delay how long to wait; zero or negative for as soon as possible
	 * @param task what to run
	 * @return a handle to cancel the task
	 * @throws IllegalStateException if the implementation is closed
	 */
	Cancellable schedule(Duration delay, Runnable task);

	/**
	 * Returns the implementation's clock: the system's UTC clock (NIO), or the testing
	 * implementation's virtual clock, which moves only when a test advances it. Handlers
	 * that need the time read it here, so that their tests control it.
	 * @return the clock
	 */
	Clock clock();

}
