package io.ngi.imperative;

/**
 * The input of an imperative handler's body: a blocking view of the connection's events.
 * Only the body's own thread may call it.
 */
public interface Input {

	/**
	 * Returns the next input, waiting for it. While the body waits here, the handler call
	 * that delivered the previous event returns to the implementation.
	 * @return the bytes of the next input event (a record when the connection is adapted)
	 * @throws ConnectionClosedException when the connection closed (its message is the
	 * reason), and again on every later call
	 * @throws RuntimeException a failure of an iterable given to {@code writeLines},
	 * rethrown here (a checked one wrapped in an {@link io.ngi.NgiException}); the body
	 * may catch it and go on reading
	 * @throws IllegalStateException when called from another thread than the body's
	 */
	byte[] next();

}
