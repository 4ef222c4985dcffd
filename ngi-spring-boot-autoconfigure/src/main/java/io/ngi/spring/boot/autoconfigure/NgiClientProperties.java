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

import org.jspecify.annotations.Nullable;

/**
 * Settings of one named client ({@code ngi.clients.<name>.*}), the name of an
 * {@code @NgiClient}; each overrides the annotation.
 */
public class NgiClientProperties {

	/**
	 * Creates the settings of one client, with their defaults.
	 */
	public NgiClientProperties() {
	}

	/**
	 * Address to connect to ("host:port", "[::1]:port" or "unix:/path"); overrides the
	 * annotation's.
	 */
	private @Nullable String address;

	/**
	 * Whether the client connects at all.
	 */
	private boolean enabled = true;

	/**
	 * How long one connect may take before it counts as failed; 0 for no limit.
	 */
	private Duration connectTimeout = Duration.ofSeconds(30);

	/**
	 * Close the connection (and reconnect) when it neither received nor sent a byte for
	 * this long; 0 for no limit.
	 */
	private Duration idleTimeout = Duration.ZERO;

	/**
	 * Whether the health indicator is DOWN while this client is not connected. By default
	 * a disconnected client is reported but leaves health UP.
	 */
	private boolean required;

	private final Backoff backoff = new Backoff();

	private final Ssl ssl = new Ssl();

	/**
	 * Returns the address.
	 * @return the address, or {@code null} to use the annotation's
	 */
	public @Nullable String getAddress() {
		return this.address;
	}

	/**
	 * Sets the address.
	 * @param address the address
	 */
	public void setAddress(@Nullable String address) {
		this.address = address;
	}

	/**
	 * Returns whether the client connects.
	 * @return whether it is enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether the client connects.
	 * @param enabled whether it is enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the connect timeout.
	 * @return the connect timeout, zero for none
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Sets the connect timeout.
	 * @param connectTimeout the connect timeout, zero for none
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
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
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Returns whether health is DOWN while the client is not connected.
	 * @return whether the client is required
	 */
	public boolean isRequired() {
		return this.required;
	}

	/**
	 * Sets whether health is DOWN while the client is not connected.
	 * @param required whether the client is required
	 */
	public void setRequired(boolean required) {
		this.required = required;
	}

	/**
	 * Returns the backoff settings.
	 * @return the backoff settings
	 */
	public Backoff getBackoff() {
		return this.backoff;
	}

	/**
	 * Returns the TLS settings.
	 * @return the TLS settings; TLS is on when a bundle is named
	 */
	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * How long the client waits before connecting again: exponential with full jitter,
	 * the wait before retry n drawn from [0, min(max, initial * 2^(n-1))], starting again
	 * from initial after a connection that stayed open for reset-after.
	 */
	public static class Backoff {

		/**
		 * Creates the back-off settings, with their defaults.
		 */
		public Backoff() {
		}

		/**
		 * Upper bound of the first wait.
		 */
		private Duration initial = Duration.ofMillis(100);

		/**
		 * Longest wait.
		 */
		private Duration max = Duration.ofSeconds(30);

		/**
		 * How long a connection must stay open for the wait after it to be the first
		 * again; a connection closed sooner counts as one more retry. 0 resets after
		 * every connection.
		 */
		private Duration resetAfter = Duration.ofSeconds(5);

		/**
		 * Returns the upper bound of the first wait.
		 * @return the initial backoff
		 */
		public Duration getInitial() {
			return this.initial;
		}

		/**
		 * Sets the upper bound of the first wait.
		 * @param initial the initial backoff, &gt; 0
		 */
		public void setInitial(Duration initial) {
			this.initial = initial;
		}

		/**
		 * Returns the longest wait.
		 * @return the maximum backoff
		 */
		public Duration getMax() {
			return this.max;
		}

		/**
		 * Sets the longest wait.
		 * @param max the maximum backoff, &gt;= initial
		 */
		public void setMax(Duration max) {
			this.max = max;
		}

		/**
		 * Returns how long a connection must stay open for the wait after it to be the
		 * first again.
		 * @return the duration
		 */
		public Duration getResetAfter() {
			return this.resetAfter;
		}

		/**
		 * Sets how long a connection must stay open for the wait after it to be the first
		 * again.
		 * @param resetAfter the duration, &gt;= 0
		 */
		public void setResetAfter(Duration resetAfter) {
			this.resetAfter = resetAfter;
		}

	}

	/**
	 * TLS of one client: on when {@link #getBundle() bundle} names an SSL bundle, whose
	 * trust material verifies the server (and whose key, if any, is the client
	 * certificate).
	 */
	public static class Ssl {

		/**
		 * Creates the TLS settings, with their defaults.
		 */
		public Ssl() {
		}

		/**
		 * SSL bundle (spring.ssl.bundle.pem.<bundle> or spring.ssl.bundle.jks.<bundle>)
		 * the client connects with; none for plaintext.
		 */
		private @Nullable String bundle;

		/**
		 * Host name sent as SNI and verified against the server's certificate; by default
		 * the host of the address.
		 */
		private @Nullable String serverName;

		/**
		 * Returns the SSL bundle name.
		 * @return the bundle, or {@code null} for plaintext
		 */
		public @Nullable String getBundle() {
			return this.bundle;
		}

		/**
		 * Sets the SSL bundle name.
		 * @param bundle the bundle, or {@code null} for plaintext
		 */
		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		/**
		 * Returns the server name.
		 * @return the server name, or {@code null} for the host of the address
		 */
		public @Nullable String getServerName() {
			return this.serverName;
		}

		/**
		 * Sets the server name.
		 * @param serverName the server name, or {@code null} for the host of the address
		 */
		public void setServerName(@Nullable String serverName) {
			this.serverName = serverName;
		}

	}

}
