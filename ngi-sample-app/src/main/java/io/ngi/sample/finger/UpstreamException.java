package io.ngi.sample.finger;

/**
 * Why an upstream finger server gave no answer, in words meant for the finger client:
 * {@code "upstream timed out"}, {@code "upstream 127.0.0.1:7079 is down: ..."}.
 */
final class UpstreamException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message the answer for the client
	 */
	UpstreamException(String message) {
		super(message, null, false, false);
	}

}
