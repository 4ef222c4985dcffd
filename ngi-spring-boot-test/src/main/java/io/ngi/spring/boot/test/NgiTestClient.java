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

package io.ngi.spring.boot.test;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

import io.ngi.Addresses;
import io.ngi.Implementation;
import io.ngi.Listener;
import io.ngi.Server;
import io.ngi.UdpListener;
import io.ngi.spring.boot.autoconfigure.NgiClientRegistry;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredClient;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredListener;
import io.ngi.spring.boot.autoconfigure.NgiTransport;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

/**
 * Drives the NGI listeners of a test context ({@link NgiTest @NgiTest} or
 * {@link AutoConfigureNgi @AutoConfigureNgi}) by name, on the context's
 * {@link TestingImplementation}: {@link #connect(String)} opens a connection to an
 * {@code @NgiServer} and returns the client end, whose {@link TestConnection#output()} is
 * the transcript of what the server sent; {@link #sendUdp(String, byte[])} hands a
 * datagram to an {@code @NgiUdpHandler}; {@link #advance(Duration)} moves the virtual
 * clock. Everything happens synchronously in the calling thread.
 * <p>
 * For {@code @NgiClient} beans, {@link #listen(String, Server)} stands up the upstream a
 * client connects to (by the client's name, or by address), and {@link #client(String)}
 * shows the client's state. A client whose upstream is missing waits its backoff in
 * virtual time: close the upstream's listener or connection to drop it, then
 * {@code advance(...)} past the backoff to see the client reconnect.
 *
 * {@snippet :
 * TestListener upstream = this.ngi.listen("feed", (connection) -> connection.setHandler(recorder));
 * this.ngi.advance(Duration.ofSeconds(30));   // the client's next attempt connects
 * assertThat(this.ngi.client("feed").isConnected()).isTrue();
 * upstream.close();                           // drop it
 * }
 * <p>
 * There is one client per application context, so it is shared by the test methods that
 * share a cached context; they take turns (see {@link NgiTest}), so each test method has
 * the client and its {@link TestingImplementation} to itself, as the testing
 * implementation expects (one test thread at a time). Connections it made and that are
 * still open when a test method ends are closed then.
 */
public final class NgiTestClient {

	private static final Logger logger = LoggerFactory.getLogger(NgiTestClient.class);

	private static final Duration TURN_TIMEOUT = Duration.ofMinutes(2);

	private final TestingImplementation implementation;

	private final ObjectProvider<NgiListenerRegistry> registry;

	private final Semaphore turn = new Semaphore(1, true);

	private final List<TestConnection> connections = new ArrayList<>();

	private final List<TestListener> upstreams = new ArrayList<>();

	private @Nullable ObjectProvider<NgiClientRegistry> clients;

