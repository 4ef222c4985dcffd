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

package io.ngi.sample.finger;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.ngi.Addresses;
import io.ngi.Implementation;
import io.ngi.Server;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.boot.autoconfigure.NgiListenerSettings;
import io.ngi.spring.boot.autoconfigure.NgiListenersStartedEvent;
import io.ngi.spring.boot.autoconfigure.NgiProperties;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredListener;

/**
 * The finger service's listeners and state: {@code finger}, {@code finger-setter} and
 * {@code finger-proxy} ({@code ngi.servers.<name>.*} in {@code application.yml}), the
 * {@link FingerUsers} the first two share, and the {@link UsersFile} that feeds them.
 * <p>
 * Properties: {@code ngi.sample.finger.users-file} (default {@code finger-users.txt},
 * relative to the working directory: {@code ngi-sample-app/} under
 * {@code spring-boot:run}), {@code ngi.sample.finger.reload-period} (30s),
 * {@code ngi.sample.finger.proxy.upstream} (default the sample's own {@code finger}
 * listener, {@code 127.0.0.1:${local.ngi.finger.port}}, resolved once the listeners are
 * open) and {@code ngi.sample.finger.proxy.timeout} (2s).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "ngi.enabled", matchIfMissing = true)
class FingerConfiguration {

	/** The property naming the proxy's upstream finger server. */
	static final String UPSTREAM_PROPERTY = "ngi.sample.finger.proxy.upstream";

	/** The proxy's upstream when the property is not set: the sample's own finger. */
	static final String DEFAULT_UPSTREAM = "127.0.0.1:${local.ngi.finger.port}";

	private static final Logger logger = LoggerFactory.getLogger(FingerConfiguration.class);

	@Bean
	FingerUsers fingerUsers() {
		return new FingerUsers();
	}

	/**
	 * The thread that reads the users file, so that no loop thread waits for the disk.
	 * @return a single daemon thread, stopped with the context
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService fingerUsersReader() {
		return Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "finger-users-reader");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	UsersFile fingerUsersFile(FingerUsers users, Implementation implementation,
			@Qualifier("fingerUsersReader") ExecutorService reader,
			@Value("${ngi.sample.finger.users-file:finger-users.txt}") Path path,
			@Value("${ngi.sample.finger.reload-period:30s}") Duration period) {
		return new UsersFile(path, period, users, implementation, reader).start();
	}

	@NgiServer(name = "finger")
	Server finger(FingerUsers users) {
		return new FingerServer("finger", new LocalLookup(users));
	}

	@NgiServer(name = "finger-setter")
	Server fingerSetter(FingerUsers users) {
		return new FingerSetter(users);
	}

	@Bean
	ProxyLookup fingerProxyLookup(Implementation implementation,
			@Value("${ngi.sample.finger.proxy.timeout:2s}") Duration timeout) {
		return new ProxyLookup(implementation, timeout);
	}

	@NgiServer(name = "finger-proxy")
	Server fingerProxy(ProxyLookup lookup, NgiProperties properties) {
		NgiListenerSettings settings = properties.listener("finger-proxy");
		if (!settings.allowHalfClose()) {
			logger.warn("finger-proxy: ngi.servers.finger-proxy.allow-half-close is false: a client that shuts its"
					+ " output down after its query (nc -N, nc -q1) gets no answer");
		}
		return new FingerServer("finger-proxy", lookup);
	}

	/**
	 * Sets the proxy's upstream once the listeners are open, when
	 * {@code local.ngi.finger.port} exists. Resolving here, on the thread that starts the
	 * context, keeps a name lookup (for an upstream given by host name) off the loops.
	 * @param lookup the proxy's lookup
	 * @param environment where the property is read
	 * @return the listener
	 */
	@Bean
	ApplicationListener<NgiListenersStartedEvent> fingerProxyUpstream(ProxyLookup lookup, Environment environment) {
		return (event) -> {
			NgiRegisteredListener proxy = event.getListeners()
				.stream()
				.filter((listener) -> listener.name().equals("finger-proxy"))
				.findFirst()
				.orElse(null);
			if (proxy == null) {
				return;
			}
			SocketAddress upstream;
			try {
				// A default value is not resolved by getProperty: resolve it here.
				upstream = Addresses.parse(environment
					.resolveRequiredPlaceholders(environment.getProperty(UPSTREAM_PROPERTY, DEFAULT_UPSTREAM)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(UPSTREAM_PROPERTY + " is not an address: " + ex.getMessage()
						+ "; set it to host:port, or enable the finger listener for the default, " + DEFAULT_UPSTREAM,
						ex);
			}
			lookup.setUpstream(upstream, proxy.boundAddress());
			logger.info("finger-proxy: upstream {}, timeout {}", Addresses.format(upstream),
					DurationStyle.SIMPLE.print(lookup.timeout()));
		};
	}

}
