package io.ngi;

/**
 * A scheduled task that can still be cancelled, returned by
 * {@link Implementation#schedule} and {@link Connection#schedule}.
 */
public interface Cancellable {

	/**
	 * Cancels the task unless it already ran or was cancelled. Idempotent and
	 * thread-safe. A task that is running when this is called finishes.
	 * @return {@code true} if this call stopped the task from running, {@code false} if
	 * it had run, was running, or was cancelled before
	 */
	boolean cancel();

}
