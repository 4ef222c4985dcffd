package io.ngi.imperative;

import io.ngi.NgiException;

/**
 * Thrown by {@link Input#next()} when the connection was closed by the peer, the network,
 * a listener stop or a framing adapter. Its message is the close reason. A body normally
 * lets it propagate, which ends the body quietly.
 */
public class ConnectionClosedException extends NgiException {

	/**
	 * Why the connection closed (part of the serialized form).
	 */
	private final String reason;

	/**
	 * Creates an exception for a close.
	 * @param reason the close reason, also the message
	 */
	public ConnectionClosedException(String reason) {
		super(reason);
		this.reason = reason;
	}

	/**
	 * Returns why the connection closed.
	 * @return the close reason, for example {@code "end of input"}
	 */
	public String reason() {
		return this.reason;
	}

}
