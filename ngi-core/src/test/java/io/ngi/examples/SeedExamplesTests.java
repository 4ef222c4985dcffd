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

package io.ngi.examples;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ngi.Addresses;
import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import io.ngi.UdpListener;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the zc.ngi documentation (seed {@code 000}) that need no adapters or
 * imperative handlers, written against the public API and checked with the transcripts
 * the documentation shows. Where the Python examples print, the Java handlers append to
 * {@link #out}.
 */
class SeedExamplesTests {

	private final List<String> out = new ArrayList<>();

	private final TestingImplementation implementation = new TestingImplementation();

	@AfterEach
	void noHandlerFailed() {
		this.implementation.rethrowHandlerErrors();
	}

	@Test
	void echoHandlerIsTestedByCallingIt() {
		TestConnection connection = new TestConnection(this.implementation);
		Echo handler = new Echo(this.out);
		handler.handleInput(connection, bytes("hello out there"));
		assertThat(connection.peer().output()).isEqualTo("-> 'HELLO OUT THERE'");
		handler.handleClose(connection, "done");
		assertThat(this.out).containsExactly("closed done");
	}

	@Test
	void echoServerSetsItselfAsHandlerAndAnswersThePeer() {
		TestConnection connection = new TestConnection(this.implementation);
		EchoServer handler = new EchoServer(connection, this.out);
		assertThat(connection.handler()).isSameAs(handler);
		connection.peer().write("Hi world");
		assertThat(connection.peer().output()).isEqualTo("-> 'HI WORLD'");
		connection.peer().close();
		assertThat(this.out).containsExactly("closed closed");
	}

	@Test
	void testingListenerStartsWithNoConnections() {
		Listener listener = this.implementation.listen(TestingImplementation.address("addr"),
				(connection) -> new EchoServer(connection, this.out));
		assertThat(listener.connections()).isEmpty();
		listener.close();
		assertThat(listener.isOpen()).isFalse();
	}

	@Test
	void wordCountHandlerAnswersOnceTheCountedBytesArrived() {
		WC handler = new WC();
		TestConnection connection = new TestConnection(this.implementation);
		handler.handleInput(connection, bytes("15"));
		assertThat(connection.peer().output()).isEmpty();
		handler.handleInput(connection, bytes("\nhello out\nthere"));
		assertThat(connection.peer().output()).isEqualTo("-> '2 3\\n'");
	}

	@Test
	void wordCountClientWithLineReader() {
		WCClient wcc = new WCClient("Hello out\nthere", this.out);
		wcc.failedConnect("test");
		assertThat(this.out).containsExactly("failed test");
		TestConnection connection = new TestConnection(this.implementation);
		wcc.connected(connection);
		assertThat(connection.peer().output()).isEqualTo("-> 'Hello out\\nthere'");
		connection.peer().write("text from server\n");
		assertThat(this.out).containsExactly("failed test", "LineReader got text from server\n");
		assertThat(connection.peer().output()).isEqualTo("-> CLOSE");
		assertThat(connection.peer().peer()).isSameAs(connection);
	}

	@Test
	void connectHandlerThatIsItsOwnConnectionHandler() {
		CombinedWCClient wcc = new CombinedWCClient("Line one\nline two", this.out);
		TestConnection connection = new TestConnection(this.implementation);
		wcc.connected(connection);
		assertThat(connection.peer().output()).isEqualTo("-> '17\\nLine one\\nline two'");
		connection.peer().write("more text from server\n");
		assertThat(this.out).containsExactly("WCClient got more text from server\n");
		assertThat(connection.peer().output()).isEqualTo("-> CLOSE");
	}

	@Test
	void clientAndServerConnectedThroughTheTestingImplementation() {
		SocketAddress address = TestingImplementation.address("wc");
		Listener listener = this.implementation.listen(address, (connection) -> connection.setHandler(new WC()));
		this.implementation.connect(address, new CombinedWCClient("hi\nout there", this.out));
		assertThat(this.out).containsExactly("WCClient got 2 3\n");
		listener.close();
		this.implementation.assertNoOpenConnections();
	}

	@Test
	void stayReconnectsThroughAFakeConnector() {
		SocketAddress address = new InetSocketAddress(8000);
		List<ClientConnectHandler> requests = new ArrayList<>();
		Connector connector = (addr, handler) -> {
			this.out.add("connect request " + Addresses.format(addr) + " " + handler.getClass().getSimpleName());
			requests.add(handler);
		};
		Stay handler = new Stay(address, connector, this.out);
		assertThat(this.out).containsExactly("connect request 0.0.0.0:8000 Stay");
		assertThat(requests).containsExactly(handler);

		this.out.clear();
		handler.failedConnect("test");
		assertThat(this.out).containsExactly("failed connect test", "connect request 0.0.0.0:8000 Stay");
		assertThat(requests).containsExactly(handler, handler);

		this.out.clear();
		TestConnection connection = new TestConnection(this.implementation);
		handler.connected(connection);
		assertThat(connection.handler()).isSameAs(handler);
		handler.handleClose(connection, "test");
		assertThat(this.out).containsExactly("closed test", "connect request 0.0.0.0:8000 Stay");
		assertThat(requests).hasSize(3);
	}

	@Test
	void stayWithTheTestingConnectIsStoppedInsteadOfLooping() {
		new Stay(new InetSocketAddress(8000), this.implementation::connect, this.out);
		assertThat(this.out).containsExactly("failed connect no such server");
		assertThat(this.implementation.warnings())
			.containsExactly("For address, 0.0.0.0:8000, a connect handler called connect from a failedConnect call.");
	}

	@Test
	void udpIsDeliveredOnlyWhileAListenerIsRegistered() {
		SocketAddress address = new InetSocketAddress(8000);
		this.implementation.sendUdp(address, bytes("hello udp"));
		UdpListener listener = this.implementation.listenUdp(address,
				(source, message) -> this.out.add("got udp " + text(message) + " from address " + source));
		this.implementation.sendUdp(address, bytes("hello udp"));
		assertThat(this.out).containsExactly("got udp hello udp from address <test>");
		listener.close();
		this.implementation.sendUdp(address, bytes("hello udp"));
		assertThat(this.out).hasSize(1);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] data) {
		return new String(data, StandardCharsets.UTF_8);
	}

	/**
	 * What an application passes around to (re)connect: {@code Implementation::connect}
	 * or a fake.
	 */
	@FunctionalInterface
	interface Connector {

		void connect(SocketAddress address, ClientConnectHandler handler);

	}

	static final class Echo implements ConnectionHandler {

		private final List<String> out;

		Echo(List<String> out) {
			this.out = out;
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			connection.write(text(data).toUpperCase(Locale.ROOT));
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			this.out.add("closed " + reason);
		}

		@Override
		public void handleException(Connection connection, Exception exception) {
			this.out.add("oops " + exception.getMessage());
		}

	}

	static final class EchoServer implements ConnectionHandler {

		private final List<String> out;

		EchoServer(Connection connection, List<String> out) {
			this.out = out;
			connection.setHandler(this);
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			connection.write(text(data).toUpperCase(Locale.ROOT));
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			this.out.add("closed " + reason);
		}

		@Override
		public void handleException(Connection connection, Exception exception) {
			this.out.add("oops " + exception.getMessage());
		}

	}

	/**
	 * Word count: a line with a length, then that many bytes; answers
	 * {@code "<lines> <words>\n"}.
	 */
	static final class WC implements ConnectionHandler {

		private String input = "";

		private int count = -1;

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.input += text(data);
			while (true) {
				if (this.count < 0) {
					int newline = this.input.indexOf('\n');
					if (newline < 0) {
						return;
					}
					this.count = Integer.parseInt(this.input.substring(0, newline));
					this.input = this.input.substring(newline + 1);
				}
				if (this.input.length() < this.count) {
					return;
				}
				String document = this.input.substring(0, this.count);
				this.input = this.input.substring(this.count);
				this.count = -1;
				connection.write(lines(document) + " " + words(document) + "\n");
			}
		}

		private static int lines(String document) {
			return document.split("\n", -1).length;
		}

		private static int words(String document) {
			String trimmed = document.strip();
			return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
		}

	}

	static final class WCClient implements ClientConnectHandler {

		private final String data;

		private final List<String> out;

		WCClient(String data, List<String> out) {
			this.data = data;
			this.out = out;
		}

		@Override
		public void connected(Connection connection) {
			connection.setHandler(new LineReader(this.out));
			connection.write(this.data);
		}

		@Override
		public void failedConnect(String reason) {
			this.out.add("failed " + reason);
		}

	}

	static final class LineReader implements ConnectionHandler {

		private final List<String> out;

		private String input = "";

		LineReader(List<String> out) {
			this.out = out;
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.input += text(data);
			if (this.input.contains("\n")) {
				this.out.add("LineReader got " + this.input);
				connection.close();
			}
		}

	}

	static final class CombinedWCClient implements ClientConnectHandler, ConnectionHandler {

		private final String data;

		private final List<String> out;

		private String input = "";

		CombinedWCClient(String data, List<String> out) {
			this.data = data;
			this.out = out;
		}

		@Override
		public void connected(Connection connection) {
			connection.setHandler(this);
			connection.write(this.data.length() + "\n" + this.data);
		}

		@Override
		public void failedConnect(String reason) {
			this.out.add("failed " + reason);
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.input += text(data);
			if (this.input.contains("\n")) {
				this.out.add("WCClient got " + this.input);
				connection.close();
			}
		}

	}

	/**
	 * A client that does nothing but try to stay connected.
	 */
	static final class Stay implements ClientConnectHandler, ConnectionHandler {

		private final SocketAddress address;

		private final Connector connector;

		private final List<String> out;

		Stay(SocketAddress address, Connector connector, List<String> out) {
			this.address = address;
			this.connector = connector;
			this.out = out;
			connector.connect(address, this);
		}

		@Override
		public void connected(Connection connection) {
			connection.setHandler(this);
		}

		@Override
		public void failedConnect(String reason) {
			this.out.add("failed connect " + reason);
			this.connector.connect(this.address, this);
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.out.add("got " + text(data));
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			this.out.add("closed " + reason);
			this.connector.connect(this.address, this);
		}

	}

}