	/**
	 * Creates a client.
	 * @param implementation the testing implementation the listeners run on
	 * @param registry supplies the registry of the context's listeners
	 */
	NgiTestClient(TestingImplementation implementation, ObjectProvider<NgiListenerRegistry> registry) {
		this.implementation = Objects.requireNonNull(implementation, "implementation");
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	/**
	 * Connects to the {@code @NgiServer} named {@code serverName}: its server is called
	 * with the server end of a new connection, inside this call.
	 * @param serverName the NGI name of the server ({@code @NgiServer(name = ...)}, or
	 * the bean name when the annotation gives none)
	 * @return the client end; its {@link TestConnection#output()} shows what the server
	 * wrote, and writing to it delivers input to the server's handler
	 * @throws IllegalArgumentException if no enabled server has that name, or it names a
	 * UDP handler
	 * @throws IllegalStateException if the listener is not open
	 */
	public TestConnection connect(String serverName) {
		Objects.requireNonNull(serverName, "serverName");
		NgiRegisteredListener listener = listener(serverName);
		if (listener.transport() == NgiTransport.UDP) {
			throw new IllegalArgumentException(
					"NGI listener '" + serverName + "' is a UDP handler: use sendUdp(\"" + serverName + "\", bytes)");
		}
		TestConnection client = this.implementation.connect(openAddress(listener));
		synchronized (this.connections) {
			this.connections.add(client);
		}
		return client;
	}

	/**
	 * Delivers {@code message} to the {@code @NgiUdpHandler} named {@code handlerName},
	 * inside this call, from {@link TestingImplementation#udpSource()}; it is truncated
	 * to the handler's UDP buffer size.
	 * @param handlerName the NGI name of the UDP handler
	 * @param message the datagram
	 * @throws IllegalArgumentException if no enabled UDP handler has that name
	 * @throws IllegalStateException if the listener is not open
	 */
	public void sendUdp(String handlerName, byte[] message) {
		Objects.requireNonNull(handlerName, "handlerName");
		Objects.requireNonNull(message, "message");
		NgiRegisteredListener listener = listener(handlerName);
		if (listener.transport() != NgiTransport.UDP) {
			throw new IllegalArgumentException("NGI listener '" + handlerName + "' is a " + listener.transport().tag()
					+ " server, not a UDP handler: use connect(\"" + handlerName + "\")");
		}
		this.implementation.sendUdp(openAddress(listener), message);
	}

	/**
	 * Registers an in-memory upstream listener for {@code @NgiClient} beans: at the
	 * address of the client named {@code clientNameOrAddress}, or at that address
	 * ({@code "host:port"}, {@code "unix:/path"}), as the clients' addresses are parsed.
	 * A client that was waiting connects at its next attempt, in the next
	 * {@link #advance}. The listener is closed when the test method ends, if still open;
	 * close it earlier to drop the upstream.
	 * @param clientNameOrAddress the name of an {@code @NgiClient}, or an address
	 * @param server called for each connection a client makes
	 * @return the listener; its {@code connections()} are the upstream ends
	 * @throws IllegalArgumentException if it is neither a client's name nor an address
	 */
	public TestListener listen(String clientNameOrAddress, Server server) {
		Objects.requireNonNull(clientNameOrAddress, "clientNameOrAddress");
		Objects.requireNonNull(server, "server");
		SocketAddress address = upstreamAddress(clientNameOrAddress);
		TestListener listener = this.implementation.listen(address, server);
		synchronized (this.upstreams) {
			this.upstreams.add(listener);
		}
		return listener;
	}

	/**
	 * Returns the {@code @NgiClient} named {@code name}, to read its state.
	 * @param name the client's name
	 * @return the client
	 * @throws IllegalArgumentException if no enabled client has that name
	 */
	public NgiRegisteredClient client(String name) {
		Objects.requireNonNull(name, "name");
		return clientRegistry().client(name);
	}

	private SocketAddress upstreamAddress(String clientNameOrAddress) {
		NgiRegisteredClient client = clientRegistry().find(clientNameOrAddress);
		if (client != null) {
			SocketAddress address = client.address();
			if (address == null) {
				throw new IllegalStateException(
						"NGI client '" + clientNameOrAddress + "' has no address yet: the context has not started it");
			}
			return address;
		}
		try {
			return Addresses.parse(clientNameOrAddress);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + clientNameOrAddress + "' is neither the name of an NGI client"
					+ " (clients: " + clientRegistry().clients().stream().map(NgiRegisteredClient::name).toList()
					+ ") nor an address (\"host:port\" or \"unix:/path\"): " + ex.getMessage(), ex);
		}
	}

	private NgiClientRegistry clientRegistry() {
		ObjectProvider<NgiClientRegistry> provider = this.clients;
		NgiClientRegistry registry = (provider != null) ? provider.getIfAvailable() : null;
		if (registry == null) {
			throw new IllegalStateException("The test context has no NgiClientRegistry: NGI is disabled"
					+ " (ngi.enabled=false) or NgiAutoConfiguration is excluded");
		}
		return registry;
	}

	void setClients(ObjectProvider<NgiClientRegistry> clients) {
		this.clients = clients;
	}

	/**
	 * Moves the context's virtual clock forward by {@code duration}, running the timers,
	 * connection tasks and idle timeouts that fall due, inside this call (see
	 * {@link TestingImplementation#advance}). No sleeping: a 30-second idle timeout is
	 * tested in microseconds.
	 * @param duration how far to move the clock, not negative
	 */
	public void advance(Duration duration) {
		this.implementation.advance(duration);
	}

	/**
	 * Returns the testing implementation the context's listeners run on, for what this
	 * client does not cover: {@link TestingImplementation#takeHandlerErrors()} to consume
	 * handler exceptions a test expects, {@link TestingImplementation#warnings()},
	 * {@link TestingImplementation#assertNoOpenConnections()}, or connecting a handler of
	 * your own.
	 * @return the testing implementation
	 */
	public TestingImplementation implementation() {
		return this.implementation;
	}

