package io.ngi;

/**
 * A wait ran out before what it waited for happened.
 */
public class NgiTimeoutException extends NgiException {

	/**
	 * Creates a timeout exception.
	 * @param message what was waited for, and how long
	 */
	public NgiTimeoutException(String message) {
		super(message);
	}

}
