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

import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import io.ngi.Addresses;
import io.ngi.Implementation;
import io.ngi.testing.TestingImplementation;

/**
 * The listeners of the {@code @NgiServer} and {@code @NgiUdpHandler} beans: opened once
 * the context is refreshed, drained and closed when it closes.
 * <p>
 * The beans are found and checked when all singletons are instantiated, so a
 * configuration error fails startup before any listener opens. As Boot does for web
 * servers, two lifecycles drive the registry: at phase {@link #START_STOP_PHASE}
 * {@link #start()} opens every enabled listener, publishes its bound port as
 * {@code local.ngi.<name>.port} and then an {@link NgiListenersStartedEvent}, and
 * {@link #stop()} closes what is still open; at the later phase
 * {@link #GRACEFUL_SHUTDOWN_PHASE}, which stops first, {@link #shutDownGracefully}
 * drains: the readiness state turns {@code REFUSING_TRAFFIC} and the health
 * OUT_OF_SERVICE, the listeners keep accepting for {@code ngi.shutdown-delay} (if set, so
 * that a load balancer stops sending new connections first), then stop accepting (each
 * open connection's handler hears {@code handleDraining}) and open connections finish
 * within {@code ngi.shutdown-timeout} (and within
 * {@code spring.lifecycle.timeout-per-shutdown-phase}).
 * <p>
 * Lifecycle methods are called by the context; the query methods are thread-safe.
 */
public final class NgiListenerRegistry implements SmartInitializingSingleton, ApplicationContextAware, DisposableBean {

	/**
	 * The phase in which listeners open and close: Boot's web-server start-stop phase.
	 */
	public static final int START_STOP_PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	/**
	 * The phase in which listeners drain on shutdown: Boot's web-server graceful shutdown
	 * phase, so NGI listeners drain alongside the web server, before they close.
	 */
	public static final int GRACEFUL_SHUTDOWN_PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	/** The name of the property source that holds {@code local.ngi.<name>.port}. */
	public static final String PORTS_PROPERTY_SOURCE = "ngi.ports";

	private static final Logger logger = LoggerFactory.getLogger(NgiListenerRegistry.class);

	private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

	private final ObjectProvider<Implementation> implementation;

	private final NgiProperties properties;

	private final Map<String, NgiListenerStatistics> statistics = new ConcurrentHashMap<>();

	private @Nullable ConfigurableApplicationContext context;

	private volatile List<NgiRegisteredListener> listeners = List.of();

	private volatile boolean running;

	/** Stopped accepting for a shutdown: draining, then closed. Reset by a start. */
	private volatile boolean draining;

	/**
	 * Creates a registry.
	 * @param implementation supplies the implementation that listens
	 * @param properties the NGI properties
	 */
	NgiListenerRegistry(ObjectProvider<Implementation> implementation, NgiProperties properties) {
		this.implementation = Objects.requireNonNull(implementation, "implementation");
		this.properties = Objects.requireNonNull(properties, "properties");
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		if (!(applicationContext instanceof ConfigurableApplicationContext configurable)) {
			throw new IllegalArgumentException(
					"NgiListenerRegistry needs a ConfigurableApplicationContext: " + applicationContext);
		}
		this.context = configurable;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableApplicationContext context = context();
		this.listeners = List
			.copyOf(new NgiListenerCollector(context.getBeanFactory(), context.getEnvironment(), this.properties,
					(name) -> this.statistics.computeIfAbsent(name, (key) -> new NgiListenerStatistics()))
				.collect());
	}

	/**
	 * Returns the enabled listeners, in registration order: {@code @NgiServer} beans
	 * first, then {@code @NgiUdpHandler} beans.
	 * @return the listeners, empty before the context's singletons are instantiated
	 */
	public List<NgiRegisteredListener> listeners() {
		return this.listeners;
	}

	/**
	 * Returns one listener by name.
	 * @param name the listener name
	 * @return the listener, or {@code null} if no enabled listener has that name
	 */
	public @Nullable NgiRegisteredListener listener(String name) {
		Objects.requireNonNull(name, "name");
		for (NgiRegisteredListener listener : this.listeners) {
			if (listener.name().equals(name)) {
				return listener;
			}
		}
		return null;
	}

	/**
	 * Returns the implementation the listeners run on.
	 * @return the implementation, or {@code null} if the context has none
	 */
	public @Nullable Implementation implementation() {
		return this.implementation.getIfAvailable();
	}

