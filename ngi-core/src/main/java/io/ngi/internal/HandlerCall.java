package io.ngi.internal;

/**
 * A handler call made through {@link Dispatcher#run}: a server's or connect handler's
 * {@code connected}, a connection task.
 */
@FunctionalInterface
public interface HandlerCall {

	/**
	 * Runs the call.
	 * @throws Exception to fail the connection as a handler error
	 */
	void run() throws Exception;

}
