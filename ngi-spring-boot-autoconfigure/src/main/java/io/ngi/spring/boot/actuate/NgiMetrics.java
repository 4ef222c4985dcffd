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
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.context.ApplicationListener;

import io.ngi.ProxyProtocol;
import io.ngi.spring.boot.autoconfigure.NgiListenerStatistics;
import io.ngi.spring.boot.autoconfigure.NgiListenersStartedEvent;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredListener;
import io.ngi.spring.boot.autoconfigure.NgiTransport;

/**
 * Registers the Micrometer meters of each NGI listener when the listeners open, tagged
 * {@code listener=<name>} and {@code transport=tcp|udp|unix} (never a remote address):
 * <ul>
 * <li>TCP and Unix listeners: {@code ngi.connections.active} (gauge),
 * {@code ngi.connections.accepted}, {@code ngi.bytes.received}, {@code ngi.bytes.sent},
 * {@code ngi.handler.errors};</li>
 * <li>UDP listeners: {@code ngi.udp.messages.received}, {@code ngi.bytes.received},
 * {@code ngi.handler.errors};</li>
 * <li>listeners reading the PROXY protocol, also: {@code ngi.proxy.rejected}, tagged
 * {@code listener=<name>}: connections closed for their header;</li>
 * <li>TLS listeners, also: {@code ngi.tls.handshakes}, tagged {@code listener=<name>} and
 * {@code outcome=success|failure|timeout|abandoned} (abandoned: the peer closed or reset
 * before the handshake completed, as a balancer's TCP health check does; a handshake cut
 * short by the listener's stop is not counted).</li>
 * </ul>
 * The meters read the listener's {@link NgiListenerStatistics}, so they add nothing to
 * the I/O path. Registration is idempotent: a restarted listener keeps its meters.
 */
public final class NgiMetrics implements ApplicationListener<NgiListenersStartedEvent> {

	private final MeterRegistry registry;

	/**
	 * Creates the binder.
	 * @param registry where the meters are registered
	 */
	public NgiMetrics(MeterRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	@Override
	public void onApplicationEvent(NgiListenersStartedEvent event) {
		event.getListeners().forEach(this::bind);
	}

	/**
	 * Registers the meters of one listener.
	 * @param listener the listener
	 */
	public void bind(NgiRegisteredListener listener) {
		NgiListenerStatistics stats = listener.statistics();
		Tags tags = Tags.of("listener", listener.name(), "transport", listener.transport().tag());
		if (listener.transport() == NgiTransport.UDP) {
			counter("ngi.udp.messages.received", "Datagrams received", null, tags, stats,
					NgiListenerStatistics::datagramsReceived);
		}
		else {
			Gauge.builder("ngi.connections.active", stats, NgiListenerStatistics::active)
				.description("Connections open now")
				.tags(tags)
				.strongReference(true)
				.register(this.registry);
			counter("ngi.connections.accepted", "Connections accepted", null, tags, stats,
					NgiListenerStatistics::accepted);
			counter("ngi.bytes.sent", "Bytes sent", "bytes", tags, stats, NgiListenerStatistics::bytesSent);
		}
		counter("ngi.bytes.received", "Bytes received", "bytes", tags, stats, NgiListenerStatistics::bytesReceived);
		counter("ngi.handler.errors", "Server or handler failures", null, tags, stats,
				NgiListenerStatistics::handlerErrors);
		if (listener.transport() != NgiTransport.UDP && listener.settings().proxyProtocol() != ProxyProtocol.OFF) {
			counter("ngi.proxy.rejected", "Connections closed for their PROXY protocol header", null,
					Tags.of("listener", listener.name()), stats, NgiListenerStatistics::proxyHeadersRejected);
		}
		if (listener.tls() != null) {
			handshakes(listener.name(), "success", stats, NgiListenerStatistics::tlsHandshakesSucceeded);
			handshakes(listener.name(), "failure", stats, NgiListenerStatistics::tlsHandshakesFailed);
			handshakes(listener.name(), "timeout", stats, NgiListenerStatistics::tlsHandshakesTimedOut);
			handshakes(listener.name(), "abandoned", stats, NgiListenerStatistics::tlsHandshakesAbandoned);
		}
	}

	private void handshakes(String listener, String outcome, NgiListenerStatistics stats,
			ToLongFunction<NgiListenerStatistics> value) {
		counter("ngi.tls.handshakes", "TLS handshakes of accepted connections, by outcome", null,
				Tags.of("listener", listener, "outcome", outcome), stats, value);
	}

	private void counter(String name, String description, @Nullable String baseUnit, Tags tags,
			NgiListenerStatistics stats, ToLongFunction<NgiListenerStatistics> value) {
		FunctionCounter.Builder<NgiListenerStatistics> builder = FunctionCounter
			.builder(name, stats, (s) -> value.applyAsLong(s))
			.description(description)
			.tags(tags);
		if (baseUnit != null) {
			builder.baseUnit(baseUnit);
		}
		builder.register(this.registry);
	}

}