	/**
	 * Opens every enabled listener. Does nothing when they are open.
	 * @throws NgiStartupException if one cannot open (the others are closed again)
	 */
	public synchronized void start() {
		if (this.running) {
			return;
		}
		List<NgiRegisteredListener> toOpen = this.listeners;
		if (!toOpen.isEmpty()) {
			Implementation implementation = requireImplementation(toOpen.get(0));
			List<NgiRegisteredListener> opened = new ArrayList<>();
			try {
				for (NgiRegisteredListener listener : toOpen) {
					open(implementation, listener);
					opened.add(listener);
				}
			}
			catch (RuntimeException ex) {
				opened.forEach(NgiRegisteredListener::closeNow);
				throw ex;
			}
			publishPorts(opened);
			for (NgiRegisteredListener listener : opened) {
				if (implementation instanceof TestingImplementation) {
					// A test slice: no socket, nothing listens; say so only when asked.
					logger.debug("NGI listener '{}' ({}) registered in memory as {} (testing implementation)",
							listener.name(), listener.transport().tag(), format(listener.boundAddress()));
					continue;
				}
				NgiListenerTls tls = listener.tls();
				if (tls != null) {
					logger.info("NGI listener '{}' ({}, TLS with SSL bundle '{}') listening on {}", listener.name(),
							listener.transport().tag(), tls.bundle(), format(listener.boundAddress()));
				}
				else {
					logger.info("NGI listener '{}' ({}) listening on {}", listener.name(), listener.transport().tag(),
							format(listener.boundAddress()));
				}
			}
		}
		this.running = true;
		if (this.draining) {
			this.draining = false;
			AvailabilityChangeEvent.publish(context(), ReadinessState.ACCEPTING_TRAFFIC);
		}
		context().publishEvent(new NgiListenersStartedEvent(this, toOpen));
	}

	private Implementation requireImplementation(NgiRegisteredListener first) {
		Implementation implementation = this.implementation.getIfUnique();
		if (implementation == null) {
			throw new NgiStartupException(
					"NGI listener '" + first.name() + "' (bean '" + first.beanName()
							+ "') cannot start: the context has no unique io.ngi.Implementation bean.",
					"Let NgiAutoConfiguration define the NIO implementation (remove the extra Implementation beans),"
							+ " or define exactly one io.ngi.Implementation bean.",
					null);
		}
		return implementation;
	}

	private void open(Implementation implementation, NgiRegisteredListener listener) {
		try {
			listener.open(implementation);
		}
		catch (RuntimeException ex) {
			String address = listener.settings().address();
			if (hasCause(ex, BindException.class)) {
				throw new NgiStartupException(
						"NGI listener '" + listener.name() + "' (bean '" + listener.beanName()
								+ "') failed to start: the address " + address + " is already in use.",
						"Identify and stop the process that is listening on " + address
								+ ", or configure this listener to listen on another address with ngi.servers."
								+ listener.name() + ".address (\":0\" picks a free port).",
						ex);
			}
			NgiListenerTls tls = listener.tls();
			if (tls != null && hasCause(ex, IllegalArgumentException.class)) {
				throw new NgiStartupException("NGI listener '" + listener.name() + "' (bean '" + listener.beanName()
						+ "') cannot use the TLS options of the SSL bundle '" + tls.bundle() + "': " + ex.getMessage(),
						"Check spring.ssl.bundle.*." + tls.bundle()
								+ ".options.enabled-protocols and .options.ciphers: each must be a protocol"
								+ " or cipher suite this JDK supports (such as TLSv1.3, TLSv1.2).",
						ex);
			}
			throw new NgiStartupException(
					"NGI listener '" + listener.name() + "' (bean '" + listener.beanName() + "') failed to listen on "
							+ address + ": " + ex.getMessage(),
					"Check that " + address + " is an address of this host that the application may bind,"
							+ " or change ngi.servers." + listener.name() + ".address.",
					ex);
		}
	}

