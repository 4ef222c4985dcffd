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

import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.ngi.ClientConnectHandler;
import io.ngi.ConnectOptions;
import io.ngi.Cancellable;
import io.ngi.Implementation;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.NgiException;
import io.ngi.NgiTimeoutException;
import io.ngi.OutputBounds;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.UdpListener;
import org.jspecify.annotations.Nullable;

/**
 * A socket implementation with no thread of its own (zc.ngi's {@code Inline}): nothing
 * happens until the application calls {@link #loop()}, which serves every registered
 * channel in the caller's thread until none remains.
 * <p>
 * A handler exception is handled as usual (logged, the connection closed, its handler
 * told) and then rethrown from {@code loop()}; the remaining channels stay registered and
 * {@code loop()} may be called again. {@code connect}, {@code listen} and the others may
 * be called from any thread; output bounds are those of {@link NioImplementation}'s
 * defaults. A listener closed from a handler (inside {@code loop()}) releases its port
 * before {@code close()} returns; one closed while {@code loop()} does not run is closed
 * when {@code loop()} next runs.
 * {@snippet :
 * InlineImplementation inline = new InlineImplementation();
 * inline.connect(address, handler);
 * inline.loop(Duration.ofSeconds(10)); // returns when the connection is done
 * }
 */
public final class InlineImplementation implements Implementation, AutoCloseable {

	private final NioCore core;

	/**
	 * Creates an implementation with no registered channel.
	 */
	public InlineImplementation() {
		this.core = new NioCore("ngi-inline", 1, true, false,
				new OutputBounds(NioImplementation.DEFAULT_OUTPUT_HIGH_WATER_MARK,
						NioImplementation.DEFAULT_OUTPUT_LOW_WATER_MARK, NioImplementation.DEFAULT_OUTPUT_LIMIT),
				// The loop runs in the caller's thread, inside the caller's own
				// deadline: no watchdog.
				Duration.ZERO);
	}

	/**
	 * Runs the loop in the caller's thread until nothing is registered.
	 * @throws RuntimeException a handler's unchecked exception, as thrown
	 * @throws NgiException wrapping a handler's checked exception
	 * @throws IllegalStateException if the loop already runs in another thread, or this
	 * implementation is closed
	 */
	public void loop() {
		this.core.loops()[0].runInline(null);
	}

	/**
	 * Runs the loop in the caller's thread until nothing is registered or the timeout
	 * passes.
	 * @param timeout the longest time to run
	 * @throws NgiTimeoutException if work remains after {@code timeout}
	 * @throws RuntimeException a handler's unchecked exception, as thrown
	 * @throws NgiException wrapping a handler's checked exception
	 */
	public void loop(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		this.core.loops()[0].runInline(timeout);
	}

	/**
	 * Runs the loop until nothing is registered (zc.ngi's {@code wait}); the same as
	 * {@link #loop(Duration)}.
	 * @param timeout the longest time to run
	 * @throws NgiTimeoutException if work remains after {@code timeout}
	 */
	public void awaitIdle(Duration timeout) {
		loop(timeout);
	}

	/**
	 * Queues a connect; it starts when {@link #loop()} runs.
	 */
	@Override
	public void connect(SocketAddress address, ClientConnectHandler handler, ConnectOptions options) {
		this.core.connect(address, handler, options);
	}

	/**
	 * Binds in the caller's thread; accepting starts when {@link #loop()} runs.
	 * @throws NgiException if the address cannot be bound; nothing stays open
	 */
	@Override
	public Listener listen(@Nullable SocketAddress address, Server server, ListenOptions options) {
		return this.core.listen(address, server, options);
	}

	/**
	 * Runs {@code task} once after {@code delay}, inside {@link #loop()}: a pending task
	 * counts as work, so {@code loop()} does not return while one waits (unless
	 * {@code loop(Duration)} runs out first). A failing task is rethrown by {@code loop}.
	 * @throws IllegalStateException if this implementation is closed
	 */
	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		return this.core.schedule(delay, task);
	}

	/**
	 * Returns the system clock, in UTC.
	 * @return {@link Clock#systemUTC()}
	 */
	@Override
	public Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Sends one datagram in the caller's thread; failures are logged, not thrown.
	 */
	@Override
	public void sendUdp(SocketAddress address, byte[] message) {
		this.core.sendUdp(address, message);
	}

	/**
	 * Binds in the caller's thread; datagrams are delivered while {@link #loop()} runs.
	 * @throws NgiException if the address cannot be bound; nothing stays open
	 */
	@Override
	public UdpListener listenUdp(@Nullable SocketAddress address, UdpHandler handler, ListenOptions options) {
		return this.core.listenUdp(address, handler, options);
	}

	/**
	 * Closes every registered channel and the selector. Idempotent; not to be called
	 * while {@link #loop()} runs in another thread.
	 */
	@Override
	public void close() {
		this.core.close(Duration.ZERO);
	}

}
