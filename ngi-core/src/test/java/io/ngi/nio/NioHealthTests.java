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
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Loops survive failures: a failing handler, observer or loop iteration is logged, and
 * the loop serves its connections on ({@link NioImplementation#loopFailures()}).
 */
class NioHealthTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final NioImplementation ngi = NioImplementation.builder().name("health").loops(2).build();

	private final LogCapture logs = new LogCapture();

	@AfterEach
	void close() {
		try {
			this.ngi.close();
		}
		finally {
			this.logs.close();
		}
	}

	@Test
	void aFailingHandlerAloneLeavesTheLoopsHealthy() throws Exception {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler(new ConnectionHandler() {

					@Override
					public void handleInput(Connection c, byte[] data) {
						throw new AssertionError("handleInput fails on purpose");
					}

					@Override
					public void handleClose(Connection c, String reason) {
						throw new AssertionError("handleClose fails on purpose");
					}

				}));
		Recorder client = new Recorder("x".getBytes(StandardCharsets.UTF_8));
		this.ngi.connect(listener.address(), client);
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.logs.events(Level.ERROR))
				.anySatisfy((event) -> assertThat(event.getThrowableProxy().getMessage())
					.isEqualTo("handleClose fails on purpose")));
		assertThat(this.ngi.loopFailures()).isZero();
		listener.close();
		// Both loops still serve afterwards (8 connection ends spread over the 2 loops),
		// and the health is still good once they have.
		Listener echo = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)));
		for (int i = 0; i < 4; i++) {
			Recorder pinger = new Recorder("ping".getBytes(StandardCharsets.UTF_8));
			this.ngi.connect(echo.address(), pinger);
			assertThat(new String(pinger.firstInput.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8))
				.isEqualTo("ping");
			pinger.connection.get(10, TimeUnit.SECONDS).close();
		}
		assertThat(this.ngi.loopFailures()).isZero();
		echo.close();
	}

	/**
	 * The observer fails while input is read (outside any handler call), so the loop
	 * closes the connection for it; the close then fails too, with an {@code Error} from
	 * the observer, outside every connection's calls: the iteration fails. In the first
	 * release that ended the loop thread and stranded the other connections on its
	 * selector; now the failure is logged and counted, and the loop goes on.
	 */
	@Test
	void aFailureWhileClosingAFailedConnectionLeavesTheLoopServing() throws Exception {
		ListenerObserver failingObserver = new ListenerObserver() {

			@Override
			public void bytesReceived(int bytes) {
				throw new IllegalStateException("observer fails on purpose");
			}

			@Override
			public void connectionClosed() {
				throw new LoopKiller(Thread.currentThread().getName());
			}

		};
		NioImplementation single = NioImplementation.builder().name("single").loops(1).build();
		try {
			Listener echo = single.listen(new InetSocketAddress("127.0.0.1", 0),
					(connection) -> connection.setHandler((c, data) -> c.write(data)));
			Recorder survivor = new Recorder("one".getBytes(StandardCharsets.UTF_8));
			single.connect(echo.address(), survivor);
			assertThat(survivor.firstInput.get(10, TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8).isEqualTo("one");
			Listener failing = single.listen(new InetSocketAddress("127.0.0.1", 0),
					(connection) -> connection.setHandler((c, data) -> {
					}), ListenOptions.builder().observer(failingObserver).build());
			Recorder client = new Recorder("x".getBytes(StandardCharsets.UTF_8));
			single.connect(failing.address(), client);
			assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
			await().atMost(WAIT).until(() -> single.loopFailures() == 1);
			assertThat(this.logs.events(Level.ERROR)).anySatisfy((event) -> assertThat(event.getFormattedMessage())
				.isEqualTo("loop iteration failed on single-1; the loop goes on"));
			// The connection served before the failure is still served, on the same loop.
			Connection open = survivor.connection.get(10, TimeUnit.SECONDS);
			Recorder second = new Recorder("two".getBytes(StandardCharsets.UTF_8));
			single.connect(echo.address(), second);
			assertThat(second.firstInput.get(10, TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8).isEqualTo("two");
			assertThat(open.isOpen()).isTrue();
			failing.close();
			echo.close();
		}
		finally {
			single.close();
		}
	}

	/** An error thrown by a handler on purpose; its message names the thread. */
	static final class LoopKiller extends Error {

		private static final long serialVersionUID = 1L;

		LoopKiller(String thread) {
			super("thrown on purpose in " + thread);
		}

	}

}
