package io.ngi.testing;

import java.util.concurrent.atomic.AtomicInteger;

import io.ngi.ListenerObserver;

/**
 * A listener observer for tests that counts what it is told.
 */
class CountingObserver implements ListenerObserver {

	final AtomicInteger opened = new AtomicInteger();

	final AtomicInteger closed = new AtomicInteger();

	final AtomicInteger received = new AtomicInteger();

	final AtomicInteger sent = new AtomicInteger();

	final AtomicInteger failures = new AtomicInteger();

	final AtomicInteger datagrams = new AtomicInteger();

	@Override
	public void connectionOpened() {
		this.opened.incrementAndGet();
	}

	@Override
	public void connectionClosed() {
		this.closed.incrementAndGet();
	}

	@Override
	public void bytesReceived(int bytes) {
		this.received.addAndGet(bytes);
	}

	@Override
	public void bytesSent(int bytes) {
		this.sent.addAndGet(bytes);
	}

	@Override
	public void handlerFailed(Throwable failure) {
		this.failures.incrementAndGet();
	}

	@Override
	public void datagramReceived(int bytes) {
		this.datagrams.addAndGet(bytes);
	}

}
