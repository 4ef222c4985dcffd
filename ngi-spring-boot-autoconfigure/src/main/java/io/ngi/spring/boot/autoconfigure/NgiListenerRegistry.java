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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Binder;
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

/**
 * Opens the listeners of the {@code @NgiServer} and {@code @NgiUdpHandler} beans once the
 * context is refreshed, and drains them when it closes.
 * <p>
 * The beans are found and checked when all singletons are instantiated, so a
 * configuration error fails startup before any listener opens. {@link #start()} opens
 * every enabled listener, publishes its bound port as {@code local.ngi.<name>.port} and
 * then an {@link NgiListenersStartedEvent}. {@link #stop(Runnable)} turns the health
 * OUT_OF_SERVICE, keeps accepting for {@code ngi.shutdown-delay} (if set, so that a load
 * balancer stops sending new connections first), then stops accepting, lets open
 * connections finish within {@code ngi.shutdown-timeout} (and within
 * {@code spring.lifecycle.timeout-per-shutdown-phase}), force-closes what remains and
 * always calls back.
 * <p>
 * Lifecycle methods are called by the context; the query methods are thread-safe.
 */
public final class NgiListenerRegistry
		implements SmartLifecycle, SmartInitializingSingleton, ApplicationContextAware, DisposableBean {

	/**
	 * The lifecycle phase: the same as Boot's web-server graceful shutdown, so NGI
	 * listeners drain alongside the web server.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

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
	public NgiListenerRegistry(ObjectProvider<Implementation> implementation, NgiProperties properties) {
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

	@Override
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
		this.draining = false;
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

	@Override
	public void stop() {
		CountDownLatch done = new CountDownLatch(1);
		stop(done::countDown);
		Duration bound = shutdownDelay().plus(drainTimeout()).plusSeconds(1);
		try {
			if (!done.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("NGI listeners did not stop within {}", bound);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized void stop(Runnable callback) {
		Objects.requireNonNull(callback, "callback");
		if (!this.running) {
			callback.run();
			return;
		}
		this.running = false;
		// Before anything stops: the health says OUT_OF_SERVICE from now, so a balancer's
		// next check routes elsewhere; the listeners keep accepting for
		// ngi.shutdown-delay (a connection the balancer sends meanwhile is served), then
		// stop accepting and drain.
		this.draining = true;
		List<NgiRegisteredListener> toStop = this.listeners;
		Duration delay = shutdownDelay();
		if (delay.isZero()) {
			stopAccepting(toStop, callback);
			return;
		}
		logger.info("NGI listeners draining: health OUT_OF_SERVICE; accepting for {} more (ngi.shutdown-delay)", delay);
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
				// Not on the loop thread that completed the last drain: closing the
				// listeners
				// and Spring's callback must not run there.
				.whenCompleteAsync((result, failure) -> forceClose(toStop, timeout, callback));
		}
		catch (RuntimeException ex) {
			logger.error("Failed to stop NGI listeners gracefully; closing them now", ex);
			forceClose(toStop, Duration.ZERO, callback);
		}
	}

	private void forceClose(List<NgiRegisteredListener> listeners, Duration timeout, Runnable callback) {
		try {
			for (NgiRegisteredListener listener : listeners) {
				try {
					int remaining = listener.closeNow();
					if (remaining > 0) {
						logger.info("NGI listener '{}' closed {} connection(s) still open after {}", listener.name(),
								remaining, timeout);
					}
				}
				catch (RuntimeException ex) {
					logger.warn("Failed to close NGI listener '{}'", listener.name(), ex);
				}
			}
		}
		finally {
			callback.run();
		}
	}

	/**
	 * Returns how long {@link #stop(Runnable)} lets connections drain: the smaller of
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
	 * Returns how long {@link #stop(Runnable)} keeps the listeners accepting after the
	 * health turns OUT_OF_SERVICE: {@code ngi.shutdown-delay}, at most nine tenths of
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

	@Override
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
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
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
