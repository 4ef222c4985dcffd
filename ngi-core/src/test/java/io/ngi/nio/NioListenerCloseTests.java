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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ngi.Listener;
import io.ngi.UdpListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a listener releases its port before {@code close()} returns: a TCP connect made
 * right after is refused, never accepted by the kernel and then reset, and a UDP port can
 * be bound again at once. Both from a test thread and from a handler on the loop thread.
 */
class NioListenerCloseTests {

	private static final int ITERATIONS = Integer.getInteger("ngi.test.closeIterations", 200);

	private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

	private final NioImplementation ngi = NioImplementation.builder().name("close-test").build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	/**
	 * Connects with a blocking socket and tells how it went.
	 * @return {@code "connected"}, or the errno name of the failure
	 */
	private static String connectOutcome(SocketAddress address) {
		try (SocketChannel channel = SocketChannel.open()) {
			channel.connect(address);
			return "connected";
		}
		catch (IOException ex) {
			return Errno.reason(ex);
		}
	}

	@Test
	void connectRightAfterCloseFromAnotherThreadIsRefusedEveryTime() {
		List<String> outcomes = new ArrayList<>();
		for (int i = 0; i < ITERATIONS; i++) {
			Listener listener = this.ngi.listen(ANY_LOOPBACK_PORT, (connection) -> connection.close());
			listener.close();
			outcomes.add(connectOutcome(listener.address()));
		}
		assertThat(outcomes).hasSize(ITERATIONS).containsOnly("ECONNREFUSED");
	}

	@Test
	void connectRightAfterCloseOfAListenerThatServedAConnectionIsRefused() throws Exception {
		for (int i = 0; i < 20; i++) {
			Listener listener = this.ngi.listen(ANY_LOOPBACK_PORT,
					(connection) -> connection.setHandler((c, data) -> c.write(data)));
			Recorder client = new Recorder("x".getBytes(StandardCharsets.UTF_8));
			this.ngi.connect(listener.address(), client);
			assertThat(client.firstInput.get(10, TimeUnit.SECONDS)).containsExactly('x');
			listener.close();
			assertThat(connectOutcome(listener.address())).as("iteration %d", i).isEqualTo("ECONNREFUSED");
			assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
		}
	}

	@Test
	void connectRightAfterCloseFromAHandlerOnTheLoopThreadIsRefused() throws Exception {
		for (int i = 0; i < 20; i++) {
			Listener closed = this.ngi.listen(ANY_LOOPBACK_PORT, (connection) -> connection.close());
			CompletableFuture<String> outcome = new CompletableFuture<>();
			Listener control = this.ngi.listen(ANY_LOOPBACK_PORT, (connection) -> connection.setHandler((c, data) -> {
				closed.close();
				outcome.complete(connectOutcome(closed.address()));
				c.close();
			}));
			Recorder client = new Recorder("close".getBytes(StandardCharsets.UTF_8));
			this.ngi.connect(control.address(), client);
			assertThat(outcome.get(10, TimeUnit.SECONDS)).as("iteration %d", i).isEqualTo("ECONNREFUSED");
			control.close();
		}
	}

	@Test
	void contractConnectRightAfterCloseFailsWithEconnrefusedEveryTime() throws Exception {
		for (int i = 0; i < 50; i++) {
			Listener listener = this.ngi.listen(ANY_LOOPBACK_PORT, (connection) -> connection.close());
			listener.close();
			Recorder client = new Recorder();
			this.ngi.connect(listener.address(), client);
			assertThat(client.failed.get(10, TimeUnit.SECONDS)).as("iteration %d", i).isEqualTo("ECONNREFUSED");
			assertThat(client.connection).isNotDone();
		}
	}

	@Test
	void udpPortCanBeBoundAgainRightAfterClose() throws Exception {
		for (int i = 0; i < 50; i++) {
			UdpListener listener = this.ngi.listenUdp(ANY_LOOPBACK_PORT, (source, message) -> {
			});
			listener.close();
			try (DatagramChannel again = DatagramChannel.open()) {
				assertThat(again.getOption(StandardSocketOptions.SO_REUSEADDR)).isFalse();
				again.bind(listener.address());
				assertThat(again.getLocalAddress()).isEqualTo(listener.address());
			}
		}
	}

	@Test
	void udpPortCanBeBoundAgainRightAfterCloseFromItsOwnHandler() throws Exception {
		CompletableFuture<SocketAddress> rebound = new CompletableFuture<>();
		UdpListener[] listener = new UdpListener[1];
		listener[0] = this.ngi.listenUdp(ANY_LOOPBACK_PORT, (source, message) -> {
			listener[0].close();
			try (DatagramChannel again = DatagramChannel.open()) {
				again.bind(listener[0].address());
				rebound.complete(again.getLocalAddress());
			}
			catch (IOException ex) {
				rebound.completeExceptionally(ex);
			}
		});
		try (DatagramChannel sender = DatagramChannel.open()) {
			sender.send(ByteBuffer.wrap(new byte[] { 1 }), listener[0].address());
		}
		assertThat(rebound.get(10, TimeUnit.SECONDS)).isEqualTo(listener[0].address());
	}

}
