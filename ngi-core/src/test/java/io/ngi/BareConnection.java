package io.ngi;

import java.time.Duration;

/**
 * The base of the tests' hand-made connections, which feed a handler or an adapter
 * directly: the flow-control and timer methods they do not need are here once. Output is
 * always writable, pauses do nothing, {@code shutdownOutput} does nothing and
 * {@code schedule} is not supported.
 */
public abstract class BareConnection implements Connection {

	@Override
	public void shutdownOutput() {
	}

	@Override
	public boolean isWritable() {
		return isOpen();
	}

	@Override
	public void pauseReading() {
	}

	@Override
	public void resumeReading() {
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		throw new UnsupportedOperationException("schedule is not supported by " + getClass().getSimpleName());
	}

}
