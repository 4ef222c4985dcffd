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

package io.ngi.spring.boot.actuate;

import java.util.Objects;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.context.ApplicationListener;

import io.ngi.spring.boot.autoconfigure.NgiClientRegistry;
import io.ngi.spring.boot.autoconfigure.NgiListenersStartedEvent;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredClient;

/**
 * Registers the Micrometer meters of each {@code @NgiClient} when the context starts,
 * tagged {@code client=<name>} (never a remote address):
 * <ul>
 * <li>{@code ngi.client.connects}, tagged {@code outcome=success|failure}: connects that
 * succeeded, and connects that failed (refused, timed out, a TLS handshake failure, a
 * server that threw);</li>
 * <li>{@code ngi.client.connected} (gauge): 1 while the client has an open connection, 0
 * otherwise.</li>
 * </ul>
 * The meters read the client's counters, so they add nothing to the connect path. They
 * count over every start of the context, and registration is idempotent.
 */
public final class NgiClientMetrics implements ApplicationListener<NgiListenersStartedEvent> {

	private final MeterRegistry registry;

	private final NgiClientRegistry clients;

	/**
	 * Creates the binder.
	 * @param registry where the meters are registered
	 * @param clients the clients to measure
	 */
	public NgiClientMetrics(MeterRegistry registry, NgiClientRegistry clients) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.clients = Objects.requireNonNull(clients, "clients");
	}

	@Override
	public void onApplicationEvent(NgiListenersStartedEvent event) {
		this.clients.clients().forEach(this::bind);
	}

	/**
	 * Registers the meters of one client.
	 * @param client the client
	 */
	public void bind(NgiRegisteredClient client) {
		FunctionCounter.builder("ngi.client.connects", client, NgiRegisteredClient::successfulConnects)
			.description("Connects of an NGI client, by outcome")
			.tags(Tags.of("client", client.name(), "outcome", "success"))
			.register(this.registry);
		FunctionCounter.builder("ngi.client.connects", client, NgiRegisteredClient::failedConnects)
			.description("Connects of an NGI client, by outcome")
			.tags(Tags.of("client", client.name(), "outcome", "failure"))
			.register(this.registry);
		Gauge.builder("ngi.client.connected", client, (c) -> c.isConnected() ? 1 : 0)
			.description("Whether an NGI client has an open connection (1) or not (0)")
			.tags(Tags.of("client", client.name()))
			.strongReference(true)
			.register(this.registry);
	}

}
