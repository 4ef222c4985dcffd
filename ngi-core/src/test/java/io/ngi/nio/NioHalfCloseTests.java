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
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that half-close after their query ({@code nc -q1}, {@code nc -N}) to a handler
 * that answers 200 ms later, as a proxy or a database call would: with
 * {@code allowHalfClose} every client gets its answer; without it the peer's end of input
 * closes the connection first, as it always has (0 of 50 got an answer when a new user
 * tried this on the first release).
 */
class NioHalfCloseTests {

	private static final int CLIENTS = 50;

	private final NioImplementation ngi = NioImplementation.builder().name("half-close").loops(2).build();

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void close() {
		this.later.shutdownNow();
		this.ngi.close();
	}

	@Test
	void withHalfCloseEveryClientGetsAnAnswerWrittenAfterItsEndOfInput() throws Exception {
		Listener listener = listen(ListenOptions.builder().allowHalfClose(true).build());
		assertThat(answered(listener)).isEqualTo(CLIENTS);
		listener.close();
	}

	@Test
	void withoutHalfCloseTheEndOfInputClosesTheConnectionBeforeALateAnswer() throws Exception {
		Listener listener = listen(ListenOptions.defaults());
		assertThat(answered(listener)).isZero();
		listener.close();
	}

	private Listener listen(ListenOptions options) {
		return this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler(new ConnectionHandler() {

					@Override
					public void handleInput(Connection c, byte[] data) {
						String query = new String(data, StandardCharsets.US_ASCII).trim();
						this.answerLater(c, "answer to " + query + "\n");
					}

					@Override
					public void handleInputClosed(Connection c) {
						// The answer is on its way; the handler closes after writing it.
					}

					private void answerLater(Connection c, String answer) {
						NioHalfCloseTests.this.later.schedule(() -> {
							if (c.isOpen()) {
								c.write(answer);
								c.close();
							}
						}, 200, TimeUnit.MILLISECONDS);
					}

				}), options);
	}

	/** Runs the clients at once; returns how many got their answer. */
	private int answered(Listener listener) throws Exception {
		InetSocketAddress address = (InetSocketAddress) listener.address();
		List<CompletableFuture<Boolean>> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			String query = "query " + i;
			clients.add(CompletableFuture.supplyAsync(() -> ask(address, query)));
		}
		int answered = 0;
		for (CompletableFuture<Boolean> client : clients) {
			answered += client.get(30, TimeUnit.SECONDS) ? 1 : 0;
		}
		return answered;
	}

	private static boolean ask(InetSocketAddress address, String query) {
		try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write((query + "\n").getBytes(StandardCharsets.US_ASCII));
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			return answer.equals("answer to " + query + "\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
