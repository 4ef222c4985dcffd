package io.ngi;

/**
 * Receives the events of one connection; implemented by applications.
 * <p>
 * An implementation never calls a handler of one connection concurrently or re-entrantly:
 * events that arrive while a handler method runs are queued and delivered after it
 * returns. So a handler needs no synchronization of its own. Handler methods run on the
 * implementation's loop thread (NIO) or inside the call that caused the event (testing),
 * and must not block: while a handler runs, its loop serves nothing else.
 * <p>
 * An exception thrown from {@link #handleInput} or {@link #handleException} is logged,
 * the connection is closed, and the handler then gets {@link #handleClose} with the
 * reason.
 *
 * {@snippet :
 * class Echo implements ConnectionHandler {
 *
 * 	public void handleInput(Connection connection, byte[] data) {
 * 		connection.write(data);
 * 	}
 *
 * }
 * }
 */
public interface ConnectionHandler {

	/**
	 * Handles input. Data arrives in chunks of any size, with no record boundaries: a
	 * message may be split across calls and several messages may arrive in one. The array
	 * belongs to the handler; the implementation never reuses it.
	 * @param connection the connection the data arrived on
	 * @param data the bytes received, never empty
	 * @throws Exception to close the connection as a handler error
	 */
	void handleInput(Connection connection, byte[] data) throws Exception;

	/**
	 * Handles a close that this side did not ask for: the peer closed, the network
	 * failed, the listener was stopped or a handler failed. It is not called when this
	 * side calls {@link Connection#close()}. Exceptions thrown here are logged and
	 * swallowed.
	 * @param connection the connection that closed
	 * @param reason why it closed, for example {@code "end of input"} or
	 * {@code "stopped"}
	 */
	default void handleClose(Connection connection, String reason) {
	}

	/**
	 * Handles a failure while consuming an {@link Iterable} given to
	 * {@link Connection#writeLines}: the iterator threw, or it yielded {@code null}. The
	 * default rethrows, which closes the connection as a handler error.
	 * @param connection the connection whose output failed
	 * @param exception the failure
	 * @throws Exception to close the connection as a handler error
	 */
	default void handleException(Connection connection, Exception exception) throws Exception {
		throw exception;
	}

}
