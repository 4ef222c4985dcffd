package io.ngi;

/**
 * Receives the outcome of {@link Implementation#connect}; implemented by applications.
 * <p>
 * Exactly one of {@code connected} and {@code failedConnect} is called, once, on the
 * implementation's loop thread (NIO) or inside the {@code connect} call (testing).
 */
public interface ClientConnectHandler {

	/**
	 * Called when the connection is established; normally calls
	 * {@link Connection#setHandler}. An exception closes the connection.
	 * @param connection the new connection
	 * @throws Exception to close the connection as a handler error
	 */
	void connected(Connection connection) throws Exception;

	/**
	 * Called when the connection could not be made.
	 * @param reason why, for example {@code "ECONNREFUSED"} or {@code "no such server"}
	 */
	void failedConnect(String reason);

	/**
	 * Called when the connection could not be made, with the typed reason. This is the
	 * method implementations call; the default calls {@link #failedConnect(String)} with
	 * {@link CloseReason#text()}.
	 * @param reason why, for example of kind {@link CloseReason.Kind#REFUSED}
	 */
	default void failedConnect(CloseReason reason) {
		failedConnect(reason.text());
	}

}
