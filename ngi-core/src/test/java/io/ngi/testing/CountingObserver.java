/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

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
