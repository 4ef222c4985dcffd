package io.ngi.spring.boot.autoconfigure;

import org.springframework.context.SmartLifecycle;

/**
 * Drains the listeners when the context stops, at Boot's web-server graceful shutdown
 * phase, which stops before the start-stop phase closes them.
 */
final class NgiListenersGracefulShutdownLifecycle implements SmartLifecycle {

	private final NgiListenerRegistry registry;

	private volatile boolean running;

	NgiListenersGracefulShutdownLifecycle(NgiListenerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("Stop must not be invoked directly");
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		this.registry.shutDownGracefully(callback);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return NgiListenerRegistry.GRACEFUL_SHUTDOWN_PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

}
