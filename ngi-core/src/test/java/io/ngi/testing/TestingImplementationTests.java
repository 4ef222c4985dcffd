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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ngi.ClientConnectHandler;
import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.NgiException;
import io.ngi.UdpListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestingImplementationTests {

	private final TestingImplementation implementation = new TestingImplementation();

	private final SocketAddress address = TestingImplementation.address("server");

	@Test
	void namedAddressesAreEqualByNameAndPrintTheName() {
		assertThat(TestingImplementation.address("a")).isEqualTo(TestingImplementation.address("a"))
			.hasSameHashCodeAs(TestingImplementation.address("a"))
			.isNotEqualTo(TestingImplementation.address("b"))
			.hasToString("a");
	}

	@Test
	void anUnresolvedAddressFindsAListenerUnderItsNameOrItsHostsAddress() throws Exception {
		List<String> accepted = new ArrayList<>();
		this.implementation.listen(InetSocketAddress.createUnresolved("db.example", 5432),
				(connection) -> accepted.add("db.example"));
		this.implementation.listen(new InetSocketAddress(InetAddress.getByName("localhost"), 7000),
				(connection) -> accepted.add("localhost"));
		List<String> failures = new ArrayList<>();
		this.implementation.connect(InetSocketAddress.createUnresolved("db.example", 5432),
				new FailureRecorder(failures));
		this.implementation.connect(InetSocketAddress.createUnresolved("localhost", 7000),
				new FailureRecorder(failures));
		assertThat(accepted).containsExactly("db.example", "localhost");
		assertThat(failures).isEmpty();
	}

	@Test
	void anUnknownHostIsALocalErrorNamingIt() {
		List<CloseReason> failures = new ArrayList<>();
		this.implementation.connect(InetSocketAddress.createUnresolved("no-such-host.invalid", 80),
				new ClientConnectHandler() {
					@Override
					public void connected(Connection connection) {
						throw new AssertionError("connected");
					}

					@Override
					public void failedConnect(String reason) {
					}

					@Override
					public void failedConnect(CloseReason reason) {
						failures.add(reason);
					}
				});
		assertThat(failures).singleElement().satisfies((reason) -> {
			assertThat(reason.kind()).isEqualTo(CloseReason.Kind.LOCAL_ERROR);
			assertThat(reason.text()).startsWith("unknown host no-such-host.invalid");
		});
	}

	@Test
	void connectToAListenerGivesTheServerTheServerEndAndTheHandlerTheClientEnd() {
		List<Connection> serverEnds = new ArrayList<>();
		Listener listener = this.implementation.listen(this.address, (connection) -> {
			serverEnds.add(connection);
			connection.setHandler((c, data) -> c.write(data));
		});
		List<String> got = new ArrayList<>();
		this.implementation.connect(this.address, new ClientConnectHandler() {
			@Override
			public void connected(Connection connection) {
				connection.setHandler((c, data) -> got.add(new String(data, StandardCharsets.UTF_8)));
				connection.write("ping");
			}

			@Override
			public void failedConnect(String reason) {
				got.add("failed " + reason);
			}
		});
		assertThat(got).containsExactly("ping");
		assertThat(serverEnds).hasSize(1);
		assertThat(listener.connections()).containsExactlyElementsOf(serverEnds);
		listener.close();
		this.implementation.assertNoOpenConnections();
	}

	@Test
	void connectWithoutListenerFailsWithNoSuchServer() {
		List<String> failures = new ArrayList<>();
		this.implementation.connect(this.address, new FailureRecorder(failures));
		assertThat(failures).containsExactly("no such server");
		assertThat(this.implementation.warnings()).isEmpty();
	}

	@Test
	void connectFromInsideFailedConnectIsStoppedWithAWarning() {
		List<String> failures = new ArrayList<>();
		SocketAddress target = new InetSocketAddress(8000);
		this.implementation.connect(target, new ClientConnectHandler() {
			@Override
			public void connected(Connection connection) {
			}

			@Override
			public void failedConnect(String reason) {
				failures.add(reason);
				TestingImplementationTests.this.implementation.connect(target, this);
			}
		});
		assertThat(failures).containsExactly("no such server");
		assertThat(this.implementation.warnings())
			.containsExactly("For address, 0.0.0.0:8000, a connect handler called connect from a failedConnect call.");
		// the guard is lifted afterwards: a later connect fails normally again
		this.implementation.connect(target, new FailureRecorder(failures));
		assertThat(failures).containsExactly("no such server", "no such server");
	}

	@Test
	void connectingToADifferentAddressFromFailedConnectIsAllowed() {
		List<String> failures = new ArrayList<>();
		SocketAddress other = TestingImplementation.address("other");
		this.implementation.connect(this.address, new ClientConnectHandler() {
			@Override
			public void connected(Connection connection) {
			}

			@Override
			public void failedConnect(String reason) {
				failures.add(reason);
				TestingImplementationTests.this.implementation.connect(other, new FailureRecorder(failures));
			}
		});
		assertThat(failures).containsExactly("no such server", "no such server");
		assertThat(this.implementation.warnings()).isEmpty();
	}

	@Test
	void connectReturningARecordingClient() {
		Listener listener = this.implementation.listen(this.address, (c) -> c.setHandler((x, data) -> x.write(data)));
		TestConnection client = this.implementation.connect(this.address);
		client.write("echo");
		assertThat(client.output()).isEqualTo("-> 'echo'");
		listener.close();
		assertThatExceptionOfType(ConnectionFailedException.class)
			.isThrownBy(() -> this.implementation.connect(this.address))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("no such server"));
	}

	@Test
	void secondListenerOnAnOpenAddressFailsNamingIt() {
		Listener first = this.implementation.listen(this.address, (c) -> {
		});
		assertThatExceptionOfType(NgiException.class).isThrownBy(() -> this.implementation.listen(this.address, (c) -> {
		})).withMessageContaining("server");
		first.close();
		assertThatNoException().isThrownBy(() -> this.implementation.listen(this.address, (c) -> {
		}).close());
	}

	@Test
	void nullAddressGetsAGeneratedLoopbackAddressThatCanBeConnectedAndIsFreedOnClose() {
		TestListener first = this.implementation.listen(null, (c) -> c.setHandler((x, data) -> x.write(data)));
		TestListener second = this.implementation.listen(null, (c) -> {
		});
		assertThat(first.address()).isInstanceOf(InetSocketAddress.class).isNotEqualTo(second.address());
		InetSocketAddress inet = (InetSocketAddress) first.address();
		assertThat(inet.getAddress().isLoopbackAddress()).isTrue();
		assertThat(inet.getPort()).isPositive();
		List<String> failures = new ArrayList<>();
		TestConnection client = this.implementation.connect(first.address());
		client.write("x");
		assertThat(client.output()).isEqualTo("-> 'x'");
		first.close();
		second.close();
		this.implementation.connect(first.address(), new FailureRecorder(failures));
		assertThat(failures).containsExactly("no such server");
	}

	@Test
	void portZeroGetsAGeneratedPortOnTheGivenHost() {
		TestListener one = this.implementation.listen(new InetSocketAddress("127.0.0.1", 0), (c) -> {
		});
		TestListener two = this.implementation.listen(new InetSocketAddress("127.0.0.1", 0), (c) -> {
		});
		assertThat(((InetSocketAddress) one.address()).getPort()).isNotZero();
		assertThat(one.address()).isNotEqualTo(two.address());
		one.close();
		two.close();
	}

	@Test
	void instancesDoNotShareRegistrations() {
		Listener listener = this.implementation.listen(this.address, (c) -> {
		});
		TestingImplementation other = new TestingImplementation();
		List<String> failures = new ArrayList<>();
		other.connect(this.address, new FailureRecorder(failures));
		assertThat(failures).containsExactly("no such server");
		other.listen(this.address, (c) -> {
		}).close();
		listener.close();
	}

	@Test
	void connectedFailureClosesTheClientEndAndIsRecorded() {
		List<String> serverEvents = new ArrayList<>();
		Listener listener = this.implementation.listen(this.address, (c) -> c.setHandler(new RecordingHandler() {
			@Override
			public void handleClose(Connection connection, String reason) {
				serverEvents.add(reason);
			}
		}));
		IllegalStateException failure = new IllegalStateException("connected broke");
		List<String> clientEvents = new ArrayList<>();
		this.implementation.connect(this.address, new ClientConnectHandler() {
			@Override
			public void connected(Connection connection) {
				connection.setHandler(new RecordingHandler() {
					@Override
					public void handleClose(Connection c, String reason) {
						clientEvents.add(reason);
					}
				});
				throw failure;
			}

			@Override
			public void failedConnect(String reason) {
			}
		});
		assertThat(clientEvents).containsExactly(failure.toString());
		assertThat(serverEvents).containsExactly("closed");
		assertThat(listener.connections()).isEmpty();
		assertThat(this.implementation.takeHandlerErrors()).containsExactly(failure);
		listener.close();
	}

	@Test
	void failedConnectFailureIsRecorded() {
		ConnectionFailedException failure = new ConnectionFailedException("no such server");
		this.implementation.connect(this.address, new ClientConnectHandler() {
			@Override
			public void connected(Connection connection) {
			}

			@Override
			public void failedConnect(String reason) {
				throw failure;
			}
		});
		assertThat(this.implementation.takeHandlerErrors()).containsExactly(failure);
	}

	@Test
	void rethrowHandlerErrorsThrowsTheFirstOriginalWithTheRestSuppressed() {
		IOException first = new IOException("first");
		IllegalStateException second = new IllegalStateException("second");
		failingHandlerConnection(first).testInput(new byte[] { 1 });
		failingHandlerConnection(second).testInput(new byte[] { 1 });
		assertThat(this.implementation.handlerErrors()).containsExactly(first, second);
		assertThatThrownBy(this.implementation::rethrowHandlerErrors).isSameAs(first).hasSuppressedException(second);
		assertThat(this.implementation.handlerErrors()).isEmpty();
		assertThatNoException().isThrownBy(this.implementation::rethrowHandlerErrors);
	}

	@Test
	void takeHandlerErrorsClears() {
		RuntimeException failure = new RuntimeException("x");
		failingHandlerConnection(failure).testInput(new byte[] { 1 });
		assertThat(this.implementation.takeHandlerErrors()).containsExactly(failure);
		assertThat(this.implementation.takeHandlerErrors()).isEmpty();
	}

	@Test
	void assertNoOpenConnectionsListsTheOpenOnes() {
		Listener listener = this.implementation.listen(this.address, (c) -> {
		});
		TestConnection client = this.implementation.connect(this.address);
		assertThatThrownBy(this.implementation::assertNoOpenConnections).isInstanceOf(AssertionError.class)
			.hasMessageContaining("2 are open")
			.hasMessageContaining("server end")
			.hasMessageContaining("client end");
		client.close();
		this.implementation.assertNoOpenConnections();
		listener.close();
	}

	@Test
	void udpIsDeliveredFromTheTestSourceTruncatedToTheBufferSize() {
		List<String> got = new ArrayList<>();
		CountingObserver observer = new CountingObserver();
		UdpListener listener = this.implementation.listenUdp(this.address,
				(source, message) -> got.add(source + " " + new String(message, StandardCharsets.UTF_8)),
				ListenOptions.builder().udpBufferSize(5).observer(observer).build());
		this.implementation.sendUdp(this.address, "hello udp".getBytes(StandardCharsets.UTF_8));
		assertThat(got).containsExactly("<test> hello");
		assertThat(observer.datagrams).hasValue(5);
		assertThat(TestingImplementation.udpSource()).hasToString("<test>");
		listener.close();
	}

	@Test
	void udpDefaultBufferIs4096() {
		List<byte[]> got = new ArrayList<>();
		UdpListener listener = this.implementation.listenUdp(this.address, (source, message) -> got.add(message));
		this.implementation.sendUdp(this.address, new byte[5000]);
		assertThat(got).singleElement().extracting((data) -> data.length).isEqualTo(4096);
		listener.close();
	}

	@Test
	void udpWithoutListenerDoesNothingAndCloseUnregistersIdempotently() {
		this.implementation.sendUdp(this.address, new byte[] { 1 });
		List<byte[]> got = new ArrayList<>();
		UdpListener listener = this.implementation.listenUdp(this.address, (source, message) -> got.add(message));
		assertThat(listener.isOpen()).isTrue();
		listener.close();
		listener.close();
		assertThat(listener.isOpen()).isFalse();
		this.implementation.sendUdp(this.address, new byte[] { 1 });
		assertThat(got).isEmpty();
		this.implementation.listenUdp(this.address, (source, message) -> {
		}).close();
		assertThat(this.implementation.handlerErrors()).isEmpty();
	}

	@Test
	void udpHandlerFailuresAreRecordedAndTheListenerGoesOn() {
		CountingObserver observer = new CountingObserver();
		IOException failure = new IOException("bad datagram");
		List<String> got = new ArrayList<>();
		UdpListener listener = this.implementation.listenUdp(this.address, (source, message) -> {
			if (message[0] == 'E') {
				throw failure;
			}
			got.add("ok");
		}, ListenOptions.builder().observer(observer).build());
		this.implementation.sendUdp(this.address, "E".getBytes(StandardCharsets.UTF_8));
		this.implementation.sendUdp(this.address, "x".getBytes(StandardCharsets.UTF_8));
		assertThat(got).containsExactly("ok");
		assertThat(observer.failures).hasValue(1);
		assertThat(this.implementation.takeHandlerErrors()).containsExactly(failure);
		assertThatExceptionOfType(NgiException.class)
			.isThrownBy(() -> this.implementation.listenUdp(this.address, (s, m) -> {
			}))
			.withMessageContaining("server");
		listener.close();
	}

	@Test
	void nullArgumentsFailNamingTheParameter() {
		ClientConnectHandler handler = new FailureRecorder(new ArrayList<>());
		assertThatNullPointerException().isThrownBy(() -> this.implementation.connect(null, handler))
			.withMessage("address");
		assertThatNullPointerException().isThrownBy(() -> this.implementation.connect(this.address, null))
			.withMessage("handler");
		assertThatNullPointerException().isThrownBy(() -> this.implementation.listen(this.address, null))
			.withMessage("server");
		assertThatNullPointerException().isThrownBy(() -> this.implementation.listen(this.address, (c) -> {
		}, null)).withMessage("options");
		assertThatNullPointerException().isThrownBy(() -> this.implementation.sendUdp(null, new byte[1]))
			.withMessage("address");
		assertThatNullPointerException().isThrownBy(() -> this.implementation.sendUdp(this.address, null))
			.withMessage("message");
		assertThatNullPointerException().isThrownBy(() -> this.implementation.listenUdp(this.address, null))
			.withMessage("handler");
		assertThatNullPointerException().isThrownBy(() -> TestingImplementation.address(null)).withMessage("name");
	}

	private TestConnection failingHandlerConnection(Exception failure) {
		TestConnection connection = new TestConnection(this.implementation);
		connection.setHandler(new ConnectionHandler() {
			@Override
			public void handleInput(Connection c, byte[] data) throws Exception {
				throw failure;
			}
		});
		return connection;
	}

}
