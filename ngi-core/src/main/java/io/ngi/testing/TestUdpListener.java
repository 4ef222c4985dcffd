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

import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.ListenOptions;
import io.ngi.UdpHandler;
import io.ngi.UdpListener;

/**
 * A UDP listener of the {@link TestingImplementation}: datagrams sent with
 * {@link TestingImplementation#sendUdp} are handed to the handler inside that call.
 */
final class TestUdpListener implements UdpListener {

	private static final Logger logger = LoggerFactory.getLogger(TestUdpListener.class);

	private final TestingImplementation implementation;

	private final SocketAddress address;

	private final UdpHandler handler;

	private final ListenOptions options;

	private volatile boolean open = true;

	TestUdpListener(TestingImplementation implementation, SocketAddress address, UdpHandler handler,
			ListenOptions options) {
		this.implementation = implementation;
		this.address = address;
		this.handler = handler;
		this.options = options;
	}

	@Override
	public SocketAddress address() {
		return this.address;
	}

	/**
	 * Delivers the datagram, inside this call, to the UDP listener registered at
	 * {@code address}, with this listener's address as its source; dropped if there is
	 * none.
	 */
	@Override
	public void send(SocketAddress address, byte[] message) {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(message, "message");
		if (!this.open) {
			throw new IllegalStateException("send called on closed " + this);
		}
		this.implementation.deliverUdp(this.address, address, message.clone());
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public void close() {
		this.open = false;
		this.implementation.unregister(this);
	}

	/**
	 * Hands a datagram, truncated to the buffer size, to the handler; a failure is logged
	 * and recorded.
	 */
	void deliver(SocketAddress source, byte[] message) {
		if (!this.open) {
			return;
		}
		byte[] data = Arrays.copyOf(message, Math.min(message.length, this.options.udpBufferSize()));
		this.options.observer().datagramReceived(data.length);
		try {
			this.handler.handle(this, source, data);
		}
		catch (Exception ex) {
			logger.error("UDP handler of {} failed on a datagram from {}", this, source, ex);
			this.implementation.recordHandlerError(ex);
			this.options.observer().handlerFailed(ex);
		}
	}

	@Override
	public String toString() {
		return "TestUdpListener[" + this.address + "]";
	}

}
