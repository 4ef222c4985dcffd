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
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

import io.ngi.ClientAuth;
import io.ngi.TlsOptions;

/**
 * The TLS of one listener, made from a Spring Boot {@link SslBundle}: the current
 * {@link SSLContext}, swapped when the bundle is reloaded, and the {@link TlsOptions}
 * that ask for it on each new connection, so a reloaded certificate reaches new
 * connections while open ones keep theirs. Thread-safe.
 */
public final class NgiListenerTls {

	private static final Logger logger = LoggerFactory.getLogger(NgiListenerTls.class);

	private final String listener;

	private final String bundle;

	private final ClientAuth clientAuth;

	private final List<String> protocols;

	private final List<String> cipherSuites;

	private final Duration handshakeTimeout;

	private final AtomicReference<SSLContext> context;

	private final TlsOptions options;

	private final AtomicLong reloads = new AtomicLong();

	private volatile @Nullable Instant lastReload;

	/**
	 * Creates the TLS of a listener from the bundle as it is now.
	 * @param listener the listener name
	 * @param bundleName the bundle name
	 * @param bundle the bundle
	 * @param clientAuth whether clients are asked for a certificate
	 * @param handshakeTimeout how long a handshake may take, zero for no limit
	 * @throws RuntimeException if the bundle cannot make a context, or the options are
	 * invalid
	 */
	NgiListenerTls(String listener, String bundleName, SslBundle bundle, ClientAuth clientAuth,
			Duration handshakeTimeout) {
		this.listener = Objects.requireNonNull(listener, "listener");
		this.bundle = Objects.requireNonNull(bundleName, "bundleName");
		this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
		this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
		SslOptions sslOptions = bundle.getOptions();
		this.protocols = names(sslOptions.getEnabledProtocols());
		this.cipherSuites = names(sslOptions.getCiphers());
		this.context = new AtomicReference<>(bundle.createSslContext());
		this.options = TlsOptions.builder(this.context::get)
			.clientAuth(clientAuth)
			.protocols(this.protocols.toArray(String[]::new))
			.cipherSuites(this.cipherSuites.toArray(String[]::new))
			.handshakeTimeout(handshakeTimeout)
			.build();
	}

	private static List<String> names(String @Nullable [] names) {
		return (names != null) ? List.copyOf(Arrays.asList(names)) : List.of();
	}

	/**
	 * Takes a reloaded bundle: new connections use a context made from it, open ones
	 * continue. A bundle that cannot make a context (a key that does not match its
	 * certificate, say) is logged and the current context stays.
	 * @param reloaded the bundle as reloaded
	 */
	void reload(SslBundle reloaded) {
		SSLContext next;
		try {
			next = reloaded.createSslContext();
		}
		catch (RuntimeException ex) {
			logger.warn(
					"NGI listener '{}': SSL bundle '{}' was updated but cannot be used ({}); "
							+ "new connections keep the previous certificate",
					this.listener, this.bundle, ex.toString());
			return;
		}
		this.context.set(next);
		this.lastReload = Instant.now();
		this.reloads.incrementAndGet();
		logger.info("NGI listener '{}': SSL bundle '{}' reloaded; new connections use it, open connections continue",
				this.listener, this.bundle);
	}

	/**
	 * Returns the options the listener is opened with; their context is the current one.
	 * @return the TLS options
	 */
	public TlsOptions options() {
		return this.options;
	}

	/**
	 * Returns the context new connections use now.
	 * @return the current context
	 */
	public SSLContext context() {
		return this.context.get();
	}

	/**
	 * Returns the name of the SSL bundle.
	 * @return the bundle name
	 */
	public String bundle() {
		return this.bundle;
	}

	/**
	 * Returns whether clients are asked for a certificate.
	 * @return the client authentication
	 */
	public ClientAuth clientAuth() {
		return this.clientAuth;
	}

	/**
	 * Returns the protocols the bundle's options enable, empty for the context's
	 * defaults.
	 * @return the configured protocols
	 */
	public List<String> protocols() {
		return this.protocols;
	}

	/**
	 * Returns the protocols a new connection may use: the bundle's, or the current
	 * context's defaults when the bundle names none.
	 * @return the effective protocols
	 */
	public List<String> effectiveProtocols() {
		if (!this.protocols.isEmpty()) {
			return this.protocols;
		}
		return List.of(context().getDefaultSSLParameters().getProtocols());
	}

	/**
	 * Returns the cipher suites the bundle's options enable, empty for the context's
	 * defaults.
	 * @return the configured cipher suites
	 */
	public List<String> cipherSuites() {
		return this.cipherSuites;
	}

	/**
	 * Returns how long a handshake may take.
	 * @return the handshake timeout, zero for no limit
	 */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	/**
	 * Returns when the bundle was last reloaded into a new context.
	 * @return the time of the last reload, {@code null} if it never was
	 */
	public @Nullable Instant lastReload() {
		return this.lastReload;
	}

	/**
	 * Returns how many times the bundle was reloaded into a new context.
	 * @return the number of reloads
	 */
	public long reloads() {
		return this.reloads.get();
	}

	@Override
	public String toString() {
		return "NgiListenerTls[listener=" + this.listener + ", bundle=" + this.bundle + ", clientAuth="
				+ this.clientAuth + ", protocols=" + this.protocols + ", handshakeTimeout=" + this.handshakeTimeout
				+ "]";
	}

	/**
	 * Finds the SSL bundle a listener or a client names, or fails startup saying whose
	 * property named what, and what to define.
	 * @param bundles the context's bundles, or {@code null} when it has none
	 * @param owner who names it, such as {@code "NGI listener 'echo' (bean 'echo')"}
	 * @param property the property naming it, such as {@code ngi.servers.echo.ssl.bundle}
	 * @param bundleName the bundle's name
	 * @param pemHint what a PEM bundle must hold for this owner
	 * @return the bundle
	 * @throws NgiStartupException if there is no such bundle, or no bundles at all
	 */
	static SslBundle bundle(@Nullable SslBundles bundles, String owner, String property, String bundleName,
			String pemHint) {
		if (bundles == null) {
			throw new NgiStartupException(
					owner + " has " + property + "=" + bundleName
							+ " but the context has no SslBundles bean to resolve it.",
					"Keep Spring Boot's SslAutoConfiguration (org.springframework.boot.autoconfigure.ssl."
							+ "SslAutoConfiguration) enabled, or define an org.springframework.boot.ssl.SslBundles bean.",
					null);
		}
		try {
			return bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			List<String> known = bundles.getBundleNames();
			throw new NgiStartupException(
					owner + " names the SSL bundle '" + bundleName + "' (" + property
							+ "), but there is no SSL bundle with that name"
							+ (known.isEmpty() ? "." : " (defined: " + String.join(", ", known) + ")."),
					"Define spring.ssl.bundle.pem." + bundleName + " (" + pemHint + ") or spring.ssl.bundle.jks."
							+ bundleName + " (a JKS or PKCS12 key store), or fix " + property + ".",
					ex);
		}
	}

}
