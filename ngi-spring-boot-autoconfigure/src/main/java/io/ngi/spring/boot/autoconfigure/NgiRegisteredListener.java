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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.ngi.Implementation;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.UdpListener;

/**
 * One listener declared by an {@code @NgiServer} or {@code @NgiUdpHandler} bean, as kept
 * by the {@link NgiListenerRegistry}. Thread-safe: the registry opens and stops it on the
 * context's lifecycle thread; the query methods may be called from any thread.
 */
public final class NgiRegisteredListener {

	private final String name;

	private final String beanName;

	private final NgiListenerSettings settings;

	private final SocketAddress configuredAddress;

	private final NgiTransport transport;

	private final @Nullable Server server;

	private final @Nullable UdpHandler udpHandler;

	private final ListenOptions options;

	private final NgiListenerStatistics statistics;

	private final @Nullable NgiListenerTls tls;

	private volatile @Nullable Listener listener;

	private volatile @Nullable UdpListener udpListener;

	NgiRegisteredListener(String name, String beanName, NgiListenerSettings settings, SocketAddress configuredAddress,
			NgiTransport transport, @Nullable Server server, @Nullable UdpHandler udpHandler,
			ListenOptions.Builder options, NgiListenerStatistics statistics, @Nullable NgiListenerTls tls) {
		this.name = Objects.requireNonNull(name, "name");
		this.beanName = Objects.requireNonNull(beanName, "beanName");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.configuredAddress = Objects.requireNonNull(configuredAddress, "configuredAddress");
		this.transport = Objects.requireNonNull(transport, "transport");
		this.server = server;
		this.udpHandler = udpHandler;
		this.statistics = Objects.requireNonNull(statistics, "statistics");
		this.tls = tls;
		this.options = options.observer(statistics.observer()).tls((tls != null) ? tls.options() : null).build();
	}

	/**
	 * Returns the listener name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the name of the annotated bean.
	 * @return the bean name
	 */
	public String beanName() {
		return this.beanName;
	}

	/**
	 * Returns the listener's transport.
	 * @return the transport
	 */
	public NgiTransport transport() {
		return this.transport;
	}

	/**
	 * Returns the effective settings.
	 * @return the settings
	 */
	public NgiListenerSettings settings() {
		return this.settings;
	}

	/**
	 * Returns the configured address, where port 0 means any free port.
	 * @return the configured address
	 */
	public SocketAddress configuredAddress() {
		return this.configuredAddress;
	}

	/**
	 * Returns the address the listener is bound to, with port 0 resolved.
	 * @return the bound address, or {@code null} if the listener was never opened
	 */
	public @Nullable SocketAddress boundAddress() {
		Listener tcp = this.listener;
		if (tcp != null) {
			return tcp.address();
		}
		UdpListener udp = this.udpListener;
		return (udp != null) ? udp.address() : null;
	}

	/**
	 * Returns whether the listener accepts connections or receives datagrams now.
	 * @return whether it is open
	 */
	public boolean isOpen() {
		Listener tcp = this.listener;
		if (tcp != null) {
			return tcp.isOpen();
		}
		UdpListener udp = this.udpListener;
		return udp != null && udp.isOpen();
	}

	/**
	 * Returns how many of the listener's connections are open now; 0 for UDP.
	 * @return the number of open connections
	 */
	public int openConnections() {
		Listener tcp = this.listener;
		return (tcp != null) ? tcp.connections().size() : 0;
	}

	/**
	 * Returns the listener's traffic counters.
	 * @return the statistics
	 */
	public NgiListenerStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Returns the listener's TLS: its bundle, options and current context.
	 * @return the TLS, or {@code null} for a plaintext listener
	 */
	public @Nullable NgiListenerTls tls() {
		return this.tls;
	}

	void open(Implementation implementation) {
		if (this.server != null) {
			this.listener = implementation.listen(this.configuredAddress, this.server, this.options);
		}
		else {
			this.udpListener = implementation.listenUdp(this.configuredAddress, Objects.requireNonNull(this.udpHandler),
					this.options);
		}
	}

	CompletableFuture<Void> stopAccepting() {
		Listener tcp = this.listener;
		if (tcp != null) {
			return tcp.stop();
		}
		UdpListener udp = this.udpListener;
		if (udp != null) {
			udp.close();
		}
		return CompletableFuture.completedFuture(null);
	}

	int closeNow() {
		Listener tcp = this.listener;
		if (tcp != null) {
			int remaining = tcp.connections().size();
			tcp.close();
			return remaining;
		}
		UdpListener udp = this.udpListener;
		if (udp != null) {
			udp.close();
		}
		return 0;
	}

	/**
	 * Returns the open TCP or Unix listener, for diagnostics (the endpoint's
	 * per-connection view).
	 * @return the listener, or {@code null} when not open or for UDP
	 */
	public @Nullable Listener openListener() {
		return this.listener;
	}

	@Override
	public String toString() {
		return "NgiRegisteredListener[name=" + this.name + ", bean=" + this.beanName + ", transport=" + this.transport
				+ ", address=" + this.settings.address() + ", tls=" + ((this.tls != null) ? this.tls.bundle() : "off")
				+ "]";
	}

}
