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

package io.ngi;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options of one listener: immutable and thread-safe, built by {@link #builder()}.
 * <p>
 * {@link #backlog()} and {@link #maxConnections()} apply to TCP listeners,
 * {@link #udpBufferSize()} to UDP listeners, {@link #observer()} to both. An
 * implementation that has no use for an option (the testing implementation has no
 * backlog) ignores it.
 */
public final class ListenOptions {

	/** The default accept backlog. */
	public static final int DEFAULT_BACKLOG = 255;

	/** The default size of the buffer a datagram is received into. */
	public static final int DEFAULT_UDP_BUFFER_SIZE = 4096;

	private static final ListenOptions DEFAULTS = builder().build();

	private final int backlog;

	private final int maxConnections;

	private final int udpBufferSize;

	private final ListenerObserver observer;

	private final boolean allowHalfClose;

	private final OutputBounds output;

	private final @Nullable TlsOptions tls;

	private final ProxyProtocol proxyProtocol;

	private final List<String> trustedProxies;

	private final List<CidrBlock> trustedBlocks;

	private final Duration proxyHeaderTimeout;

	private final Duration idleTimeout;

	private final FrameLimits frameLimits;

	private ListenOptions(Builder builder) {
		this.backlog = builder.backlog;
		this.maxConnections = builder.maxConnections;
		this.udpBufferSize = builder.udpBufferSize;
		this.observer = builder.observer;
		this.allowHalfClose = builder.allowHalfClose;
		this.idleTimeout = builder.idleTimeout;
		this.output = new OutputBounds(builder.outputHighWaterMark, builder.outputLowWaterMark, builder.outputLimit);
		this.tls = builder.tls;
		this.proxyProtocol = builder.proxyProtocol;
		this.trustedBlocks = builder.trustedProxies.stream().map(CidrBlock::parse).toList();
		this.trustedProxies = this.trustedBlocks.stream().map(CidrBlock::toString).toList();
		this.proxyHeaderTimeout = builder.proxyHeaderTimeout;
		this.frameLimits = builder.frameLimits;
	}

	/**
	 * Returns the default options: backlog 255, no connection limit, 4096-byte datagrams,
	 * no observer.
	 * @return the defaults
	 */
	public static ListenOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a builder that starts from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the accept backlog.
	 * @return the backlog, &gt; 0
	 */
	public int backlog() {
		return this.backlog;
	}

	/**
	 * Returns how many connections may be open at once; further connections are accepted
	 * and closed at once.
	 * @return the limit, {@link Integer#MAX_VALUE} for none
	 */
	public int maxConnections() {
		return this.maxConnections;
	}

	/**
	 * Returns the size of the buffer a datagram is received into; longer datagrams are
	 * truncated.
	 * @return the buffer size in bytes
	 */
	public int udpBufferSize() {
		return this.udpBufferSize;
	}

	/**
	 * Returns the observer that is told of the listener's traffic.
	 * @return the observer, {@link ListenerObserver#NONE} by default
	 */
	public ListenerObserver observer() {
		return this.observer;
	}

	/**
	 * Returns whether the peer's end of input is delivered as
	 * {@link ConnectionHandler#handleInputClosed} with the connection kept open for
	 * output, rather than closing the connection once its queued output is sent.
	 * @return whether half-close is allowed; {@code false} by default
	 */
	public boolean allowHalfClose() {
		return this.allowHalfClose;
	}

	/**
	 * Returns how long a connection may neither receive nor send a byte before the
	 * implementation closes it with {@link CloseReason.Kind#IDLE_TIMEOUT} (text
	 * {@code "idle timeout"}).
	 * @return the idle timeout, {@link Duration#ZERO} for none (the default)
	 */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Returns the output bounds of the listener's connections; unset values mean the
	 * implementation's defaults.
	 * @return the output bounds
	 */
	public OutputBounds output() {
		return this.output;
	}

	/**
	 * Returns the TLS options, {@code null} for plaintext.
	 * @return the TLS options, or {@code null}
	 */
	public @Nullable TlsOptions tls() {
		return this.tls;
	}

	/**
	 * Returns whether connections start with a PROXY protocol header.
	 * @return {@link ProxyProtocol#OFF} (the default), {@link ProxyProtocol#OPTIONAL} or
	 * {@link ProxyProtocol#REQUIRED}
	 */
	public ProxyProtocol proxyProtocol() {
		return this.proxyProtocol;
	}

	/**
	 * Returns the address blocks a PROXY protocol header is accepted from.
	 * @return the blocks, in CIDR notation (default: loopback, {@code 127.0.0.0/8} and
	 * {@code ::1/128})
	 */
	public List<String> trustedProxies() {
		return this.trustedProxies;
	}

	/**
	 * Returns whether a connection from {@code source} may send a PROXY protocol header.
	 * @param source the address the connection comes from (the proxy's)
	 * @return whether it is in one of {@link #trustedProxies()}
	 */
	public boolean isTrustedProxy(SocketAddress source) {
		if (!(source instanceof InetSocketAddress inet) || inet.getAddress() == null) {
			// A Unix domain socket: only a local process can connect.
			return !(source instanceof InetSocketAddress);
		}
		for (CidrBlock block : this.trustedBlocks) {
			if (block.contains(inet.getAddress())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns how long a connection may take to send its PROXY protocol header.
	 * @return the timeout (default 5 s)
	 */
	public Duration proxyHeaderTimeout() {
		return this.proxyHeaderTimeout;
	}

	/**
	 * Returns the framing limits the listener's connections report
	 * ({@link Connection#frameLimits()}), which adapters made without an explicit limit
	 * use.
	 * @return the limits, {@link FrameLimits#DEFAULTS} unless set
	 */
	public FrameLimits frameLimits() {
		return this.frameLimits;
	}

	@Override
	public String toString() {
		return "ListenOptions[backlog=" + this.backlog + ", maxConnections=" + this.maxConnections + ", udpBufferSize="
				+ this.udpBufferSize + ", allowHalfClose=" + this.allowHalfClose + ", idleTimeout=" + this.idleTimeout
				+ ", output=" + this.output + ", tls=" + this.tls + ", proxyProtocol=" + this.proxyProtocol
				+ ", trustedProxies=" + this.trustedProxies + ", frameLimits=" + this.frameLimits + "]";
	}

	/**
	 * Builds {@link ListenOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private int backlog = DEFAULT_BACKLOG;

		private int maxConnections = Integer.MAX_VALUE;

		private int udpBufferSize = DEFAULT_UDP_BUFFER_SIZE;

		private ListenerObserver observer = ListenerObserver.NONE;

		private boolean allowHalfClose;

		private Duration idleTimeout = Duration.ZERO;

		private long outputHighWaterMark = OutputBounds.UNSET;

		private long outputLowWaterMark = OutputBounds.UNSET;

		private long outputLimit = OutputBounds.UNSET;

		private @Nullable TlsOptions tls;

		private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;

		private List<String> trustedProxies = List.of("127.0.0.0/8", "::1/128");

		private Duration proxyHeaderTimeout = Duration.ofSeconds(5);

		private FrameLimits frameLimits = FrameLimits.DEFAULTS;

		private Builder() {
		}

		/**
		 * Sets the framing limits the connections report to their adapters: a
		 * {@code new Lines(connection)} on this listener accepts lines of at most
		 * {@link FrameLimits#maxLineLength()} bytes, a {@code new Sized(connection)}
		 * frames of at most {@link FrameLimits#maxFrameLength()}.
		 * @param frameLimits the limits (default {@link FrameLimits#DEFAULTS})
		 * @return this builder
		 */
		public Builder frameLimits(FrameLimits frameLimits) {
			this.frameLimits = Objects.requireNonNull(frameLimits, "frameLimits");
			return this;
		}

		/**
		 * Sets whether the peer's end of input is delivered as
		 * {@link ConnectionHandler#handleInputClosed}, keeping the connection open for
		 * output until this side closes it (for clients that half-close after their
		 * request, such as {@code nc -N}).
		 * @param allowHalfClose whether to allow half-close
		 * @return this builder
		 */
		public Builder allowHalfClose(boolean allowHalfClose) {
			this.allowHalfClose = allowHalfClose;
			return this;
		}

		/**
		 * Sets how long a connection may neither receive nor send a byte before it is
		 * closed with {@link CloseReason.Kind#IDLE_TIMEOUT}; output waiting to be sent
		 * does not count as activity. {@link Duration#ZERO} (the default) for none.
		 * @param idleTimeout the timeout, not negative
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = checkTimeout(idleTimeout, "idleTimeout");
			return this;
		}

		/**
		 * Sets the queued output above which a connection is not writable and stops
		 * reading input. Unset: the implementation's default (NIO: 1 MiB).
		 * @param bytes the high-water mark, &gt; 0
		 * @return this builder
		 */
		public Builder outputHighWaterMark(long bytes) {
			this.outputHighWaterMark = OutputBounds.positive("outputHighWaterMark", bytes);
			return this;
		}

		/**
		 * Sets the queued output at or below which a connection is writable again and
		 * reads input again. Unset: the implementation's default (NIO: 256 KiB).
		 * @param bytes the low-water mark, &gt;= 0
		 * @return this builder
		 */
		public Builder outputLowWaterMark(long bytes) {
			this.outputLowWaterMark = OutputBounds.notNegative("outputLowWaterMark", bytes);
			return this;
		}

		/**
		 * Sets the queued output above which a connection is closed with
		 * {@link CloseReason.Kind#OUTPUT_LIMIT}. Unset: the implementation's default
		 * (NIO: 16 MiB).
		 * @param bytes the hard limit, &gt; 0
		 * @return this builder
		 */
		public Builder outputLimit(long bytes) {
			this.outputLimit = OutputBounds.positive("outputLimit", bytes);
			return this;
		}

		/**
		 * Sets the accept backlog.
		 * @param backlog the backlog, &gt; 0
		 * @return this builder
		 */
		public Builder backlog(int backlog) {
			if (backlog <= 0) {
				throw new IllegalArgumentException("backlog must be > 0: " + backlog);
			}
			this.backlog = backlog;
			return this;
		}

		/**
		 * Sets how many connections may be open at once.
		 * @param maxConnections the limit, &gt; 0
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			if (maxConnections <= 0) {
				throw new IllegalArgumentException("maxConnections must be > 0: " + maxConnections);
			}
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Sets the size of the buffer a datagram is received into.
		 * @param udpBufferSize the size, 1 to 65535 bytes
		 * @return this builder
		 */
		public Builder udpBufferSize(int udpBufferSize) {
			if (udpBufferSize <= 0 || udpBufferSize > 65535) {
				throw new IllegalArgumentException("udpBufferSize must be between 1 and 65535: " + udpBufferSize);
			}
			this.udpBufferSize = udpBufferSize;
			return this;
		}

		/**
		 * Sets the observer that is told of the listener's traffic.
		 * @param observer the observer
		 * @return this builder
		 */
		public Builder observer(ListenerObserver observer) {
			this.observer = Objects.requireNonNull(observer, "observer");
			return this;
		}

		/**
		 * Sets TLS: the handshake runs before the handler is told of the connection, and
		 * the handler sees plaintext only.
		 * @param tls the TLS options, or {@code null} for plaintext (the default)
		 * @return this builder
		 */
		public Builder tls(@Nullable TlsOptions tls) {
			this.tls = tls;
			return this;
		}

		/**
		 * Sets whether connections start with a HAProxy PROXY protocol header (v1 or v2,
		 * detected per connection), whose source address becomes the connection's
		 * {@link Connection#peerAddress()}; the proxy's own is
		 * {@link Connection#proxyAddress()}. The header is read before the TLS handshake
		 * and before the server hears of the connection.
		 * @param proxyProtocol {@link ProxyProtocol#OFF} (the default),
		 * {@link ProxyProtocol#OPTIONAL} or {@link ProxyProtocol#REQUIRED}
		 * @return this builder
		 */
		public Builder proxyProtocol(ProxyProtocol proxyProtocol) {
			this.proxyProtocol = Objects.requireNonNull(proxyProtocol, "proxyProtocol");
			return this;
		}

		/**
		 * Sets the address blocks a PROXY protocol header is accepted from; a connection
		 * from elsewhere is closed ({@link ProxyProtocol#REQUIRED}) or served without
		 * reading a header ({@link ProxyProtocol#OPTIONAL}).
		 * @param cidrs IP addresses or CIDR blocks, such as {@code 10.0.0.0/8} or
		 * {@code ::1/128} (default: loopback only)
		 * @return this builder
		 * @throws IllegalArgumentException naming the first entry that is not one
		 */
		public Builder trustedProxies(Collection<String> cidrs) {
			Objects.requireNonNull(cidrs, "cidrs");
			List<String> checked = new ArrayList<>();
			for (String cidr : cidrs) {
				checked.add(CidrBlock.parse(cidr).toString());
			}
			this.trustedProxies = List.copyOf(checked);
			return this;
		}

		/**
		 * Sets how long a connection may take to send its PROXY protocol header before it
		 * is closed ({@link ProxyProtocol#REQUIRED}), or served as it is when it sent
		 * nothing ({@link ProxyProtocol#OPTIONAL}: a protocol where the server speaks
		 * first waits this long for its client's first bytes).
		 * @param timeout the timeout, positive (default 5 s)
		 * @return this builder
		 */
		public Builder proxyHeaderTimeout(Duration timeout) {
			checkTimeout(timeout, "proxyHeaderTimeout");
			if (timeout.isZero()) {
				throw new IllegalArgumentException("proxyHeaderTimeout must be positive: a header must arrive in time");
			}
			this.proxyHeaderTimeout = timeout;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public ListenOptions build() {
			return new ListenOptions(this);
		}

	}

	static Duration checkTimeout(Duration timeout, String name) {
		Objects.requireNonNull(timeout, name);
		if (timeout.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative: " + timeout);
		}
		return timeout;
	}

}
