package io.ngi;

/**
 * Accepts server connections; implemented by applications. A server is called once for
 * each connection a {@link Listener} accepts, and normally calls
 * {@link Connection#setHandler}.
 * <p>
 * An exception closes only that connection, never the listener.
 *
 * {@snippet :
 * Listener listener = implementation.listen(address, connection -> connection.setHandler(new Echo()));
 * }
 */
@FunctionalInterface
public interface Server {

	/**
	 * Takes a newly accepted connection.
	 * @param connection the connection
	 * @throws Exception to close the connection as a handler error
	 */
	void connected(Connection connection) throws Exception;

}
