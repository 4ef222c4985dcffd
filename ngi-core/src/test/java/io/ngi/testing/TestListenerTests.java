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

package io.ngi.testing;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestListenerTests {

	private final TestingImplementation implementation = new TestingImplementation();

	private final SocketAddress address = TestingImplementation.address("server");

	@Test
	void connectReturnsARecordingClientEnd() {
		TestListener listener = this.implementation.listen(this.address, echo());
		TestConnection client = listener.connect();
		client.write("hello");
		assertThat(client.output()).isEqualTo("-> 'HELLO'");
		assertThat(client.peerAddress()).isEqualTo(this.address);
		assertThat(client.listener()).isNull();
		Connection server = listener.connections().get(0);
		assertThat(server.listener()).isSameAs(listener);
		assertThat(server.peerAddress()).hasToString("client-1");
		listener.close();
	}

	@Test
	void connectionsAreASnapshotInAcceptOrder() {
		TestListener listener = this.implementation.listen(this.address, echo());
		TestConnection first = listener.connect();
		TestConnection second = listener.connect();
		List<Connection> connections = listener.connections();
		assertThat(connections).extracting(Connection::peerAddress)
			.extracting(Object::toString)
			.containsExactly("client-1", "client-2");
		first.close();
		assertThat(connections).hasSize(2);
		assertThat(listener.connections()).containsExactly(second.peer());
		listener.close();
	}

	@Test
	void closeTellsServerHandlersStoppedAndClientsClosed() {
		List<String> serverEvents = new ArrayList<>();
		TestListener listener = this.implementation.listen(this.address,
				(connection) -> connection.setHandler(new ConnectionHandler() {
					@Override
					public void handleInput(Connection c, byte[] data) {
					}

					@Override
					public void handleClose(Connection c, String reason) {
						serverEvents.add(reason);
					}
				}));
		TestConnection client = listener.connect();
		listener.close();
		listener.close();
		assertThat(serverEvents).containsExactly("stopped");
		assertThat(client.output()).isEqualTo("-> CLOSE");
		assertThat(client.isOpen()).isFalse();
		assertThat(listener.isOpen()).isFalse();
		assertThat(listener.connections()).isEmpty();
		this.implementation.assertNoOpenConnections();
	}

	@Test
	void closeFromInsideAServerHandlerDeliversStoppedAfterTheHandlerReturns() {
		List<String> events = new ArrayList<>();
		TestListener listener = this.implementation.listen(this.address,
				(connection) -> connection.setHandler(new ConnectionHandler() {
					@Override
					public void handleInput(Connection c, byte[] data) {
						events.add("input");
						c.listener().close();
						events.add("input done");
					}

					@Override
					public void handleClose(Connection c, String reason) {
						events.add("close " + reason);
					}
				}));
		listener.connect().write("Q");
		assertThat(events).containsExactly("input", "input done", "close stopped");
	}

	@Test
	void connectOnAClosedListenerThrowsIllegalState() {
		TestListener listener = this.implementation.listen(this.address, echo());
		listener.close();
		assertThatIllegalStateException().isThrownBy(listener::connect).withMessage("Listener closed: server");
	}

	@Test
	void closedListenerIsUnregistered() {
		TestListener listener = this.implementation.listen(this.address, echo());
		listener.close();
		List<String> failures = new ArrayList<>();
		this.implementation.connect(this.address, new FailureRecorder(failures));
		assertThat(failures).containsExactly("no such server");
		this.implementation.listen(this.address, echo()).close();
	}

	@Test
	void stopCompletesWhenTheLastConnectionCloses() {
		TestListener listener = this.implementation.listen(this.address, echo());
		TestConnection first = listener.connect();
		TestConnection second = listener.connect();
		CompletableFuture<Void> stopped = listener.stop();
		assertThat(listener.isOpen()).isFalse();
		assertThat(listener.stop()).isSameAs(stopped);
		first.close();
		assertThat(stopped).isNotDone();
		second.peer().close();
		assertThat(stopped).isCompleted();
		assertThat(second.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void stopWithoutConnectionsCompletesAtOnce() {
		TestListener listener = this.implementation.listen(this.address, echo());
		assertThat(listener.stop()).isCompleted();
	}

	@Test
	void stopKeepsConnectionsOpenAndRefusesNewOnes() {
		TestListener listener = this.implementation.listen(this.address, echo());
		TestConnection client = listener.connect();
		listener.stop();
		client.write("still here");
		assertThat(client.output()).isEqualTo("-> 'STILL HERE'");
		List<String> failures = new ArrayList<>();
		this.implementation.connect(this.address, new FailureRecorder(failures));
		assertThat(failures).containsExactly("no such server");
		listener.close();
	}

	@Test
	void closeWaitForceClosesWhatRemains() {
		TestListener listener = this.implementation.listen(this.address, echo());
		TestConnection client = listener.connect();
		assertThat(listener.closeWait(Duration.ofSeconds(5))).isFalse();
		assertThat(client.isOpen()).isFalse();
		assertThat(client.output()).isEqualTo("-> CLOSE");
		TestListener idle = this.implementation.listen(this.address, echo());
		assertThat(idle.closeWait(Duration.ofSeconds(5))).isTrue();
	}

	@Test
	void failingServerClosesOnlyThatConnection() {
		IllegalStateException failure = new IllegalStateException("server broke");
		int[] calls = { 0 };
		Server server = (connection) -> {
			if (calls[0]++ == 0) {
				throw failure;
			}
			connection.setHandler(upper());
		};
		TestListener listener = this.implementation.listen(this.address, server);
		TestConnection failed = listener.connect();
		assertThat(failed.isOpen()).isFalse();
		assertThat(failed.output()).isEqualTo("-> CLOSE");
		assertThat(listener.isOpen()).isTrue();
		TestConnection working = listener.connect();
		working.write("ok");
		assertThat(working.output()).isEqualTo("-> 'OK'");
		assertThat(this.implementation.takeHandlerErrors()).containsExactly(failure);
		listener.close();
	}

	@Test
	void serverThatSetAHandlerAndThenFailedTellsItServerError() {
		List<String> events = new ArrayList<>();
		RuntimeException failure = new RuntimeException("late failure");
		TestListener listener = this.implementation.listen(this.address, (connection) -> {
			connection.setHandler(new ConnectionHandler() {
				@Override
				public void handleInput(Connection c, byte[] data) {
				}

				@Override
				public void handleClose(Connection c, String reason) {
					events.add(reason);
				}
			});
			connection.write("hello");
			throw failure;
		});
		TestConnection client = listener.connect();
		assertThat(events).containsExactly(failure.toString());
		assertThat(client.output()).isEqualTo("-> 'hello'\n-> CLOSE");
		assertThat(listener.connections()).isEmpty();
		assertThat(this.implementation.takeHandlerErrors()).containsExactly(failure);
		listener.close();
	}

	@Test
	void maxConnectionsRefusesExcessConnects() {
		TestListener listener = this.implementation.listen(this.address, echo(),
				ListenOptions.builder().maxConnections(1).build());
		TestConnection first = listener.connect();
		List<String> failures = new ArrayList<>();
		this.implementation.connect(this.address, new FailureRecorder(failures));
		assertThat(failures).singleElement().asString().startsWith("too many connections").contains("allows 1");
		assertThatExceptionOfType(ConnectionFailedException.class).isThrownBy(listener::connect)
			.withMessageContaining("too many connections");
		first.close();
		listener.connect();
		listener.close();
	}

	@Test
	void observerSeesConnectionsBytesAndFailures() {
		CountingObserver observer = new CountingObserver();
		TestListener listener = this.implementation.listen(this.address,
				(connection) -> connection.setHandler((c, data) -> {
					if (data[0] == 'E') {
						throw new IllegalArgumentException("E");
					}
					c.write(data);
				}), ListenOptions.builder().observer(observer).build());
		TestConnection first = listener.connect();
		first.write("abc");
		TestConnection second = listener.connect();
		second.write("E");
		assertThat(observer.opened).hasValue(2);
		assertThat(observer.closed).hasValue(1);
		assertThat(observer.received).hasValue(4);
		assertThat(observer.sent).hasValue(3);
		assertThat(observer.failures).hasValue(1);
		listener.close();
		listener.close();
		assertThat(observer.closed).hasValue(2);
		this.implementation.takeHandlerErrors();
	}

	private static Server echo() {
		return (connection) -> connection.setHandler(upper());
	}

	private static ConnectionHandler upper() {
		return (connection,
				data) -> connection.write(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1)
					.toUpperCase(java.util.Locale.ROOT)
					.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
	}

}
