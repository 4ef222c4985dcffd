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
