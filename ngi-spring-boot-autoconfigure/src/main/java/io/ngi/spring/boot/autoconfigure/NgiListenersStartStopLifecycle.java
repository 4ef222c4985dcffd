package io.ngi.spring.boot.autoconfigure;

import org.springframework.context.SmartLifecycle;

/**
 * Opens the listeners when the context starts and closes them (with the connections a
 * drain left) when it stops, at Boot's web-server start-stop phase.
 */
final class NgiListenersStartStopLifecycle implements SmartLifecycle {

	private final NgiListenerRegistry registry;

	NgiListenersStartStopLifecycle(NgiListenerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void start() {
		this.registry.start();
	}

	@Override
	public void stop() {
		this.registry.stop();
	}

	@Override
	public boolean isRunning() {
		return this.registry.isRunning();
	}

	@Override
	public int getPhase() {
		return NgiListenerRegistry.START_STOP_PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

}
