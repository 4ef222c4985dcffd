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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.ngi.ClientAuth;
import io.ngi.ProxyProtocol;

/**
 * Configuration properties of NGI, under {@code ngi.*}. Bound once at startup; read it
 * from any thread afterwards.
 * <p>
 * Per-listener values come from {@code ngi.servers.<name>.*} when set, else from
 * {@code ngi.defaults.*}; {@link #listener(String)} resolves them. The values are checked
 * when they are bound ({@link #validate}): a bad one fails startup with Boot's failure
 * analysis naming the property.
 *
 * {@snippet lang = "properties" :
 * ngi.loops=2
 * ngi.servers.echo.address=127.0.0.1:8000
 * ngi.servers.echo.max-connections=1000
 * ngi.defaults.max-line-length=8KB
 * }
 */
@ConfigurationProperties("ngi")
public class NgiProperties implements Validator {

	/**
	 * Creates the properties, with their defaults.
	 */
	public NgiProperties() {
	}

	/**
	 * Whether to enable NGI's auto-configuration and annotated listeners.
	 */
	private boolean enabled = true;

	/**
	 * Number of event-loop threads (named ngi-loop-N) of the NIO implementation; 0 for
	 * one per available processor.
	 */
	private int loops = 0;

	/**
	 * How long listeners may drain open connections on shutdown before they are closed.
	 * The drain also ends within spring.lifecycle.timeout-per-shutdown-phase.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * How long, on shutdown, the listeners keep accepting after the ngi health turns
	 * OUT_OF_SERVICE (draining), so that a load balancer's health checks take the
	 * instance out of rotation before its listeners refuse connections; 0 to stop
	 * accepting at once. Counted within spring.lifecycle.timeout-per-shutdown-phase,
	 * before the drain.
	 */
	private Duration shutdownDelay = Duration.ZERO;

	/**
	 * Whether every listener binds a free port (port 0 on its configured host) instead of
	 * its configured one, as server.port=0 does for the web server: the one switch a
	 * @SpringBootTest on real sockets needs. Bound ports are published as
	 * local.ngi.<name>.port (@LocalNgiPort in tests).
	 */
	private boolean ephemeralPorts;

	private final Output output = new Output();

	private final Loop loop = new Loop();

	private final Defaults defaults = new Defaults();

	private final Imperative imperative = new Imperative();

	/**
	 * Listener settings by listener name (the name of an @NgiServer or @NgiUdpHandler):
	 * address, enabled, backlog, max-connections, udp-buffer-size, max-line-length,
	 * max-frame-length, allow-half-close, idle-timeout, ssl.bundle, ssl.client-auth,
	 * ssl.handshake-timeout, proxy-protocol and trusted-proxies. Each overrides the
	 * annotation and ngi.defaults.
	 */
	private final Map<String, ListenerProperties> servers = new LinkedHashMap<>();

	/**
	 * Client settings by client name (the name of an @NgiClient): address, enabled,
	 * connect-timeout, idle-timeout, backoff.initial, backoff.max, ssl.bundle,
	 * ssl.server-name and required. Each overrides the annotation.
	 */
	private final Map<String, NgiClientProperties> clients = new LinkedHashMap<>();

	/**
	 * Returns whether NGI is enabled.
	 * @return whether NGI is enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether NGI is enabled.
	 * @param enabled whether NGI is enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns whether every listener binds a free port instead of its configured one.
	 * @return whether ports are ephemeral
	 */
	public boolean isEphemeralPorts() {
		return this.ephemeralPorts;
	}

	/**
	 * Sets whether every listener binds a free port instead of its configured one.
	 * @param ephemeralPorts whether ports are ephemeral
	 */
	public void setEphemeralPorts(boolean ephemeralPorts) {
		this.ephemeralPorts = ephemeralPorts;
	}

	/**
	 * Returns the number of loop threads; 0 for one per available processor.
	 * @return the number of loop threads
	 */
	public int getLoops() {
		return this.loops;
	}

