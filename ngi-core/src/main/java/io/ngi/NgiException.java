package io.ngi;

import org.jspecify.annotations.Nullable;

/**
 * The base of NGI's exceptions: unchecked.
 */
public class NgiException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 */
	public NgiException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public NgiException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
