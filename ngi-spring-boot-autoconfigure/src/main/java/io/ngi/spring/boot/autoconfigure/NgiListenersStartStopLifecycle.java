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
