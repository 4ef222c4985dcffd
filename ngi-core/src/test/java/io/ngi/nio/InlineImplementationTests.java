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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.Listener;
import io.ngi.NgiException;
import io.ngi.NgiTimeoutException;
import io.ngi.imperative.ConnectionClosedException;
import io.ngi.imperative.Imperative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link InlineImplementation}: the loop runs in the caller's thread and hands handler
 * exceptions back to it.
 */
class InlineImplementationTests {

	private final InlineImplementation inline = new InlineImplementation();

	@AfterEach
	void close() {
		this.inline.close();
	}

	@Test
	void loopServesUntilNothingIsRegistered() throws Exception {
		Listener listener = this.inline.listen(null, (connection) -> connection.setHandler(new WordCount.Server()));
		WordCount.Client client = new WordCount.Client(WordCount.SAMPLE_DOCS);
		this.inline.connect(listener.address(), client);
		Recorder quit = new Recorder("Q\0".getBytes(StandardCharsets.UTF_8));
		client.answers.whenComplete((answers, failure) -> this.inline.connect(listener.address(), quit));
		this.inline.loop(Duration.ofSeconds(10));
		assertThat(client.answers.get(0, TimeUnit.SECONDS)).isEqualTo(client.expected());
		// Listener.close() closes every connection now, as zc.ngi does: the pending "Q\n"
		// is dropped.
		assertThat(quit.closed.get(0, TimeUnit.SECONDS)).isEqualTo("end of input");
		assertThat(listener.isOpen()).isFalse();
	}

	@Test
	void handlerExceptionComesOutOfLoopWhichCanBeCalledAgain() throws Exception {
		Listener listener = this.inline.listen(null, (connection) -> connection.setHandler(new WordCount.Server()));
		Recorder failing = new Recorder("E\0".getBytes(StandardCharsets.UTF_8));
		this.inline.connect(listener.address(), failing);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(this.inline::loop).withMessage("E");
		WordCount.Client client = new WordCount.Client(WordCount.SAMPLE_DOCS);
		this.inline.connect(listener.address(), client);
		client.answers.whenComplete((answers, failure) -> listener.close());
		this.inline.loop(Duration.ofSeconds(10));
		assertThat(failing.closed.get(0, TimeUnit.SECONDS)).isEqualTo("end of input");
		assertThat(client.answers.get(0, TimeUnit.SECONDS)).isEqualTo(client.expected());
	}

	@Test
	void checkedHandlerExceptionIsWrapped() {
		Listener listener = this.inline.listen(null, (connection) -> {
			throw new java.io.IOException("checked");
		});
		this.inline.connect(listener.address(), new Recorder());
		assertThatExceptionOfType(NgiException.class).isThrownBy(this.inline::loop)
			.withCauseInstanceOf(java.io.IOException.class);
		listener.close();
		this.inline.loop(Duration.ofSeconds(10));
	}

	@Test
	void loopWithTimeoutThrowsWhenWorkRemains() {
		Listener listener = this.inline.listen(null, (connection) -> connection.setHandler((c, data) -> c.write(data)));
		assertThatExceptionOfType(NgiTimeoutException.class).isThrownBy(() -> this.inline.loop(Duration.ofMillis(50)));
		assertThatExceptionOfType(NgiTimeoutException.class)
			.isThrownBy(() -> this.inline.awaitIdle(Duration.ofMillis(50)));
		listener.close();
		this.inline.loop(Duration.ofSeconds(10));
	}

	@Test
	void failedConnectThatThrowsIsCalledOnceAndComesOutOfLoop() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		AtomicInteger calls = new AtomicInteger();
		this.inline.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), new ClientConnectHandler() {
			@Override
			public void connected(Connection connection) {
			}

			@Override
			public void failedConnect(String reason) {
				calls.incrementAndGet();
				throw new ConnectionFailedException(reason);
			}
		});
		assertThatExceptionOfType(ConnectionFailedException.class).isThrownBy(this.inline::loop)
			.withMessage("ECONNREFUSED");
		this.inline.loop(Duration.ofSeconds(1));
		assertThat(calls).hasValue(1);
	}

	@Test
	void loopDoesNotReturnBeforeASuspendedCallOfAClosedConnectionEnds() throws Exception {
		CountDownLatch busy = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> reasons = new CopyOnWriteArrayList<>();
		Listener listener = this.inline.listen(null, Imperative.handler((connection, input) -> {
			input.next();
			busy.countDown();
			release.await(10, TimeUnit.SECONDS);
			try {
				input.next();
			}
			catch (ConnectionClosedException ex) {
				reasons.add(ex.reason());
			}
		}));
		AtomicReference<Throwable> helperFailure = new AtomicReference<>();
		Thread helper = new Thread(() -> {
			try (Socket client = new Socket(InetAddress.getLoopbackAddress(),
					((InetSocketAddress) listener.address()).getPort())) {
				client.getOutputStream().write('x');
				busy.await(10, TimeUnit.SECONDS);
				// Closes the body's connection while its call is suspended: nothing stays
				// registered, but the body has not been told yet.
				listener.close();
				release.countDown();
				client.getInputStream().read();
			}
			catch (Exception | Error ex) {
				helperFailure.set(ex);
			}
		}, "inline-helper");
		helper.start();
		this.inline.loop(Duration.ofSeconds(10));
		// The close was handed to the body before loop() returned; the body takes it on
		// its
		// own thread. (Had loop() returned first, the close would wait in its queue.)
		await().atMost(Duration.ofSeconds(10)).until(() -> !reasons.isEmpty());
		assertThat(reasons).containsExactly("stopped");
		helper.join(10_000);
		assertThat(helperFailure.get()).isNull();
	}

}
