package io.ngi;

/**
 * A connection whose implementation lets a handler finish its current call later, from
 * another thread, without holding the implementation's thread meanwhile.
 * <p>
 * This is a service-provider hook for handlers that run application code on threads of
 * their own, such as {@code io.ngi.imperative.Imperative}; ordinary handlers never need
 * it. The NIO implementation's connections implement it; the testing implementation's do
 * not, so that handlers fall back to finishing their calls before returning and behaviour
 * stays deterministic there.
 * <p>
 * A suspended call keeps contract rule 1: until every {@link PendingCall} taken during a
 * handler call is completed, the implementation makes no other call to this connection's
 * handler. Input is not read (so the peer is held back by TCP flow control), and a close
 * or {@code writeLines} failure that happens meanwhile is delivered after the last
 * completion, in order. Writes and {@code close()} from any thread work as usual
 * meanwhile. A suspended call that holds back a close counts as work: the
 * implementation's loop does not go idle (an inline loop does not return) until it ends.
 * One exception to the order above: if the implementation itself shuts down while a call
 * is suspended, the handler gets {@link ConnectionHandler#handleClose} with
 * {@code "stopped"} at once, since no thread remains to deliver it later; a handler that
 * suspends calls must accept that.
 */
public interface SuspendableConnection extends Connection {

	/**
	 * Suspends the handler call in progress on this connection: the call is not over when
	 * it returns but when the returned pending call is completed. May be called more than
	 * once in one call; the call is over when every pending call is completed.
	 * @return the pending call, to complete exactly once, from any thread
	 * @throws IllegalStateException if not called from inside a handler call of this
	 * connection, on the implementation's thread
	 */
	PendingCall suspendCall();

	/**
	 * The end of a suspended handler call. Exactly one of its methods is called, once,
	 * from any thread.
	 */
	interface PendingCall {

		/**
		 * Ends the suspended call normally.
		 * @throws IllegalStateException if the call was already ended
		 */
		void complete();

		/**
		 * Ends the suspended call as if the handler had thrown {@code failure}: it is
		 * logged and the connection is closed with the failure's {@code toString()} as
		 * the reason.
		 * @param failure what the handler's work threw
		 * @throws IllegalStateException if the call was already ended
		 */
		void fail(Throwable failure);

	}

}
