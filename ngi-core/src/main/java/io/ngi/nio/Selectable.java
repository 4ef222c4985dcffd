package io.ngi.nio;

import java.nio.channels.SelectionKey;

/**
 * What a loop attaches to a selection key: a connection, a connector or a listener. All
 * methods are called on the owning loop's thread.
 */
interface Selectable {

	/**
	 * Handles the key's ready operations.
	 * @param key the selected key
	 */
	void ready(SelectionKey key);

	/**
	 * Closes at once because the implementation is shutting down.
	 */
	void shutdown();

}
