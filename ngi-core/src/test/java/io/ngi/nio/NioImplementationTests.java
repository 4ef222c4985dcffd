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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.UdpListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Options and observers of {@link NioImplementation} listeners, and its builder.
 */
class NioImplementationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final NioImplementation ngi = NioImplementation.builder().name("nio-test").build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	@Test
	void echoesAndReportsTheBoundPort() throws Exception {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)));
		assertThat(((InetSocketAddress) listener.address()).getPort()).isPositive();
		Recorder client = new Recorder("hello".getBytes(StandardCharsets.UTF_8));
		this.ngi.connect(listener.address(), client);
		await().atMost(WAIT).until(() -> client.size() == 5);
		assertThat(client.text()).isEqualTo("hello");
		assertThat(client.connection.get().peerAddress()).isEqualTo(listener.address());
		client.connection.get().close();
		listener.close();
		this.ngi.awaitIdle(WAIT);
	}

	@Test
	void connectionsBeyondMaxConnectionsAreAcceptedAndClosedWithAWarning() throws Exception {
		try (LogCapture logs = new LogCapture()) {
			Listener listener = this.ngi.listen(null, (connection) -> connection.setHandler((c, data) -> c.write(data)),
					ListenOptions.builder().maxConnections(1).build());
			Recorder first = new Recorder("one".getBytes(StandardCharsets.UTF_8));
			this.ngi.connect(listener.address(), first);
			assertThat(first.firstInput.get(10, TimeUnit.SECONDS)).isEqualTo("one".getBytes(StandardCharsets.UTF_8));
			Recorder second = new Recorder();
			this.ngi.connect(listener.address(), second);
			assertThat(second.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
			assertThat(listener.connections()).hasSize(1);
			assertThat(logs.messages(Level.WARN)).singleElement().asString().contains("limit of 1 connections");
			first.connection.get().close();
			await().atMost(WAIT).until(() -> listener.connections().isEmpty());
			Recorder third = new Recorder("three".getBytes(StandardCharsets.UTF_8));
			this.ngi.connect(listener.address(), third);
			assertThat(third.firstInput.get(10, TimeUnit.SECONDS)).isNotEmpty();
			listener.close();
		}
	}

	@Test
	void udpHandlerFailureIsLoggedAndTheListenerKeepsReceiving() {
		List<String> received = new CopyOnWriteArrayList<>();
		AtomicInteger datagrams = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		ListenerObserver observer = new ListenerObserver() {
			@Override
			public void datagramReceived(int bytes) {
				datagrams.incrementAndGet();
			}

			@Override
			public void handlerFailed(Throwable failure) {
				failures.incrementAndGet();
			}
		};
		try (LogCapture logs = new LogCapture()) {
			UdpListener listener = this.ngi.listenUdp(null, (source, message) -> {
				String text = new String(message, StandardCharsets.UTF_8);
				if (text.equals("bad")) {
					throw new IllegalStateException("bad datagram");
				}
				received.add(text);
			}, ListenOptions.builder().observer(observer).build());
			this.ngi.sendUdp(listener.address(), "bad".getBytes(StandardCharsets.UTF_8));
			await().atMost(WAIT).until(() -> failures.get() == 1);
			this.ngi.sendUdp(listener.address(), "good".getBytes(StandardCharsets.UTF_8));
			await().atMost(WAIT).until(() -> received.contains("good"));
			assertThat(datagrams).hasValue(2);
			assertThat(logs.messages(Level.ERROR)).singleElement().asString().contains("UDP handler failed");
			assertThat(listener.isOpen()).isTrue();
			listener.close();
		}
	}

	@Test
	void builderRejectsInconsistentOutputBounds() {
		assertThatIllegalArgumentException().isThrownBy(() -> NioImplementation.builder().loops(0))
			.withMessage("loops must be > 0: 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NioImplementation.builder().outputHighWaterMark(100).outputLowWaterMark(200).build())
			.withMessageContaining("outputHighWaterMark must be > outputLowWaterMark");
		assertThatIllegalArgumentException().isThrownBy(() -> NioImplementation.builder().outputLimit(1000).build())
			.withMessageContaining("outputLimit must be >= outputHighWaterMark");
	}

	@Test
	void sharedIsOneLazyDaemonImplementation() {
		assertThat(NioImplementation.shared()).isSameAs(NioImplementation.shared());
		assertThat(NioImplementation.shared().name()).isEqualTo("ngi");
		assertThat(NioImplementation.shared().loopFailures()).isZero();
	}

}
