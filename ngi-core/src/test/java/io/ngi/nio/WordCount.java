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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;

/**
 * The word-count server and client of zc.ngi's {@code wordcount.py}, the fixture of the
 * original's socket tests. Documents end with {@code \0}; the reply is
 * {@code "<newlines> <words> <bytes>\n"}; {@code Q} closes the connection and the
 * listener, {@code C} closes, {@code E} raises.
 */
final class WordCount {

	static final List<String> SAMPLE_DOCS = List.of("Hello world\n",
			"I give my pledge as an earthling\nto save and faithfully to defend from waste\n"
					+ "the natural resources of my planet\nits soils, minerals, forests, waters and wildlife.\n",
			"On my honor, I will do my best\nto do my duty to God and my country\nand to obey the Scout Law\n"
					+ "to always help others\nto keep myself physically strong, mentally awake, and morally straight.\n",
			"What we have here, is a failure to communicate.\n");

	private WordCount() {
	}

	static String count(String doc) {
		int lines = doc.split("\n", -1).length - 1;
		String stripped = doc.strip();
		int words = stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
		return lines + " " + words + " " + doc.getBytes(StandardCharsets.UTF_8).length;
	}

	/** The server handler, one per connection. */
	static final class Server implements ConnectionHandler {

		private final ByteArrayOutputStream input = new ByteArrayOutputStream();

		@Override
		public void handleInput(Connection connection, byte[] data) {
			for (byte b : data) {
				if (b != 0) {
					this.input.write(b);
					continue;
				}
				String doc = this.input.toString(StandardCharsets.UTF_8);
				this.input.reset();
				switch (doc) {
					case "Q" -> {
						connection.write("Q\n");
						connection.close();
						Listener listener = connection.listener();
						if (listener != null) {
							listener.close();
						}
						return;
					}
					case "C" -> {
						connection.close();
						return;
					}
					case "E" -> throw new IllegalArgumentException("E");
					default -> connection.write(count(doc) + "\n");
				}
			}
		}

	}

	/** A client that sends the documents one at a time and checks each answer. */
	static final class Client implements ClientConnectHandler, ConnectionHandler {

		final CompletableFuture<List<String>> answers = new CompletableFuture<>();

		private final List<String> docs;

		private final List<String> received = new ArrayList<>();

		private final StringBuilder input = new StringBuilder();

		Client(List<String> docs) {
			this.docs = docs;
		}

		@Override
		public void connected(Connection connection) {
			connection.setHandler(this);
			connection.write(this.docs.get(0) + "\0");
		}

		@Override
		public void failedConnect(String reason) {
			this.answers.completeExceptionally(new IllegalStateException("failed connect: " + reason));
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.input.append(new String(data, StandardCharsets.UTF_8));
			int newline;
			while ((newline = this.input.indexOf("\n")) >= 0) {
				this.received.add(this.input.substring(0, newline));
				this.input.delete(0, newline + 1);
				if (this.received.size() < this.docs.size()) {
					connection.write(this.docs.get(this.received.size()) + "\0");
				}
				else {
					connection.close();
					this.answers.complete(List.copyOf(this.received));
				}
			}
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			this.answers.completeExceptionally(new IllegalStateException("unexpected close: " + reason));
		}

		List<String> expected() {
			return this.docs.stream().map(WordCount::count).toList();
		}

	}

}
