package io.ngi.internal;

/**
 * The end of a suspended handler call. Exactly one of its methods is called, once, from
 * any thread.
 */
public interface PendingCall {

	/**
	 * Ends the suspended call normally.
	 * @throws IllegalStateException if the call was already ended
	 */
	void complete();

	/**
	 * Ends the suspended call as if the handler had thrown {@code failure}.
	 * @param failure what the handler's work threw
	 * @throws IllegalStateException if the call was already ended
	 */
	void fail(Throwable failure);

}