	/**
	 * Returns the names of the context's enabled listeners, TCP and UDP.
	 * @return the names, in registration order
	 */
	public List<String> listenerNames() {
		return registry().listeners().stream().map(NgiRegisteredListener::name).toList();
	}

	/**
	 * Returns the address the named listener is registered under in the testing
	 * implementation.
	 * @param name the NGI name of the listener
	 * @return the address
	 * @throws IllegalArgumentException if no enabled listener has that name
	 * @throws IllegalStateException if the listener is not open
	 */
	public SocketAddress address(String name) {
		Objects.requireNonNull(name, "name");
		return openAddress(listener(name));
	}

	/**
	 * Waits for this context's turn and clears what earlier activity left: handler
	 * exceptions recorded outside any test method are logged and dropped.
	 * @param test names the test method, for messages
	 */
	void beginTest(String test) {
		try {
			if (!this.turn.tryAcquire(TURN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Test " + test + " waited " + TURN_TIMEOUT
						+ " for another test method that uses the same NGI test context to finish");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Test " + test + " was interrupted waiting for its NGI test context", ex);
		}
		for (Throwable stale : this.implementation.takeHandlerErrors()) {
			logger.warn("NGI handler exception recorded outside a test method, before {}", test, stale);
		}
	}

	/**
	 * Ends a test method's turn: closes the connections the test opened and left open,
	 * then throws the first handler exception recorded during the test, itself. Always
	 * gives the turn back.
	 */
	void endTest() {
		try {
			List<TestConnection> open;
			synchronized (this.connections) {
				open = List.copyOf(this.connections);
				this.connections.clear();
			}
			for (TestConnection connection : open) {
				if (connection.isOpen()) {
					connection.close();
				}
			}
			List<TestListener> upstreams;
			synchronized (this.upstreams) {
				upstreams = List.copyOf(this.upstreams);
				this.upstreams.clear();
			}
			upstreams.forEach(TestListener::close);
			closeListenersTheTestOpened();
			this.implementation.rethrowHandlerErrors();
		}
		finally {
			this.turn.release();
		}
	}

	/**
	 * Closes the listeners a test opened on the implementation itself and left open, so
	 * they do not answer in the next test sharing the context; the context's own
	 * listeners stay.
	 */
	private void closeListenersTheTestOpened() {
		NgiListenerRegistry registry = this.registry.getIfAvailable();
		Set<SocketAddress> own = new HashSet<>();
		if (registry != null) {
			for (NgiRegisteredListener listener : registry.listeners()) {
				SocketAddress bound = listener.boundAddress();
				if (bound != null) {
					own.add(bound);
				}
			}
		}
		for (AutoCloseable listener : this.implementation.openListeners()) {
			SocketAddress address = (listener instanceof Listener tcp) ? tcp.address()
					: ((UdpListener) listener).address();
			if (!own.contains(address)) {
				try {
					listener.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException("could not close " + listener + " the test left open", ex);
				}
			}
		}
	}

	private NgiRegisteredListener listener(String name) {
		NgiListenerRegistry registry = registry();
		NgiRegisteredListener listener = registry.listener(name);
		if (listener == null) {
			throw new IllegalArgumentException("No NGI listener named '" + name + "' in the test context; it has "
					+ listenerNames() + ". With @NgiTest, check servers = ... and @Import the configuration of"
					+ " @Bean-defined servers.");
		}
		return listener;
	}

	private SocketAddress openAddress(NgiRegisteredListener listener) {
		Implementation used = registry().implementation();
		if (used != this.implementation) {
			throw new IllegalStateException("NGI listener '" + listener.name()
					+ "' does not run on the test context's TestingImplementation but on " + used
					+ "; remove the other primary io.ngi.Implementation bean from the test context");
		}
		SocketAddress address = listener.boundAddress();
		if (address == null || !listener.isOpen()) {
			throw new IllegalStateException("NGI listener '" + listener.name()
					+ "' is not open: the context has not started it, or it was stopped");
		}
		return address;
	}

	private NgiListenerRegistry registry() {
		NgiListenerRegistry registry = this.registry.getIfAvailable();
		if (registry == null) {
			throw new IllegalStateException("The test context has no NgiListenerRegistry: NGI is disabled"
					+ " (ngi.enabled=false) or NgiAutoConfiguration is excluded");
		}
		return registry;
	}

}
