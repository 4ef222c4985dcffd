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

import java.util.List;

import org.springframework.context.ApplicationEvent;

/**
 * Published once every enabled NGI listener of the context is open, after the bound ports
 * were published as {@code local.ngi.<name>.port}. Delivered on the thread that started
 * the context.
 */
public final class NgiListenersStartedEvent extends ApplicationEvent {

	/** The listeners that opened, in registration order. */
	private final transient List<NgiRegisteredListener> listeners;

	/**
	 * Creates an event.
	 * @param registry the registry that opened the listeners
	 * @param listeners the listeners that are open
	 */
	NgiListenersStartedEvent(NgiListenerRegistry registry, List<NgiRegisteredListener> listeners) {
		super(registry);
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Returns the registry that opened the listeners.
	 * @return the registry
	 */
	public NgiListenerRegistry getRegistry() {
		return (NgiListenerRegistry) getSource();
	}

	/**
	 * Returns the listeners that were opened, in registration order.
	 * @return the open listeners
	 */
	public List<NgiRegisteredListener> getListeners() {
		return this.listeners;
	}

}