	private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
			if (cause.getCause() == cause) {
				return false;
			}
		}
		return false;
	}

	private void publishPorts(List<NgiRegisteredListener> opened) {
		ConfigurableEnvironment environment = context().getEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> existing = sources.get(PORTS_PROPERTY_SOURCE);
		@SuppressWarnings("unchecked")
		Map<String, Object> ports = (existing != null) ? (Map<String, Object>) existing.getSource()
				: new ConcurrentHashMap<>();
		if (existing == null) {
			sources.addFirst(new MapPropertySource(PORTS_PROPERTY_SOURCE, ports));
		}
		for (NgiRegisteredListener listener : opened) {
			if (listener.boundAddress() instanceof InetSocketAddress inet) {
				ports.put("local.ngi." + listener.name() + ".port", inet.getPort());
			}
		}
	}

	/**
	 * Drains the listeners for a shutdown and calls back when the open connections have
	 * closed or the drain timeout passed (what remains is closed by {@link #stop()}). The
	 * readiness state turns {@code REFUSING_TRAFFIC} at once; the listeners keep
	 * accepting for the {@linkplain #shutdownDelay() shutdown delay}, then stop
	 * accepting. Always calls back, on another thread when there is something to wait
	 * for. Does nothing but call back when the listeners are not running.
	 * @param callback called once the drain ended
	 */
	public synchronized void shutDownGracefully(Runnable callback) {
		Objects.requireNonNull(callback, "callback");
		if (!this.running || this.draining) {
			callback.run();
			return;
		}
		// Before anything stops: readiness and health say the instance is going away, so
		// a balancer's next check routes elsewhere; the listeners keep accepting for
		// ngi.shutdown-delay (a connection the balancer sends meanwhile is served), then
		// stop accepting and drain.
		this.draining = true;
		AvailabilityChangeEvent.publish(context(), ReadinessState.REFUSING_TRAFFIC);
		List<NgiRegisteredListener> toStop = this.listeners;
		Duration delay = shutdownDelay();
		if (delay.isZero()) {
			stopAccepting(toStop, callback);
			return;
		}
		logger.info("NGI listeners draining: readiness REFUSING_TRAFFIC; accepting for {} more (ngi.shutdown-delay)",
				DurationStyle.SIMPLE.print(delay));
		CompletableFuture.runAsync(() -> stopAccepting(toStop, callback),
				CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
	}

	private void stopAccepting(List<NgiRegisteredListener> toStop, Runnable callback) {
		try {
			List<CompletableFuture<Void>> drained = new ArrayList<>();
			for (NgiRegisteredListener listener : toStop) {
				drained.add(listener.stopAccepting());
			}
			Duration timeout = drainTimeout();
			CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new))
				.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
				// Not on the loop thread that completed the last drain: Spring's callback
				// must not run there.
				.whenCompleteAsync((result, failure) -> callback.run());
		}
		catch (RuntimeException ex) {
			logger.error("Failed to drain NGI listeners; they are closed without waiting for their connections", ex);
			callback.run();
		}
	}

	/**
	 * Closes the listeners and the connections still open (after a drain, those that
	 * outlived the drain timeout). Idempotent.
	 */
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		if (!this.draining) {
			this.draining = true;
			AvailabilityChangeEvent.publish(context(), ReadinessState.REFUSING_TRAFFIC);
		}
		for (NgiRegisteredListener listener : this.listeners) {
			try {
				int remaining = listener.closeNow();
				if (remaining > 0) {
					logger.info("NGI listener '{}' closed {} connection(s) still open", listener.name(), remaining);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to close NGI listener '{}'", listener.name(), ex);
			}
		}
	}

	/**
	 * Returns how long {@link #shutDownGracefully} lets connections drain: the smaller of
	 * {@code ngi.shutdown-timeout} and nine tenths of
	 * {@code spring.lifecycle.timeout-per-shutdown-phase} less the
	 * {@linkplain #shutdownDelay() shutdown delay}, so the force-close ends within the
	 * phase.
	 * @return the drain timeout
	 */
	public Duration drainTimeout() {
		Duration left = withinPhase().minus(shutdownDelay());
		Duration configured = this.properties.getShutdownTimeout();
		return (configured.compareTo(left) < 0) ? configured : left;
	}

	/**
	 * Returns how long {@link #shutDownGracefully} keeps the listeners accepting after
	 * the health turns OUT_OF_SERVICE: {@code ngi.shutdown-delay}, at most nine tenths of
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
	 * @return the delay, zero for none
	 */
	public Duration shutdownDelay() {
		Duration withinPhase = withinPhase();
		Duration configured = this.properties.getShutdownDelay();
		return (configured.compareTo(withinPhase) < 0) ? configured : withinPhase;
	}

	private Duration withinPhase() {
		Duration phase = Binder.get(context().getEnvironment())
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_PHASE_TIMEOUT);
		return phase.minus(phase.dividedBy(10));
	}

	/**
	 * Returns whether the listeners are open (draining included).
	 * @return whether started and not stopped
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Returns whether the listeners stopped accepting for a shutdown: their open
	 * connections drain (or were closed), and no new one is accepted.
	 * @return whether draining or stopped by a shutdown
	 */
	public boolean isDraining() {
		return this.draining;
	}

	@Override
	public void destroy() {
		this.running = false;
		for (NgiRegisteredListener listener : this.listeners) {
			try {
				listener.closeNow();
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to close NGI listener '{}'", listener.name(), ex);
			}
		}
	}

	private ConfigurableApplicationContext context() {
		ConfigurableApplicationContext context = this.context;
		if (context == null) {
			throw new IllegalStateException("NgiListenerRegistry has no application context yet");
		}
		return context;
	}

	private static String format(@Nullable SocketAddress address) {
		return (address != null) ? Addresses.format(address) : "(not bound)";
	}

}