	/**
	 * Sets the number of loop threads.
	 * @param loops the number, 0 for one per available processor
	 */
	public void setLoops(int loops) {
		if (loops < 0) {
			throw new IllegalArgumentException("ngi.loops must be >= 0: " + loops);
		}
		this.loops = loops;
	}

	/**
	 * Returns the number of loop threads to start: {@link #getLoops()}, or the number of
	 * available processors when that is 0.
	 * @return the effective number of loop threads, &gt; 0
	 */
	public int effectiveLoops() {
		return (this.loops > 0) ? this.loops : Runtime.getRuntime().availableProcessors();
	}

	/**
	 * Returns how long listeners may drain on shutdown.
	 * @return the drain timeout
	 */
	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * Sets how long listeners may drain on shutdown.
	 * @param shutdownTimeout the drain timeout
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
	}

	/**
	 * Returns how long listeners keep accepting on shutdown after the health turns
	 * OUT_OF_SERVICE.
	 * @return the delay, zero for none
	 */
	public Duration getShutdownDelay() {
		return this.shutdownDelay;
	}

	/**
	 * Sets how long listeners keep accepting on shutdown after the health turns
	 * OUT_OF_SERVICE.
	 * @param shutdownDelay the delay, zero for none
	 */
	public void setShutdownDelay(Duration shutdownDelay) {
		Objects.requireNonNull(shutdownDelay, "shutdownDelay");
		if (shutdownDelay.isNegative()) {
			throw new IllegalArgumentException("ngi.shutdown-delay must not be negative: " + shutdownDelay);
		}
		this.shutdownDelay = shutdownDelay;
	}

	/**
	 * Returns the blocked-loop detection settings of the NIO implementation.
	 * @return the loop settings
	 */
	public Loop getLoop() {
		return this.loop;
	}

	/**
	 * Returns the output buffering settings of the NIO implementation.
	 * @return the output settings
	 */
	public Output getOutput() {
		return this.output;
	}

	/**
	 * Returns how imperative handlers' bodies run.
	 * @return the imperative settings
	 */
	public Imperative getImperative() {
		return this.imperative;
	}

	/**
	 * Returns the settings every listener gets unless {@code ngi.servers.<name>.*}
	 * overrides them.
	 * @return the listener defaults
	 */
	public Defaults getDefaults() {
		return this.defaults;
	}

	/**
	 * Returns the per-listener settings, by listener name.
	 * @return the mutable map of per-listener settings
	 */
	public Map<String, ListenerProperties> getServers() {
		return this.servers;
	}

	/**
	 * Returns the per-client settings, by client name.
	 * @return the mutable map of per-client settings
	 */
	public Map<String, NgiClientProperties> getClients() {
		return this.clients;
	}

	/**
	 * Resolves the settings of one listener: {@code ngi.servers.<name>.*} where set,
	 * {@code ngi.defaults.*} otherwise. The starter applies them to the listener (the
	 * line and frame limits reach {@code new Lines(connection)} and
	 * {@code new Sized(connection)}); read them only to use a limit elsewhere.
	 * @param name the listener name
	 * @return the effective settings; the address is {@code ngi.servers.<name>.address},
	 * {@code null} when not set (the annotation's address is not known here)
	 */
	public NgiListenerSettings listener(String name) {
		return listener(name, "");
	}

	/**
	 * Resolves the settings of one listener as {@link #listener(String)} does, with the
	 * annotation's address used when {@code ngi.servers.<name>.address} is not set.
	 * @param name the listener name
	 * @param annotationAddress the address from the annotation, empty if none
	 * @return the effective settings
	 */
	NgiListenerSettings listener(String name, String annotationAddress) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(annotationAddress, "annotationAddress");
		ListenerProperties server = this.servers.getOrDefault(name, new ListenerProperties());
		String address = hasText(server.getAddress()) ? server.getAddress()
				: hasText(annotationAddress) ? annotationAddress : null;
		return new NgiListenerSettings(name, (address != null) ? address.strip() : null,
				(server.getEnabled() != null) ? server.getEnabled() : true,
				(server.getBacklog() != null) ? server.getBacklog() : this.defaults.getBacklog(),
				(server.getMaxConnections() != null) ? server.getMaxConnections() : this.defaults.getMaxConnections(),
				orDefault(server.getUdpBufferSize(), this.defaults.getUdpBufferSize()),
				orDefault(server.getMaxLineLength(), this.defaults.getMaxLineLength()),
				orDefault(server.getMaxFrameLength(), this.defaults.getMaxFrameLength()),
				(server.getAllowHalfClose() != null) ? server.getAllowHalfClose() : this.defaults.isAllowHalfClose(),
				(server.getIdleTimeout() != null) ? server.getIdleTimeout() : this.defaults.getIdleTimeout(),
				ssl(server.getSsl()),
				(server.getProxyProtocol() != null) ? server.getProxyProtocol() : this.defaults.getProxyProtocol(),
				List.copyOf((server.getTrustedProxies() != null) ? server.getTrustedProxies()
						: this.defaults.getTrustedProxies()));
	}

	/**
	 * Returns whether this validator checks {@code type}.
	 * @param type the type to check
	 * @return whether it is {@code NgiProperties}
	 */
	@Override
	public boolean supports(Class<?> type) {
		return NgiProperties.class.isAssignableFrom(type);
	}

	/**
	 * Checks the values that bind alone but do not fit together or with the core's limits
	 * (the output marks' order, the listeners' sizes and CIDR blocks, the clients'
	 * back-off). Called by Boot after binding.
	 * @param target the bound properties
	 * @param errors where each bad value is reported, by its field path
	 */
	@Override
	public void validate(Object target, Errors errors) {
		NgiPropertiesValidator.validate((NgiProperties) target, errors);
	}

	private NgiListenerSettings.Ssl ssl(ListenerSsl server) {
		String bundle = hasText(server.getBundle()) ? server.getBundle().strip() : null;
		DefaultSsl defaults = this.defaults.getSsl();
		return new NgiListenerSettings.Ssl(bundle,
				(server.getClientAuth() != null) ? server.getClientAuth() : defaults.getClientAuth(),
				(server.getHandshakeTimeout() != null) ? server.getHandshakeTimeout() : defaults.getHandshakeTimeout());
	}

	private static DataSize orDefault(@Nullable DataSize value, DataSize fallback) {
		return (value != null) ? value : fallback;
	}

	private static boolean hasText(@Nullable String text) {
		return text != null && !text.isBlank();
	}

	/**
	 * Blocked-loop detection of the NIO implementation: a handler call, task or timer
	 * that runs longer than the threshold on an event loop keeps every other connection
	 * of the loop waiting; it is logged (WARN with the loop thread's stack, then INFO
	 * when it ends), counted (ngi.loop.blocked) and listed in the ngi health details
	 * (blockedLoops).
	 */
	public static class Loop {

		/**
		 * Creates the loop settings, with their defaults.
		 */
		public Loop() {
		}

		/**
		 * How long one handler call, task or timer may run on a loop before the loop is
		 * reported blocked; 0 turns detection off.
		 */
		private Duration blockedThreshold = Duration.ofMillis(500);

		/**
		 * How long a loop may stay blocked before the ngi health indicator reports DOWN
		 * and the application's liveness state turns BROKEN (CORRECT again when the loop
		 * is free); 0 never to (a blocked loop is then only listed in the details).
		 */
		private Duration blockedHealthDownAfter = Duration.ZERO;

		/**
		 * Returns the blocked-loop threshold.
		 * @return the threshold, zero for none
		 */
		public Duration getBlockedThreshold() {
			return this.blockedThreshold;
		}

		/**
		 * Sets the blocked-loop threshold.
		 * @param blockedThreshold the threshold, zero for none, otherwise at least 10 ms
		 */
		public void setBlockedThreshold(Duration blockedThreshold) {
			Objects.requireNonNull(blockedThreshold, "blockedThreshold");
			if (blockedThreshold.isNegative() || (!blockedThreshold.isZero() && blockedThreshold.toMillis() < 10)) {
				throw new IllegalArgumentException(
						"ngi.loop.blocked-threshold must be 0 (off) or at least 10ms: " + blockedThreshold);
			}
			this.blockedThreshold = blockedThreshold;
		}

		/**
		 * Returns how long a loop may stay blocked before health is DOWN.
		 * @return the duration, zero for never
		 */
		public Duration getBlockedHealthDownAfter() {
			return this.blockedHealthDownAfter;
		}

		/**
		 * Sets how long a loop may stay blocked before health is DOWN.
		 * @param blockedHealthDownAfter the duration, zero for never
		 */
		public void setBlockedHealthDownAfter(Duration blockedHealthDownAfter) {
			Objects.requireNonNull(blockedHealthDownAfter, "blockedHealthDownAfter");
			if (blockedHealthDownAfter.isNegative()) {
				throw new IllegalArgumentException(
						"ngi.loop.blocked-health-down-after must not be negative: " + blockedHealthDownAfter);
			}
			this.blockedHealthDownAfter = blockedHealthDownAfter;
		}

	}

	/**
	 * How the bodies of imperative handlers ({@code io.ngi.imperative.Imperative}) run:
	 * on virtual threads or platform threads, and how long each side of the loop-to-body
	 * hand-off polls before parking. Applied for the whole JVM when the context starts.
	 */
	public static class Imperative {

		/**
		 * Creates the imperative settings, with their defaults.
		 */
		public Imperative() {
		}

		/**
		 * Which threads imperative bodies run on: auto follows
		 * spring.threads.virtual.enabled, virtual (JDK 21 and later; platform threads on
		 * older JDKs) or platform.
		 */
		private Threads threads = Threads.AUTO;

		/**
		 * How many times a loop thread polls for an imperative body's answer before
		 * parking; polling helps only when cores are idle.
		 */
		private int spins;

		/**
		 * How many times an imperative body polls for its next event before parking.
		 */
		private int bodySpins;

		/**
		 * Returns which threads bodies run on.
		 * @return the kind of threads
		 */
		public Threads getThreads() {
			return this.threads;
		}

		/**
		 * Sets which threads bodies run on.
		 * @param threads the kind of threads
		 */
		public void setThreads(Threads threads) {
			this.threads = Objects.requireNonNull(threads, "threads");
		}

		/**
		 * Returns how many times a loop thread polls before parking.
		 * @return the spin count
		 */
		public int getSpins() {
			return this.spins;
		}

		/**
		 * Sets how many times a loop thread polls before parking.
		 * @param spins the spin count, at least 0
		 */
		public void setSpins(int spins) {
			this.spins = spins;
		}

		/**
		 * Returns how many times a body polls before parking.
		 * @return the spin count
		 */
		public int getBodySpins() {
			return this.bodySpins;
		}

		/**
		 * Sets how many times a body polls before parking.
		 * @param bodySpins the spin count, at least 0
		 */
		public void setBodySpins(int bodySpins) {
			this.bodySpins = bodySpins;
		}

		/**
		 * The threads imperative bodies run on.
		 */
		public enum Threads {

			/**
			 * Virtual threads when {@code spring.threads.virtual.enabled} is true (and
			 * the JDK has them), platform threads otherwise.
			 */
			AUTO,

			/**
			 * Virtual threads (platform threads on a JDK before 21).
			 */
			VIRTUAL,

			/**
			 * Daemon platform threads.
			 */
			PLATFORM

		}

	}

	/**
	 * Output buffering of the NIO implementation: while a connection's queued output is
	 * above the high-water mark, its input is not read until the output drains below the
	 * low-water mark; past the limit the connection is closed.
	 */
	public static class Output {

		/**
		 * Creates the output settings, with their defaults.
		 */
		public Output() {
		}

		/**
		 * Queued output per connection above which the connection's input is paused.
		 */
		private DataSize highWaterMark = DataSize.ofMegabytes(1);

		/**
		 * Queued output per connection below which paused input resumes.
		 */
		private DataSize lowWaterMark = DataSize.ofKilobytes(256);

		/**
		 * Queued output per connection above which the connection is closed. Writers that
		 * pace on Connection.isWritable() never reach it.
		 */
		private DataSize limit = DataSize.ofMegabytes(16);

		/**
		 * Returns the high-water mark.
		 * @return the high-water mark
		 */
		public DataSize getHighWaterMark() {
			return this.highWaterMark;
		}

		/**
		 * Sets the high-water mark.
		 * @param highWaterMark the high-water mark
		 */
		public void setHighWaterMark(DataSize highWaterMark) {
			this.highWaterMark = Objects.requireNonNull(highWaterMark, "highWaterMark");
		}

		/**
		 * Returns the low-water mark.
		 * @return the low-water mark
		 */
		public DataSize getLowWaterMark() {
			return this.lowWaterMark;
		}

		/**
		 * Sets the low-water mark.
		 * @param lowWaterMark the low-water mark
		 */
		public void setLowWaterMark(DataSize lowWaterMark) {
			this.lowWaterMark = Objects.requireNonNull(lowWaterMark, "lowWaterMark");
		}

		/**
		 * Returns the hard limit of queued output.
		 * @return the limit
		 */
		public DataSize getLimit() {
			return this.limit;
		}

		/**
		 * Sets the hard limit of queued output.
		 * @param limit the limit
		 */
		public void setLimit(DataSize limit) {
			this.limit = Objects.requireNonNull(limit, "limit");
		}

	}

	/**
	 * Settings every listener gets unless {@code ngi.servers.<name>.*} overrides them.
	 */
	public static class Defaults {

		/**
		 * Creates the listener defaults, with their defaults.
		 */
		public Defaults() {
		}

		/**
		 * Accept backlog of TCP listeners.
		 */
		private int backlog = 255;

		/**
		 * Maximum number of connections open at once per TCP listener; further
		 * connections are accepted and closed. -1 for no limit.
		 */
		private int maxConnections = -1;

		/**
		 * Size of the buffer a datagram is received into; longer datagrams are truncated.
		 */
		private DataSize udpBufferSize = DataSize.ofBytes(4096);

		/**
		 * Longest line the application's Lines adapters should accept.
		 */
		private DataSize maxLineLength = DataSize.ofKilobytes(64);

		/**
		 * Largest frame the application's Sized adapters should accept.
		 */
		private DataSize maxFrameLength = DataSize.ofMegabytes(16);

		/**
		 * Whether a peer's end of input is delivered to the handler as handleInputClosed,
		 * keeping the connection open for output until the handler closes it (for clients
		 * that half-close after their request, such as nc -N), instead of closing the
		 * connection once its queued output is sent.
		 */
		private boolean allowHalfClose;

		/**
		 * How long a TCP connection may neither receive nor send a byte before it is
		 * closed (its handler gets handleClose with "idle timeout"). 0 for no limit.
		 */
		private Duration idleTimeout = Duration.ZERO;

		@NestedConfigurationProperty
		private final DefaultSsl ssl = new DefaultSsl();

		/**
		 * Whether TCP listeners read a HAProxy PROXY protocol header (v1 or v2) at the
		 * start of each connection: off, optional (read one if a trusted proxy sends it)
		 * or required (close connections without a valid one from a trusted proxy).
		 */
		private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;

		/**
		 * Addresses or CIDR blocks a PROXY protocol header is accepted from.
		 */
		private List<String> trustedProxies = new ArrayList<>(List.of("127.0.0.0/8", "::1/128"));

		/**
		 * Returns whether listeners read a PROXY protocol header.
		 * @return off, optional or required
		 */
		public ProxyProtocol getProxyProtocol() {
			return this.proxyProtocol;
		}

		/**
		 * Sets whether listeners read a PROXY protocol header.
		 * @param proxyProtocol off, optional or required
		 */
		public void setProxyProtocol(ProxyProtocol proxyProtocol) {
			this.proxyProtocol = Objects.requireNonNull(proxyProtocol, "proxyProtocol");
		}

		/**
		 * Returns the addresses a PROXY protocol header is accepted from.
		 * @return IP addresses or CIDR blocks
		 */
		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		/**
		 * Sets the addresses a PROXY protocol header is accepted from.
		 * @param trustedProxies IP addresses or CIDR blocks
		 */
		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = new ArrayList<>(Objects.requireNonNull(trustedProxies, "trustedProxies"));
		}

		/**
		 * Returns the TLS defaults of the listeners that name an SSL bundle.
		 * @return the TLS defaults
		 */
		public DefaultSsl getSsl() {
			return this.ssl;
		}

		/**
		 * Returns the idle timeout.
		 * @return the idle timeout, zero for none
		 */
		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		/**
		 * Sets the idle timeout.
		 * @param idleTimeout the idle timeout, zero for none
		 */
		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
		}

		/**
		 * Returns whether half-close is allowed.
		 * @return whether the peer's end of input is delivered as handleInputClosed
		 */
		public boolean isAllowHalfClose() {
			return this.allowHalfClose;
		}

		/**
		 * Sets whether half-close is allowed.
		 * @param allowHalfClose whether the peer's end of input is delivered as
		 * handleInputClosed
		 */
		public void setAllowHalfClose(boolean allowHalfClose) {
			this.allowHalfClose = allowHalfClose;
		}

		/**
		 * Returns the accept backlog.
		 * @return the backlog
		 */
		public int getBacklog() {
			return this.backlog;
		}

		/**
		 * Sets the accept backlog.
		 * @param backlog the backlog, &gt; 0
		 */
		public void setBacklog(int backlog) {
			this.backlog = backlog;
		}

		/**
		 * Returns the connection limit.
		 * @return the limit, -1 for none
		 */
		public int getMaxConnections() {
			return this.maxConnections;
		}

		/**
		 * Sets the connection limit.
		 * @param maxConnections the limit, -1 for none
		 */
		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		/**
		 * Returns the datagram buffer size.
		 * @return the buffer size
		 */
		public DataSize getUdpBufferSize() {
			return this.udpBufferSize;
		}

		/**
		 * Sets the datagram buffer size.
		 * @param udpBufferSize the buffer size
		 */
		public void setUdpBufferSize(DataSize udpBufferSize) {
			this.udpBufferSize = Objects.requireNonNull(udpBufferSize, "udpBufferSize");
		}

		/**
		 * Returns the line length limit.
		 * @return the limit
		 */
		public DataSize getMaxLineLength() {
			return this.maxLineLength;
		}

		/**
		 * Sets the line length limit.
		 * @param maxLineLength the limit
		 */
		public void setMaxLineLength(DataSize maxLineLength) {
			this.maxLineLength = Objects.requireNonNull(maxLineLength, "maxLineLength");
		}

		/**
		 * Returns the frame length limit.
		 * @return the limit
		 */
		public DataSize getMaxFrameLength() {
			return this.maxFrameLength;
		}

		/**
		 * Sets the frame length limit.
		 * @param maxFrameLength the limit
		 */
		public void setMaxFrameLength(DataSize maxFrameLength) {
			this.maxFrameLength = Objects.requireNonNull(maxFrameLength, "maxFrameLength");
		}

	}

	/**
	 * Settings of one named listener; each value left {@code null} falls back to the
	 * annotation (address) or to {@code ngi.defaults.*}.
	 */
	public static class ListenerProperties {

		/**
		 * Creates the settings of one listener, all unset.
		 */
		public ListenerProperties() {
		}

		private @Nullable String address;

		private @Nullable Boolean enabled;

		private @Nullable Integer backlog;

		private @Nullable Integer maxConnections;

		private @Nullable DataSize udpBufferSize;

		private @Nullable DataSize maxLineLength;

		private @Nullable DataSize maxFrameLength;

		private @Nullable Boolean allowHalfClose;

		private @Nullable Duration idleTimeout;

		private @Nullable ProxyProtocol proxyProtocol;

		private @Nullable List<String> trustedProxies;

		private final ListenerSsl ssl = new ListenerSsl();

		/**
		 * Returns whether this listener reads a PROXY protocol header.
		 * @return off, optional or required; {@code null} for ngi.defaults
		 */
		public @Nullable ProxyProtocol getProxyProtocol() {
			return this.proxyProtocol;
		}

		/**
		 * Sets whether this listener reads a PROXY protocol header.
		 * @param proxyProtocol off, optional or required
		 */
		public void setProxyProtocol(@Nullable ProxyProtocol proxyProtocol) {
			this.proxyProtocol = proxyProtocol;
		}

		/**
		 * Returns the addresses this listener accepts a PROXY protocol header from.
		 * @return IP addresses or CIDR blocks; {@code null} for ngi.defaults
		 */
		public @Nullable List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		/**
		 * Sets the addresses this listener accepts a PROXY protocol header from.
		 * @param trustedProxies IP addresses or CIDR blocks
		 */
		public void setTrustedProxies(@Nullable List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
		}

		/**
		 * Returns the TLS settings of this listener.
		 * @return the TLS settings; TLS is on when a bundle is named
		 */
		public ListenerSsl getSsl() {
			return this.ssl;
		}

		/**
		 * Returns the idle timeout.
		 * @return the idle timeout, or {@code null} for {@code ngi.defaults.idle-timeout}
		 */
		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		/**
		 * Sets the idle timeout.
		 * @param idleTimeout the idle timeout, zero for none
		 */
		public void setIdleTimeout(@Nullable Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		/**
		 * Returns whether half-close is allowed.
		 * @return whether the peer's end of input is delivered as handleInputClosed, or
		 * {@code null} for {@code ngi.defaults.allow-half-close}
		 */
		public @Nullable Boolean getAllowHalfClose() {
			return this.allowHalfClose;
		}

		/**
		 * Sets whether half-close is allowed.
		 * @param allowHalfClose whether the peer's end of input is delivered as
		 * handleInputClosed
		 */
		public void setAllowHalfClose(@Nullable Boolean allowHalfClose) {
			this.allowHalfClose = allowHalfClose;
		}

		/**
		 * Returns the address, which overrides the annotation's.
		 * @return the address, or {@code null}
		 */
		public @Nullable String getAddress() {
			return this.address;
		}

		/**
		 * Sets the address, which overrides the annotation's.
		 * @param address the address
		 */
		public void setAddress(@Nullable String address) {
			this.address = address;
		}

		/**
		 * Returns whether the listener is started.
		 * @return whether it is started, {@code null} for the default (true)
		 */
		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		/**
		 * Sets whether the listener is started.
		 * @param enabled whether it is started
		 */
		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Returns the accept backlog.
		 * @return the backlog, or {@code null}
		 */
		public @Nullable Integer getBacklog() {
			return this.backlog;
		}

		/**
		 * Sets the accept backlog.
		 * @param backlog the backlog
		 */
		public void setBacklog(@Nullable Integer backlog) {
			this.backlog = backlog;
		}

		/**
		 * Returns the connection limit.
		 * @return the limit, -1 for none, or {@code null}
		 */
		public @Nullable Integer getMaxConnections() {
			return this.maxConnections;
		}

		/**
		 * Sets the connection limit.
		 * @param maxConnections the limit, -1 for none
		 */
		public void setMaxConnections(@Nullable Integer maxConnections) {
			this.maxConnections = maxConnections;
		}

		/**
		 * Returns the datagram buffer size.
		 * @return the size, or {@code null}
		 */
		public @Nullable DataSize getUdpBufferSize() {
			return this.udpBufferSize;
		}

		/**
		 * Sets the datagram buffer size.
		 * @param udpBufferSize the size
		 */
		public void setUdpBufferSize(@Nullable DataSize udpBufferSize) {
			this.udpBufferSize = udpBufferSize;
		}

		/**
		 * Returns the line length limit.
		 * @return the limit, or {@code null}
		 */
		public @Nullable DataSize getMaxLineLength() {
			return this.maxLineLength;
		}

		/**
		 * Sets the line length limit.
		 * @param maxLineLength the limit
		 */
		public void setMaxLineLength(@Nullable DataSize maxLineLength) {
			this.maxLineLength = maxLineLength;
		}

		/**
		 * Returns the frame length limit.
		 * @return the limit, or {@code null}
		 */
		public @Nullable DataSize getMaxFrameLength() {
			return this.maxFrameLength;
		}

		/**
		 * Sets the frame length limit.
		 * @param maxFrameLength the limit
		 */
		public void setMaxFrameLength(@Nullable DataSize maxFrameLength) {
			this.maxFrameLength = maxFrameLength;
		}

	}

	/**
	 * TLS defaults ({@code ngi.defaults.ssl.*}) for the listeners that name an SSL
	 * bundle. There is no default bundle: TLS is switched on per listener, by
	 * {@code ngi.servers.<name>.ssl.bundle}.
	 */
	public static class DefaultSsl {

		/**
		 * Creates the default TLS settings, with their defaults.
		 */
		public DefaultSsl() {
		}

		/**
		 * Whether TLS listeners ask their clients for a certificate: none, want (a client
		 * without one is accepted) or need (a trusted client certificate is required).
		 * The certificate is checked against the trust material of the listener's SSL
		 * bundle.
		 */
		private ClientAuth clientAuth = ClientAuth.NONE;

		/**
		 * How long a TLS handshake may take before the connection is closed (counted as
		 * ngi.tls.handshakes with outcome=timeout). 0 for no limit.
		 */
		private Duration handshakeTimeout = Duration.ofSeconds(10);

		/**
		 * Returns the client authentication.
		 * @return the client authentication
		 */
		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		/**
		 * Sets the client authentication.
		 * @param clientAuth the client authentication
		 */
		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
		}

		/**
		 * Returns the handshake timeout.
		 * @return the handshake timeout, zero for none
		 */
		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		/**
		 * Sets the handshake timeout.
		 * @param handshakeTimeout the handshake timeout, zero for none
		 */
		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
		}

	}

	/**
	 * TLS settings of one named listener ({@code ngi.servers.<name>.ssl.*}): TLS is on
	 * when {@link #getBundle() bundle} names an SSL bundle; the other values left
	 * {@code null} fall back to {@code ngi.defaults.ssl.*}.
	 */
	public static class ListenerSsl {

		/**
		 * Creates the TLS settings of one listener, all unset.
		 */
		public ListenerSsl() {
		}

		private @Nullable String bundle;

		private @Nullable ClientAuth clientAuth;

		private @Nullable Duration handshakeTimeout;

		/**
		 * Returns the name of the SSL bundle ({@code spring.ssl.bundle.pem.<bundle>} or
		 * {@code spring.ssl.bundle.jks.<bundle>}) that holds the listener's certificate,
		 * key and trust material.
		 * @return the bundle name, or {@code null} for a plaintext listener
		 */
		public @Nullable String getBundle() {
			return this.bundle;
		}

		/**
		 * Sets the name of the SSL bundle.
		 * @param bundle the bundle name, or {@code null} for a plaintext listener
		 */
		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		/**
		 * Returns the client authentication.
		 * @return the client authentication, or {@code null} for
		 * {@code ngi.defaults.ssl.client-auth}
		 */
		public @Nullable ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		/**
		 * Sets the client authentication.
		 * @param clientAuth the client authentication
		 */
		public void setClientAuth(@Nullable ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		/**
		 * Returns the handshake timeout.
		 * @return the handshake timeout, or {@code null} for
		 * {@code ngi.defaults.ssl.handshake-timeout}
		 */
		public @Nullable Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		/**
		 * Sets the handshake timeout.
		 * @param handshakeTimeout the handshake timeout, zero for none
		 */
		public void setHandshakeTimeout(@Nullable Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

	}

}
