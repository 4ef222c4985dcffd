package io.ngi;

/**
 * A connection could not be made. Thrown by imperative client handlers and the blocking
 * helpers, carrying the reason given to {@link ClientConnectHandler#failedConnect}.
 */
public class ConnectionFailedException extends NgiException {

	/**
	 * Why the connection could not be made, as given to
	 * {@link ClientConnectHandler#failedConnect} (part of the serialized form).
	 */
	private final String reason;

	/**
	 * Creates an exception for a failed connect.
	 * @param reason the reason, also the message
	 */
	public ConnectionFailedException(String reason) {
		super(reason);
		this.reason = reason;
	}

	/**
	 * Returns why the connection could not be made.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

}
