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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Options of one outgoing connection, given to
 * {@link Implementation#connect(java.net.SocketAddress, ClientConnectHandler, ConnectOptions)}:
 * immutable and thread-safe, built by {@link #builder()}.
 *
 * {@snippet :
 * ConnectOptions options = ConnectOptions.builder()
 * 	.timeout(Duration.ofSeconds(5))
 * 	.idleTimeout(Duration.ofMinutes(1))
 * 	.build();
 * implementation.connect(address, client, options);
 * }
 */
public final class ConnectOptions {

	/** The default connect timeout: 30 seconds. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	private static final ConnectOptions DEFAULTS = builder().build();

	private final Duration timeout;

	private final Duration idleTimeout;

	private final boolean allowHalfClose;

	private final OutputBounds output;

	private final @Nullable TlsOptions tls;

	private final boolean logFailure;

	private ConnectOptions(Builder builder) {
		this.timeout = builder.timeout;
		this.idleTimeout = builder.idleTimeout;
		this.allowHalfClose = builder.allowHalfClose;
		this.output = new OutputBounds(builder.outputHighWaterMark, builder.outputLowWaterMark, builder.outputLimit);
		this.tls = builder.tls;
		this.logFailure = builder.logFailure;
	}

	/**
	 * Returns the default options: a 30-second connect timeout, no idle timeout, no
	 * half-close, the implementation's output bounds.
	 * @return the defaults
	 */
	public static ConnectOptions defaults() {
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
	 * Returns a builder that starts from these options.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.timeout = this.timeout;
		builder.idleTimeout = this.idleTimeout;
		builder.allowHalfClose = this.allowHalfClose;
		builder.outputHighWaterMark = this.output.highWaterMark();
		builder.outputLowWaterMark = this.output.lowWaterMark();
		builder.outputLimit = this.output.limit();
		builder.tls = this.tls;
		builder.logFailure = this.logFailure;
		return builder;
	}

	/**
	 * Returns how long a connect may take before it fails with
	 * {@link CloseReason.Kind#TIMEOUT}
	 * ({@code "connect timed out after <milliseconds> ms"}); nothing is left open then.
	 * @return the connect timeout, {@link Duration#ZERO} for none
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Returns how long the connection may neither receive nor send a byte before it is
	 * closed with {@link CloseReason.Kind#IDLE_TIMEOUT}.
	 * @return the idle timeout, {@link Duration#ZERO} for none
	 */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Returns whether the peer's end of input is delivered as
	 * {@link ConnectionHandler#handleInputClosed} with the connection kept open for
	 * output.
	 * @return whether half-close is allowed
	 */
	public boolean allowHalfClose() {
		return this.allowHalfClose;
	}

	/**
	 * Returns the output bounds of the connection; unset values mean the implementation's
	 * defaults.
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
	 * Returns whether the NIO implementation logs a failed connect at WARN
	 * ({@code error connecting to <address>: <reason>}, as zc.ngi does); otherwise at
	 * DEBUG. The handler's {@code failedConnect} is called either way.
	 * @return whether a failure is logged at WARN
	 */
	public boolean logsFailure() {
		return this.logFailure;
	}

	@Override
	public String toString() {
		return "ConnectOptions[timeout=" + this.timeout + ", idleTimeout=" + this.idleTimeout + ", allowHalfClose="
				+ this.allowHalfClose + ", output=" + this.output + ", tls=" + this.tls + ", logFailure="
				+ this.logFailure + "]";
	}

	/**
	 * Builds {@link ConnectOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private Duration timeout = DEFAULT_TIMEOUT;

		private Duration idleTimeout = Duration.ZERO;

		private boolean allowHalfClose;

		private long outputHighWaterMark = OutputBounds.UNSET;

		private long outputLowWaterMark = OutputBounds.UNSET;

		private long outputLimit = OutputBounds.UNSET;

		private @Nullable TlsOptions tls;

		private boolean logFailure = true;

		private Builder() {
		}

		/**
		 * Sets whether a failed connect is logged at WARN (the default) or at DEBUG. A
		 * caller that reports failures itself turns it off:
		 * {@link io.ngi.client.ReconnectingClient} logs one line per run of failures, not
		 * one per attempt.
		 * @param logFailure whether to log a failure at WARN
		 * @return this builder
		 */
		public Builder logFailure(boolean logFailure) {
			this.logFailure = logFailure;
			return this;
		}

		/**
		 * Sets how long the connect may take.
		 * @param timeout the timeout, not negative; {@link Duration#ZERO} for none
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = ListenOptions.checkTimeout(timeout, "timeout");
			return this;
		}

		/**
		 * Sets how long the connection may neither receive nor send a byte before it is
		 * closed.
		 * @param idleTimeout the timeout, not negative; {@link Duration#ZERO} for none
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = ListenOptions.checkTimeout(idleTimeout, "idleTimeout");
			return this;
		}

		/**
		 * Sets whether the peer's end of input is delivered as
		 * {@link ConnectionHandler#handleInputClosed}, keeping the connection open for
		 * output until this side closes it.
		 * @param allowHalfClose whether to allow half-close
		 * @return this builder
		 */
		public Builder allowHalfClose(boolean allowHalfClose) {
			this.allowHalfClose = allowHalfClose;
			return this;
		}

		/**
		 * Sets the queued output above which the connection is not writable and stops
		 * reading. Unset: the implementation's default.
		 * @param bytes the high-water mark, &gt; 0
		 * @return this builder
		 */
		public Builder outputHighWaterMark(long bytes) {
			this.outputHighWaterMark = OutputBounds.positive("outputHighWaterMark", bytes);
			return this;
		}

		/**
		 * Sets the queued output at or below which the connection is writable again.
		 * Unset: the implementation's default.
		 * @param bytes the low-water mark, &gt;= 0
		 * @return this builder
		 */
		public Builder outputLowWaterMark(long bytes) {
			this.outputLowWaterMark = OutputBounds.notNegative("outputLowWaterMark", bytes);
			return this;
		}

		/**
		 * Sets the queued output above which the connection is closed with
		 * {@link CloseReason.Kind#OUTPUT_LIMIT}. Unset: the implementation's default.
		 * @param bytes the hard limit, &gt; 0
		 * @return this builder
		 */
		public Builder outputLimit(long bytes) {
			this.outputLimit = OutputBounds.positive("outputLimit", bytes);
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
		 * Builds the options.
		 * @return the options
		 */
		public ConnectOptions build() {
			return new ConnectOptions(this);
		}

	}

}
