package io.ngi.spring.boot.autoconfigure;

import java.util.List;

import org.springframework.context.ApplicationEvent;

/**
 * Published once every enabled NGI listener of the context is open, after the bound ports
 * were published as {@code local.ngi.<name>.port}. Delivered on the thread that started
 * the context.
 */
public class NgiListenersStartedEvent extends ApplicationEvent {

	private final List<NgiRegisteredListener> listeners;

	/**
	 * Creates an event.
	 * @param registry the registry that opened the listeners
	 * @param listeners the listeners that are open
	 */
	public NgiListenersStartedEvent(NgiListenerRegistry registry, List<NgiRegisteredListener> listeners) {
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
