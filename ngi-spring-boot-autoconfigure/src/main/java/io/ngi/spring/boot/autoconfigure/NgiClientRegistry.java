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

package io.ngi.spring.boot.autoconfigure;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

import io.ngi.Implementation;
import io.ngi.spring.annotation.NgiClient;

/**
 * Runs the {@link NgiClient @NgiClient} beans: each becomes an
 * {@link NgiRegisteredClient} whose {@code ReconnectingClient} connects once the context
 * is refreshed and is closed when it stops. Inject it to reach a client by name:
 *
 * {@snippet :
 * &#64;Component
 * class Alerts {
 *
 * 	private final NgiClientRegistry clients;
 *
 * 	Alerts(NgiClientRegistry clients) {
 * 		this.clients = clients;
 * 	}
 *
 * 	void send(String alert) {
 * 		if (!this.clients.client("pager").write((alert + "\n").getBytes(UTF_8))) {
 * 			// not connected now: the pager client is reconnecting
 * 		}
 * 	}
 *
 * }
 * }
 * <p>
 * The clients are found and checked when all singletons are instantiated (after the
 * {@link NgiListenerRegistry}, whose names they must not repeat), so a configuration
 * error fails startup before anything connects. The registry is a {@link SmartLifecycle}
 * in the listeners' graceful-shutdown phase, which starts after their start-stop phase,
 * so it starts after the listeners opened (an address may use
 * {@code ${local.ngi.<listener>.port}}), and stops as they start to drain (a client of
 * the application's own listener does not hold the drain open). Stopping closes every
 * client: a pending wait is cancelled, an open connection is closed after its queued
 * output, nothing waits, so the stop takes no part of the phase's timeout. Lifecycle
 * methods are called by the context; the query methods are thread-safe.
 */
public final class NgiClientRegistry
		implements SmartLifecycle, SmartInitializingSingleton, ApplicationContextAware, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(NgiClientRegistry.class);

	private final ObjectProvider<Implementation> implementation;

	private final NgiProperties properties;

	private final NgiListenerRegistry listeners;

	private @Nullable ConfigurableApplicationContext context;

	private volatile List<NgiRegisteredClient> clients = List.of();

	private volatile boolean running;

	/**
	 * Creates a registry.
	 * @param implementation supplies the implementation that connects
	 * @param properties the NGI properties
	 * @param listeners the listener registry, whose listeners open first
	 */
	NgiClientRegistry(ObjectProvider<Implementation> implementation, NgiProperties properties,
			NgiListenerRegistry listeners) {
		this.implementation = Objects.requireNonNull(implementation, "implementation");
		this.properties = Objects.requireNonNull(properties, "properties");
		this.listeners = Objects.requireNonNull(listeners, "listeners");
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		if (!(applicationContext instanceof ConfigurableApplicationContext configurable)) {
			throw new IllegalArgumentException(
					"NgiClientRegistry needs a ConfigurableApplicationContext: " + applicationContext);
		}
		this.context = configurable;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableApplicationContext context = context();
		List<String> listenerNames = this.listeners.listeners().stream().map(NgiRegisteredListener::name).toList();
		this.clients = List
			.copyOf(new NgiClientCollector(context.getBeanFactory(), context.getEnvironment(), this.properties)
				.collect(listenerNames));
	}

	/**
	 * Returns the enabled clients, in registration order.
	 * @return the clients, empty before the context's singletons are instantiated
	 */
	public List<NgiRegisteredClient> clients() {
		return this.clients;
	}

	/**
	 * Returns one client by name.
	 * @param name the client name
	 * @return the client
	 * @throws IllegalArgumentException if no enabled client has that name, listing the
	 * names
	 */
	public NgiRegisteredClient client(String name) {
		NgiRegisteredClient client = find(name);
		if (client == null) {
			throw new IllegalArgumentException("No enabled NGI client is named '" + name + "'; the clients are "
					+ this.clients.stream().map(NgiRegisteredClient::name).toList()
					+ ". Check @NgiClient(name = ...) and ngi.clients." + name + ".enabled.");
		}
		return client;
	}

	/**
	 * Returns one client by name, if there is one.
	 * @param name the client name
	 * @return the client, or {@code null} if no enabled client has that name
	 */
	public @Nullable NgiRegisteredClient find(String name) {
		Objects.requireNonNull(name, "name");
		for (NgiRegisteredClient client : this.clients) {
			if (client.name().equals(name)) {
				return client;
			}
		}
		return null;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		List<NgiRegisteredClient> toStart = this.clients;
		if (!toStart.isEmpty()) {
			Implementation implementation = this.implementation.getIfUnique();
			if (implementation == null) {
				NgiRegisteredClient first = toStart.get(0);
				throw new NgiStartupException(
						"NGI client '" + first.name() + "' (bean '" + first.beanName()
								+ "') cannot start: the context has no unique io.ngi.Implementation bean.",
						"Let NgiAutoConfiguration define the NIO implementation (remove the extra Implementation"
								+ " beans), or define exactly one io.ngi.Implementation bean.",
						null);
			}
			List<NgiRegisteredClient> started = new ArrayList<>();
			try {
				for (NgiRegisteredClient client : toStart) {
					client.start(implementation, resolveAddress(client));
					started.add(client);
					logger.info("NGI client '{}' connecting to {}{}", client.name(), client.formattedAddress(),
							(client.tls() != null) ? " (TLS with SSL bundle '" + client.tls().bundle() + "')" : "");
				}
			}
			catch (RuntimeException ex) {
				started.forEach(NgiRegisteredClient::close);
				throw ex;
			}
		}
		this.running = true;
	}

	/**
	 * Resolves an address that waited for the listeners' ports, now that they are
	 * published.
	 */
	private SocketAddress resolveAddress(NgiRegisteredClient client) {
		SocketAddress address = client.address();
		if (address != null && !client.resolvedAtStart()) {
			return address;
		}
		String what = "NGI client '" + client.name() + "' (bean '" + client.beanName() + "')";
		String text;
		try {
			text = context().getEnvironment().resolveRequiredPlaceholders(client.configuredAddress());
		}
		catch (IllegalArgumentException ex) {
			throw new NgiStartupException(
					what + " has the address '" + client.configuredAddress() + "', which cannot be resolved: "
							+ ex.getMessage(),
					"A ${local.ngi.<name>.port} placeholder must name an enabled @NgiServer of this application"
							+ " (listeners: "
							+ this.listeners.listeners().stream().map(NgiRegisteredListener::name).toList()
							+ "), or set ngi.clients." + client.name() + ".address.",
					ex);
		}
		return NgiClientCollector.parse(what, client.name(), text);
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public synchronized void stop(Runnable callback) {
		Objects.requireNonNull(callback, "callback");
		try {
			if (this.running) {
				this.running = false;
				closeAll();
			}
		}
		finally {
			callback.run();
		}
	}

	private void closeAll() {
		for (NgiRegisteredClient client : this.clients) {
			try {
				client.close();
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to close NGI client '{}'", client.name(), ex);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return NgiListenerRegistry.GRACEFUL_SHUTDOWN_PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public void destroy() {
		this.running = false;
		closeAll();
	}

	private ConfigurableApplicationContext context() {
		ConfigurableApplicationContext context = this.context;
		if (context == null) {
			throw new IllegalStateException("NgiClientRegistry has no application context yet");
		}
		return context;
	}

}
