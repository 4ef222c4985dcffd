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
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * TLS for a listener ({@link ListenOptions.Builder#tls}) or an outgoing connection
 * ({@link ConnectOptions.Builder#tls}): immutable and thread-safe, built over an
 * {@link SSLContext} (keys and trust) by {@link #builder(SSLContext)}.
 * <p>
 * Handlers see plaintext only, and only after the handshake completed:
 * {@link Server#connected} and {@link ClientConnectHandler#connected} are called then. A
 * handshake that fails or does not complete within {@link #handshakeTimeout()} never
 * reaches a server's handler (it is logged and counted); a client gets
 * {@code failedConnect} with {@link CloseReason.Kind#TLS} and the text
 * {@code "TLS handshake failed: <cause>"}.
 * <p>
 * A client verifies the server's certificate against the host name it connects to, or
 * {@link Builder#serverName} when set (as HTTPS does); only
 * {@link Builder#hostnameVerification(boolean) hostnameVerification(false)} turns that
 * off.
 *
 * {@snippet :
 * TlsOptions tls = TlsOptions.builder(sslContext).clientAuth(ClientAuth.WANT).protocols("TLSv1.3", "TLSv1.2").build();
 * implementation.listen(address, server, ListenOptions.builder().tls(tls).build());
 * }
 */
public final class TlsOptions {

	/** The default handshake timeout: 10 seconds. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<SSLContext> context;

	private final ClientAuth clientAuth;

	private final List<String> protocols;

	private final List<String> cipherSuites;

	private final List<String> applicationProtocols;

	private final @Nullable String serverName;

	private final boolean hostnameVerification;

	private final Duration handshakeTimeout;

	private TlsOptions(Builder builder) {
		this.context = builder.context;
		this.clientAuth = builder.clientAuth;
		this.protocols = builder.protocols;
		this.cipherSuites = builder.cipherSuites;
		this.applicationProtocols = builder.applicationProtocols;
		this.serverName = builder.serverName;
		this.hostnameVerification = builder.hostnameVerification;
		this.handshakeTimeout = builder.handshakeTimeout;
	}

	/**
	 * Returns a builder over one context.
	 * @param context the keys (a listener's certificate, a client's own certificate for
	 * mutual TLS) and the trust (the CAs the peer's certificate must chain to)
	 * @return a new builder
	 */
	public static Builder builder(SSLContext context) {
		Objects.requireNonNull(context, "context");
		return new Builder(() -> context);
	}

	/**
	 * Returns a builder over a context that may change: it is asked for each new
	 * connection, so a certificate reloaded into a new context applies to new connections
	 * while open ones continue with theirs.
	 * @param contexts supplies the current context; called on a loop thread, must be
	 * cheap and never return {@code null}
	 * @return a new builder
	 */
	public static Builder builder(Supplier<SSLContext> contexts) {
		Objects.requireNonNull(contexts, "contexts");
		return new Builder(contexts);
	}

	/**
	 * Returns the context for a new connection.
	 * @return the current context
	 */
	public SSLContext context() {
		return Objects.requireNonNull(this.context.get(), "the SSLContext supplier returned null");
	}

	/**
	 * Returns whether a listener asks its clients for a certificate.
	 * @return the client authentication
	 */
	public ClientAuth clientAuth() {
		return this.clientAuth;
	}

	/**
	 * Returns the enabled protocols, empty for the context's defaults.
	 * @return the protocols, such as {@code TLSv1.3}
	 */
	public List<String> protocols() {
		return this.protocols;
	}

	/**
	 * Returns the enabled cipher suites, empty for the context's defaults.
	 * @return the cipher suites
	 */
	public List<String> cipherSuites() {
		return this.cipherSuites;
	}

	/**
	 * Returns the ALPN protocols, in order of preference, empty for no ALPN. The one
	 * agreed is {@link Connection#applicationProtocol()}.
	 * @return the application protocols
	 */
	public List<String> applicationProtocols() {
		return this.applicationProtocols;
	}

	/**
	 * Returns the name a client sends as SNI and verifies the server's certificate
	 * against; {@code null} for the host of the address connected to. Listeners ignore
	 * it.
	 * @return the server name, or {@code null}
	 */
	public @Nullable String serverName() {
		return this.serverName;
	}

	/**
	 * Returns whether a client verifies that the server's certificate is for the host it
	 * connects to. Listeners ignore it.
	 * @return whether host names are verified (the default)
	 */
	public boolean hostnameVerification() {
		return this.hostnameVerification;
	}

	/**
	 * Returns how long a handshake may take before the connection is closed.
	 * @return the handshake timeout, {@link Duration#ZERO} for none
	 */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	@Override
	public String toString() {
		return "TlsOptions[clientAuth=" + this.clientAuth + ", protocols=" + this.protocols + ", cipherSuites="
				+ this.cipherSuites + ", applicationProtocols=" + this.applicationProtocols + ", serverName="
				+ this.serverName + ", hostnameVerification=" + this.hostnameVerification + ", handshakeTimeout="
				+ this.handshakeTimeout + "]";
	}

	/**
	 * Builds {@link TlsOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private final Supplier<SSLContext> context;

		private ClientAuth clientAuth = ClientAuth.NONE;

		private List<String> protocols = List.of();

		private List<String> cipherSuites = List.of();

		private List<String> applicationProtocols = List.of();

		private @Nullable String serverName;

		private boolean hostnameVerification = true;

		private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

		private Builder(Supplier<SSLContext> context) {
			this.context = context;
		}

		/**
		 * Sets whether a listener asks its clients for a certificate.
		 * @param clientAuth the client authentication
		 * @return this builder
		 */
		public Builder clientAuth(ClientAuth clientAuth) {
			this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
			return this;
		}

		/**
		 * Sets the enabled protocols; none for the context's defaults.
		 * @param protocols the protocols, such as {@code TLSv1.3}
		 * @return this builder
		 */
		public Builder protocols(String... protocols) {
			this.protocols = names("protocols", protocols);
			return this;
		}

		/**
		 * Sets the enabled cipher suites; none for the context's defaults.
		 * @param cipherSuites the cipher suites
		 * @return this builder
		 */
		public Builder cipherSuites(String... cipherSuites) {
			this.cipherSuites = names("cipherSuites", cipherSuites);
			return this;
		}

		/**
		 * Sets the ALPN protocols, in order of preference; none for no ALPN.
		 * @param applicationProtocols the protocols, such as {@code h2}
		 * @return this builder
		 */
		public Builder applicationProtocols(String... applicationProtocols) {
			this.applicationProtocols = names("applicationProtocols", applicationProtocols);
			return this;
		}

		/**
		 * Sets the name a client sends as SNI and verifies the server's certificate
		 * against.
		 * @param serverName the host name, or {@code null} for the host connected to
		 * @return this builder
		 */
		public Builder serverName(@Nullable String serverName) {
			if (serverName != null && serverName.isBlank()) {
				throw new IllegalArgumentException("serverName must not be blank");
			}
			this.serverName = serverName;
			return this;
		}

		/**
		 * Sets whether a client verifies that the server's certificate is for the host it
		 * connects to. Turning it off accepts any trusted certificate for any host: for
		 * tests and closed networks only.
		 * @param hostnameVerification whether to verify (default {@code true})
		 * @return this builder
		 */
		public Builder hostnameVerification(boolean hostnameVerification) {
			this.hostnameVerification = hostnameVerification;
			return this;
		}

		/**
		 * Sets how long a handshake may take.
		 * @param handshakeTimeout the timeout, not negative; {@link Duration#ZERO} for
		 * none
		 * @return this builder
		 */
		public Builder handshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = ListenOptions.checkTimeout(handshakeTimeout, "handshakeTimeout");
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public TlsOptions build() {
			return new TlsOptions(this);
		}

		private static List<String> names(String what, String... names) {
			Objects.requireNonNull(names, what);
			for (String name : names) {
				if (name == null || name.isBlank()) {
					throw new IllegalArgumentException(what + " must not contain null or blank names");
				}
			}
			return List.of(names);
		}

	}

}
