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

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.ngi.Addresses;
import io.ngi.CloseReason;
import io.ngi.Implementation;
import io.ngi.nio.LoopStatistics;
import io.ngi.nio.NioImplementation;
import io.ngi.spring.boot.autoconfigure.NgiClientRegistry;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredClient;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredListener;

/**
 * The {@code ngi} health indicator: UP while the listeners run, every enabled listener is
 * bound and the implementation is not closed; DOWN otherwise. Details list each
 * listener's bound address, whether it is open and its open connections; with the NIO
 * implementation also {@code loopFailures}, how many loop iterations failed outside any
 * connection's calls (each logged as {@code "loop iteration failed on <loop>; the loop
 * goes on"}). A failure does not make the health DOWN: the loop goes on serving. And
 * {@code blockedLoops}: each loop blocked right now by a handler call, task or timer
 * running longer than {@code ngi.loop.blocked-threshold} (the loop, for how long, by
 * what); health is DOWN only once one has been blocked longer than
 * {@code ngi.loop.blocked-health-down-after} (if set). From the moment a shutdown stops
 * the listeners accepting, the status is {@code OUT_OF_SERVICE} (detail
 * {@code draining}), so that a load balancer's next health check routes new clients
 * elsewhere while open connections drain.
 * <p>
 * Clients ({@code @NgiClient}) are listed under {@code clients} with their address,
 * whether they are connected, their state and attempts. A disconnected client leaves the
 * health UP (it is reconnecting; an upstream outage is not this application's), unless
 * {@code ngi.clients.<name>.required=true}.
 */
public final class NgiHealthIndicator extends AbstractHealthIndicator {

	private final NgiListenerRegistry registry;

	private final Duration blockedDownAfter;

	private final @Nullable NgiClientRegistry clients;

	/**
	 * Creates the indicator for listeners only.
	 * @param registry the listeners to report on
	 */
	public NgiHealthIndicator(NgiListenerRegistry registry) {
		this(registry, null, Duration.ZERO);
	}

	/**
	 * Creates the indicator.
	 * @param registry the listeners to report on
	 * @param clients the clients to report on, or {@code null} for none
	 * @param blockedDownAfter how long a loop may stay blocked before health is DOWN,
	 * zero for never
	 */
	public NgiHealthIndicator(NgiListenerRegistry registry, @Nullable NgiClientRegistry clients,
			Duration blockedDownAfter) {
		super("NGI health check failed");
		this.registry = Objects.requireNonNull(registry, "registry");
		this.clients = clients;
		this.blockedDownAfter = Objects.requireNonNull(blockedDownAfter, "blockedDownAfter");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = this.registry.isRunning();
		Map<String, Object> listeners = new LinkedHashMap<>();
		for (NgiRegisteredListener listener : this.registry.listeners()) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("transport", listener.transport().tag());
			details.put("address", format(listener));
			details.put("open", listener.isOpen());
			details.put("connections", listener.openConnections());
			listeners.put(listener.name(), details);
			up &= listener.isOpen();
		}
		builder.withDetail("running", this.registry.isRunning()).withDetail("listeners", listeners);
		if (this.clients != null && !this.clients.clients().isEmpty()) {
			Map<String, Object> clients = new LinkedHashMap<>();
			for (NgiRegisteredClient client : this.clients.clients()) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("address", client.formattedAddress());
				details.put("connected", client.isConnected());
				details.put("state", client.state().name().toLowerCase(Locale.ROOT));
				details.put("attempts", client.attempts());
				details.put("required", client.required());
				CloseReason failure = client.lastFailure();
				if (failure != null && !client.isConnected()) {
					details.put("lastFailure", failure.toString());
				}
				clients.put(client.name(), details);
				up &= client.isConnected() || !client.required();
			}
			builder.withDetail("clients", clients);
		}
		Implementation implementation = this.registry.implementation();
		if (implementation instanceof NioImplementation nio) {
			builder.withDetail("loopFailures", nio.loopFailures());
			List<Map<String, Object>> blocked = new ArrayList<>();
			for (LoopStatistics loop : nio.loopStatistics()) {
				Duration blockedFor = loop.blockedFor();
				if (blockedFor != null) {
					Map<String, Object> details = new LinkedHashMap<>();
					details.put("loop", loop.name());
					details.put("blockedForMillis", blockedFor.toMillis());
					details.put("blockedBy", loop.blockedNow());
					blocked.add(details);
					up &= this.blockedDownAfter.isZero() || blockedFor.compareTo(this.blockedDownAfter) <= 0;
				}
			}
			builder.withDetail("blockedLoops", blocked);
			up &= !nio.isClosed();
		}
		if (this.registry.isDraining()) {
			// Shutting down: the listeners stopped accepting. A balancer that checks this
			// health takes the instance out of rotation while connections drain.
			builder.withDetail("draining", true).outOfService();
		}
		else if (up) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private static String format(NgiRegisteredListener listener) {
		@Nullable SocketAddress bound = listener.boundAddress();
		return (bound != null) ? Addresses.format(bound) : "not bound (" + listener.settings().address() + ")";
	}

}
